"""``seed_demo --model ale`` (seed 004): the yearly cycle of Ale's styrmodell on its demo —
configured as the document says, planned, followed up (every nämnd and bolag on every
riktningsmål, whether or not it has goals of its own), and reported, down to the
delårsrapport and årsredovisning read back as text."""

from __future__ import annotations

import datetime as dt
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from apps.accounts.access import access_for
from apps.accounts.models import User
from apps.demo.models import ale_data
from apps.followup import selectors as followup_selectors
from apps.goals.models import ExternalFactor, FoundationElement, Goal, SteeringModel
from apps.organisation.models import BODY_KINDS, Unit
from apps.periods.models import PeriodState
from apps.plans.models import Plan, PlanState
from apps.trust.models import EnvironmentAnalysis, StatusReport, TrustDialogue
from tests.demo.model_demos import history_counts, text_of
from tests.invariants.kommun import Kommun, built_once

pytestmark = pytest.mark.django_db

CLOSED = ["2025-tertial1", "2025-tertial2", "2025-bokslut", "2026-tertial1"]


def seed(model: str = "ale") -> str:
    out = StringIO()
    call_command("seed_demo", "--model", model, stdout=out)
    return out.getvalue()


@pytest.fixture(scope="module")
def kommun(django_db_setup, django_db_blocker):
    with built_once(django_db_blocker, "Exempelkommun (Ale-modellen)", seed) as built:
        built.committee = "3000"
        yield built


def bodies() -> list[Unit]:
    return list(Unit.objects.filter(kind__in=BODY_KINDS, valid_to=None))


def riktningsmal() -> list[Goal]:
    return list(Goal.objects.filter(level__key="riktningsmal").order_by("lft"))


# --- Configure ---------------------------------------------------------------------------


def test_the_kommun_runs_ales_model(kommun: Kommun):
    model = SteeringModel.objects.get(is_active=True)
    assert model.key == "ale"
    assert model.bodies_report_on_council_goals
    assert (model.uses_external_factors, model.uses_status_reports) == (True, True)
    assert model.uses_trust_dialogues
    levels = list(model.levels.order_by("position").values_list("key", "horizon_years"))
    assert levels[:2] == [("vision", 8), ("riktningsmal", 4)]


def test_the_vision_runs_eight_years_and_the_riktningsmal_four(kommun: Kommun):
    vision = Goal.objects.get(level__key="vision")
    assert (vision.first_year, vision.last_year) == (2022, 2029)
    assert vision.owner.kind == "kf"
    goals = riktningsmal()
    assert 4 <= len(goals) <= 5
    assert {(g.first_year, g.last_year, g.parent_id) for g in goals} == {(2023, 2026, vision.pk)}


def test_only_some_namnder_have_goals_of_their_own(kommun: Kommun):
    owners = set(Goal.objects.filter(level__key="namndens-mal").values_list("owner_id", flat=True))
    assert 1 <= len(owners) < len(bodies()) / 2


def test_the_vision_and_riktningsmal_carry_kfs_decision(kommun: Kommun):
    vision = Goal.objects.get(level__key="vision")
    assert (vision.decided_on, vision.decision_paragraph) == (dt.date(2021, 12, 20), "§ 265")
    assert {(g.decided_on, g.decision_paragraph) for g in riktningsmal()} == {
        ale_data.GOALS_DECISION
    }


def test_the_vardegrund_is_decided_by_kf_for_eight_years(kommun: Kommun):
    vardegrund = FoundationElement.objects.get(kind="vardegrund")
    assert vardegrund.decided_by.kind == "kf"
    assert (vardegrund.decided_on, vardegrund.paragraph) == (dt.date(2021, 12, 20), "§ 265")
    assert (vardegrund.first_year, vardegrund.last_year) == (2022, 2029)
    principles = FoundationElement.objects.filter(kind="princip")
    assert principles.count() == 7
    assert not principles.filter(decided_on=None).exists()


def test_four_omvarldsfaktorer_for_four_years_one_withdrawn_with_its_reason(kommun: Kommun):
    factors = list(ExternalFactor.objects.all())
    assert len(factors) == 4
    assert {(f.first_year, f.last_year) for f in factors} == {(2023, 2026)}
    withdrawn = [f for f in factors if f.is_withdrawn]
    assert [f.title for f in withdrawn] == [ale_data.WITHDRAWN[0]]
    assert withdrawn[0].withdrawn_on == dt.date(2026, 3, 16)
    assert "§ 31" in withdrawn[0].withdrawal_reason


def test_ks_holds_the_omvarldsanalys_with_its_omvarldsdag_every_year(kommun: Kommun):
    analyses = {a.year: a for a in EnvironmentAnalysis.objects.select_related("responsible")}
    assert sorted(analyses) == [2025, 2026]
    for analysis in analyses.values():
        assert analysis.responsible.kind == "ks"
        assert analysis.day_held_on is not None and analysis.day_held_on.year == analysis.year


# --- Plan: the nulägesbeskrivning each year, the plans -------------------------------------


@pytest.mark.parametrize("year", [2025, 2026])
def test_every_namnd_and_bolag_writes_its_nulagesbeskrivning(kommun: Kommun, year: int):
    reports = {
        r.unit_id: r
        for r in StatusReport.objects.filter(year=year).prefetch_related("factor_responses")
    }
    in_force = ExternalFactor.objects.filter(first_year__lte=year, last_year__gte=year)
    for body in bodies():
        report = reports[body.pk]
        for part in (report.operations, report.environment, report.current_state):
            assert part.startswith("<p>"), (body, part)  # formatted text, sanitised
        assert report.proposed_goals
        assert report.factor_responses.count() == in_force.count(), body


