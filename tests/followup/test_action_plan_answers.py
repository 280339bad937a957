"""An åtgärdsplan records what it answers (issue 13): the deficit it was raised for, its
measures' estimated effects and the gap they leave; a later, larger forecast deficit flags the
plan on its page, on the economy overview and in the nämnd's att göra until a revised plan
answers it. Amounts are stored in kr and shown in tkr."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from html import unescape

import pytest
from django.apps import apps as django_apps
from django.core.exceptions import ValidationError
from django.utils import translation

from apps.economy.action_plans import (
    action_plan_states,
    current_deficit_plans,
    deficits_without_current_plan,
)
from apps.economy.selectors import deficits_without_current_plan as uncovered_via_selectors
from apps.followup import services
from apps.followup.models import ActionPlan, Measure
from apps.goals.services import steering_model_load_preset
from styrmodell.lib.formats import NBSP
from tests.economy.factories import AppropriationFactory, ForecastFactory
from tests.factories import AssessmentFactory, GoalFactory, ReportingPeriodFactory, UnitFactory

M = Decimal(1_000_000)
GROWN = f"6{NBSP}500{NBSP}tkr"


def t(text: str) -> str:
    with translation.override("sv"):
        return translation.gettext(text)


def flag_text(decided: bool = True) -> str:
    if decided:
        return t("The deficit has grown by %(amount)s since the plan was decided") % {
            "amount": GROWN
        }
    return t("The deficit has grown by %(amount)s since the plan was raised") % {"amount": GROWN}


@pytest.fixture
def tertials(db):
    t1 = ReportingPeriodFactory()
    t2 = ReportingPeriodFactory(
        name="Tertial 2", kind="tertial2", ends_on=dt.date(2026, 8, 31), state="open"
    )
    return t1, t2


@pytest.fixture
def budget(org):
    return AppropriationFactory(unit=org.namnd_a, amount=400 * M)


def raise_plan(actor, unit, period) -> ActionPlan:
    return services.action_plan_create(
        actor=actor, unit=unit, period=period, cause="deficit",
        description="Prognosen visar underskott.", reason="Underskott",
    )  # fmt: skip


def add_measure(actor, plan, effect, what="Åtgärd") -> Measure:
    return services.measure_add(
        actor=actor, action_plan=plan, what=what, who="Socialchef",
        due_on=dt.date(2026, 12, 31), effect=effect, reason="Åtgärd",
    )  # fmt: skip


@pytest.fixture
def decided_plan(editor_a, org, tertials, budget):
    """The nämnd's plan for a deficit of 18 mnkr in tertial 1, with measures worth 7,5 mnkr,
    decided; tertial 2's forecast then shows 24,5 mnkr."""
    t1, t2 = tertials
    ForecastFactory(unit=org.namnd_a, period=t1, amount=418 * M)
    plan = raise_plan(editor_a, org.namnd_a, t1)
    add_measure(editor_a, plan, 5 * M)
    add_measure(editor_a, plan, Decimal("2500000"))
    add_measure(editor_a, plan, None, what="Utan beräknad effekt")
    services.action_plan_decide(
        actor=editor_a, action_plan=plan, decided_on=dt.date(2026, 5, 20), paragraph="§ 87",
        reason="Beslut",
    )  # fmt: skip
    ForecastFactory(unit=org.namnd_a, period=t2, amount=Decimal("424500000"))
    plan.refresh_from_db()
    return plan


# --- What the plan records ------------------------------------------------------------------


def test_the_deficit_is_recorded_when_the_plan_is_raised(editor_a, org, tertials, budget):
    ForecastFactory(unit=org.namnd_a, period=tertials[0], amount=418 * M)
    plan = raise_plan(editor_a, org.namnd_a, tertials[0])
    plan.refresh_from_db()
    assert plan.deficit == 18 * M
    assert plan.history.get().deficit == 18 * M


