from django.db import migrations, models

from apps.core.schema import AddFieldInPlace


# The version column goes in without rebuilding the table on SQLite, so the closed-period
# guard's triggers on it stay: see apps.core.schema.
class Migration(migrations.Migration):
    dependencies = [
        ("goals", "0006_versioned"),
    ]

    operations = [
        migrations.AddField(
            model_name="historicalindicatorvalue",
            name="version",
            field=models.PositiveIntegerField(default=1, editable=False, verbose_name="version"),
        ),
        AddFieldInPlace(
            model_name="indicatorvalue",
            name="version",
            field=models.PositiveIntegerField(default=1, editable=False, verbose_name="version"),
        ),
    ]
