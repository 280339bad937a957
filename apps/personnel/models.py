"""Personnel figures per period: employees, årsarbetare and sjukfrånvaro (LKBR 11 kap.)."""

from django.db import models  # noqa: F401
