"""The Alvesta model's demo (seed document 000) walked through its yearly cycle: the model
configured as the document has it (vision, värdegrund and värdeord decided, kommunmål per
sustainability perspective, nämndmål, bolagsmål on a level of their own), Agenda 2030
through the chain (goals, uppdrag, activities and indicators tagged; every global goal the
kommun works with has a goal and an indicator), nulägesbeskrivningar and tillitsdialoger
instead of omvärldsfaktorer, assessments in every closed period, and the delårsrapport and
årsredovisning read back as text."""

from __future__ import annotations

from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from apps.demo.models import alvesta_data as data
from apps.followup.agenda import agenda_2030
from apps.followup.models import Assessment
from apps.goals.models import (
    Assignment,
    ExternalFactor,
    FoundationElement,
    Goal,
    Indicator,
    SteeringModel,
)
from apps.goals.tags import AGENDA_2030
from apps.plans.models import Activity, Plan, PlanSection, PlanState
from apps.reports.models import ReportRequest
from apps.trust.models import StatusReport, TrustDialogue
from tests.demo.model_demos import history_counts
from tests.invariants.kommun import Kommun, built_once

pytestmark = pytest.mark.django_db

CLOSED = ("2025-tertial1", "2025-tertial2", "2025-bokslut", "2026-tertial1")
GLOBAL_GOAL = "Bekämpa klimatförändringarna"  # global goal 13's Swedish short title
CLIMATE_GOAL = "Kommunkoncernens klimatpåverkan ska minska varje år"


def seed() -> str:
    out = StringIO()
    call_command("seed_demo", "--model", "alvesta", stdout=out)
    return out.getvalue()


@pytest.fixture(scope="module")
def kommun(django_db_setup, django_db_blocker):
    with built_once(django_db_blocker, "Alvesta", seed) as built:
        built.committee = "7000"
        yield built


def test_the_model_is_alvestas(kommun: Kommun):
    model = SteeringModel.objects.get(is_active=True)
    assert model.key == "alvesta"
    assert model.uses_agenda_2030
    assert model.uses_status_reports and model.uses_trust_dialogues
    assert not model.uses_external_factors
    assert model.values == "delaktighet, engagemang, tillit"
    levels = {level.key: level for level in model.levels.all()}
    assert set(levels) == {"vision", "kommunmal", "namndmal", "bolagsmal"}
    assert levels["bolagsmal"].name == "Bolagsmål"
    assert levels["bolagsmal"].owner_scope == "companies"
    assert levels["namndmal"].owner_scope == "committees"
    assert set(model.perspectives.values_list("key", flat=True)) == {
        "ekonomisk", "ekologisk", "social"
    }  # fmt: skip


def test_the_vision_and_the_vardegrund_are_decided(kommun: Kommun):
    vision = Goal.objects.get(level__key="vision")
    assert (vision.decided_on, vision.decision_paragraph) == data.VISION_DECISION
    vardegrund = FoundationElement.objects.get(model__key="alvesta", kind="vardegrund")
    assert "Tillsammans skapar vi en bättre vardag" in vardegrund.text
    decided_on, paragraph, first_year = data.FOUNDATION_DECISION
    assert (vardegrund.decided_by.kind, vardegrund.decided_on, vardegrund.paragraph) == (
        "kf", decided_on, paragraph
    )  # fmt: skip
    assert vardegrund.first_year == first_year


def test_the_goal_tree_shows_the_vision_and_the_vardegrund(kommun: Kommun):
    page = kommun.page("/mal/?ar=2026", "politiker")
    assert Goal.objects.get(level__key="vision").title in page
    assert "Tillsammans skapar vi en bättre vardag för våra invånare" in page


def test_kommunmal_cover_every_perspective_and_the_bolag_have_bolagsmal(kommun: Kommun):
    kommunmal = Goal.objects.filter(level__key="kommunmal")
    assert set(kommunmal.values_list("perspective__key", flat=True)) == {
        "ekonomisk", "ekologisk", "social"
    }  # fmt: skip
    assert {g.owner.kind for g in Goal.objects.filter(level__key="namndmal")} <= {"ks", "namnd"}
    bolagsmal = Goal.objects.filter(level__key="bolagsmal")
    assert {g.owner.ansvarskod for g in bolagsmal} == {"8100", "8200"}
    assert all(g.parent.level.key == "kommunmal" for g in bolagsmal)


def test_goals_uppdrag_activities_and_indicators_carry_global_goals(kommun: Kommun):
    measurable = Goal.objects.exclude(level__key="vision")
    assert not measurable.filter(tags__isnull=True).exists()
    assert not Indicator.objects.filter(tags__isnull=True).exists()
    assert Assignment.objects.count() == len(data.ASSIGNMENTS)
    assert not Assignment.objects.filter(tags__isnull=True).exists()
    activities = Activity.objects.filter(plan__year=data.PLAN_YEAR)
    assert activities.exists() and not activities.filter(tags__isnull=True).exists()
    # Each global goal the kommun works with has at least a goal and an indicator.
    for code in data.GLOBAL_GOALS:
        assert measurable.filter(tags__kind="agenda2030", tags__code=code).exists(), code
        assert Indicator.objects.filter(tags__kind="agenda2030", tags__code=code).exists(), code