def test_a_goal_plan_records_the_status_it_answers(editor_a, org, tertials):
    model = steering_model_load_preset(actor=None, key="vimmerby", activate=True)
    goal = GoalFactory(owner=org.namnd_a, level=model.levels.get(key="namndmal"))
    AssessmentFactory(goal=goal, period=tertials[0], unit=org.namnd_a, status="not_met",
                      analysis="Färre behöriga.")  # fmt: skip
    plan = services.action_plan_create(
        actor=editor_a, unit=org.namnd_a, period=tertials[0], goal=goal, cause="goal_not_met",
        description="Färre behöriga.", reason="Ej uppfyllt",
    )  # fmt: skip
    plan.refresh_from_db()
    assert (plan.goal_status, plan.deficit) == ("not_met", None)


def test_effects_and_the_gap(decided_plan, tertials):
    state = action_plan_states([decided_plan], as_of=tertials[0])[decided_plan.pk]
    assert (state.deficit, state.effects, state.gap) == (18 * M, Decimal("7500000"), 10_500_000)
    assert state.current_deficit == 18 * M and state.grown_by is None and not state.flag


def test_a_plan_without_effects_has_the_whole_deficit_as_gap(editor_a, org, tertials, budget):
    ForecastFactory(unit=org.namnd_a, period=tertials[0], amount=418 * M)
    plan = raise_plan(editor_a, org.namnd_a, tertials[0])
    add_measure(editor_a, plan, None)
    state = action_plan_states([plan])[plan.pk]
    assert (state.effects, state.gap) == (None, 18 * M)


@pytest.mark.parametrize("effect", [Decimal(-1), Decimal("-5000")])
def test_the_service_refuses_a_negative_effect(editor_a, org, tertials, budget, effect):
    ForecastFactory(unit=org.namnd_a, period=tertials[0], amount=418 * M)
    plan = raise_plan(editor_a, org.namnd_a, tertials[0])
    with pytest.raises(ValidationError) as error:
        add_measure(editor_a, plan, effect)
    assert list(error.value.message_dict) == ["effect"]
    assert not plan.measures.exists()


# --- A grown deficit ------------------------------------------------------------------------


def test_a_later_larger_deficit_flags_the_plan(decided_plan):
    state = action_plan_states([decided_plan])[decided_plan.pk]
    assert state.current_deficit == Decimal("24500000")
    assert state.grown_by == Decimal("6500000")
    assert state.needs_revision
    assert state.flag == flag_text()  # "Underskottet har ökat med 6 500 tkr sedan …"
    assert state.label == t("Decided – the deficit has grown")
    decided_plan.refresh_from_db()
    assert decided_plan.decided_on is not None  # history is history


def test_a_deficit_handled_within_the_delegation_is_not_flagged(decided_plan, tertials):
    decided_plan.unit.forecasts.filter(period=tertials[1]).update(
        deficit_handled=True, comment="Vakanser"
    )
    assert not action_plan_states([decided_plan])[decided_plan.pk].flag


def test_the_plan_page_flags_it(client, editor_a, decided_plan):
    client.force_login(editor_a)
    page = unescape(client.get(f"/uppfoljning/atgardsplan/{decided_plan.pk}/").content.decode())
    assert flag_text() in page
    assert t("Decided – the deficit has grown") in page
    for amount in ("18 000,0", "7 500,0", "10 500,0", "24 500,0"):
        assert f"{amount.replace(' ', NBSP)}{NBSP}tkr" in page
    assert f"/uppfoljning/atgardsplan/{decided_plan.pk}/revidera/" in page


def test_the_economy_overview_flags_it(client, economist, decided_plan, tertials):
    client.force_login(economist)
    response = client.get(f"/ekonomi/{tertials[1].pk}/")
    row = next(r for r in response.context["data"].rows if r.unit == decided_plan.unit)
    assert row.action_plan == decided_plan and row.plan_state.grown_by == 6_500_000
    assert flag_text() in unescape(response.content.decode())
    # Tertial 1's overview reads the plan as it stood then: nothing had grown.
    earlier = client.get(f"/ekonomi/{tertials[0].pk}/")
    assert flag_text() not in unescape(earlier.content.decode())


