"""A closed reporting period is read-only whatever path a write takes (see guard.py)."""

from django.db import migrations

from apps.followup.guard import create_guard, drop_guard

TABLES = ("followup_assessment", "goals_indicatorvalue")


def forwards(apps, schema_editor):
    create_guard(schema_editor, TABLES)


def backwards(apps, schema_editor):
    drop_guard(schema_editor, TABLES, drop_function=True)


class Migration(migrations.Migration):
    dependencies = [
        ("followup", "0002_initial"),
        ("goals", "0003_goal_depth_index"),
        ("periods", "0001_initial"),
    ]
    operations = [migrations.RunPython(forwards, backwards)]
