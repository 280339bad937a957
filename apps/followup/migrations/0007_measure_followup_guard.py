"""The follow-up of a measure in a closed period is read-only like all follow-up."""

from django.db import migrations

from apps.followup.guard import create_guard, drop_guard

TABLES = ("followup_measurefollowup",)


def forwards(apps, schema_editor):
    create_guard(schema_editor, TABLES)


def backwards(apps, schema_editor):
    drop_guard(schema_editor, TABLES, drop_function=False)


class Migration(migrations.Migration):
    dependencies = [("followup", "0006_action_plans")]
    operations = [migrations.RunPython(forwards, backwards)]
