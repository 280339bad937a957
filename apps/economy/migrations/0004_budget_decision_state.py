from django.db import migrations, models


def decided_where_dated(apps, schema_editor):
    """Decisions with a date were decided before the state existed."""
    decisions = apps.get_model("economy", "BudgetDecision")
    decisions.objects.filter(decided_on__isnull=False).update(state="decided")


class Migration(migrations.Migration):
    dependencies = [
        ("economy", "0003_forecast_deficit_handled"),
    ]

    operations = [
        migrations.AddField(
            model_name="budgetdecision",
            name="state",
            field=models.CharField(
                choices=[("draft", "Proposal"), ("decided", "Decided")],
                default="draft",
                max_length=10,
                verbose_name="state",
            ),
        ),
        migrations.AddField(
            model_name="historicalbudgetdecision",
            name="state",
            field=models.CharField(
                choices=[("draft", "Proposal"), ("decided", "Decided")],
                default="draft",
                max_length=10,
                verbose_name="state",
            ),
        ),
        migrations.RunPython(decided_where_dated, migrations.RunPython.noop),
    ]
