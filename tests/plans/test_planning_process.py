"""Borlänge's planeringsprocess and Ale's plan that reuses the nulägesbeskrivning.

- A verksamhetsplan is decided where the model says: by the nämnd (Vimmerby, the default) or
  by the förvaltning (``operations_plan_decided_by == "administration"``, Borlänge); the
  page says who decides.
- A nämndplan shows the nämnd's frame (through the economy's provider), KF's uppdrag to the
  nämnd and the KF goals its goals hang under (all of them where every body reports on every
  KF goal); a verksamhetsplan shows its nämndplan and the nämnd's goals.
- Where the model uses status reports, a nämnd's plan reads the three parts and the factor
  responses from its nulägesbeskrivning (the year before, else the plan's year) and has no
  forms of its own for them.
The organisation and chain are those of tests/conftest.py and tests/goals/conftest.py.
"""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal
from html import unescape

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from apps.goals import services as goal_services
from apps.goals.models import ExternalFactor, SteeringModel
from apps.plans import services
from apps.plans.models import PlanFactorResponse, PlanState
from apps.trust import services as trust_services
from tests.economy.factories import AppropriationFactory, BudgetDecisionFactory
from tests.factories import RoleAssignmentFactory, UnitFactory, UserFactory
from tests.plans.conftest import DECIDED_ON, REASON, YEAR

M = 1_000_000
READ_FROM = "omvärldsfaktorer hämtas från nulägesbeskrivningen"
REFUSED = "hämtas från nulägesbeskrivningen 2025 för Nämnd A"  # the services' refusal


def main(response) -> str:
    return re.search(r"<main.*</main>", unescape(response.content.decode()), re.S)[0]


def decide(plan, actor):
    return services.plan_decide(
        actor=actor, plan=plan, decided_on=DECIDED_ON, paragraph="§ 5", reason=REASON
    )


def set_model(**flags) -> SteeringModel:
    model = SteeringModel.objects.get(is_active=True)
    SteeringModel.objects.filter(pk=model.pk).update(**flags)
    return model


@pytest.fixture
def forvaltning_editor(org):
    """Förvaltningschefen: editor of Förvaltning A only, not of Nämnd A."""
    user = UserFactory(username="forvaltningschef")
    RoleAssignmentFactory(user=user, role="redaktor", unit=org.forvaltning_a)
    return user


@pytest.fixture
def borlange_rule(chain):
    """The active model lets the administration decide its verksamhetsplaner."""
    return set_model(operations_plan_decided_by="administration")


# --- Who decides the verksamhetsplan ----------------------------------------------------------


class TestDecidedByTheCommittee:
    """Vimmerby: the nämnd decides its förvaltning's verksamhetsplan (today's rule)."""

    def test_the_committee_decides(self, submitted, editor_a, org):
        plan = decide(submitted, editor_a)
        assert plan.state == PlanState.DECIDED and plan.decided_by == org.namnd_a

    def test_the_administration_may_not(self, submitted, forvaltning_editor):
        with pytest.raises(PermissionDenied):
            decide(submitted, forvaltning_editor)
        submitted.refresh_from_db()
        assert submitted.state == PlanState.SUBMITTED

    def test_the_page_says_the_committee_decides(self, client, submitted, forvaltning_editor):
        client.force_login(forvaltning_editor)
        html = main(client.get(f"/planer/{submitted.pk}/"))
        assert "Nämnd A fastställer planen." in html
        assert 'value="decide"' not in html
        response = client.post(f"/planer/{submitted.pk}/", {"action": "decide"})
        assert response.status_code == 403


