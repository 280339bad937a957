"""The kommunal koncern: the bolag's statements per period, ownership and eliminations."""

from django.db import models  # noqa: F401
