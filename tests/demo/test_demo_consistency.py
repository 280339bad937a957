"""The demo says what its data says: texts state the figures the economy computes, every
decision has a § of its own, and Exempelkommun shows none of Vimmerby's own values.

One seeded demo for the module (seeding takes most of a minute), rolled back at its end.
"""

from __future__ import annotations

import re
from collections import defaultdict
from decimal import ROUND_HALF_UP, Decimal
from io import StringIO

import pytest
from django.apps import apps
from django.core.management import call_command
from django.db import models, transaction

from apps.control.models import ControlPlan
from apps.demo import figures
from apps.documents.models import GoverningDocument
from apps.economy import selectors as economy
from apps.economy.keyfigures import key_figures
from apps.economy.models import BudgetDecision, DetailBudget, Forecast
from apps.followup.models import ActionPlan, ActionPlanCause, Assessment
from apps.goals.computed import computed_statuses
from apps.goals.models import (
    AssignmentDecision,
    ExternalFactor,
    Goal,
    Indicator,
    IndicatorSetDecision,
    IndicatorValue,
    SteeringModel,
)
from apps.goals.presets import PRESETS
from apps.organisation.models import Unit
from apps.periods.models import ReportingPeriod
from apps.plans.models import Plan
from styrmodell.lib.formats import format_percent

MILLION = Decimal(1_000_000)


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock(), transaction.atomic():
        call_command("seed_demo", stdout=StringIO())
        yield
        transaction.set_rollback(True)


# --- Decision paragraphs -----------------------------------------------------------------


def decisions() -> list[tuple[int, object, str, tuple]]:
    """Every decision in the demo with a §: (body id, date, §, what was decided). Rows that
    are one decision (KF's decision giving several uppdrag, or deciding the four
    omvärldsfaktorer) share what was decided."""
    kf = Unit.objects.get(kind="kf")
    rows = []
    for d in AssignmentDecision.objects.select_related("assignment"):
        rows.append((d.assignment.given_by_id, d.decided_on, d.paragraph, ("uppdrag", d.state)))
    for d in IndicatorSetDecision.objects.all():
        rows.append((kf.pk, d.decided_on, d.paragraph, ("indikatorer", d.year)))
    for d in ExternalFactor.objects.all():
        rows.append((kf.pk, d.decided_on, d.paragraph, ("omvärldsfaktorer", d.first_year)))
    for d in BudgetDecision.objects.exclude(decided_on=None):
        rows.append((d.decided_by_id, d.decided_on, d.paragraph, ("budget", d.pk)))
    for d in DetailBudget.objects.exclude(decided_on=None):
        rows.append((d.unit_id, d.decided_on, d.paragraph, ("detaljbudget", d.pk)))
    for d in ActionPlan.objects.exclude(decided_on=None):
        rows.append((d.decided_by_id, d.decided_on, d.paragraph, ("åtgärdsplan", d.pk)))
    for d in Plan.objects.exclude(decided_on=None):
        rows.append((d.decided_by_id, d.decided_on, d.paragraph, ("plan", d.pk)))
    for d in ControlPlan.objects.exclude(decided_on=None):
        rows.append((d.unit_id, d.decided_on, d.paragraph, ("internkontroll", d.pk)))
    for d in GoverningDocument.objects.all():
        rows.append((d.decided_by_id, d.decided_on, d.paragraph, ("styrdokument", d.pk)))
    return rows


def test_each_decision_has_a_paragraph_of_its_own_in_its_bodys_year(demo, db):
    rows = decisions()
    assert len(rows) > 60
    assert all(paragraph.startswith("§ ") for _body, _on, paragraph, _what in rows)
    by_paragraph = defaultdict(set)
    for body, decided_on, paragraph, what in rows:
        by_paragraph[(body, decided_on.year, paragraph)].add((decided_on, what))
    shared = {key: found for key, found in by_paragraph.items() if len(found) > 1}
    assert shared == {}


