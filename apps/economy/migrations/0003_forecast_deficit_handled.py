"""A forecast says whether the nämnd can handle its deficit within its delegation.

SQLite adds a column with a default by rebuilding the table, which drops its triggers: the
closed-period guard of migration 0002 is put back after the rebuild (and before the rebuild
that undoes it). PostgreSQL keeps its triggers; recreating them there changes nothing.
"""

from django.db import migrations, models

from apps.followup.guard import create_guard, drop_guard

TABLES = ("economy_forecast",)


def restore_guard(apps, schema_editor):
    drop_guard(schema_editor, TABLES, drop_function=False)
    create_guard(schema_editor, TABLES)


class Migration(migrations.Migration):
    dependencies = [
        ("economy", "0002_closed_period_guard"),
    ]

    operations = [
        migrations.RunPython(migrations.RunPython.noop, restore_guard),
        migrations.AddField(
            model_name="forecast",
            name="deficit_handled",
            field=models.BooleanField(
                default=False,
                verbose_name="the committee can handle the deficit within its delegation",
            ),
        ),
        migrations.AddField(
            model_name="historicalforecast",
            name="deficit_handled",
            field=models.BooleanField(
                default=False,
                verbose_name="the committee can handle the deficit within its delegation",
            ),
        ),
        migrations.RunPython(restore_guard, migrations.RunPython.noop),
    ]
