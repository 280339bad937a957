"""The decided-plan guard on the controls and the closed-period guard on the results.

Keep this after the last schema change of these tables: SQLite rebuilds a table for some
changes (an AddField with a default) and drops its triggers with it.
"""

from django.db import migrations

from apps.control.guard import create_guards, drop_guards


def forwards(apps, schema_editor):
    create_guards(schema_editor)


def backwards(apps, schema_editor):
    drop_guards(schema_editor)


class Migration(migrations.Migration):
    dependencies = [("control", "0002_defaults"), ("followup", "0007_measure_followup_guard")]
    operations = [migrations.RunPython(forwards, backwards)]