class TestDecidedByTheAdministration:
    """Borlänge: the förvaltning decides its verksamhetsplan, not the nämnd."""

    def test_the_administration_decides(self, borlange_rule, submitted, forvaltning_editor, org):
        plan = decide(submitted, forvaltning_editor)
        assert plan.decided_by == org.forvaltning_a
        record = plan.history.order_by("-history_date", "-history_id").first()
        assert record.history_user == forvaltning_editor and record.history_change_reason == REASON

    def test_through_the_page(self, client, borlange_rule, submitted, forvaltning_editor, org):
        client.force_login(forvaltning_editor)
        url = f"/planer/{submitted.pk}/"
        html = main(client.get(url))
        assert "Förvaltning A fastställer planen." in html
        assert "fastställer förvaltningen sina verksamhetsplaner" in html
        response = client.post(url, {
            "action": "decide", "decide-decided_on": "2026-01-28", "decide-paragraph": "§ 5",
            "decide-change_reason": "Förvaltningens beslut", "decide-version": submitted.version,
        })  # fmt: skip
        assert response.status_code == 302
        submitted.refresh_from_db()
        assert submitted.state == PlanState.DECIDED and submitted.decided_by == org.forvaltning_a

    def test_and_reopens(self, borlange_rule, submitted, forvaltning_editor):
        plan = decide(submitted, forvaltning_editor)
        plan = services.plan_reopen(actor=forvaltning_editor, plan=plan, reason="Ny budget")
        assert plan.state == PlanState.DRAFT

    def test_a_unit_below_may_not_decide(self, borlange_rule, submitted, enhet_editor):
        with pytest.raises(PermissionDenied):
            decide(submitted, enhet_editor)

    def test_a_verksamhets_plan_is_decided_by_its_forvaltning(
        self, borlange_rule, org, forvaltning_editor
    ):
        verksamhet = UnitFactory(parent=org.forvaltning_a, kind="verksamhet", name="Förskola")
        plan = services.plan_create(
            actor=forvaltning_editor, unit=verksamhet, year=YEAR, reason=REASON
        )
        services.plan_submit(actor=forvaltning_editor, plan=plan, reason=REASON)
        assert decide(plan, forvaltning_editor).decided_by == org.forvaltning_a

    def test_an_enhetsplan_stays_with_the_committee(
        self, borlange_rule, org, editor_a, forvaltning_editor
    ):
        plan = services.plan_create(actor=editor_a, unit=org.enhet_a1, year=YEAR, reason=REASON)
        services.plan_submit(actor=editor_a, plan=plan, reason=REASON)
        with pytest.raises(PermissionDenied):
            decide(plan, forvaltning_editor)
        assert decide(plan, editor_a).decided_by == org.namnd_a


# --- The nämndplan: frame, KF's uppdrag, the KF goals it pursues -----------------------------


@pytest.fixture
def committee_plan(org, chain, editor_a):
    return services.plan_create(actor=editor_a, unit=org.namnd_a, year=YEAR, reason=REASON)


@pytest.fixture
def frame(org):
    """KF's frame budget 2026: Nämnd A 150 million kr, and a tilläggsanslag of 5 million."""
    decision = BudgetDecisionFactory(budget_year__year=YEAR, title="Strategisk plan 2026–2028")
    AppropriationFactory(decision=decision, unit=org.namnd_a, year=YEAR, amount=Decimal(150 * M))
    AppropriationFactory(decision=decision, unit=org.namnd_b, year=YEAR, amount=Decimal(99 * M))
    addition = BudgetDecisionFactory(
        budget_year=decision.budget_year, kind="additional", title="Tilläggsanslag",
        decided_on=dt.date(YEAR, 3, 20),
    )  # fmt: skip
    AppropriationFactory(decision=addition, unit=org.namnd_a, year=YEAR, amount=Decimal(5 * M))
    return decision


def council_panel(response) -> str:
    html = main(response)
    return html[html.index('id="council"') : html.index("</section>", html.index('id="council"'))]


