"""A decided plan's responses to the external factors are read-only like its sections."""

from django.db import migrations

from apps.plans.guard import DECIDED_PLAN

TABLES = ("plans_planfactorresponse",)


def forwards(apps, schema_editor):
    DECIDED_PLAN.create(schema_editor, TABLES)


def backwards(apps, schema_editor):
    DECIDED_PLAN.drop(schema_editor, TABLES, drop_function=False)


class Migration(migrations.Migration):
    dependencies = [("plans", "0003_external_factors")]
    operations = [migrations.RunPython(forwards, backwards)]