def test_the_agenda_2030_selector_lists_each_global_goal_with_goals_and_indicators(
    kommun: Kommun,
):
    blocks = agenda_2030(period=kommun.period("2025-bokslut"))
    assert [b.tag.code for b in blocks] == sorted(data.GLOBAL_GOALS, key=int)
    for block in blocks:
        assert block.goals, block.tag.name
        assert block.indicators, block.tag.name
        assert all(line.status for line in block.goals)
    climate = next(b for b in blocks if b.tag.code == "13")
    assert climate.tag.name == GLOBAL_GOAL
    assert any(line.value is not None for line in climate.indicators)


def test_the_agenda_2030_page_shows_the_global_goals_with_goals_and_indicators(
    kommun: Kommun,
):
    period = kommun.period("2025-bokslut")
    page = kommun.page(f"/uppfoljning/{period.pk}/agenda-2030/", "politiker")
    assert GLOBAL_GOAL in page
    assert CLIMATE_GOAL in page
    assert "Fossilfria fordon i kommunens fordonsflotta, andel (%)" in page


def test_the_plans_are_decided_and_read_the_nulagesbeskrivning(kommun: Kommun):
    plans = Plan.objects.filter(year=data.PLAN_YEAR)
    assert {p.unit.ansvarskod for p in plans} == set(data.PLANS)
    assert {p.state for p in plans} == {PlanState.DECIDED}
    # The plan's three parts are the nulägesbeskrivning's: the plan does not write them again.
    written = PlanSection.objects.filter(plan__in=plans, template__key="nulagesanalys").exclude(
        body=""
    )
    assert {s.plan.unit.ansvarskod for s in written} == set(data.PLANS) - set(data.STATUS_REPORTS)


def test_trust_instead_of_omvarldsfaktorer(kommun: Kommun):
    assert not ExternalFactor.objects.exists()
    assert StatusReport.objects.filter(year=data.STATUS_YEAR).count() == len(data.STATUS_REPORTS)
    assert TrustDialogue.objects.count() == len(data.DIALOGUES)
    oversight = TrustDialogue.objects.filter(kind="oversight")
    assert oversight.count() == 2
    for dialogue in oversight:
        assert dialogue.status_reports.exists() and dialogue.assignments.exists()


@pytest.mark.parametrize("key", CLOSED)
def test_every_goal_is_assessed_by_its_owner_in_a_closed_period(kommun: Kommun, key: str):
    period = kommun.period(key)
    assert period.state == "closed"
    goals = Goal.objects.exclude(level__key="vision")
    assessed = Assessment.objects.filter(period=period, goal__in=goals)
    assert {(a.goal_id, a.unit_id) for a in assessed} >= {(g.pk, g.owner_id) for g in goals}
    assert not assessed.filter(status="").exists()


def test_the_reports_were_requested(kommun: Kommun):
    requested = set(ReportRequest.objects.filter(unit=None).values_list("period__year", "kind"))
    assert {(2025, "arsredovisning"), (2025, "delarsrapport")} <= requested


@pytest.mark.parametrize("key", ["2025-bokslut", "2025-tertial2"])
def test_the_arsredovisning_and_delarsrapport_have_an_agenda_2030_section(kommun: Kommun, key: str):
    table = kommun.table(key, "agenda-overview")
    assert table is not None, f"no Agenda 2030 section in {key}"
    assert [row[0] for row in table.rows] == [
        f"{code}. {AGENDA_2030[int(code) - 1]}" for code in sorted(data.GLOBAL_GOALS, key=int)
    ]
    goals = kommun.table(key, "agenda-goals")
    assert any(row[1] == CLIMATE_GOAL for row in goals.rows)
    text = kommun.pdf_text(key)
    assert "Agenda 2030" in text
    assert "klimatförändringarna" in text  # of global goal 13's name
    sheet = kommun.sheet(key, "agenda-overview")
    assert sheet is not None


def test_the_reports_carry_the_vardegrund(kommun: Kommun):
    text = " ".join(kommun.pdf_text("2025-bokslut").split())
    assert "Tillsammans skapar vi en bättre vardag" in text


def test_a_second_seed_changes_nothing(kommun: Kommun):
    before = history_counts()
    seed()
    assert history_counts() == before


def test_another_models_demo_is_refused_on_this_one(kommun: Kommun):
    before = history_counts()
    with pytest.raises(CommandError):
        call_command("seed_demo", "--model", "borlange", stdout=StringIO())
    assert history_counts() == before
