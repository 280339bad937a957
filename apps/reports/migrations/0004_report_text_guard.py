"""A closed period's förvaltningsberättelse texts are read-only like all its follow-up (see
apps.core.dbguard). The treatment dates are not: KF treats the report after the period is
closed, and that is when they are entered."""

from django.db import migrations

from apps.followup.guard import create_guard, drop_guard

TABLES = ("reports_reporttext",)


def forwards(apps, schema_editor):
    create_guard(schema_editor, TABLES)


def backwards(apps, schema_editor):
    drop_guard(schema_editor, TABLES, drop_function=False)


class Migration(migrations.Migration):
    dependencies = [
        ("reports", "0003_report_texts_and_treatment"),
        ("followup", "0013_body_report_guard"),
    ]
    operations = [migrations.RunPython(forwards, backwards)]
