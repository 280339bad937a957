"""Marking a closed period's follow-up as done (or undone) is refused like any other write."""

from django.db import migrations

from apps.followup.guard import create_guard, drop_guard

TABLES = ("followup_unitcompletion",)


def forwards(apps, schema_editor):
    create_guard(schema_editor, TABLES)


def backwards(apps, schema_editor):
    drop_guard(schema_editor, TABLES, drop_function=False)


class Migration(migrations.Migration):
    dependencies = [("followup", "0004_unit_completion")]
    operations = [migrations.RunPython(forwards, backwards)]
