"""Reads of the goal chain: the tree for a year with its filters, each goal's status and
indicator counts, one goal's page data and its history."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from apps.accounts.access import UserAccess, access_for
from apps.accounts.models import RoleAssignment, User
from apps.goals import selectors, services
from apps.goals.selectors import TreeFilters, goal_tree
from apps.periods.models import ReportingPeriod
from styrmodell.lib.indicators import TargetStatus, Trend
from tests.factories import (
    AssessmentFactory,
    GoalIndicatorFactory,
    IndicatorFactory,
    IndicatorTargetFactory,
    IndicatorValueFactory,
)
from tests.goals.builders import YEAR, agenda, periods, perspective


def everything() -> UserAccess:
    """A reader of every period (an ekonom): these tests are about what the reads hold; who
    may read an open period is tests/goals/test_access_followup.py's subject."""
    user, _ = User.objects.get_or_create(username="selector-reader")
    RoleAssignment.objects.get_or_create(user=user, role="ekonom", unit=None)
    return access_for(user)


def shown(rows) -> list[tuple[str, int, bool]]:
    """(title, depth, matches) per row, in tree order."""
    return [(row.goal.title, row.depth, row.matches) for row in rows]


def latest_period(year: int = YEAR) -> ReportingPeriod | None:
    """The period these tests read statuses in: the year's last (None without periods)."""
    return ReportingPeriod.objects.filter(year=year).order_by("ends_on").last()


def tree(chain, year: int = YEAR, period=None, **filters):
    return goal_tree(
        model=chain.model,
        year=year,
        filters=TreeFilters(**filters),
        reader=everything(),
        period=period or latest_period(year),
    )


