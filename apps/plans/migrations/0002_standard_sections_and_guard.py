from django.db import migrations

from apps.plans.guard import create_guard, drop_guard
from apps.plans.sections import ensure_standard_sections

def forwards(apps, schema_editor):
    ensure_standard_sections(apps.get_model("plans", "SectionTemplate"))
    create_guard(schema_editor)


def backwards(apps, schema_editor):
    drop_guard(schema_editor)


class Migration(migrations.Migration):
    dependencies = [("plans", "0001_initial")]
    operations = [migrations.RunPython(forwards, backwards)]
