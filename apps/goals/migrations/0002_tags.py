from django.db import migrations

from apps.goals.tags import ensure_tags


def create_tags(apps, schema_editor):
    ensure_tags(apps.get_model("goals", "Tag"))


class Migration(migrations.Migration):
    dependencies = [("goals", "0001_initial")]
    operations = [migrations.RunPython(create_tags, migrations.RunPython.noop)]