def test_the_nämnds_att_göra_asks_for_a_revised_plan(client, editor_a, decided_plan):
    client.force_login(editor_a)
    response = client.get("/uppfoljning/")
    assert [s.plan for s in response.context["revisions"]] == [decided_plan]
    page = unescape(response.content.decode())
    assert flag_text() in page
    assert f"/uppfoljning/atgardsplan/{decided_plan.pk}/revidera/" in page


def test_another_nämnds_editor_is_not_asked(client, editor_b, decided_plan):
    client.force_login(editor_b)
    assert client.get("/uppfoljning/").context["revisions"] == []


def test_a_revised_plan_answers_the_new_deficit_and_clears_the_flag(
    client, editor_a, economist, decided_plan, tertials
):
    client.force_login(editor_a)
    response = client.post(f"/uppfoljning/atgardsplan/{decided_plan.pk}/revidera/")
    revised = ActionPlan.objects.get(revises=decided_plan)
    assert response.status_code == 302
    assert response["Location"] == f"/uppfoljning/atgardsplan/{revised.pk}/"
    assert (revised.period, revised.deficit, revised.decided_on) == (
        tertials[1],
        Decimal("24500000"),
        None,
    )
    assert revised.history.get().history_user == editor_a

    # Asking again leads to the same revision.
    client.post(f"/uppfoljning/atgardsplan/{decided_plan.pk}/revidera/")
    assert ActionPlan.objects.filter(revises=decided_plan).count() == 1

    old = action_plan_states([decided_plan])[decided_plan.pk]
    assert old.revised_by == revised and not old.flag and old.label == t("Revised")
    assert not action_plan_states([revised])[revised.pk].flag
    assert client.get("/uppfoljning/").context["revisions"] == []
    page = unescape(client.get(f"/uppfoljning/atgardsplan/{decided_plan.pk}/").content.decode())
    assert flag_text() not in page
    client.force_login(economist)
    overview = client.get(f"/ekonomi/{tertials[1].pk}/")
    row = next(r for r in overview.context["data"].rows if r.unit == decided_plan.unit)
    assert row.action_plan == revised and not row.plan_state.flag


def test_a_plan_raised_later_in_the_year_revises_the_earlier_one(editor_a, decided_plan, tertials):
    later = raise_plan(editor_a, decided_plan.unit, tertials[1])
    assert later.revises == decided_plan and later.deficit == Decimal("24500000")


def test_a_plan_whose_deficit_has_not_grown_cannot_be_revised(
    editor_a, org, tertials, budget, client
):
    ForecastFactory(unit=org.namnd_a, period=tertials[0], amount=418 * M)
    plan = raise_plan(editor_a, org.namnd_a, tertials[0])
    with pytest.raises(ValidationError):
        services.action_plan_revise(actor=editor_a, action_plan=plan, reason="x")
    client.force_login(editor_a)
    assert client.get(f"/uppfoljning/atgardsplan/{plan.pk}/revidera/").status_code == 405
    client.post(f"/uppfoljning/atgardsplan/{plan.pk}/revidera/")
    assert not ActionPlan.objects.filter(revises=plan).exists()


def test_another_nämnds_editor_cannot_revise(client, editor_b, decided_plan):
    client.force_login(editor_b)
    response = client.post(f"/uppfoljning/atgardsplan/{decided_plan.pk}/revidera/")
    assert response.status_code == 403
    assert not ActionPlan.objects.filter(revises=decided_plan).exists()


def test_an_open_periods_forecast_is_not_read_by_other_readers(politician, decided_plan):
    from apps.accounts.access import access_for

    state = action_plan_states([decided_plan], access=access_for(politician))[decided_plan.pk]
    assert state.current is None and not state.flag


# --- Read-only and access -------------------------------------------------------------------