class TestCommitteePlan:
    def test_shows_the_frame_kfs_assignments_and_the_council_goals_above_its_goals(
        self, client, committee_plan, frame, assignment, politician, editor_a, admin_user, org
    ):
        goal_services.assignment_create(
            actor=admin_user, given_by=org.ks, goal=None, title="Kommunstyrelsens uppdrag",
            first_year=YEAR, last_year=YEAR, recipients=[org.namnd_a],
            decided_on=dt.date(2025, 11, 20), paragraph="§ 40", reason=REASON,
        )  # fmt: skip
        services.plan_submit(actor=editor_a, plan=committee_plan, reason=REASON)
        client.force_login(politician)
        panel = council_panel(client.get(f"/planer/{committee_plan.pk}/"))
        assert "155\xa0000,0\xa0tkr" in panel  # 150 + 5 million kr, in tkr
        assert "Strategisk plan 2026–2028" in panel and "§ 87" in panel
        assert "99\xa0000,0" not in panel  # Nämnd B's frame
        assert "Läslyft i hela kommunen" in panel  # KF's uppdrag to Nämnd A
        assert "Kommunstyrelsens uppdrag" not in panel  # not the council's
        assert "Fler elever når målen" in panel  # above "Alla elever läser i årskurs 3"
        assert "Trygg äldreomsorg" not in panel  # above Nämnd B's goal only
        assert "Vimmerby 2030" not in panel

    def test_every_council_goal_where_bodies_report_on_each(self, client, committee_plan, editor_a):
        set_model(bodies_report_on_council_goals=True)
        client.force_login(editor_a)
        panel = council_panel(client.get(f"/planer/{committee_plan.pk}/"))
        for title in ("Fler elever når målen", "Trygg äldreomsorg", "Resultat två procent"):
            assert title in panel
        assert "Fullmäktiges mål: nämnden rapporterar om vart och ett" in panel

    def test_without_a_decided_frame(self, client, committee_plan, editor_a):
        client.force_login(editor_a)
        panel = council_panel(client.get(f"/planer/{committee_plan.pk}/"))
        assert "Ingen ram är beslutad för 2026 än." in panel
        assert "Fullmäktige har inte gett nämnden något uppdrag för 2026." in panel

    def test_a_proposed_frame_is_not_shown(self, client, committee_plan, org, editor_a):
        proposal = BudgetDecisionFactory(budget_year__year=YEAR, decided_on=None)
        AppropriationFactory(
            decision=proposal, unit=org.namnd_a, year=YEAR, amount=Decimal(100 * M)
        )
        client.force_login(editor_a)
        assert "100\xa0000,0" not in council_panel(client.get(f"/planer/{committee_plan.pk}/"))

    def test_a_verksamhetsplan_has_no_council_panel(self, client, draft, editor_a):
        client.force_login(editor_a)
        assert 'id="council"' not in main(client.get(f"/planer/{draft.pk}/"))


class TestOperationsPlanBuildsOnTheCommitteePlan:
    def test_shows_the_committee_plan_its_state_and_goals(
        self, client, draft, committee_plan, editor_a
    ):
        services.plan_submit(actor=editor_a, plan=committee_plan, reason=REASON)
        client.force_login(editor_a)
        html = main(client.get(f"/planer/{draft.pk}/"))
        panel = html[html.index('id="committee-plan"') :]
        assert f'href="/planer/{committee_plan.pk}/"' in panel
        assert "plan-state--submitted" in panel
        assert "Alla elever läser i årskurs 3" in panel  # Nämnd A's goal
        assert "Kortare väntetid" not in panel  # Nämnd B's

    def test_a_draft_committee_plan_is_named_but_not_linked_for_those_who_may_not_read_it(
        self, client, draft, committee_plan, editor_a, politician
    ):
        services.plan_submit(actor=editor_a, plan=draft, reason=REASON)  # the politician reads it
        client.force_login(politician)
        html = main(client.get(f"/planer/{draft.pk}/"))
        panel = html[html.index('id="committee-plan"') :]
        assert "plan-state--draft" in panel
        assert f'href="/planer/{committee_plan.pk}/"' not in panel

    def test_without_a_committee_plan(self, client, draft, editor_a):
        client.force_login(editor_a)
        html = main(client.get(f"/planer/{draft.pk}/"))
        assert "Nämnd A har ingen nämndplan för 2026 än." in html


