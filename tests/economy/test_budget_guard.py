"""A decided budget decision and a decided detaljbudget are read-only whatever path a write
takes: the services refuse with a message (test_budget_services.py), the database refuses
every other path underneath them (apps.economy.budget_guard)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.db import IntegrityError, connection, transaction

from apps.economy.models import Appropriation, BudgetDecision, DetailBudget, DetailBudgetLine
from apps.economy.services import budget as services
from tests.economy.factories import AppropriationFactory, frame_budget

YEAR = 2026
MILLION = Decimal("1000000")


def refused_budget():
    return pytest.raises(IntegrityError, match="decided budget")


def refused_detail():
    return pytest.raises(IntegrityError, match="decided detailed budget")


@pytest.fixture
def decided(economist, org) -> BudgetDecision:
    return frame_budget(
        actor=economist, year=YEAR, frames={org.namnd_a: 412 * MILLION, org.namnd_b: 300 * MILLION}
    )


@pytest.fixture
def detail(editor_a, decided, org) -> DetailBudget:
    services.detail_budget_lines_save(
        actor=editor_a,
        body=org.namnd_a,
        year=YEAR,
        amounts={org.forvaltning_a: 212 * MILLION, org.enhet_a1: 200 * MILLION},
        reason="Detaljbudget",
    )
    detail = DetailBudget.objects.get(unit=org.namnd_a, year=YEAR)
    return services.detail_budget_decide(
        actor=editor_a,
        detail_budget=detail,
        decided_on=dt.date(2025, 11, 20),
        paragraph="§ 101",
        reason="Nämndens beslut",
    )


class TestTheDatabaseRefusesWritesToADecidedDecision:
    def test_updating_an_appropriation(self, decided, org):
        row = Appropriation.objects.get(decision=decided, unit=org.namnd_a)
        with refused_budget(), transaction.atomic():
            Appropriation.objects.filter(pk=row.pk).update(amount=MILLION)
        with refused_budget(), transaction.atomic():
            row.amount = MILLION
            row.save()
        assert Appropriation.objects.get(pk=row.pk).amount == 412 * MILLION

    def test_inserting_an_appropriation(self, decided, org):
        with refused_budget(), transaction.atomic():
            Appropriation.objects.create(
                decision=decided, unit=org.ks, kind="operations", year=YEAR, amount=MILLION
            )
        with refused_budget(), transaction.atomic():
            Appropriation.objects.bulk_create(
                [
                    Appropriation(
                        decision=decided, unit=org.ks, kind="operations", year=y, amount=MILLION
                    )
                    for y in (YEAR + 1, YEAR + 2)
                ]
            )
        assert decided.appropriations.count() == 2

    def test_moving_an_appropriation_into_or_out_of_it(self, economist, decided, org):
        change = services.budget_decision_create(
            actor=economist,
            budget_year=decided.budget_year,
            kind="additional",
            title="Tilläggsanslag",
            reason="x",
        )
        draft_row = services.appropriation_set(
            actor=economist, decision=change, unit=org.ks, year=YEAR, amount=MILLION, reason="x"
        )
        with refused_budget(), transaction.atomic():
            Appropriation.objects.filter(pk=draft_row.pk).update(decision=decided)
        with refused_budget(), transaction.atomic():
            decided.appropriations.update(decision=change)
        assert decided.appropriations.count() == 2
        assert change.appropriations.count() == 1

    def test_updating_the_decisions_own_fields(self, decided):
        with refused_budget(), transaction.atomic():
            BudgetDecision.objects.filter(pk=decided.pk).update(paragraph="§ 99")
        with refused_budget(), transaction.atomic():
            decided.title = "Ändrad i efterhand"
            decided.save()
        decided.refresh_from_db()
        assert (decided.paragraph, decided.title) == ("§ 87", "Budget 2026 med plan 2027–2028")

    @pytest.mark.skipif(
        connection.vendor != "postgresql",
        reason="SQLite guards only inserts and updates: Django flushes SQLite with DELETE",
    )
    def test_deleting_it_or_its_appropriations(self, decided):
        with refused_budget(), transaction.atomic():
            decided.appropriations.all().delete()
        with refused_budget(), transaction.atomic():
            BudgetDecision.objects.filter(pk=decided.pk).delete()
        assert decided.appropriations.count() == 2


class TestTheDatabaseRefusesWritesToADecidedDetailBudget:
    def test_updating_a_line(self, detail, org):
        line = detail.lines.get(unit=org.enhet_a1)
        with refused_detail(), transaction.atomic():
            DetailBudgetLine.objects.filter(pk=line.pk).update(amount=MILLION)
        with refused_detail(), transaction.atomic():
            line.amount = MILLION
            line.save()
        assert DetailBudgetLine.objects.get(pk=line.pk).amount == 200 * MILLION

    def test_inserting_a_line(self, detail, org):
        with refused_detail(), transaction.atomic():
            DetailBudgetLine.objects.create(detail_budget=detail, unit=org.namnd_a, amount=1)
        assert detail.lines.count() == 2

    def test_updating_its_own_fields_while_it_stays_decided(self, detail):
        with refused_detail(), transaction.atomic():
            DetailBudget.objects.filter(pk=detail.pk).update(paragraph="§ 5")
        detail.refresh_from_db()
        assert detail.paragraph == "§ 101"

    @pytest.mark.skipif(
        connection.vendor != "postgresql",
        reason="SQLite guards only inserts and updates: Django flushes SQLite with DELETE",
    )
    def test_deleting_it_or_its_lines(self, detail):
        with refused_detail(), transaction.atomic():
            detail.lines.all().delete()
        with refused_detail(), transaction.atomic():
            DetailBudget.objects.filter(pk=detail.pk).delete()
        assert detail.lines.count() == 2


class TestWhatStaysWritable:
    def test_a_proposal_takes_writes(self, economist, org):
        proposal = frame_budget(
            actor=economist, year=YEAR, frames={org.namnd_a: MILLION}, decided=False
        )
        Appropriation.objects.filter(decision=proposal).update(amount=2 * MILLION)
        Appropriation.objects.create(
            decision=proposal, unit=org.ks, kind="operations", year=YEAR, amount=MILLION
        )
        BudgetDecision.objects.filter(pk=proposal.pk).update(title="Nytt namn")
        assert proposal.appropriations.count() == 2

    def test_deciding_is_an_update_the_database_allows(self, economist, org):
        proposal = frame_budget(
            actor=economist, year=YEAR, frames={org.namnd_a: MILLION}, decided=False
        )
        BudgetDecision.objects.filter(pk=proposal.pk).update(
            state="decided", decided_on=dt.date(2025, 6, 15)
        )
        assert BudgetDecision.objects.get(pk=proposal.pk).state == "decided"

    def test_reopening_a_detail_budget_opens_its_lines(self, detail, editor_a, org):
        services.detail_budget_reopen(actor=editor_a, detail_budget=detail, reason="Rättelse")
        DetailBudgetLine.objects.filter(detail_budget=detail).update(amount=MILLION)
        assert set(detail.lines.values_list("amount", flat=True)) == {MILLION}

    def test_the_factory_writes_test_data_under_a_decided_decision(self, decided, org):
        AppropriationFactory(decision=decided, unit=org.ks, amount=MILLION)
        decided.refresh_from_db()
        assert (decided.state, decided.appropriations.count()) == ("decided", 3)