class TestTree:
    def test_without_filters_shows_the_top_two_levels(self, chain):
        rows = tree(chain)
        assert shown(rows) == [
            ("Vimmerby 2030", 0, True),
            ("Fler elever når målen", 1, True),
            ("Resultat två procent", 1, True),
            ("Trygg äldreomsorg", 1, True),
        ]
        vision, school, finance, _elderly = rows
        assert vision.expanded and vision.has_children
        assert school.has_children and not school.expanded
        assert not finance.has_children
        assert rows[-1].closes == 1  # closes the vision's list

    def test_unit_filter_shows_the_units_subtree_with_the_goals_above(self, chain, org):
        assert shown(tree(chain, unit=org.namnd_a)) == [
            ("Vimmerby 2030", 0, False),
            ("Fler elever når målen", 1, False),
            ("Alla elever läser i årskurs 3", 2, True),
            ("Läsfrämjande i fritids", 3, True),
        ]

    def test_unit_filter_on_an_administration(self, chain, org):
        assert [t for t, _, m in shown(tree(chain, unit=org.forvaltning_a)) if m] == [
            "Läsfrämjande i fritids"
        ]

    def test_perspective_filter(self, chain):
        rows = tree(chain, perspective_id=perspective(chain.model, "verksamhet").pk)
        assert shown(rows) == [
            ("Vimmerby 2030", 0, False),
            ("Trygg äldreomsorg", 1, False),
            ("Kortare väntetid till särskilt boende", 2, True),
        ]

    def test_agenda_2030_filter(self, chain):
        assert shown(tree(chain, tag_id=agenda(4).pk)) == [
            ("Vimmerby 2030", 0, False),
            ("Fler elever når målen", 1, False),
            ("Alla elever läser i årskurs 3", 2, True),
        ]
        assert tree(chain, tag_id=agenda(14).pk) == []

    @pytest.mark.parametrize(
        ("text", "match"),
        [
            ("fritids", "Läsfrämjande i fritids"),
            ("FRITIDS", "Läsfrämjande i fritids"),
            ("grunden för allt", "Alla elever läser i årskurs 3"),  # in the description
        ],
    )
    def test_text_filter_searches_title_and_description(self, chain, text, match):
        rows = tree(chain, text=text)
        assert [title for title, _, matches in shown(rows) if matches] == [match]
        assert "Trygg äldreomsorg" not in [title for title, _, _ in shown(rows)]
        assert rows[0].goal == chain.vision
        assert all(row.expanded == row.has_children for row in rows)

    def test_filters_combine(self, chain, org):
        rows = tree(chain, unit=org.namnd_b, tag_id=agenda(4).pk)
        assert rows == []

    def test_goals_outside_the_year_are_left_out(self, chain):
        titles = [row.goal.title for row in tree(chain, year=2029, unit=chain.vision.owner)]
        assert "Alla elever läser i årskurs 3" not in titles
        assert "Vimmerby 2030" in titles

    def test_retired_goal_is_shown_in_the_year_it_ended_only(self, chain, editor_a):
        services.goal_retire(
            actor=editor_a, goal=chain.reading, retired_on=dt.date(YEAR, 3, 1), reason="Klart"
        )
        assert chain.reading.title in [r.goal.title for r in tree(chain, unit=chain.reading.owner)]
        assert tree(chain, year=YEAR + 1, unit=chain.reading.owner) == []

    def test_status_is_the_owners_assessment_in_the_chosen_period(self, chain, org):
        bokslut, tertial1, tertial2 = periods()
        AssessmentFactory(goal=chain.reading, period=bokslut, status="met")  # last year
        AssessmentFactory(goal=chain.reading, period=tertial1, status="not_met")
        AssessmentFactory(goal=chain.reading, period=tertial2, status="partly")
        # Förvaltning A's own view does not set the nämnd's status.
        AssessmentFactory(goal=chain.reading, period=tertial2, unit=org.forvaltning_a, status="met")
        [row] = [r for r in tree(chain, unit=org.namnd_a) if r.goal == chain.reading]
        assert (row.status, row.earlier_text) == ("partly", "")
        assert row.status_label
        [row] = [
            r for r in tree(chain, unit=org.namnd_a, period=tertial1) if r.goal == chain.reading
        ]
        assert row.status == "not_met"
        [unassessed] = [r for r in tree(chain) if r.goal == chain.school]
        assert (unassessed.status, unassessed.earlier_text) == ("not_assessed", "")

    def test_an_earlier_periods_status_is_labelled_and_not_counted(self, chain, org):
        _bokslut, tertial1, tertial2 = periods()
        AssessmentFactory(goal=chain.school, period=tertial1, status="partly")
        rows = tree(chain, period=tertial2)
        [row] = [r for r in rows if r.goal == chain.school]
        assert row.status == "not_assessed"
        assert row.earlier_text == f"Delvis uppfyllt ({tertial1})"
        shares = selectors.council_goal_shares(rows)
        assert (shares.partly, shares.not_assessed) == (0, shares.total)
        [row] = [r for r in tree(chain, period=tertial1) if r.goal == chain.school]
        assert (row.status, row.earlier_text) == ("partly", "")

    def test_indicator_counts(self, chain):
        _, tertial1, tertial2 = periods()
        on_target = IndicatorFactory(direction="higher")
        near = IndicatorFactory(direction="lower")
        without_values = IndicatorFactory()
        for indicator in (on_target, near, without_values):
            GoalIndicatorFactory(goal=chain.school, indicator=indicator, year=YEAR)
            IndicatorTargetFactory(indicator=indicator, year=YEAR, value=Decimal(50))
        IndicatorValueFactory(indicator=on_target, period=tertial1, total=Decimal(40))
        IndicatorValueFactory(indicator=on_target, period=tertial2, total=Decimal(55))  # latest
        IndicatorValueFactory(indicator=near, period=tertial2, total=Decimal(51))
        [row] = [r for r in tree(chain) if r.goal == chain.school]
        assert (row.indicators.met, row.indicators.off, row.indicators.no_data) == (1, 1, 1)
        assert row.indicators.total == 3


