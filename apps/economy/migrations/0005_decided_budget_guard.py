"""Decided budget decisions and detaljbudgetar are read-only (see apps.economy.budget_guard)."""

from django.db import migrations

from apps.economy.budget_guard import create_guard, drop_guard


def forwards(apps, schema_editor):
    create_guard(schema_editor)


def backwards(apps, schema_editor):
    drop_guard(schema_editor)


class Migration(migrations.Migration):
    dependencies = [("economy", "0004_budget_decision_state")]
    operations = [migrations.RunPython(forwards, backwards)]