def test_a_closed_periods_plan_is_read_only(client, editor_a, org, tertials, budget):
    t1 = tertials[0]
    ForecastFactory(unit=org.namnd_a, period=t1, amount=418 * M)
    plan = raise_plan(editor_a, org.namnd_a, t1)
    type(t1).objects.filter(pk=t1.pk).update(state="closed")
    plan.refresh_from_db()
    with pytest.raises(ValidationError):
        add_measure(editor_a, plan, 1 * M)
    client.force_login(editor_a)
    url = f"/uppfoljning/atgardsplan/{plan.pk}/"
    assert 'value="measure"' not in client.get(url).content.decode()
    client.post(url, {"action": "measure", "m-what": "x", "m-who": "y",
                      "m-due_on": "2026-12-31", "m-effect": "10"})  # fmt: skip
    assert not plan.measures.exists()


def test_an_editor_of_another_unit_cannot_add_measures(
    client, editor_a, editor_b, org, tertials, budget
):
    ForecastFactory(unit=org.namnd_a, period=tertials[0], amount=418 * M)
    plan = raise_plan(editor_a, org.namnd_a, tertials[0])
    client.force_login(editor_b)
    response = client.post(
        f"/uppfoljning/atgardsplan/{plan.pk}/",
        {"action": "measure", "m-what": "x", "m-who": "y", "m-due_on": "2026-12-31",
         "m-effect": "10"},
    )  # fmt: skip
    assert response.status_code == 403
    assert not plan.measures.exists()


@pytest.mark.parametrize(
    ("typed", "stored"),
    [("1 234,5", Decimal("1234500")), ("1234.5", Decimal("1234500")), ("", None)],
)
def test_the_effect_is_typed_in_tkr_and_stored_in_kr(
    client, editor_a, org, tertials, budget, typed, stored
):
    ForecastFactory(unit=org.namnd_a, period=tertials[0], amount=418 * M)
    plan = raise_plan(editor_a, org.namnd_a, tertials[0])
    client.force_login(editor_a)
    response = client.post(
        f"/uppfoljning/atgardsplan/{plan.pk}/",
        {"action": "measure", "m-what": "x", "m-who": "y", "m-due_on": "2026-12-31",
         "m-effect": typed},
    )  # fmt: skip
    assert response.status_code == 302
    assert plan.measures.get().effect == stored


@pytest.mark.parametrize("typed", ["abc", "-5"])
def test_bad_effect_input_is_a_field_error(client, editor_a, org, tertials, budget, typed):
    ForecastFactory(unit=org.namnd_a, period=tertials[0], amount=418 * M)
    plan = raise_plan(editor_a, org.namnd_a, tertials[0])
    client.force_login(editor_a)
    response = client.post(
        f"/uppfoljning/atgardsplan/{plan.pk}/",
        {"action": "measure", "m-what": "x", "m-who": "y", "m-due_on": "2026-12-31",
         "m-effect": typed},
    )  # fmt: skip
    assert response.status_code == 200
    errors = response.context["measure_form"].errors
    assert list(errors) == ["effect"]
    expected = t("Enter a number.") if typed == "abc" else t("The effect cannot be negative.")
    assert errors["effect"] == [expected]
    assert not plan.measures.exists()


# --- For the kontroller ---------------------------------------------------------------------


def test_deficits_without_a_current_plan(editor_a, org, tertials, budget):
    t1, t2 = tertials
    AppropriationFactory(unit=org.namnd_b, amount=100 * M, decision=budget.decision)
    ForecastFactory(unit=org.namnd_a, period=t1, amount=418 * M)
    ForecastFactory(unit=org.namnd_b, period=t1, amount=105 * M, deficit_handled=True,
                    comment="Inom delegationen")  # fmt: skip
    assert [(d.unit, d.deficit, d.plan) for d in deficits_without_current_plan(t1)] == [
        (org.namnd_a, 18 * M, None)
    ]
    plan = raise_plan(editor_a, org.namnd_a, t1)
    assert uncovered_via_selectors(t1) == []
    ForecastFactory(unit=org.namnd_a, period=t2, amount=Decimal("424500000"))
    [uncovered] = deficits_without_current_plan(t2)
    assert (uncovered.deficit, uncovered.plan.plan) == (Decimal("24500000"), plan)
    services.action_plan_revise(actor=editor_a, action_plan=plan, reason="Ökat underskott")
    assert deficits_without_current_plan(t2) == []


# --- Queries --------------------------------------------------------------------------------


