"""Pinned query counts (STYLE.md): the tree, its children partial and the goal page run the
same number of queries for a chain of 50 goals as for one of 2000."""

from __future__ import annotations

import pytest

from apps.goals.models import Goal
from tests.goals.builders import YEAR, build_big_chain

# Every page: the session, the user and the user's roles (3); full pages add the kommun's name
# for the header (1), and the year's periods the reader may choose for the status (1). Rows
# are annotated by period_statuses with the owners' assessments in the chosen period and
# before it, and the computed statuses (the economy's provider: the financial goals' links,
# 1), and with the indicator links and the indicators' directions, targets and values (4).
# Tree: + the active model, the top two levels, which of them have children in the year, the
# filter options (units, perspectives, tags), and the header's vision and foundation (2).
TREE_QUERIES = 19
# Filtered tree: + the active model, the matching ids, every goal's parent, the shown goals,
# the filter options and the header (2); (the unit filter also reads the chosen unit).
TREE_FILTERED_QUERIES = 20
# Children partial: + the goal, the active model, its children, which of them have children.
CHILDREN_QUERIES = 14
# Goal page: + the goal, its ancestors, its children (annotated; these have none of their own),
# its own status in the period (its assessments and the computed statuses, 2), its uppdrag
# with recipients, their units, decisions, deciding bodies and tags, its indicators with values and
# targets, its assessments, its indicator-set changes, whether its level takes goals under
# it, and its tags.
DETAIL_QUERIES = 29

SIZES = [50, 2000]


@pytest.fixture(params=SIZES, ids=[f"{size}-goals" for size in SIZES])
def big(request, org, vimmerby, admin_user):
    built = build_big_chain(vimmerby, org, size=request.param, admin=admin_user)
    assert Goal.objects.count() == built.goals
    assert abs(built.goals - request.param) <= 1
    return built


@pytest.fixture
def politician_client(client, politician):
    client.force_login(politician)
    return client


def test_tree_runs_a_fixed_number_of_queries(politician_client, big, django_assert_num_queries):
    with django_assert_num_queries(TREE_QUERIES):
        response = politician_client.get(f"/mal/?ar={YEAR}")
    assert response.status_code == 200
    assert big.first_kf_goal.title in response.content.decode()


def test_tree_filtered_by_unit_runs_a_fixed_number_of_queries(
    politician_client, big, org, django_assert_num_queries
):
    with django_assert_num_queries(TREE_FILTERED_QUERIES + 1):  # + the chosen unit
        response = politician_client.get(f"/mal/?ar={YEAR}&enhet={org.namnd_a.pk}")
    assert response.status_code == 200
    assert big.first_committee_goal.title in response.content.decode()


def test_tree_filtered_by_text_runs_a_fixed_number_of_queries(
    politician_client, big, django_assert_num_queries
):
    with django_assert_num_queries(TREE_FILTERED_QUERIES):
        response = politician_client.get(f"/mal/?ar={YEAR}&q=l%C3%A4sning")
    assert response.status_code == 200
    assert big.first_committee_goal.title in response.content.decode()


def test_children_partial_runs_a_fixed_number_of_queries(
    politician_client, big, django_assert_num_queries
):
    with django_assert_num_queries(CHILDREN_QUERIES):
        response = politician_client.get(
            f"/mal/{big.first_kf_goal.pk}/barn/?ar={YEAR}", headers={"HX-Request": "true"}
        )
    assert response.status_code == 200
    assert big.first_committee_goal.title in response.content.decode()


def test_goal_page_runs_a_fixed_number_of_queries(
    politician_client, big, django_assert_num_queries
):
    with django_assert_num_queries(DETAIL_QUERIES):
        response = politician_client.get(f"/mal/{big.first_committee_goal.pk}/?ar={YEAR}")
    assert response.status_code == 200
    content = response.content.decode()
    assert "Läsa för alla" in content
    assert 'role="img"' in content


@pytest.mark.parametrize("persona", ["politician", "economist"])
def test_tree_with_the_period_switch_runs_a_fixed_number_of_queries(
    request, client, big, persona, django_assert_num_queries
):
    """Choosing a period (the open tertial 2, where every goal is assessed "partly") costs
    nothing more; the politician, who may not choose it, is shown the default instead."""
    from apps.periods.models import ReportingPeriod

    tertial2 = ReportingPeriod.objects.get(year=YEAR, name="Tertial 2")
    client.force_login(request.getfixturevalue(persona))
    with django_assert_num_queries(TREE_QUERIES):
        response = client.get(f"/mal/?ar={YEAR}&period={tertial2.pk}")
    assert response.status_code == 200
    shares = response.context["shares"]
    if persona == "economist":
        assert response.context["period"] == tertial2
        assert shares.partly == shares.total > 0
    else:
        assert response.context["period"] != tertial2
        assert shares.not_assessed == shares.total > 0
