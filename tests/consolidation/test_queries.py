"""The consolidated statements and the bolag list run a fixed number of queries, for two bolag
as for twenty (with their figures and internal transactions)."""

from __future__ import annotations

import pytest

from apps.consolidation import selectors
from apps.economy import statements
from tests.consolidation.builders import build_koncern

pytestmark = pytest.mark.django_db

# The earlier periods (the previous year's same period and bokslut), the ownerships with their
# companies, the figures of the three periods, their internal transactions, the forecasts.
GROUP_QUERIES = 5
# The ownerships with their companies, the period's figures, its forecasts.
COMPANIES_QUERIES = 3
# The page: session, user, roles; the period; the group data (5); the kommun's statements (7);
# the companies with their figures and forecasts (3); the internal transactions with their
# parties; the kommun's name; the periods to choose; the forms' choices of bolag (3).
PAGE_QUERIES = 25


@pytest.mark.parametrize("extra", [0, 18])
def test_statements_run_a_fixed_number_of_queries(org, extra, django_assert_num_queries):
    koncern = build_koncern(org, extra_companies=extra)
    kommun = statements.kommun_statements(koncern.period)
    with django_assert_num_queries(GROUP_QUERIES):
        result = selectors.consolidated_statements(koncern.period, kommun=kommun)
    assert len(result.income.companies) == 2 + extra
    with django_assert_num_queries(COMPANIES_QUERIES):
        assert len(selectors.companies_in_period(koncern.period)) == 2 + extra


@pytest.mark.parametrize("extra", [0, 18])
def test_page_runs_a_fixed_number_of_queries(client, org, economist, extra):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    koncern = build_koncern(org, extra_companies=extra)
    client.force_login(economist)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(f"/ekonomi/koncern/{koncern.period.pk}/")
    assert response.status_code == 200
    assert len(queries) == PAGE_QUERIES, "\n".join(q["sql"][:150] for q in queries)