# --- Ale: the plan reuses the nulägesbeskrivning ---------------------------------------------


def external_factor() -> ExternalFactor:
    return ExternalFactor.objects.create(
        title="Demografisk förändring", first_year=2023, last_year=2026,
        decided_on=dt.date(2023, 2, 13), paragraph="§ 9",
    )  # fmt: skip


def write_status_report(unit, actor, year, factor=None):
    report = trust_services.status_report_save(
        actor=actor, unit=unit, year=year, reason="Nulägesanalys",
        operations="<p>Vi driver <strong>sex skolor</strong>.</p>",
        environment="<p>Fler barn flyttar in.</p>",
        current_state=f"<p>Läsresultaten steg {year}.</p>",
    )  # fmt: skip
    if factor is not None:
        trust_services.status_report_factor_response_save(
            actor=actor, unit=unit, year=year, factor=factor, risks="Lärarbrist",
            opportunities="Nya bostäder", approach="Rekrytera tidigt", reason="Nulägesanalys",
        )  # fmt: skip
    return report


@pytest.fixture
def ale_rule(chain):
    return set_model(uses_status_reports=True, uses_external_factors=True)


def section_buttons(html: str) -> int:
    return len(re.findall(r'value="section-\d+"', html))


class TestReusedStatusReport:
    def test_the_plan_reads_last_years_status_report_and_offers_no_forms_for_it(
        self, client, ale_rule, committee_plan, org, editor_a
    ):
        factor = external_factor()
        write_status_report(org.namnd_a, editor_a, YEAR - 1, factor)
        client.force_login(editor_a)
        html = main(client.get(f"/planer/{committee_plan.pk}/"))
        assert READ_FROM in html
        assert f'href="/tillit/nulage/{org.namnd_a.pk}/?ar=2025"' in html
        assert "<p>Vi driver <strong>sex skolor</strong>.</p>" in html  # formatted, not escaped
        assert "Läsresultaten steg 2025." in html
        assert "&lt;p&gt;" not in html
        assert section_buttons(html) == 0  # the three standard sections come from the report
        assert "Rekrytera tidigt" in html  # the factor response, read from the report
        assert f'value="factor-{factor.pk}"' not in html
        assert 'value="swot"' in html  # the plan's own parts stay

    def test_the_plans_year_when_there_is_none_the_year_before(
        self, client, ale_rule, committee_plan, org, editor_a
    ):
        write_status_report(org.namnd_a, editor_a, YEAR)
        client.force_login(editor_a)
        html = main(client.get(f"/planer/{committee_plan.pk}/"))
        assert "Läsresultaten steg 2026." in html
        assert f'href="/tillit/nulage/{org.namnd_a.pk}/?ar=2026"' in html

    def test_the_year_before_wins_over_the_plans_year(
        self, client, ale_rule, committee_plan, org, editor_a
    ):
        write_status_report(org.namnd_a, editor_a, YEAR)
        write_status_report(org.namnd_a, editor_a, YEAR - 1)
        client.force_login(editor_a)
        html = main(client.get(f"/planer/{committee_plan.pk}/"))
        assert "Läsresultaten steg 2025." in html and "Läsresultaten steg 2026." not in html

    def test_an_older_report_is_not_reused(self, client, ale_rule, committee_plan, org, editor_a):
        write_status_report(org.namnd_a, editor_a, YEAR - 2)
        client.force_login(editor_a)
        html = main(client.get(f"/planer/{committee_plan.pk}/"))
        assert READ_FROM not in html and section_buttons(html) == 3

    def test_a_model_without_status_reports_asks_in_the_plan(
        self, client, committee_plan, org, editor_a
    ):
        write_status_report(org.namnd_a, editor_a, YEAR - 1)
        client.force_login(editor_a)
        html = main(client.get(f"/planer/{committee_plan.pk}/"))
        assert READ_FROM not in html and section_buttons(html) == 3

    def test_the_services_refuse_to_write_the_reused_parts(
        self, ale_rule, committee_plan, org, editor_a
    ):
        factor = external_factor()
        write_status_report(org.namnd_a, editor_a, YEAR - 1)
        section = committee_plan.sections.get(template__key="nulagesanalys")
        with pytest.raises(ValidationError, match=REFUSED):
            services.plan_section_update(
                actor=editor_a, section=section, body="Eget", reason=REASON
            )
        with pytest.raises(ValidationError, match=REFUSED):
            services.plan_factor_response_save(
                actor=editor_a, plan=committee_plan, factor=factor, risks="r",
                opportunities="o", approach="a", reason=REASON,
            )  # fmt: skip
        section.refresh_from_db()
        assert section.body == "" and not PlanFactorResponse.objects.exists()

    def test_a_posted_section_is_refused_at_the_page(
        self, client, ale_rule, committee_plan, org, editor_a
    ):
        write_status_report(org.namnd_a, editor_a, YEAR - 1)
        section = committee_plan.sections.get(template__key="verksamhetsbeskrivning")
        client.force_login(editor_a)
        response = client.post(f"/planer/{committee_plan.pk}/", {
            "action": f"section-{section.pk}", f"s{section.pk}-body": "Eget",
            f"s{section.pk}-version": section.version,
        })  # fmt: skip
        assert response.status_code == 302
        section.refresh_from_db()
        assert section.body == ""

    def test_a_verksamhetsplan_keeps_its_own_sections(self, client, ale_rule, draft, org, editor_a):
        write_status_report(org.namnd_a, editor_a, YEAR - 1)
        client.force_login(editor_a)
        html = main(client.get(f"/planer/{draft.pk}/"))
        assert READ_FROM not in html and section_buttons(html) == 3


