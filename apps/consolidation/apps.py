from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ConsolidationConfig(AppConfig):
    name = "apps.consolidation"
    verbose_name = _("Consolidated accounts")
