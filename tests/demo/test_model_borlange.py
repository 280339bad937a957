"""The Borlänge model's demo (seed document 003) walked through its yearly cycle: the model
configured as the document has it, the strategic plan's goals and the plans (verksamhetsplaner
decided by the förvaltningar), the kvalitetsledningssystem's register under its seven
headings, every nämnd's contribution to every KF goal in a closed follow-up, and the
delårsrapport and årsredovisning read back as text."""

from __future__ import annotations

from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse
from django.utils import translation

from apps.accounts.access import access_for
from apps.accounts.models import User
from apps.demo.models import borlange_data as data
from apps.demo.models import model_demo
from apps.documents.models import Deviation, GoverningDocument
from apps.documents.selectors import QUALITY_HEADINGS, quality_register
from apps.economy.models import FinancialGoalLink
from apps.economy.strategic_plan import strategic_plan
from apps.followup.models import Assessment, UnitCompletion
from apps.followup.selectors import PartKind, council_contributions, missing_items
from apps.goals.models import FoundationElement, Goal, SteeringModel
from apps.organisation.models import Unit
from apps.plans.models import Plan, PlanKind, PlanState
from apps.reports.models import ReportRequest
from tests.demo.model_demos import history_counts
from tests.invariants.kommun import Kommun, built_once

pytestmark = pytest.mark.django_db

CLOSED = ("2025-tertial1", "2025-tertial2", "2025-bokslut", "2026-tertial1")


def seed() -> str:
    out = StringIO()
    call_command("seed_demo", "--model", "borlange", stdout=out)
    return out.getvalue()


@pytest.fixture(scope="module")
def kommun(django_db_setup, django_db_blocker):
    with built_once(django_db_blocker, "Borlänge", seed) as built:
        built.committee = "3000"
        yield built


def kf_goals() -> list[Goal]:
    """The mål för god ekonomisk hushållning: the financial ones and the verksamhetsmål."""
    return list(Goal.objects.filter(level__decided_by="kf").order_by("position"))


def test_the_model_is_borlanges(kommun: Kommun):
    model = SteeringModel.objects.get(is_active=True)
    assert model.key == "borlange"
    assert model.bodies_report_on_council_goals
    assert model.operations_plan_decided_by == "administration"
    levels = set(model.levels.values_list("key", "decided_by", "is_financial"))
    assert levels == {
        ("god-hushallning", "kf", False),
        (data.FINANCIAL_LEVEL[0], "kf", True),  # the preset's financial level
        ("namndmal", "body", False),
        ("verksamhetsmal", "administration", False),
    }


def test_ledord_vardegrund_and_ledarfilosofi_are_decided_by_kf(kommun: Kommun):
    elements = FoundationElement.objects.filter(model__key="borlange")
    kinds = {
        kind: elements.filter(kind=kind).count() for kind in ("ledord", "vardegrund", "ledarskap")
    }
    assert kinds == {"ledord": 5, "vardegrund": 3, "ledarskap": 5}
    decided_on, paragraph, first_year = data.FOUNDATION_DECISION
    assert set(
        elements.values_list("decided_by__kind", "decided_on", "paragraph", "first_year")
    ) == {("kf", decided_on, paragraph, first_year)}


def test_the_goal_tree_shows_the_ledord_and_vardegrund(kommun: Kommun):
    page = kommun.page("/mal/?ar=2026", "politiker")
    for title in ("Decentralisering", "Koncernnytta", "Jag gillar utmaningar"):
        assert title in page


def test_the_steering_model_page_shows_the_ledarfilosofi_with_its_decision(kommun: Kommun):
    page = kommun.page("/mal/styrmodell/", "admin")
    for title in ("Tydlig ledare", "Coachande ledare", "Jag följer upp och återkopplar"):
        assert title in page
    assert data.FOUNDATION_DECISION[1] in page


def test_the_strategic_plan_has_its_goh_goals_two_computed_from_key_figures(kommun: Kommun):
    goals = kf_goals()
    assert len(goals) == 5
    assert {g.owner.kind for g in goals} == {"kf"}
    assert {(g.first_year, g.last_year) for g in goals} == {data.YEARS}
    assert {(g.decided_on, g.decision_paragraph) for g in goals} == {data.STRATEGIC_PLAN_DECISION}
    linked = FinancialGoalLink.objects.filter(goal__in=goals)
    assert set(linked.values_list("figure", flat=True)) == {"result_share", "self_financing"}
    # The verksamhetsmål among them are measured with indicators.
    for goal in goals:
        if goal.pk not in set(linked.values_list("goal_id", flat=True)):
            assert goal.indicator_links.exists(), goal.title
    # Every nämnd with goals has them under a KF goal; verksamhetsmål are the förvaltningars.
    for goal in Goal.objects.filter(level__key="namndmal"):
        assert goal.parent.level.decided_by == "kf"
        assert goal.owner.kind in {"ks", "namnd"}
    assert {g.owner.kind for g in Goal.objects.filter(level__key="verksamhetsmal")} == {
        "forvaltning"
    }


