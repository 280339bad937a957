"""The invariants over a generated kommun of another shape than the demo
(tests/invariants/generated.py): two nämnder and a bolag, costs outside every body, a
provisions line, one closed year and an open tertial."""

from __future__ import annotations

import pytest

from tests.invariants import generated
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

PERIODS = [f"{year}-{kind}" for year, kind, _name, _month, _state in generated.PERIODS]

# The nämnd whose own report is read too (Socialnämnden / Omsorgsnämnden: the deficit).
COMMITTEE = "3000"


@pytest.fixture(scope="module")
def kommun(django_db_setup, django_db_blocker):
    with built_once(django_db_blocker, "Generatorkommun", generated.build) as built:
        built.committee = COMMITTEE
        yield built


def test_every_period_with_a_report_is_checked(kommun: Kommun):
    assert sorted(PERIODS) == kommun.reported_periods()
