from django.db import migrations, models

from apps.core.schema import AddFieldInPlace


# Indicator targets get a version (they are corrected through a form now) and a correction
# after KF's decision is recorded as an indicator-set change with both values. The version
# column goes in without rebuilding the table on SQLite: see apps.core.schema.
class Migration(migrations.Migration):
    dependencies = [
        ("goals", "0007_indicatorvalue_version"),
    ]

    operations = [
        migrations.AddField(
            model_name="historicalindicatortarget",
            name="version",
            field=models.PositiveIntegerField(default=1, editable=False, verbose_name="version"),
        ),
        AddFieldInPlace(
            model_name="indicatortarget",
            name="version",
            field=models.PositiveIntegerField(default=1, editable=False, verbose_name="version"),
        ),
        migrations.AddField(
            model_name="indicatorsetchange",
            name="previous_target",
            field=models.DecimalField(
                blank=True,
                decimal_places=4,
                max_digits=14,
                null=True,
                verbose_name="previous target",
            ),
        ),
        migrations.AddField(
            model_name="indicatorsetchange",
            name="target",
            field=models.DecimalField(
                blank=True, decimal_places=4, max_digits=14, null=True, verbose_name="target"
            ),
        ),
        migrations.AlterField(
            model_name="indicatorsetchange",
            name="change",
            field=models.CharField(
                choices=[
                    ("added", "Added"),
                    ("removed", "Removed"),
                    ("target", "Target corrected"),
                ],
                max_length=10,
                verbose_name="change",
            ),
        ),
    ]