def test_the_strategic_plan_decides_the_goh_goals_and_the_frames(kommun: Kommun):
    reader = access_for(User.objects.get(username="politiker"))
    plan = strategic_plan(2026, reader=reader, may_see_proposals=False)
    assert plan.decision is not None and plan.decision.is_decided
    assert {g.goal for g in plan.goals} == set(kf_goals())
    assert sum(g.is_financial for g in plan.goals) == 2
    assert all(g.status is not None for g in plan.goals if g.is_financial)
    assert all(g.indicators for g in plan.goals)
    resultat = next(g for g in plan.goals if g.goal.title.startswith("Årets resultat"))
    assert "Riktlinjer för god ekonomisk hushållning" in [d.title for d in resultat.documents]
    bodies = {f.body.ansvarskod for f in plan.frames}
    assert {"1000", "2000", "3000", "4000", "5000", "6000", "7000"} <= bodies
    page = kommun.page("/ekonomi/budget/2026/strategisk-plan/", "politiker")
    for goal in kf_goals():
        assert goal.title in page


def test_a_namndplan_shows_its_frame_kfs_uppdrag_and_the_goh_goals(kommun: Kommun):
    plan = Plan.objects.get(unit__ansvarskod="3000", year=data.PLAN_YEAR)
    page = kommun.page(f"/planer/{plan.pk}/", "politiker")
    assert "Ta fram en gemensam plan för fler vägar till arbete" in page
    for goal in kf_goals():
        assert goal.title in page
    assert "tkr" in page  # the frame


def test_namndplaner_are_decided_by_the_namnd_and_verksamhetsplaner_by_the_forvaltning(
    kommun: Kommun,
):
    plans = Plan.objects.filter(year=data.PLAN_YEAR).select_related("unit", "decided_by")
    committee = [p for p in plans if p.kind == PlanKind.COMMITTEE]
    operations = [p for p in plans if p.kind == PlanKind.OPERATIONS]
    assert {p.unit.ansvarskod for p in committee} == set(data.COMMITTEE_PLANS)
    assert {p.unit.ansvarskod for p in operations} == set(data.OPERATIONS_PLANS)
    assert {p.state for p in plans} == {PlanState.DECIDED}
    for plan in committee:
        assert plan.decided_by == plan.unit
    for plan in operations:
        assert plan.decided_by.kind == "forvaltning"
        assert plan.decided_by in [plan.unit, *plan.unit.get_ancestors()]
    # Sociala verksamheters plan (a verksamhet) is decided by Socialförvaltningen, not the nämnd.
    elderly = next(p for p in operations if p.unit.ansvarskod == "3120")
    assert elderly.decided_by.ansvarskod == "3100"


def test_the_register_holds_documents_under_the_quality_headings(kommun: Kommun):
    register = quality_register()
    assert len(register.sections) == 7
    for section in register.sections:
        if section.heading.kinds:  # the four headings that hold documents (the rest link)
            assert section.documents, section.heading.key
    documents = GoverningDocument.objects.all()
    laws = documents.filter(kind="lag")
    assert laws.count() == 4 and not laws.filter(decided_by__isnull=False).exists()
    operational = documents.filter(kind__in=["process", "rutin", "checklista"])
    assert {d.owner.kind for d in operational} <= {"forvaltning", "verksamhet"}
    assert {d.decided_by.kind for d in operational} <= {"forvaltning", "verksamhet"}
    assert all(d.revise_by for d in operational)
    assert operational.filter(goals__isnull=False).exists()
    assert sum(register.open_entries.values()) == 2


def test_the_register_page_shows_the_seven_headings_with_documents(kommun: Kommun):
    page = kommun.page("/styrdokument/kvalitetsledning/", "politiker")
    with translation.override("sv"):
        headings = [str(h.title) for h in QUALITY_HEADINGS]
    for heading in headings:
        assert heading in page, heading
    for title in ("Kommunallag (2017:725)", "Process för synpunkts- och klagomålshantering",
                  "Borlängemodellen för systematiskt kvalitetsarbete"):  # fmt: skip
        assert title in page


def test_deviations_complaints_and_suggestions_concern_a_process_and_a_goal(kommun: Kommun):
    deviations = Deviation.objects.all()
    assert set(deviations.values_list("kind", flat=True)) == {"avvikelse", "klagomal", "synpunkt"}
    linked = deviations.filter(document__isnull=False)
    assert linked.count() == len(data.DEVIATIONS)
    assert {d.document.kind for d in linked} <= {"process", "rutin", "checklista"}
    assert deviations.filter(goal__isnull=False).count() == 5
    process = GoverningDocument.objects.get(title="Process för bygglovshandläggning")
    page = kommun.page(f"/styrdokument/{process.pk}/", "politiker")
    assert "Sökande fick inget besked om sitt bygglov inom tio veckor." in page


