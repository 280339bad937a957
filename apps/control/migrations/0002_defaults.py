"""The shipped defaults: the five risk categories, four risk levels and the written-out
meaning of each step of the two scales. All are changed in the admin."""

from django.db import migrations

from apps.control.defaults import ensure_defaults


def forwards(apps, schema_editor):
    ensure_defaults(
        apps.get_model("control", "RiskCategory"),
        apps.get_model("control", "RiskLevel"),
        apps.get_model("control", "ScaleStep"),
    )


class Migration(migrations.Migration):
    dependencies = [("control", "0001_initial")]
    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
