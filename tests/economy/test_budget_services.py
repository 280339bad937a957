"""The services of budget med plan: who may write, what they refuse and with which message,
and what they leave in the database and its history.

Nämnd A's frame for 2026 is 412 000 000 kr, Nämnd B's 300 000 000 kr, KS's 100 000 000 kr.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils.translation import gettext

from apps.economy import selectors
from apps.economy.models import (
    Appropriation,
    BudgetDecision,
    BudgetYear,
    DetailBudget,
    DetailBudgetLine,
    InvestmentProject,
)
from apps.economy.services import budget as services
from styrmodell.lib.formats import NBSP
from tests.economy.factories import InvestmentProjectFactory, frame_budget

YEAR = 2026
REASON = "Budgetberedningen"
MILLION = Decimal("1000000")


def last_change(obj) -> tuple[str | None, str]:
    record = obj.history.order_by("-history_date", "-history_id").first()
    return (
        record.history_user.username if record.history_user else None,
        record.history_change_reason,
    )


def t(text: str, **values) -> str:
    """A message as the user sees it: through the catalogue, in the active language."""
    return gettext(text) % values if values else gettext(text)


def field_errors(error: ValidationError) -> dict[str, list[str]]:
    return error.message_dict


@pytest.fixture
def frames(org) -> dict:
    return {org.namnd_a: 412 * MILLION, org.namnd_b: 300 * MILLION, org.ks: 100 * MILLION}


@pytest.fixture
def decided(economist, frames) -> BudgetDecision:
    return frame_budget(actor=economist, year=YEAR, frames=frames)


@pytest.fixture
def proposal(economist, frames) -> BudgetDecision:
    return frame_budget(actor=economist, year=YEAR, frames=frames, decided=False)


@pytest.fixture
def budget_year(economist) -> BudgetYear:
    return services.budget_year_create(actor=economist, year=YEAR, reason=REASON)


class TestBudgetYear:
    def test_the_ekonom_creates_a_year_with_its_assumptions(self, economist):
        year = services.budget_year_create(
            actor=economist,
            year=YEAR,
            tax_revenue=Decimal("1650000000"),
            general_grants=Decimal("420000000"),
            tax_rate=Decimal("22.21"),
            population=15400,
            forecast_source=" SKR 26:12 ",
            is_election_year=True,
            notes="",
            reason="Skatteprognos april",
        )
        year.refresh_from_db()
        assert (year.tax_revenue, year.population, year.forecast_source) == (
            Decimal("1650000000.00"),
            15400,
            "SKR 26:12",
        )
        assert year.is_election_year
        assert last_change(year) == ("ekonom", "Skatteprognos april")

    def test_an_administrator_may_too(self, admin_user):
        services.budget_year_create(actor=admin_user, year=YEAR, reason=REASON)
        assert BudgetYear.objects.filter(year=YEAR).exists()

    @pytest.mark.parametrize("persona", ["politician", "editor_a", "outsider", "inactive_editor"])
    def test_others_may_not(self, request, persona):
        with pytest.raises(PermissionDenied):
            services.budget_year_create(
                actor=request.getfixturevalue(persona), year=YEAR, reason=REASON
            )
        assert not BudgetYear.objects.exists()

    def test_a_year_exists_once(self, economist, budget_year):
        with pytest.raises(ValidationError) as refused:
            services.budget_year_create(actor=economist, year=YEAR, reason=REASON)
        assert field_errors(refused.value) == {
            "year": [t("The budget year %(year)s exists already.", year=2026)]
        }

    def test_a_change_needs_a_reason(self, economist, budget_year):
        with pytest.raises(ValidationError) as refused:
            services.budget_year_update(
                actor=economist, budget_year=budget_year, population=16000, reason=" "
            )
        assert "reason" in field_errors(refused.value)
        budget_year.refresh_from_db()
        assert budget_year.population is None

    def test_updating_the_assumptions_keeps_who_and_why(self, admin_user, budget_year):
        services.budget_year_update(
            actor=admin_user,
            budget_year=budget_year,
            tax_revenue=Decimal("1700000000"),
            reason="Skatteprognos augusti",
        )
        budget_year.refresh_from_db()
        assert budget_year.tax_revenue == Decimal("1700000000.00")
        assert last_change(budget_year) == ("admin", "Skatteprognos augusti")

    def test_a_negative_forecast_is_refused_at_its_field(self, economist, budget_year):
        with pytest.raises(ValidationError) as refused:
            services.budget_year_update(
                actor=economist,
                budget_year=budget_year,
                tax_revenue=Decimal("-1"),
                reason=REASON,
            )
        assert field_errors(refused.value) == {"tax_revenue": [t("Enter a positive amount.")]}


class TestDecisions:
    def test_a_proposal_is_a_draft_without_a_date(self, proposal, org):
        assert (proposal.state, proposal.decided_on, proposal.decided_by) == ("draft", None, None)
        assert selectors.operating_budgets(YEAR) == {}

    def test_the_frame_budget_is_one_per_year(self, economist, proposal):
        with pytest.raises(ValidationError) as refused:
            services.budget_decision_create(
                actor=economist,
                budget_year=proposal.budget_year,
                kind="frame",
                title="En till",
                reason=REASON,
            )
        assert field_errors(refused.value) == {
            "kind": [t("%(year)s has a frame budget already.", year=2026)]
        }

    def test_a_supplementary_decision_only_in_an_election_year(self, economist, budget_year):
        with pytest.raises(ValidationError) as refused:
            services.budget_decision_create(
                actor=economist,
                budget_year=budget_year,
                kind="supplementary",
                title="Kompletterande budget",
                reason=REASON,
            )
        assert field_errors(refused.value) == {
            "kind": [t("A supplementary budget decision is made only in an election year.")]
        }
        services.budget_year_update(
            actor=economist, budget_year=budget_year, is_election_year=True, reason="Valår"
        )
        decision = services.budget_decision_create(
            actor=economist,
            budget_year=budget_year,
            kind="supplementary",
            title="Kompletterande budget",
            reason=REASON,
        )
        assert decision.kind == "supplementary"

    @pytest.mark.parametrize("persona", ["politician", "editor_a", "outsider"])
    def test_only_the_ekonom_and_administrator_write_decisions(
        self, request, persona, proposal, org
    ):
        actor = request.getfixturevalue(persona)
        with pytest.raises(PermissionDenied):
            services.budget_decision_create(
                actor=actor,
                budget_year=proposal.budget_year,
                kind="additional",
                title="Tilläggsanslag",
                reason=REASON,
            )
        with pytest.raises(PermissionDenied):
            services.appropriation_set(
                actor=actor,
                decision=proposal,
                unit=org.namnd_a,
                year=YEAR,
                amount=MILLION,
                reason=REASON,
            )
        with pytest.raises(PermissionDenied):
            services.budget_decision_decide(
                actor=actor,
                decision=proposal,
                decided_on=dt.date(2025, 6, 15),
                paragraph="§ 87",
                reason=REASON,
            )
        with pytest.raises(PermissionDenied):
            services.budget_decision_delete(actor=actor, decision=proposal, reason=REASON)
        proposal.refresh_from_db()
        assert proposal.state == "draft"

    def test_setting_an_amount_twice_updates_the_one_row(self, economist, proposal, org):
        for amount in (415 * MILLION, 416 * MILLION):
            services.appropriation_set(
                actor=economist,
                decision=proposal,
                unit=org.namnd_a,
                year=YEAR,
                amount=amount,
                reason="Justerad ram",
            )
        row = Appropriation.objects.get(decision=proposal, unit=org.namnd_a, year=YEAR)
        assert (row.kind, row.amount) == ("operations", Decimal("416000000.00"))
        assert last_change(row) == ("ekonom", "Justerad ram")

    def test_an_empty_amount_removes_it(self, economist, proposal, org):
        services.appropriation_set(
            actor=economist, decision=proposal, unit=org.ks, year=YEAR, amount=None, reason="Bort"
        )
        assert not Appropriation.objects.filter(decision=proposal, unit=org.ks).exists()

    def test_plan_years_are_the_two_after_the_budget_year(self, economist, proposal, org):
        for year in (YEAR + 1, YEAR + 2):
            services.appropriation_set(
                actor=economist,
                decision=proposal,
                unit=org.namnd_a,
                year=year,
                amount=420 * MILLION,
                reason=REASON,
            )
        with pytest.raises(ValidationError) as refused:
            services.appropriation_set(
                actor=economist,
                decision=proposal,
                unit=org.namnd_a,
                year=YEAR + 3,
                amount=MILLION,
                reason=REASON,
            )
        assert field_errors(refused.value) == {
            "year": [t("Appropriations are for %(first)s to %(last)s.", first=2026, last=2028)]
        }

    def test_an_operating_frame_goes_to_a_body(self, economist, proposal, org):
        with pytest.raises(ValidationError) as refused:
            services.appropriation_set(
                actor=economist,
                decision=proposal,
                unit=org.forvaltning_a,
                year=YEAR,
                amount=MILLION,
                reason=REASON,
            )
        assert list(field_errors(refused.value)) == ["unit"]

    def test_an_investment_amount_belongs_to_its_project_and_its_years(
        self, economist, proposal, org
    ):
        project = InvestmentProjectFactory(unit=org.namnd_b, first_year=2026, last_year=2027)
        row = services.appropriation_set(
            actor=economist,
            decision=proposal,
            unit=org.ks,  # ignored: the project's body holds the appropriation
            project=project,
            year=YEAR,
            amount=5 * MILLION,
            reason=REASON,
        )
        assert (row.kind, row.unit, row.project) == ("investment", org.namnd_b, project)
        with pytest.raises(ValidationError) as refused:
            services.appropriation_set(
                actor=economist,
                decision=proposal,
                unit=org.namnd_b,
                project=project,
                year=2028,
                amount=MILLION,
                reason=REASON,
            )
        assert list(field_errors(refused.value)) == ["amount"]

    def test_many_amounts_are_saved_all_or_none(self, economist, proposal, org):
        with pytest.raises(ValidationError) as refused:
            services.appropriations_save(
                actor=economist,
                decision=proposal,
                operations={
                    (org.namnd_a, YEAR): 1 * MILLION,
                    (org.forvaltning_a, YEAR): 2 * MILLION,
                },
                reason=REASON,
            )
        assert list(field_errors(refused.value)) == [f"operations-{org.forvaltning_a.pk}-{YEAR}"]

    def test_kf_decides_the_proposal(self, economist, proposal, org):
        decision = services.budget_decision_decide(
            actor=economist,
            decision=proposal,
            decided_on=dt.date(2025, 6, 15),
            paragraph=" § 87 ",
            reason="KF 2025-06-15",
        )
        decision.refresh_from_db()
        assert (decision.state, decision.decided_on, decision.paragraph, decision.decided_by) == (
            "decided",
            dt.date(2025, 6, 15),
            "§ 87",
            org.kf,
        )
        assert decision.is_decided
        assert last_change(decision) == ("ekonom", "KF 2025-06-15")
        assert selectors.operating_budgets(YEAR)[org.namnd_a.pk].current == 412 * MILLION

    def test_a_decision_needs_a_paragraph_and_amounts(self, economist, budget_year):
        empty = services.budget_decision_create(
            actor=economist, budget_year=budget_year, kind="frame", title="Tom", reason=REASON
        )
        with pytest.raises(ValidationError) as refused:
            services.budget_decision_decide(
                actor=economist,
                decision=empty,
                decided_on=dt.date(2025, 6, 15),
                paragraph="",
                reason=REASON,
            )
        assert field_errors(refused.value) == {"paragraph": [t("Write the paragraph as § 123.")]}
        with pytest.raises(ValidationError) as refused:
            services.budget_decision_decide(
                actor=economist,
                decision=empty,
                decided_on=dt.date(2025, 6, 15),
                paragraph="§ 87",
                reason=REASON,
            )
        assert refused.value.messages == [
            t("Enter at least one amount before the decision is made.")
        ]

    def test_a_change_comes_after_the_frame_budget(self, economist, proposal, org):
        change = services.budget_decision_create(
            actor=economist,
            budget_year=proposal.budget_year,
            kind="additional",
            title="Tilläggsanslag",
            reason=REASON,
        )
        services.appropriation_set(
            actor=economist, decision=change, unit=org.namnd_a, year=YEAR, amount=MILLION,
            reason=REASON,
        )  # fmt: skip
        with pytest.raises(ValidationError) as refused:
            services.budget_decision_decide(
                actor=economist,
                decision=change,
                decided_on=dt.date(2026, 3, 1),
                paragraph="§ 12",
                reason=REASON,
            )
        assert refused.value.messages == [
            t("Decide the frame budget for %(year)s first.", year=2026)
        ]

    def test_changes_give_original_changes_and_current(self, economist, decided, org):
        for kind, amount in (("additional", 2 * MILLION), ("rebudget", -MILLION / 2)):
            change = services.budget_decision_create(
                actor=economist,
                budget_year=decided.budget_year,
                kind=kind,
                title=kind,
                reason=REASON,
            )
            services.appropriation_set(
                actor=economist, decision=change, unit=org.namnd_a, year=YEAR, amount=amount,
                reason=REASON,
            )  # fmt: skip
            services.budget_decision_decide(
                actor=economist,
                decision=change,
                decided_on=dt.date(2026, 4, 1),
                paragraph="§ 40",
                reason=REASON,
            )
        services.budget_decision_create(
            actor=economist,
            budget_year=decided.budget_year,
            kind="additional",
            title="Ännu inte beslutat",
            reason=REASON,
        )
        figures = selectors.operating_budgets(YEAR)[org.namnd_a.pk]
        assert (figures.original, figures.changes, figures.current) == (
            Decimal("412000000.00"),
            Decimal("1500000.00"),
            Decimal("413500000.00"),
        )

    def test_a_decided_decision_refuses_every_write_with_a_message(self, economist, decided, org):
        read_only = [t("The decision is decided and read-only.")]
        with pytest.raises(ValidationError) as refused:
            services.appropriation_set(
                actor=economist,
                decision=decided,
                unit=org.namnd_a,
                year=YEAR,
                amount=MILLION,
                reason=REASON,
            )
        assert refused.value.messages == read_only
        with pytest.raises(ValidationError) as refused:
            services.budget_decision_decide(
                actor=economist,
                decision=decided,
                decided_on=dt.date(2025, 6, 16),
                paragraph="§ 88",
                reason=REASON,
            )
        assert refused.value.messages == read_only
        with pytest.raises(ValidationError) as refused:
            services.budget_decision_delete(actor=economist, decision=decided, reason=REASON)
        assert refused.value.messages == read_only
        assert Appropriation.objects.get(decision=decided, unit=org.namnd_a).amount == 412 * MILLION

    def test_a_proposal_can_be_deleted_with_its_amounts(self, economist, proposal):
        services.budget_decision_delete(actor=economist, decision=proposal, reason="Fel år")
        assert not BudgetDecision.objects.exists()
        assert not Appropriation.objects.exists()
        deleted = Appropriation.history.filter(history_type="-")
        assert deleted.count() == 3
        assert {r.history_change_reason for r in deleted} == {"Fel år"}


class TestDetailBudget:
    def test_the_namnds_editor_breaks_the_frame_down(self, editor_a, decided, org):
        line = services.detail_budget_line_set(
            actor=editor_a,
            body=org.namnd_a,
            year=YEAR,
            unit=org.enhet_a1,
            amount=200 * MILLION,
            reason="Detaljbudget",
        )
        assert (line.detail_budget.unit, line.detail_budget.state) == (org.namnd_a, "draft")
        assert last_change(line) == ("redaktor_a", "Detaljbudget")

    def test_an_ekonom_may_write_it_too(self, economist, decided, org):
        services.detail_budget_line_set(
            actor=economist, body=org.namnd_a, year=YEAR, unit=org.namnd_a, amount=MILLION,
            reason=REASON,
        )  # fmt: skip
        assert DetailBudgetLine.objects.count() == 1

    @pytest.mark.parametrize("persona", ["editor_b", "politician", "outsider"])
    def test_others_may_not(self, request, persona, decided, org):
        with pytest.raises(PermissionDenied):
            services.detail_budget_line_set(
                actor=request.getfixturevalue(persona),
                body=org.namnd_a,
                year=YEAR,
                unit=org.enhet_a1,
                amount=MILLION,
                reason=REASON,
            )
        assert not DetailBudget.objects.exists()

    def test_a_line_is_for_a_unit_of_the_namnd(self, editor_a, decided, org):
        with pytest.raises(ValidationError) as refused:
            services.detail_budget_line_set(
                actor=editor_a,
                body=org.namnd_a,
                year=YEAR,
                unit=org.forvaltning_b,
                amount=MILLION,
                reason=REASON,
            )
        assert field_errors(refused.value) == {
            "unit": [
                t(
                    "%(unit)s is not part of %(body)s in %(year)s.",
                    unit="Förvaltning B",
                    body="Nämnd A",
                    year=2026,
                )
            ]
        }

    def _lines(self, actor, org, *amounts):
        services.detail_budget_lines_save(
            actor=actor,
            body=org.namnd_a,
            year=YEAR,
            amounts=dict(zip([org.namnd_a, org.forvaltning_a, org.enhet_a1], amounts, strict=True)),
            reason="Detaljbudget",
        )
        return DetailBudget.objects.get(unit=org.namnd_a, year=YEAR)

    def test_deciding_is_refused_with_the_difference_when_the_lines_do_not_sum(
        self, editor_a, decided, org
    ):
        detail = self._lines(editor_a, org, 10 * MILLION, 200 * MILLION, 200 * MILLION)
        with pytest.raises(ValidationError) as refused:
            services.detail_budget_decide(
                actor=editor_a,
                detail_budget=detail,
                decided_on=dt.date(2025, 11, 20),
                paragraph="§ 101",
                reason="Nämndens beslut",
            )
        tkr = f"{NBSP}tkr"
        assert refused.value.messages == [
            t(
                "The detailed budget sums to %(total)s but the frame is %(frame)s; "
                "difference %(difference)s.",
                total=f"410{NBSP}000,0{tkr}",
                frame=f"412{NBSP}000,0{tkr}",
                difference=f"\u22122{NBSP}000,0{tkr}",
            )
        ]
        detail.refresh_from_db()
        assert detail.state == "draft"

    def test_the_frame_is_the_current_one_after_changes(self, editor_a, economist, decided, org):
        change = services.budget_decision_create(
            actor=economist,
            budget_year=decided.budget_year,
            kind="additional",
            title="Tilläggsanslag",
            reason=REASON,
        )
        services.appropriation_set(
            actor=economist, decision=change, unit=org.namnd_a, year=YEAR,
            amount=-2 * MILLION, reason=REASON,
        )  # fmt: skip
        services.budget_decision_decide(
            actor=economist, decision=change, decided_on=dt.date(2025, 10, 1), paragraph="§ 9",
            reason=REASON,
        )  # fmt: skip
        detail = self._lines(editor_a, org, 10 * MILLION, 200 * MILLION, 200 * MILLION)
        services.detail_budget_decide(
            actor=editor_a,
            detail_budget=detail,
            decided_on=dt.date(2025, 11, 20),
            paragraph="§ 101",
            reason="Nämndens beslut",
        )
        detail.refresh_from_db()
        assert (detail.state, detail.paragraph) == ("decided", "§ 101")

    def test_no_decided_frame_no_decision(self, editor_a, proposal, org):
        detail = self._lines(editor_a, org, 412 * MILLION, None, None)
        with pytest.raises(ValidationError) as refused:
            services.detail_budget_decide(
                actor=editor_a,
                detail_budget=detail,
                decided_on=dt.date(2025, 11, 20),
                paragraph="§ 101",
                reason=REASON,
            )
        assert refused.value.messages == [
            t("%(body)s has no decided frame for %(year)s.", body="Nämnd A", year=2026)
        ]

    def test_a_decided_detail_budget_is_read_only_until_reopened(
        self, editor_a, editor_b, decided, org
    ):
        detail = self._lines(editor_a, org, 12 * MILLION, 200 * MILLION, 200 * MILLION)
        services.detail_budget_decide(
            actor=editor_a, detail_budget=detail, decided_on=dt.date(2025, 11, 20),
            paragraph="§ 101", reason=REASON,
        )  # fmt: skip
        with pytest.raises(ValidationError) as refused:
            services.detail_budget_line_set(
                actor=editor_a, body=org.namnd_a, year=YEAR, unit=org.enhet_a1, amount=MILLION,
                reason=REASON,
            )  # fmt: skip
        assert refused.value.messages == [
            t("The detailed budget is decided and read-only. Reopen it to change it.")
        ]
        with pytest.raises(ValidationError) as refused:
            services.detail_budget_reopen(actor=editor_a, detail_budget=detail, reason="")
        assert "reason" in field_errors(refused.value)
        with pytest.raises(PermissionDenied):
            services.detail_budget_reopen(actor=editor_b, detail_budget=detail, reason="x")
        services.detail_budget_reopen(
            actor=editor_a, detail_budget=detail, reason="Tilläggsanslag i oktober"
        )
        detail.refresh_from_db()
        assert (detail.state, detail.decided_on) == ("draft", None)
        assert last_change(detail) == ("redaktor_a", "Tilläggsanslag i oktober")
        services.detail_budget_line_set(
            actor=editor_a, body=org.namnd_a, year=YEAR, unit=org.enhet_a1, amount=MILLION,
            reason=REASON,
        )  # fmt: skip


class TestInvestmentProjects:
    def _create(self, actor, org, **fields):
        values = {
            "code": "P1001",
            "name": "Ny förskola Solrosen",
            "unit": org.namnd_a,
            "decided_total": 48 * MILLION,
            "first_year": 2026,
            "last_year": 2027,
            "status": "ongoing",
            "description": "",
        } | fields
        return services.investment_project_create(actor=actor, reason="KF § 87", **values)

    def test_the_ekonom_creates_a_project(self, economist, org):
        project = self._create(economist, org)
        project.refresh_from_db()
        assert (project.code, project.decided_total, project.status) == (
            "P1001",
            Decimal("48000000.00"),
            "ongoing",
        )
        assert last_change(project) == ("ekonom", "KF § 87")

    @pytest.mark.parametrize("persona", ["editor_a", "politician", "outsider"])
    def test_others_may_not(self, request, persona, org):
        with pytest.raises(PermissionDenied):
            self._create(request.getfixturevalue(persona), org)
        assert not InvestmentProject.objects.exists()

    @pytest.mark.parametrize(
        ("fields", "field"),
        [
            ({"last_year": 2025}, "last_year"),
            ({"unit": "forvaltning_a"}, "unit"),
            ({"decided_total": Decimal("-1")}, "decided_total"),
        ],
    )
    def test_invalid_fields_are_refused_at_the_field(self, economist, org, fields, field):
        if fields.get("unit") == "forvaltning_a":
            fields = {"unit": org.forvaltning_a}
        with pytest.raises(ValidationError) as refused:
            self._create(economist, org, **fields)
        assert list(field_errors(refused.value)) == [field]

    def test_a_code_is_used_once(self, economist, org):
        self._create(economist, org)
        with pytest.raises(ValidationError) as refused:
            self._create(economist, org, name="Annat")
        assert field_errors(refused.value) == {
            "code": [t("Another project has the code %(code)s.", code="P1001")]
        }

    def test_updating_a_project(self, admin_user, economist, org):
        project = self._create(economist, org)
        services.investment_project_update(
            actor=admin_user, project=project, status="finished", reason="Slutbesiktigad"
        )
        project.refresh_from_db()
        assert project.status == "finished"
        assert last_change(project) == ("admin", "Slutbesiktigad")