@pytest.fixture(params=[2, 6])
def many_plans(request, org, tertials, budget):
    t1, t2 = tertials
    plans = []
    for i in range(request.param):
        body = UnitFactory(parent=org.kf, kind="namnd", name=f"Nämnd {i:02}")
        AppropriationFactory(unit=body, amount=100 * M, decision=budget.decision)
        ForecastFactory(unit=body, period=t1, amount=110 * M)
        ForecastFactory(unit=body, period=t2, amount=120 * M)
        plan = ActionPlan.objects.create(
            unit=body, period=t1, cause="deficit", description="x", deficit=10 * M
        )
        Measure.objects.create(action_plan=plan, what="x", who="y",
                               due_on=dt.date(2026, 12, 31), effect=M)  # fmt: skip
        plans.append(plan)
    return plans


def test_the_states_run_a_fixed_number_of_queries(many_plans, django_assert_num_queries):
    plans = list(ActionPlan.objects.select_related("period"))
    # Measures' effects, revisions, forecasts, and the budgets of the plans' one year.
    with django_assert_num_queries(4):
        states = action_plan_states(plans)
    assert {s.grown_by for s in states.values()} == {10 * M}
    assert {s.gap for s in states.values()} == {9 * M}


def test_current_plans_and_the_uncovered_run_a_fixed_number_of_queries(
    many_plans, tertials, django_assert_num_queries
):
    with django_assert_num_queries(5):  # the plans, then as above
        current = current_deficit_plans(tertials[1])
    assert len(current) == len(many_plans)
    with django_assert_num_queries(7):  # the forecasts, the budgets, then as above
        uncovered = deficits_without_current_plan(tertials[1])
    assert len(uncovered) == len(many_plans)


# --- The migration --------------------------------------------------------------------------


def test_the_migration_fills_existing_plans_from_their_forecast(org, tertials, budget):
    from importlib import import_module

    migration = import_module("apps.followup.migrations.0009_action_plan_answers")
    ForecastFactory(unit=org.namnd_a, period=tertials[0], amount=418 * M)
    with_forecast = ActionPlan.objects.create(
        unit=org.namnd_a, period=tertials[0], cause="deficit", description="x"
    )
    without = ActionPlan.objects.create(
        unit=org.namnd_a, period=tertials[1], cause="deficit", description="x"
    )
    migration.fill_answers(django_apps, None)
    with_forecast.refresh_from_db()
    without.refresh_from_db()
    assert (with_forecast.deficit, without.deficit) == (18 * M, None)


# --- The report ---------------------------------------------------------------------------


def test_the_report_shows_the_figures_and_the_flag_as_of_its_period(decided_plan, tertials):
    from apps.reports.content import BuildContext, ReportKind
    from apps.reports.sections import goals

    def section(period):
        return goals.action_plans(
            BuildContext(kind=ReportKind.INTERIM, period=period, unit=None, municipality=None)
        )

    later = section(tertials[1])
    [block] = later.data["plans"]
    assert (block.state.deficit, block.state.effects, block.state.gap) == (
        18 * M,
        Decimal("7500000"),
        Decimal("10500000"),
    )
    assert block.state.current_deficit == Decimal("24500000") and block.state.flag == flag_text()
    row = later.tables[0].rows[0]
    assert row[5:10] == [18 * M, Decimal("7500000"), Decimal("10500000"), Decimal("24500000"),
                         flag_text()]  # fmt: skip
    # Tertial 1's report reads the plan as it stood then.
    [earlier] = section(tertials[0]).data["plans"]
    assert earlier.state.current_deficit == 18 * M and not earlier.state.flag


def test_the_forecast_page_shows_the_current_plan_with_its_flag(
    client, editor_a, decided_plan, tertials
):
    client.force_login(editor_a)
    response = client.get(f"/ekonomi/{tertials[1].pk}/prognos/{decided_plan.unit.pk}/")
    assert response.context["page"].action_plan == decided_plan
    page = unescape(response.content.decode())
    assert flag_text() in page
    assert f"/uppfoljning/atgardsplan/{decided_plan.pk}/revidera/" in page
