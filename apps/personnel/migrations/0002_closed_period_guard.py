"""A closed period's personnel figures and imports are read-only like all its follow-up
(see apps.core.dbguard)."""

from django.db import migrations

from apps.followup.guard import create_guard, drop_guard

TABLES = ("personnel_personnelimport", "personnel_personnelfigure")


def forwards(apps, schema_editor):
    create_guard(schema_editor, TABLES)


def backwards(apps, schema_editor):
    drop_guard(schema_editor, TABLES, drop_function=False)


class Migration(migrations.Migration):
    dependencies = [
        ("personnel", "0001_initial"),
        ("followup", "0011_mission_and_assignment_followup_guard"),
    ]
    operations = [migrations.RunPython(forwards, backwards)]