# --- Figures in texts ----------------------------------------------------------------------


def mnkr_in(text: str) -> list[Decimal]:
    """The amounts a text states in miljoner kronor."""
    return [
        Decimal(number.replace("\xa0", "").replace(" ", "").replace(",", "."))
        for number in re.findall(r"(\d[\d  ]*(?:,\d+)?) miljoner", text)
    ]


def rounded(amount: Decimal) -> Decimal:
    return (abs(amount) / MILLION).quantize(Decimal("0.1"))


def period_key(period: ReportingPeriod) -> str:
    """The demo data's name of ``period``: 2026-t1, 2025-bokslut."""
    kind = "bokslut" if period.kind == "bokslut" else f"t{period.kind[-1]}"
    return f"{period.year}-{kind}"


def deviations(period: ReportingPeriod) -> dict[str, Decimal]:
    """Each body's budget minus its outcome (bokslut) or full-year forecast (tertial), as the
    economy computes them from the loaded data."""
    budgets = economy.operating_budgets(period.year)
    if period.kind == "bokslut":
        spent = economy.operating_outcome(period.year, 12)
    else:
        spent = {f.unit_id: f.amount for f in Forecast.objects.filter(period=period)}
    codes = dict(Unit.objects.values_list("pk", "ansvarskod"))
    return {
        codes[pk]: figures_.original + figures_.changes - spent[pk]
        for pk, figures_ in budgets.items()
    }


@pytest.mark.parametrize(
    ("goal_key", "body"), [("ks-ekonomi", None), ("bun-ekonomi", "2000"), ("sn-ekonomi", "3000")]
)
def test_an_economy_goals_analysis_states_the_computed_deviation(demo, db, goal_key, body):
    from apps.demo.goals_data import GOALS

    spec = next(s for s in GOALS if s["key"] == goal_key)
    goal = Goal.objects.get(title=spec["title"])
    checked = 0
    for assessment in Assessment.objects.filter(goal=goal, unit=goal.owner).select_related(
        "period"
    ):
        if period_key(assessment.period) not in spec["assessments"]:
            continue  # the demo's "klar" assessed it without figures (loader._mark_done)
        computed = deviations(assessment.period)
        amount = sum(computed.values()) if body is None else computed[body]
        stated = mnkr_in(assessment.analysis)
        assert stated, assessment.analysis
        assert stated[0] == rounded(amount), (assessment.period, assessment.analysis)
        word = "underskott" if amount < 0 else "överskott"
        assert word in assessment.analysis
        checked += 1
    assert checked == len(spec["assessments"])


def test_the_deficit_action_plan_states_the_forecast_deficit(demo, db):
    plan = ActionPlan.objects.get(cause=ActionPlanCause.DEFICIT)
    deficit = deviations(plan.period)[plan.unit.ansvarskod]
    assert deficit < 0
    stated = mnkr_in(plan.description)
    assert stated[0] == rounded(deficit)
    assert sum(stated[1:]) == stated[0]  # the parts add up to the whole


@pytest.mark.parametrize(
    ("year", "kind", "key"),
    [
        (2025, "bokslut", "2025-bokslut"),
        (2026, "tertial1", "2026-t1"),
        (2026, "tertial2", "2026-t2"),
    ],
)
def test_the_figures_module_agrees_with_the_loaded_economy(demo, db, year, kind, key):
    period = ReportingPeriod.objects.get(year=year, kind=kind)
    computed = deviations(period)
    assert set(computed) == set(figures.data.BODIES)
    for body, amount in computed.items():
        assert rounded(figures.deviation(body, key)) == rounded(amount), body
        if rounded(amount):  # the outcome files spread amounts to the öre
            assert (figures.deviation(body, key) < 0) == (amount < 0), body


