"""An åtgärdsplan records what it answers (the deficit, or the goal's status), may revise an
earlier plan, and its measures carry an estimated effect.

Existing deficit plans get the deficit of their period's forecast against the body's
current budget, where there is one; existing goal plans the unit's status of the goal in the
period. The columns go in without rebuilding the tables on SQLite (apps.core.schema).
"""

from decimal import Decimal

import django.core.validators
import django.db.models.deletion
from django.db import migrations, models
from django.db.models import Sum

from apps.core.schema import AddFieldInPlace

MONEY = {"max_digits": 16, "decimal_places": 2}


def fill_answers(apps, schema_editor):
    ActionPlan = apps.get_model("followup", "ActionPlan")
    Assessment = apps.get_model("followup", "Assessment")
    Forecast = apps.get_model("economy", "Forecast")
    Appropriation = apps.get_model("economy", "Appropriation")
    for plan in ActionPlan.objects.select_related("period"):
        if plan.cause == "deficit":
            forecast = Forecast.objects.filter(
                unit_id=plan.unit_id, period_id=plan.period_id
            ).first()
            year = plan.period.year
            budget = Appropriation.objects.filter(
                kind="operations",
                unit_id=plan.unit_id,
                year=year,
                decision__budget_year__year=year,
                decision__decided_on__isnull=False,
            ).aggregate(total=Sum("amount"))["total"]
            if forecast is None or budget is None:
                continue
            deficit = max(forecast.amount - Decimal(budget).quantize(Decimal("0.01")), Decimal(0))
            ActionPlan.objects.filter(pk=plan.pk).update(deficit=deficit)
        elif plan.goal_id:
            status = (
                Assessment.objects.filter(
                    goal_id=plan.goal_id, period_id=plan.period_id, unit_id=plan.unit_id
                )
                .values_list("status", flat=True)
                .first()
            )
            if status:
                ActionPlan.objects.filter(pk=plan.pk).update(goal_status=status)


class Migration(migrations.Migration):
    dependencies = [
        ("followup", "0008_versioned"),
        ("economy", "0010_versioned_budgets_and_goal_links"),
    ]

    operations = [
        AddFieldInPlace(
            model_name="actionplan",
            name="deficit",
            field=models.DecimalField(
                blank=True, null=True, verbose_name="deficit the plan answers (kr)", **MONEY
            ),
        ),
        AddFieldInPlace(
            model_name="actionplan",
            name="goal_status",
            field=models.CharField(
                blank=True,
                choices=[
                    ("met", "Met"),
                    ("partly", "Partly met"),
                    ("not_met", "Not met"),
                    ("not_assessed", "Not assessed"),
                ],
                max_length=20,
                verbose_name="goal status the plan answers",
            ),
        ),
        AddFieldInPlace(
            model_name="actionplan",
            name="revises",
            field=models.ForeignKey(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="revisions",
                to="followup.actionplan",
                verbose_name="revises",
            ),
        ),
        migrations.AddField(
            model_name="historicalactionplan",
            name="deficit",
            field=models.DecimalField(
                blank=True, null=True, verbose_name="deficit the plan answers (kr)", **MONEY
            ),
        ),
        migrations.AddField(
            model_name="historicalactionplan",
            name="goal_status",
            field=models.CharField(
                blank=True,
                choices=[
                    ("met", "Met"),
                    ("partly", "Partly met"),
                    ("not_met", "Not met"),
                    ("not_assessed", "Not assessed"),
                ],
                max_length=20,
                verbose_name="goal status the plan answers",
            ),
        ),
        migrations.AddField(
            model_name="historicalactionplan",
            name="revises",
            field=models.ForeignKey(
                blank=True,
                db_constraint=False,
                null=True,
                on_delete=django.db.models.deletion.DO_NOTHING,
                related_name="+",
                to="followup.actionplan",
                verbose_name="revises",
            ),
        ),
        migrations.AddField(
            model_name="historicalmeasure",
            name="effect",
            field=models.DecimalField(
                blank=True,
                null=True,
                validators=[django.core.validators.MinValueValidator(0)],
                verbose_name="estimated effect (kr)",
                **MONEY,
            ),
        ),
        AddFieldInPlace(
            model_name="measure",
            name="effect",
            field=models.DecimalField(
                blank=True,
                null=True,
                validators=[django.core.validators.MinValueValidator(0)],
                verbose_name="estimated effect (kr)",
                **MONEY,
            ),
        ),
        migrations.RunPython(fill_answers, migrations.RunPython.noop),
    ]