class TestOneGoal:
    def test_children_of_a_goal(self, chain):
        rows = selectors.goal_children(
            model=chain.model, goal=chain.school, year=YEAR, reader=everything(), period=None
        )
        assert [(r.goal, r.has_children) for r in rows] == [(chain.reading, True)]

    def test_detail_has_ancestors_children_by_unit_and_assignments(self, chain, org, admin_user):
        services.assignment_create(
            actor=admin_user,
            given_by=org.kf,
            goal=chain.reading,
            title="Läsombud",
            first_year=YEAR,
            last_year=YEAR,
            recipients=[org.namnd_a],
            decided_on=dt.date(2025, 6, 16),
            paragraph="§ 87",
            reason="Budget",
        )
        data = selectors.goal_detail(
            goal=chain.reading, year=YEAR, model=chain.model, reader=everything(), period=None
        )
        assert data.ancestors == [chain.vision, chain.school]
        assert [(unit, [r.goal for r in rows]) for unit, rows in data.children_by_unit] == [
            (org.forvaltning_a, [chain.reading_unit])
        ]
        assert [a.title for a in data.assignments] == ["Läsombud"]

    def test_indicator_summary_status_and_trend(self, chain):
        bokslut, tertial1, tertial2 = periods()
        indicator = IndicatorFactory(title="Läsförmåga", direction="higher")
        GoalIndicatorFactory(goal=chain.reading, indicator=indicator, year=YEAR)
        IndicatorTargetFactory(indicator=indicator, year=YEAR, value=Decimal(80))
        IndicatorTargetFactory(indicator=indicator, year=YEAR - 1, value=Decimal(75))
        IndicatorValueFactory(indicator=indicator, period=bokslut, total=Decimal(70))
        IndicatorValueFactory(indicator=indicator, period=tertial1, total=Decimal(78))
        IndicatorValueFactory(indicator=indicator, period=tertial2, total=Decimal(77))
        [summary] = selectors.goal_indicators(
            goal=chain.reading, year=YEAR, near_percent=Decimal(5), reader=everything()
        )
        assert [p.period for p in summary.points] == [bokslut, tertial1, tertial2]
        assert summary.targets == {YEAR: Decimal(80), YEAR - 1: Decimal(75)}
        assert summary.latest.total == Decimal(77)
        assert summary.status == TargetStatus.NEAR  # 77 is within 5 % of 80
        assert summary.trend == Trend.WORSE  # down from 78

    def test_indicator_of_another_year_is_not_listed(self, chain):
        GoalIndicatorFactory(goal=chain.reading, year=YEAR - 1)
        assert (
            selectors.goal_indicators(
                goal=chain.reading, year=YEAR, near_percent=5, reader=everything()
            )
            == []
        )

    def test_history_says_who_why_and_what(self, chain, editor_a):
        services.goal_update(
            actor=editor_a,
            goal=chain.reading,
            title="Alla elever läser",
            parent=chain.elderly,
            reason="Omorganiserat",
        )
        # Created, then its tags set (a change of its own), then changed.
        newest, tagged, created = selectors.goal_history(chain.reading)
        assert [(c.old, c.new) for c in tagged.changes] == [("–", str(agenda(4)))]
        assert tagged.who == editor_a.get_full_name()
        assert newest.who == editor_a.get_full_name()
        assert newest.reason == "Omorganiserat"
        assert {(c.old, c.new) for c in newest.changes} == {
            ("Alla elever läser i årskurs 3", "Alla elever läser"),
            ("Fler elever når målen", "Trygg äldreomsorg"),
        }
        assert (created.kind, created.reason) == ("+", "Beslutad i budget 2025")

    def test_move_candidates_leave_out_the_goal_and_what_is_under_it(self, chain):
        assert list(selectors.move_candidates(chain.reading)) == [
            chain.school,
            chain.finance,
            chain.elderly,
        ]
        assert list(selectors.move_candidates(chain.reading_unit)) == [
            chain.reading,
            chain.waiting,
        ]

    def test_unit_overview(self, chain, org, admin_user):
        services.assignment_create(
            actor=admin_user,
            given_by=org.kf,
            goal=chain.school,
            title="Läslyft",
            first_year=YEAR,
            last_year=YEAR,
            recipients=[org.namnd_a, org.namnd_b],
            decided_on=dt.date(2025, 6, 16),
            paragraph="§ 87",
            reason="Budget",
        )
        overview = selectors.unit_goal_overview(
            unit=org.namnd_b, model=chain.model, year=YEAR, reader=everything(), period=None
        )
        assert [row.goal for row in overview["rows"]] == [chain.waiting]
        assert [r.assignment.title for r in overview["received"]] == ["Läslyft"]


