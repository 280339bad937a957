"""Forecasts of a closed period are read-only like all follow-up (see apps.core.dbguard)."""

from django.db import migrations

from apps.followup.guard import create_guard, drop_guard

TABLES = ("economy_forecast", "economy_investmentforecast")


def forwards(apps, schema_editor):
    create_guard(schema_editor, TABLES)


def backwards(apps, schema_editor):
    drop_guard(schema_editor, TABLES, drop_function=False)


class Migration(migrations.Migration):
    dependencies = [("economy", "0001_initial"), ("followup", "0007_measure_followup_guard")]
    operations = [migrations.RunPython(forwards, backwards)]
