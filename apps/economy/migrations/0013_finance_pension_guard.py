"""A closed period's finance forecast and pension statement are read-only like all its
follow-up (see apps.core.dbguard)."""

from django.db import migrations

from apps.followup.guard import create_guard, drop_guard

TABLES = ("economy_financeforecast", "economy_pensionstatement")


def forwards(apps, schema_editor):
    create_guard(schema_editor, TABLES)


def backwards(apps, schema_editor):
    drop_guard(schema_editor, TABLES, drop_function=False)


class Migration(migrations.Migration):
    dependencies = [("economy", "0012_reports_figures"), ("followup", "0011_mission_and_assignment_followup_guard")]
    operations = [migrations.RunPython(forwards, backwards)]
