"""The invariants over the demo kommun (Exempelkommun, as seed_demo loads it), and the
ekonom's kontroller of its closed periods."""

from __future__ import annotations

import pytest

from apps.demo.loader import load_demo
from tests.invariants.cases import (  # noqa: F401  (collected here, for this kommun)
    test_a_committees_goal_counts_in_the_tree_equal_its_reports,
    test_a_committees_report_prints_the_same_in_the_pdf_and_excel,
    test_one_figure_reads_the_same_in_every_table_of_the_report,
    test_the_balance_sheet_page_balances,
    test_the_driftredovisning_reconciles_with_the_income_statement,
    test_the_goal_trees_counts_equal_the_reports,
    test_the_page_shows_the_excels_numbers,
    test_the_pdf_prints_the_excels_numbers,
    test_the_reports_balance_sheet_balances,
    test_the_reports_totals_are_computed_from_their_columns,
)
from tests.invariants.kommun import Kommun, built_once

# The kommun is built once per module, in a transaction rolled back at its end; each test
# runs in a savepoint inside it.
pytestmark = pytest.mark.django_db

# Every period of the demo that has a report (Bokslut 2026 is planned: it has none yet).
PERIODS = ["2025-bokslut", "2025-tertial1", "2025-tertial2", "2026-tertial1", "2026-tertial2"]
CLOSED = ["2025-bokslut", "2025-tertial1", "2025-tertial2", "2026-tertial1"]

# The nämnd whose own report is read too (Socialnämnden / Omsorgsnämnden: the deficit).
COMMITTEE = "3000"


@pytest.fixture(scope="module")
def kommun(django_db_setup, django_db_blocker):
    with built_once(django_db_blocker, "Exempelkommun", load_demo) as built:
        built.committee = COMMITTEE
        yield built


def test_every_period_with_a_report_is_checked(kommun: Kommun):
    assert kommun.reported_periods() == PERIODS
    assert sorted(p for p in PERIODS if kommun.period(p).state == "closed") == CLOSED


@pytest.mark.parametrize("closed", CLOSED)
def test_the_kontroller_of_a_closed_period_pass(kommun: Kommun, closed: str):
    from apps.reports.checks import period_checks

    results = period_checks(kommun.period(closed))
    failing = [(r.title, r.details) for r in results if not r.passed]
    assert results and failing == [], f"Exempelkommun {closed}: {failing}"