@pytest.mark.parametrize("key", CLOSED)
def test_every_namnd_reports_its_contribution_to_every_kf_goal_in_a_closed_period(
    kommun: Kommun, key: str
):
    period = kommun.period(key)
    assert period.state == "closed"
    contributions = council_contributions(period=period)
    bodies = {c.unit for c in contributions}
    assert {"1000", "2000", "3000", "4000", "5000", "6000", "7000"} <= {
        u.ansvarskod for u in bodies
    }
    assert {c.goal for c in contributions} == set(kf_goals())
    assert len(contributions) == len(bodies) * len(kf_goals())
    missing = [(c.goal.title, c.unit.name) for c in contributions if not c.reported]
    assert missing == []
    for c in contributions:
        assert c.assessment.analysis


def test_in_the_open_period_a_namnd_that_is_not_done_has_its_contributions_to_do(
    kommun: Kommun,
):
    period = kommun.period("2026-tertial2")
    assert period.state == "open"
    sn = Unit.objects.get(ansvarskod="3000", valid_to=None)
    missing = missing_items(unit=sn, period=period)
    assert {m.kind for m in missing} == {PartKind.CONTRIBUTIONS}
    assert len(missing) == len(kf_goals())
    bun = Unit.objects.get(ansvarskod="2000", valid_to=None)
    assert missing_items(unit=bun, period=period) == []
    assert UnitCompletion.objects.filter(period=period, unit=bun).exists()
    entry = reverse("followup:entry", args=[period.pk, sn.pk])
    assert entry in kommun.page("/uppfoljning/", "redaktor2")  # the to-do list
    page = kommun.page(entry, "redaktor2")
    for goal in kf_goals():
        assert goal.title in page


def test_a_committees_own_goal_and_its_contribution_agree(kommun: Kommun):
    period = kommun.period("2025-bokslut")
    sn = Unit.objects.get(ansvarskod="3000", valid_to=None)
    arbete = Goal.objects.get(level__key="god-hushallning", title__startswith="Fler Borlängebor")
    contribution = Assessment.objects.get(period=period, unit=sn, goal=arbete)
    own = Assessment.objects.get(period=period, goal__owner=sn, goal__parent=arbete)
    assert contribution.status == own.status == "partly"
    assert "jobbtorget" in contribution.analysis


def test_the_reports_were_requested(kommun: Kommun):
    requested = set(ReportRequest.objects.filter(unit=None).values_list("period__year", "kind"))
    assert {(2025, "arsredovisning"), (2025, "delarsrapport")} <= requested


CONTRIBUTION_TEXT = data.CONTRIBUTIONS["3000"]["arbete"]
CONTRIBUTION_WORD = "jobbcoacher"  # a word of it no other text of the demo has


def contribution_rows(kommun: Kommun, key: str, body: str | None = None) -> list:
    table = kommun.table(key, "council-contributions", body)
    assert table is not None, f"no contributions table in {key}"
    return [list(row) for row in table.rows]


@pytest.mark.parametrize("key", ["2025-bokslut", "2025-tertial2"])
def test_the_arsredovisning_and_delarsrapport_carry_each_contribution(kommun: Kommun, key: str):
    rows = contribution_rows(kommun, key)
    period = kommun.period(key)
    assert len(rows) == len(council_contributions(period=period))
    sn = Unit.objects.get(ansvarskod="3000", valid_to=None).name
    assert any(row[1] == sn and row[3] == CONTRIBUTION_TEXT for row in rows)
    text = kommun.pdf_text(key)
    assert CONTRIBUTION_WORD in text
    assert "<p>" not in text


def test_the_arsredovisning_names_the_goh_goals(kommun: Kommun):
    text = " ".join(kommun.pdf_text("2025-bokslut").split())
    for goal in kf_goals():
        assert goal.title.split()[0] in text


def test_the_committees_own_report_carries_only_its_contributions(kommun: Kommun):
    rows = contribution_rows(kommun, "2025-tertial2", "3000")
    sn = Unit.objects.get(ansvarskod="3000", valid_to=None).name
    assert len(rows) == len(kf_goals()) and {row[1] for row in rows} == {sn}
    assert CONTRIBUTION_WORD in kommun.pdf_text("2025-tertial2", "3000")


def test_the_governance_section_names_the_ledord_and_ledarfilosofi(kommun: Kommun):
    with translation.override("sv"):
        text = " ".join(kommun.pdf_text("2025-bokslut").split())
    for title in ("Decentralisering", "Jag finns här för Borlängebon", "Coachande ledare"):
        assert title in text


def test_a_second_seed_changes_nothing(kommun: Kommun):
    before = history_counts()
    seed()
    assert history_counts() == before


def test_another_models_demo_is_refused_on_this_one(kommun: Kommun):
    before = history_counts()
    with pytest.raises(CommandError):
        call_command("seed_demo", "--model", "alvesta", stdout=StringIO())
    assert history_counts() == before


def test_the_registry_names_the_demo():
    demo = model_demo("borlange")
    assert demo.key == "borlange" and "Borlänge" in demo.municipality_name
