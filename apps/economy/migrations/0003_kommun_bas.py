"""Ships Kommun-Bas: the statement lines and the account mapping of apps/economy/kommun_bas.py."""

from django.db import migrations
from django.utils import timezone

REASON = "Kommun-Bas, shipped with styrmodell"


def forwards(apps, schema_editor):
    from apps.economy import kommun_bas

    kommun_bas.install(
        apps.get_model("economy", "StatementLine"),
        apps.get_model("economy", "AccountMapping"),
        reason=REASON,
        now=timezone.now(),
    )


def backwards(apps, schema_editor):
    from apps.economy import kommun_bas

    AccountMapping = apps.get_model("economy", "AccountMapping")
    StatementLine = apps.get_model("economy", "StatementLine")
    prefixes = [prefix for prefix, *_rest in kommun_bas.ACCOUNT_MAPPINGS]
    keys = [key for _statement, key, *_rest in kommun_bas.STATEMENT_LINES]
    AccountMapping.objects.filter(prefix__in=prefixes).delete()
    StatementLine.objects.filter(key__in=keys, mappings__isnull=True).delete()


class Migration(migrations.Migration):
    dependencies = [("economy", "0002_closed_period_guard")]
    operations = [migrations.RunPython(forwards, backwards)]