class TestCommitteeFigures:
    """A nämnd's goal is measured against the nämnd's own target and values when it has them
    (goal_indicator_add gives a nämnd's goal a target of its own); else against the kommun's."""

    @pytest.fixture
    def indicator(self, chain, org, editor_a, economist):
        _, tertial1, tertial2 = periods()
        tertial1.state = "open"
        tertial1.save()
        link = services.goal_indicator_add(
            actor=editor_a,
            goal=chain.reading,
            year=YEAR,
            new_indicator={"title": "Läsförmåga", "measure_unit": "%", "direction": "higher"},
            target=Decimal(80),
            reason="Nämndens budget",
        )
        indicator = link.indicator
        for period, total in ((tertial1, Decimal(60)), (tertial2, Decimal(70))):
            services.indicator_value_set(
                actor=economist, indicator=indicator, period=period, total=total, reason="x"
            )
        return indicator

    def test_committee_target_applies_to_the_kommun_wide_values(self, chain, indicator):
        [summary] = selectors.goal_indicators(
            goal=chain.reading, year=YEAR, near_percent=Decimal(5), reader=everything()
        )
        assert summary.targets == {YEAR: Decimal(80)}
        assert [p.total for p in summary.points] == [Decimal(60), Decimal(70)]
        assert summary.status == TargetStatus.NOT_MET
        assert summary.trend == Trend.BETTER

    def test_committee_values_come_before_the_kommuns(self, chain, org, editor_a, indicator):
        _, _, tertial2 = periods()
        services.indicator_value_set(
            actor=editor_a,
            indicator=indicator,
            period=tertial2,
            unit=org.namnd_a,
            total=Decimal(81),
            reason="Nämndens mätning",
        )
        [summary] = selectors.goal_indicators(
            goal=chain.reading, year=YEAR, near_percent=Decimal(5), reader=everything()
        )
        assert [p.total for p in summary.points] == [Decimal(81)]
        assert summary.status == TargetStatus.MET

    def test_another_units_figures_are_not_used(self, chain, org, admin_user, indicator):
        services.indicator_target_set(
            actor=admin_user,
            indicator=indicator,
            year=YEAR,
            value=Decimal(10),
            unit=org.namnd_b,
            reason="x",
        )
        [summary] = selectors.goal_indicators(
            goal=chain.reading, year=YEAR, near_percent=Decimal(5), reader=everything()
        )
        assert summary.targets == {YEAR: Decimal(80)}

    def test_tree_counts_the_committee_target(self, chain, org, indicator):
        [row] = [r for r in tree(chain, unit=org.namnd_a) if r.goal == chain.reading]
        assert (row.indicators.met, row.indicators.off, row.indicators.no_data) == (0, 1, 0)

    def test_kf_goal_keeps_the_kommun_wide_target(self, chain, admin_user, indicator):
        services.indicator_link(
            actor=admin_user, goal=chain.school, indicator=indicator, year=YEAR, reason="x"
        )
        [summary] = selectors.goal_indicators(
            goal=chain.school, year=YEAR, near_percent=5, reader=everything()
        )
        assert summary.targets == {}
        assert summary.status == TargetStatus.NO_DATA
        [row] = [r for r in tree(chain) if r.goal == chain.school]
        assert row.indicators.no_data == 1


def test_the_rollup_counts_every_units_assessment_in_the_chosen_period(org):
    from apps.goals.selectors import goal_detail
    from apps.goals.services import steering_model_load_preset
    from tests.factories import AssessmentFactory, GoalFactory, ReportingPeriodFactory

    model = steering_model_load_preset(actor=None, key="vimmerby", activate=True)
    goal = GoalFactory(owner=org.kf, level=model.levels.get(key="inriktningsmal"))
    earlier = ReportingPeriodFactory(year=2026, name="Tertial 1", state="open")
    latest = ReportingPeriodFactory(
        year=2026, name="Tertial 2", kind="tertial2",
        ends_on=dt.date(2026, 8, 31), deadline=dt.date(2026, 9, 15), state="open",
    )  # fmt: skip
    AssessmentFactory(goal=goal, period=earlier, unit=org.namnd_a, status="not_met")
    for unit, status in [(org.namnd_a, "met"), (org.namnd_b, "partly"), (org.ks, "met")]:
        AssessmentFactory(goal=goal, period=latest, unit=unit, status=status)

    def rollup(period):
        return goal_detail(
            goal=goal, year=2026, model=model, reader=everything(), period=period
        ).rollup

    assert rollup(None).period == latest  # the latest readable without a chosen period
    assert rollup(latest).period == latest
    assert (rollup(latest).shares.met, rollup(latest).shares.partly) == (2, 1)
    assert rollup(latest).shares.total == 3
    assert (rollup(earlier).shares.not_met, rollup(earlier).shares.total) == (1, 1)