# --- Query counts ---------------------------------------------------------------------------

# Session and user, the plan, its deciding body's right, the panels (the model, the frame,
# the uppdrag, the KF goals and the nämnd's own, the status report and its responses), the
# sections, the factors, the activities.
COMMITTEE_PLAN_QUERIES = 15


@pytest.fixture(params=[1, 6], ids=["1-each", "6-each"])
def busy_committee_plan(request, ale_rule, committee_plan, frame, org, chain, admin_user,
                        editor_a):  # fmt: skip
    """Nämnd A's plan with ``param`` KF uppdrag, KF goals above its goals, factor responses
    in its status report."""
    for n in range(request.param):
        goal_services.assignment_create(
            actor=admin_user, given_by=org.kf, goal=chain.school, title=f"KF-uppdrag {n}",
            first_year=YEAR, last_year=YEAR, recipients=[org.namnd_a],
            decided_on=dt.date(2025, 6, 16), paragraph="§ 87", reason=REASON,
        )  # fmt: skip
        council_goal = goal_services.goal_create(
            actor=admin_user, level=chain.school.level, owner=org.kf, title=f"KF-mål {n}",
            parent=chain.vision, first_year=2025, last_year=2028, reason=REASON,
        )  # fmt: skip
        goal_services.goal_create(
            actor=editor_a, level=chain.reading.level, owner=org.namnd_a,
            title=f"Nämndmål {n}", parent=council_goal, first_year=2025, last_year=2028,
            perspective=chain.reading.perspective, reason=REASON,
        )  # fmt: skip
        factor = ExternalFactor.objects.create(title=f"Faktor {n}", first_year=2023, last_year=2026)
        write_status_report(org.namnd_a, editor_a, YEAR - 1, factor)
    return committee_plan


def test_the_committee_plan_page_runs_a_fixed_number_of_queries(
    client, busy_committee_plan, editor_a, django_assert_num_queries
):
    client.force_login(editor_a)
    with django_assert_num_queries(COMMITTEE_PLAN_QUERIES):
        response = client.get(f"/planer/{busy_committee_plan.pk}/")
    html = main(response)
    count = html.count("KF-uppdrag")
    assert count in (1, 6) and html.count("KF-mål") == count and html.count("Faktor ") == count