@pytest.mark.parametrize("goal_key", ["resultat", "sjalvfinansiering"])
def test_a_financial_goals_analysis_states_its_key_figure(demo, db, goal_key):
    from apps.demo.goals_data import GOALS

    spec = next(s for s in GOALS if s["key"] == goal_key)
    key, lowest = spec["figure"]
    goal = Goal.objects.get(title=spec["title"])
    checked = 0
    for assessment in Assessment.objects.filter(goal=goal, unit=goal.owner).select_related(
        "period"
    ):
        status, _text = spec["assessments"].get(period_key(assessment.period), (None, ""))
        if status in (None, "not_assessed"):
            continue
        value, _missing = key_figures(assessment.period).assessed(key)
        assert format_percent(value) in assessment.analysis, assessment.period
        if not computed_statuses([goal.pk], assessment.period):  # typed: as the figure says
            assert assessment.status == ("met" if value >= Decimal(lowest) else "not_met")
        checked += 1
    assert checked >= 2


def test_no_placeholder_is_left_in_a_text(demo, db):
    for model, field in [(Assessment, "analysis"), (ActionPlan, "description")]:
        assert not model.objects.filter(**{f"{field}__contains": "{"}).exists()


# --- Vimmerby's own values ----------------------------------------------------------------


def text_fields():
    for model in apps.get_models():
        if model.__name__.startswith("Historical") or model._meta.app_label in {
            "admin",
            "auth",
            "contenttypes",
            "sessions",
        }:
            continue
        names = [
            f.name
            for f in model._meta.concrete_fields
            if isinstance(f, models.CharField | models.TextField)
        ]
        if names:
            yield model, names


def test_no_vimmerby_in_the_demos_texts_but_the_model_it_follows(demo, db):
    found = []
    for model, names in text_fields():
        for row in model.objects.values("pk", *names):
            for name in names:
                value = row[name]
                if isinstance(value, str) and "vimmerby" in value.lower():
                    found.append((model.__name__, name, value))
    model = SteeringModel.objects.get(is_active=True)
    allowed = {
        ("SteeringModel", "key", model.key),
        ("SteeringModel", "description", model.description),
    }
    assert set(found) <= allowed
    assert "följer Vimmerby" in model.description  # named as the model followed, not as ours


def test_the_demo_has_its_own_name_and_values_not_the_presets(demo, db):
    preset = PRESETS["vimmerby"]
    model = SteeringModel.objects.get(is_active=True)
    assert model.name != preset.name
    assert model.values and model.values != preset.values
    own_values = [word.strip() for word in preset.values.split(",")]
    vision = Goal.objects.get(level__key="vision")
    assert not [w for w in own_values if re.search(rf"\b{w}\b", vision.description, re.I)]
    # The structure is the preset's.
    assert [level.key for level in model.levels.order_by("position")] == [
        level.key for level in preset.levels
    ]


@pytest.mark.parametrize("indicator_key", ["resultat", "sjalvfinansiering", "budgetavvikelse"])
def test_an_indicator_restating_an_economy_figure_has_the_economys_value(demo, db, indicator_key):
    from apps.demo.goals_data import INDICATORS

    spec = next(s for s in INDICATORS if s["key"] == indicator_key)
    indicator = Indicator.objects.get(title=spec["title"])
    checked = 0
    for value in IndicatorValue.objects.filter(indicator=indicator, unit=None).select_related(
        "period"
    ):
        period = value.period
        if spec["figure"] == "total_deviation":
            if period.year == 2025 and period.kind != "bokslut":
                continue  # the demo has no forecasts of 2025's tertials
            expected = sum(deviations(period).values()) / MILLION
        else:
            expected, _missing = key_figures(period).assessed(spec["figure"])
            if expected is None:
                continue
        step = Decimal(1).scaleb(-spec.get("decimals", 1))
        assert value.total == expected.quantize(step, rounding=ROUND_HALF_UP), period
        checked += 1
    assert checked >= 3
