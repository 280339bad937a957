"""An åtgärdsplan for a deficit: raised only when the body's forecast shows a deficit it
cannot handle within its delegation, once per body and period."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from apps.followup import services
from apps.followup.models import ActionPlan
from tests.economy.factories import AppropriationFactory, ForecastFactory
from tests.factories import ReportingPeriodFactory

D = Decimal


@pytest.fixture
def period(db):
    return ReportingPeriodFactory(state="open")


@pytest.fixture
def budget(org):
    return AppropriationFactory(unit=org.namnd_a, amount=D("400000000"))


def raise_plan(actor, unit, period) -> ActionPlan:
    return services.action_plan_create(
        actor=actor, unit=unit, period=period, cause="deficit",
        description="Prognosen visar underskott.", reason="Underskott",
    )  # fmt: skip


def test_a_deficit_the_nämnd_cannot_handle_raises_a_plan(editor_a, org, period, budget):
    ForecastFactory(unit=org.namnd_a, period=period, amount=D("412500000"))
    plan = raise_plan(editor_a, org.namnd_a, period)

    plan.refresh_from_db()
    assert (plan.unit, plan.period, plan.cause, plan.goal) == (org.namnd_a, period, "deficit", None)
    record = plan.history.get()
    assert (record.history_user, record.history_change_reason) == (editor_a, "Underskott")


def test_raising_it_again_leads_to_the_same_plan(editor_a, org, period, budget):
    ForecastFactory(unit=org.namnd_a, period=period, amount=D("412500000"))
    first = raise_plan(editor_a, org.namnd_a, period)
    assert raise_plan(editor_a, org.namnd_a, period) == first
    assert ActionPlan.objects.count() == 1


def test_a_new_period_may_have_a_plan_of_its_own(editor_a, org, period, budget):
    later = ReportingPeriodFactory(name="Tertial 2", kind="tertial2", state="open")
    for p in (period, later):
        ForecastFactory(unit=org.namnd_a, period=p, amount=D("412500000"))
    assert raise_plan(editor_a, org.namnd_a, period) != raise_plan(editor_a, org.namnd_a, later)


@pytest.mark.parametrize(
    ("amount", "handled"),
    [
        (None, False),  # no forecast at all
        ("400000000", False),  # on budget
        ("390000000", False),  # a surplus
        ("412500000", True),  # a deficit handled within the delegation
    ],
)
def test_no_plan_without_an_unhandled_deficit(editor_a, org, period, budget, amount, handled):
    if amount is not None:
        ForecastFactory(unit=org.namnd_a, period=period, amount=D(amount),
                        deficit_handled=handled, comment="Vakanser hålls öppna.")  # fmt: skip
    with pytest.raises(ValidationError) as error:
        raise_plan(editor_a, org.namnd_a, period)
    assert list(error.value.message_dict) == ["cause"]
    assert not ActionPlan.objects.exists()


def test_a_deficit_of_another_nämnd_does_not_count(editor_a, org, period, budget):
    AppropriationFactory(unit=org.namnd_b, amount=D("100"), decision=budget.decision)
    ForecastFactory(unit=org.namnd_b, period=period, amount=D("200"))
    with pytest.raises(ValidationError):
        raise_plan(editor_a, org.namnd_a, period)


def test_another_nämnds_editor_cannot_raise_it(editor_b, org, period, budget):
    ForecastFactory(unit=org.namnd_a, period=period, amount=D("412500000"))
    with pytest.raises(PermissionDenied):
        raise_plan(editor_b, org.namnd_a, period)
    assert not ActionPlan.objects.exists()