def test_the_plans_of_2026_are_decided_by_the_bodies(kommun: Kommun):
    plans = Plan.objects.filter(year=2026).select_related("unit", "decided_by")
    assert plans.count() >= 4
    for plan in plans:
        assert plan.state == PlanState.DECIDED
        assert plan.decided_by == plan.unit


# --- Follow up -------------------------------------------------------------------------------


@pytest.mark.parametrize("key", CLOSED)
def test_every_body_reasons_about_every_riktningsmal_in_a_closed_period(kommun, key):
    period = kommun.period(key)
    assert period.state == PeriodState.CLOSED
    contributions = followup_selectors.council_contributions(period=period)
    assert len(contributions) == len(bodies()) * len(riktningsmal())
    missing = [(c.unit.name, c.goal.title) for c in contributions if not c.reported]
    assert missing == []
    # A nämnd without goals of its own reports too: Kultur- och fritidsnämnden.
    kfn = [c for c in contributions if c.unit.ansvarskod == "4000"]
    assert len(kfn) == len(riktningsmal())
    assert not Goal.objects.filter(owner__ansvarskod="4000").exists()


def test_where_a_riktningsmal_can_be_measured_the_body_states_a_status(kommun: Kommun):
    contributions = followup_selectors.council_contributions(period=kommun.period("2025-bokslut"))
    bun_on_barn = next(
        c
        for c in contributions
        if c.unit.ansvarskod == "2000" and c.goal.title == ale_data.GOALS["barn"][0]
    )
    assert bun_on_barn.assessment.status == "partly"
    kfn_on_trygghet = next(
        c
        for c in contributions
        if c.unit.ansvarskod == "4000" and c.goal.title == ale_data.GOALS["trygghet"][0]
    )
    assert "Fritidsgårdarna" in kfn_on_trygghet.assessment.analysis


@pytest.mark.parametrize("key", CLOSED)
def test_every_unit_is_done_in_a_closed_period(kommun: Kommun, key: str):
    progress = followup_selectors.followup_progress(period=kommun.period(key))
    assert len(progress) >= len(bodies())
    assert [p.unit.name for p in progress.values() if not p.complete] == []


def test_a_namnd_editor_has_things_to_do_in_the_open_period(kommun: Kommun):
    period = kommun.period("2026-tertial2")
    assert period.state == PeriodState.OPEN
    editor = User.objects.get(username="redaktor2")  # Socialnämnden: no goals of its own
    open_items = [item for item in followup_selectors.todo_for(access_for(editor)) if not item.done]
    assert open_items, "the to-do list of Socialnämnden's editor is empty"
    # Its contribution to every riktningsmål, though it has no goals of its own.
    assert [item.unit.ansvarskod for item in open_items] == ["3000"]
    assert open_items[0].progress.required == len(riktningsmal())


def test_the_ks_dialogue_rests_on_a_nulagesanalys_and_leads_to_an_uppdrag(kommun: Kommun):
    dialogue = TrustDialogue.objects.get(kind="oversight", held_on=dt.date(2025, 11, 12))
    assert {u.kind for u in dialogue.units.all()} == {"ks", "namnd"}
    assert [(r.unit.ansvarskod, r.year) for r in dialogue.status_reports.all()] == [("3000", 2025)]
    assert [a.title for a in dialogue.assignments.all()] == [ale_data.ASSIGNMENTS[0][0]]
    assert set(TrustDialogue.objects.values_list("kind", flat=True)) == {
        "within",
        "between",
        "oversight",
    }


# --- Report ----------------------------------------------------------------------------------

# What the document says reaches KF, as the demo wrote it: a nulägesbeskrivning's sentence,
# a factor response, a tillitsdialog's conclusion, a nämnd's reasoning on a riktningsmål.
# The last three are printed in table cells, whose lines the PDF's text interleaves with the
# other columns': their words are matched as far as they share a line.
STATUS_REPORT_SENTENCE = "Nämnden har en åtgärdsplan och ser möjligheter i"
FACTOR_RESPONSE = "Välfärdsteknik"  # "Välfärdsteknik frigör tid för omsorg."
DIALOGUE = "samverkansgrupp"  # "En gemensam samverkansgrupp för tidiga insatser startas."
CONTRIBUTION = "Lovaktiviteter och"  # "Lovaktiviteter och fritidsgårdar ger barn och unga …"


@pytest.mark.parametrize("key", ["2025-tertial2", "2025-bokslut"])
@pytest.mark.parametrize(
    "expected", [STATUS_REPORT_SENTENCE, FACTOR_RESPONSE, DIALOGUE, CONTRIBUTION]
)
def test_the_report_to_kf_carries_the_trust_based_analysis(kommun: Kommun, key, expected):
    text = text_of(kommun.pdf_text(key))
    assert expected in text
    assert "<p>" not in text


# --- Idempotent, and one model per database --------------------------------------------------


def test_a_second_run_changes_nothing(kommun: Kommun):
    before = history_counts()
    seed()
    assert history_counts() == before


def test_another_models_demo_is_refused(kommun: Kommun):
    before = history_counts()
    with pytest.raises(CommandError, match="Ale-modellen"):
        seed("vadstena")
    assert history_counts() == before
