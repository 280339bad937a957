"""The driftredovisning reconciled with the resultaträkning's verksamhetens nettokostnader
(``statements.drift_reconciliation``), on the hand-computed year of ``example_year``: the
rows January–April on classes 3–7 are 96 million kronor net, all booked in Nämnd A."""

from __future__ import annotations

from decimal import Decimal

import pytest

from apps.economy import statements
from apps.economy.models import StatementLine
from apps.periods.models import ReportingPeriod
from tests.economy.factories import AccountMappingFactory, book_rows, example_year

M = 1_000_000


def mkr(amount) -> Decimal:
    return Decimal(str(amount)) * M


@pytest.fixture
def period(org) -> ReportingPeriod:
    example_year(org)
    return ReportingPeriod.objects.get(year=2026, name="Tertial 1")


def test_the_bodies_net_cost_is_the_income_statements(period):
    check = statements.drift_reconciliation(period)
    assert check.operating_accounts == mkr(96)
    assert check.not_distributed == 0
    assert check.net_operating_cost == mkr(96)
    assert check.difference == 0
    assert check.reconciles


def test_what_is_booked_outside_the_bodies_is_its_own_row(period, org):
    book_rows([(2, "5010", 4 * M)], unit=org.kf)
    check = statements.drift_reconciliation(period)
    assert check.operating_accounts == mkr(96)
    assert check.not_distributed == mkr(4)
    assert check.net_operating_cost == mkr(100)
    assert check.reconciles
    labels = [label for label, _amount, _total in check.rows]
    assert len(labels) == 5
    assert [amount for _label, amount, _total in check.rows] == [
        mkr(96), mkr(4), mkr(100), mkr(100), 0,
    ]  # fmt: skip


def test_the_total_is_the_overviews_driftredovisning(period, org):
    from apps.economy import selectors

    book_rows([(2, "5010", 7 * M)], unit=org.forvaltning_b)
    check = statements.drift_reconciliation(period)
    rows = selectors.operating_accounts(period).rows
    assert check.operating_accounts == sum(r.outcome for r in rows) == mkr(103)


def test_an_operating_account_on_another_line_shows_as_a_difference(period, org):
    AccountMappingFactory(prefix="79", line=StatementLine.objects.get(key="financial_costs"))
    book_rows([(3, "7910", 1 * M)], unit=org.forvaltning_b)
    check = statements.drift_reconciliation(period)
    assert check.operating_accounts == mkr(97)
    assert check.net_operating_cost == mkr(96)
    assert check.difference == mkr(-1)
    assert not check.reconciles


def test_runs_a_fixed_number_of_queries(period, org, django_assert_num_queries):
    # The ledger (lines, mappings, sums per account), the income statement's budget year and
    # frames; the driftredovisning (frames, outcome per unit and the units' tree, the
    # bodies); the outcome per unit and the units' tree.
    with django_assert_num_queries(11):
        statements.drift_reconciliation(period)
    book_rows([(1, f"50{n:02d}", n) for n in range(50)], unit=org.enhet_a1)
    with django_assert_num_queries(11):
        statements.drift_reconciliation(period)
