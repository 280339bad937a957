"""A closed period's verksamhetsberättelser are read-only like all its follow-up."""

from django.db import migrations

from apps.followup.guard import create_guard, drop_guard

TABLES = ("followup_bodyreport",)


def forwards(apps, schema_editor):
    create_guard(schema_editor, TABLES)


def backwards(apps, schema_editor):
    drop_guard(schema_editor, TABLES, drop_function=False)


class Migration(migrations.Migration):
    dependencies = [("followup", "0012_body_report")]
    operations = [migrations.RunPython(forwards, backwards)]
