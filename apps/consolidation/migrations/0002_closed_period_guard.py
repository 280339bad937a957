"""A closed period's company figures, forecasts and internal transactions are read-only like
all its follow-up (see apps.core.dbguard)."""

from django.db import migrations

from apps.followup.guard import create_guard, drop_guard

TABLES = (
    "consolidation_companyfigure",
    "consolidation_companyforecast",
    "consolidation_internaltransaction",
)


def forwards(apps, schema_editor):
    create_guard(schema_editor, TABLES)


def backwards(apps, schema_editor):
    drop_guard(schema_editor, TABLES, drop_function=False)


class Migration(migrations.Migration):
    dependencies = [
        ("consolidation", "0001_initial"),
        ("followup", "0011_mission_and_assignment_followup_guard"),
    ]
    operations = [migrations.RunPython(forwards, backwards)]
