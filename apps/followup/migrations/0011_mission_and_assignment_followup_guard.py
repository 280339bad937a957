"""The follow-up of grunduppdrag and the återrapporter of uppdrag in a closed period are
read-only like all follow-up."""

from django.db import migrations

from apps.followup.guard import create_guard, drop_guard

TABLES = ("followup_missionassessment", "followup_assignmentreport")


def forwards(apps, schema_editor):
    create_guard(schema_editor, TABLES)


def backwards(apps, schema_editor):
    drop_guard(schema_editor, TABLES, drop_function=False)


class Migration(migrations.Migration):
    dependencies = [("followup", "0010_model_elements")]
    operations = [migrations.RunPython(forwards, backwards)]
