"""The goal chain's services: who may write what, the rules of the styrmodell, and that every
refused write leaves the database as it was."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import translation

from apps.goals import services
from apps.goals.models import (
    Assignment,
    AssignmentDecision,
    AssignmentRecipient,
    Goal,
    GoalIndicator,
    Indicator,
    IndicatorSetChange,
    IndicatorTarget,
    IndicatorValue,
    SteeringModel,
)
from tests.factories import IndicatorFactory, ReportingPeriodFactory
from tests.goals.builders import DECIDED_ON, YEAR, agenda, level, perspective

REASON = "Beslut i nämnden 2026-02-10 § 12"


def goal_counts() -> tuple[int, int]:
    return Goal.objects.count(), Goal.history.count()


def messages(error: ValidationError, field: str) -> list[str]:
    """The messages of ``field`` in English. Services translate as they raise, so raise inside
    ``translation.override("en")`` too."""
    with translation.override("en"):
        return [str(message) for e in error.error_dict[field] for message in e.messages]


def create_committee_goal(chain, actor, owner, **fields):
    fields.setdefault("title", "Fler elever i simskola")
    fields.setdefault("parent", chain.school)
    fields.setdefault("first_year", YEAR)
    fields.setdefault("last_year", YEAR + 1)
    fields.setdefault("reason", REASON)
    return services.goal_create(
        actor=actor, level=level(chain.model, "namndmal"), owner=owner, **fields
    )


class TestGoalCreate:
    def test_editor_creates_committee_goal_under_a_kf_goal(self, chain, org, editor_a):
        goal = create_committee_goal(
            chain, editor_a, org.namnd_a, perspective=perspective(chain.model, "utveckling")
        )
        goal.refresh_from_db()
        assert goal.parent == chain.school
        assert goal.owner == org.namnd_a
        assert goal.level.key == "namndmal"
        assert goal.perspective.key == "utveckling"
        assert (goal.first_year, goal.last_year) == (YEAR, YEAR + 1)
        record = goal.history.get()
        assert record.history_type == "+"
        assert record.history_user == editor_a
        assert record.history_change_reason == REASON

    def test_title_is_stripped(self, chain, org, editor_a):
        goal = create_committee_goal(chain, editor_a, org.namnd_a, title="  Fler simkunniga  ")
        goal.refresh_from_db()
        assert goal.title == "Fler simkunniga"

    def test_tags_are_saved(self, chain, org, editor_a):
        goal = create_committee_goal(chain, editor_a, org.namnd_a, tags=[agenda(3), agenda(4)])
        assert sorted(int(t.code) for t in goal.tags.all()) == [3, 4]

    def test_editor_cannot_create_a_goal_owned_by_another_committee(self, chain, org, editor_a):
        before = goal_counts()
        with pytest.raises(PermissionDenied):
            create_committee_goal(chain, editor_a, org.namnd_b)
        assert goal_counts() == before

    @pytest.mark.parametrize("persona", ["politician", "economist", "outsider"])
    def test_readers_cannot_create_goals(self, request, chain, org, persona):
        before = goal_counts()
        with pytest.raises(PermissionDenied):
            create_committee_goal(chain, request.getfixturevalue(persona), org.namnd_a)
        assert goal_counts() == before

    def test_editor_cannot_create_a_kf_goal(self, chain, org, editor_a):
        before = goal_counts()
        with pytest.raises(PermissionDenied):
            services.goal_create(
                actor=editor_a,
                level=level(chain.model, "inriktningsmal"),
                owner=org.kf,
                parent=chain.vision,
                title="Eget inriktningsmål",
                first_year=YEAR,
                reason=REASON,
            )
        assert goal_counts() == before

    def test_goal_cannot_hang_under_another_committees_goal(self, chain, org, editor_a):
        before = goal_counts()
        with translation.override("en"), pytest.raises(ValidationError) as caught:
            services.goal_create(
                actor=editor_a,
                level=level(chain.model, "verksamhetsmal"),
                owner=org.forvaltning_a,
                parent=chain.waiting,  # Nämnd B's nämndmål
                title="Förvaltning A under Nämnd B",
                first_year=YEAR,
                last_year=YEAR,
                reason=REASON,
            )
        assert set(caught.value.error_dict) == {"parent"}
        assert messages(caught.value, "parent") == [
            "The goal must sit under a goal of its own unit, a unit above it, or the council."
        ]
        assert goal_counts() == before

    @pytest.mark.parametrize("title", ["", "   "])
    def test_empty_title_is_refused(self, chain, org, editor_a, title):
        before = goal_counts()
        with pytest.raises(ValidationError) as caught:
            create_committee_goal(chain, editor_a, org.namnd_a, title=title)
        assert set(caught.value.error_dict) == {"title"}
        assert goal_counts() == before

    def test_last_year_before_first_year_is_refused(self, chain, org, editor_a):
        before = goal_counts()
        with pytest.raises(ValidationError) as caught:
            create_committee_goal(chain, editor_a, org.namnd_a, first_year=YEAR + 1, last_year=YEAR)
        assert set(caught.value.error_dict) == {"last_year"}
        assert goal_counts() == before

    @pytest.mark.parametrize(
        ("first_year", "last_year"),
        [(2024, 2026), (2026, 2029), (2026, None)],
        ids=["starts-before-parent", "ends-after-parent", "open-ended-under-ended-parent"],
    )
    def test_years_outside_the_parents_years_are_refused(
        self, chain, org, editor_a, first_year, last_year
    ):
        assert chain.school.years_label == "2025–2028"
        before = goal_counts()
        with pytest.raises(ValidationError) as caught:
            create_committee_goal(
                chain, editor_a, org.namnd_a, first_year=first_year, last_year=last_year
            )
        assert set(caught.value.error_dict) == {"first_year"}
        assert goal_counts() == before

    def test_horizon_too_long_is_refused(self, chain, org, admin_user):
        before = goal_counts()
        with translation.override("en"), pytest.raises(ValidationError) as caught:
            services.goal_create(
                actor=admin_user,
                level=level(chain.model, "inriktningsmal"),
                owner=org.kf,
                parent=chain.vision,
                title="Fem år",
                first_year=YEAR,
                last_year=YEAR + 4,
                reason=REASON,
            )
        assert set(caught.value.error_dict) == {"last_year"}
        assert messages(caught.value, "last_year") == ["A inriktningsmål spans at most 4 years."]
        assert goal_counts() == before

    def test_reason_is_required(self, chain, org, editor_a):
        before = goal_counts()
        with pytest.raises(ValidationError) as caught:
            create_committee_goal(chain, editor_a, org.namnd_a, reason="  ")
        assert set(caught.value.error_dict) == {"reason"}
        assert goal_counts() == before


class TestGoalUpdate:
    def test_editor_changes_a_goal_with_who_and_why(self, chain, editor_a):
        services.goal_update(
            actor=editor_a, goal=chain.reading, title="Alla elever läser", reason="Förtydligat"
        )
        chain.reading.refresh_from_db()
        assert chain.reading.title == "Alla elever läser"
        record = chain.reading.history.latest()
        assert record.history_type == "~"
        assert record.history_user == editor_a
        assert record.history_change_reason == "Förtydligat"
        assert record.title == "Alla elever läser"

    def test_tags_are_replaced(self, chain, editor_a):
        services.goal_update(
            actor=editor_a, goal=chain.reading, tags=[agenda(10)], reason="Agenda 2030"
        )
        assert [t.code for t in chain.reading.tags.all()] == ["10"]

    def test_editor_of_another_committee_cannot_change_it(self, chain, editor_b):
        before = goal_counts()
        with pytest.raises(PermissionDenied):
            services.goal_update(actor=editor_b, goal=chain.reading, title="B", reason=REASON)
        chain.reading.refresh_from_db()
        assert chain.reading.title == "Alla elever läser i årskurs 3"
        assert goal_counts() == before

    def test_editor_cannot_hand_a_goal_to_another_committee(self, chain, org, editor_a):
        before = goal_counts()
        with pytest.raises(PermissionDenied):
            services.goal_update(
                actor=editor_a, goal=chain.reading, owner=org.namnd_b, reason=REASON
            )
        chain.reading.refresh_from_db()
        assert chain.reading.owner == org.namnd_a
        assert goal_counts() == before

    def test_empty_title_is_refused_and_nothing_changes(self, chain, editor_a):
        before = goal_counts()
        with pytest.raises(ValidationError) as caught:
            services.goal_update(actor=editor_a, goal=chain.reading, title=" ", reason=REASON)
        assert set(caught.value.error_dict) == {"title"}
        chain.reading.refresh_from_db()
        assert chain.reading.title == "Alla elever läser i årskurs 3"
        assert goal_counts() == before

    def test_moves_a_goal_with_its_subtree(self, chain, editor_a):
        services.goal_update(
            actor=editor_a, goal=chain.reading, parent=chain.elderly, reason="Flyttat"
        )
        chain.reading_unit.refresh_from_db()
        assert [g.pk for g in chain.reading_unit.get_ancestors()] == [
            chain.vision.pk,
            chain.elderly.pk,
            chain.reading.pk,
        ]
        assert chain.reading.history.latest().history_change_reason == "Flyttat"
        chain.school.refresh_from_db()
        assert chain.school.get_descendant_count() == 0

    def test_moving_a_goal_under_its_own_child_is_refused(self, chain, editor_a):
        before = goal_counts()
        with translation.override("en"), pytest.raises(ValidationError) as caught:
            services.goal_update(
                actor=editor_a, goal=chain.reading, parent=chain.reading_unit, reason=REASON
            )
        assert set(caught.value.error_dict) == {"parent"}
        assert "A goal cannot be placed under itself or a goal below it." in messages(
            caught.value, "parent"
        )
        chain.reading.refresh_from_db()
        chain.reading_unit.refresh_from_db()
        assert chain.reading.parent_id == chain.school.pk
        assert chain.reading_unit.parent_id == chain.reading.pk
        assert goal_counts() == before

    def test_moving_a_goal_under_itself_is_refused(self, chain, editor_a):
        before = goal_counts()
        with pytest.raises(ValidationError) as caught:
            services.goal_update(
                actor=editor_a, goal=chain.reading, parent=chain.reading, reason=REASON
            )
        assert set(caught.value.error_dict) == {"parent"}
        chain.reading.refresh_from_db()
        assert chain.reading.parent_id == chain.school.pk
        assert goal_counts() == before

    def test_moving_under_another_committees_goal_is_refused(self, chain, editor_a):
        before = goal_counts()
        with pytest.raises(ValidationError) as caught:
            services.goal_update(
                actor=editor_a, goal=chain.reading_unit, parent=chain.waiting, reason=REASON
            )
        assert set(caught.value.error_dict) == {"parent"}
        chain.reading_unit.refresh_from_db()
        assert chain.reading_unit.parent_id == chain.reading.pk
        assert goal_counts() == before

    def test_retired_goal_cannot_be_changed(self, chain, editor_a):
        services.goal_retire(
            actor=editor_a, goal=chain.reading, retired_on=dt.date(2026, 3, 1), reason="Klart"
        )
        before = goal_counts()
        with pytest.raises(ValidationError):
            services.goal_update(actor=editor_a, goal=chain.reading, title="Nytt", reason=REASON)
        assert goal_counts() == before

    def test_unknown_field_is_a_programming_error(self, chain, editor_a):
        with pytest.raises(TypeError, match="tree_id"):
            services.goal_update(actor=editor_a, goal=chain.reading, tree_id=9, reason=REASON)


class TestRulesAcrossTheTree:
    """Rules that involve more than the goal being written: a retired goal takes no new goals
    under it, and a goal's years cannot shrink past the goals already under it."""

    def retire(self, goal, actor):
        services.goal_retire(actor=actor, goal=goal, retired_on=dt.date(YEAR, 3, 1), reason="x")

    def test_no_new_goal_under_a_retired_goal(self, chain, org, admin_user, editor_a):
        self.retire(chain.school, admin_user)
        before = goal_counts()
        with pytest.raises(ValidationError) as caught:
            create_committee_goal(chain, editor_a, org.namnd_a)
        assert set(caught.value.error_dict) == {"parent"}
        assert goal_counts() == before

    def test_no_move_under_a_retired_goal(self, chain, admin_user, editor_b):
        self.retire(chain.school, admin_user)
        before = goal_counts()
        with pytest.raises(ValidationError) as caught:
            services.goal_update(
                actor=editor_b, goal=chain.waiting, parent=chain.school, reason=REASON
            )
        assert set(caught.value.error_dict) == {"parent"}
        chain.waiting.refresh_from_db()
        assert chain.waiting.parent == chain.elderly
        assert goal_counts() == before

    def test_retiring_still_retires_the_goals_under_it(self, chain, admin_user):
        self.retire(chain.elderly, admin_user)
        chain.waiting.refresh_from_db()
        assert chain.waiting.is_retired

    def test_last_year_cannot_end_before_a_goal_under_it(self, chain, admin_user):
        assert chain.reading.last_year == 2028
        before = goal_counts()
        with pytest.raises(ValidationError) as caught:
            services.goal_update(actor=admin_user, goal=chain.school, last_year=2027, reason="x")
        assert set(caught.value.error_dict) == {"last_year"}
        chain.school.refresh_from_db()
        assert chain.school.last_year == 2028
        assert goal_counts() == before

    def test_first_year_cannot_start_after_a_goal_under_it(self, chain, admin_user):
        before = goal_counts()
        with pytest.raises(ValidationError) as caught:
            services.goal_update(actor=admin_user, goal=chain.school, first_year=2026, reason="x")
        assert set(caught.value.error_dict) == {"first_year"}
        assert goal_counts() == before

    def test_open_ended_goal_cannot_end_before_the_goals_under_it(self, chain, admin_user):
        assert chain.vision.last_year is None
        with pytest.raises(ValidationError) as caught:
            services.goal_update(actor=admin_user, goal=chain.vision, last_year=2027, reason="x")
        assert set(caught.value.error_dict) == {"last_year"}  # the KF goals run until 2028
        services.goal_update(actor=admin_user, goal=chain.vision, last_year=2030, reason="x")
        chain.vision.refresh_from_db()
        assert chain.vision.last_year == 2030

    def test_years_may_change_around_the_goals_under_it(self, chain, admin_user):
        services.goal_update(
            actor=admin_user, goal=chain.school, first_year=2025, last_year=2028, reason="x"
        )
        services.goal_update(actor=admin_user, goal=chain.finance, last_year=2026, reason="x")
        chain.finance.refresh_from_db()
        assert chain.finance.last_year == 2026  # nothing under it

    def test_retired_goals_under_it_do_not_hold_it_back(self, chain, admin_user, editor_a):
        self.retire(chain.reading, editor_a)
        services.goal_update(actor=admin_user, goal=chain.school, last_year=2026, reason="x")
        chain.school.refresh_from_db()
        assert chain.school.last_year == 2026


class TestGoalRetire:
    def test_retires_the_subtree_and_deletes_nothing(self, chain, editor_a):
        count = Goal.objects.count()
        day = dt.date(2026, 3, 1)
        services.goal_retire(
            actor=editor_a, goal=chain.reading, retired_on=day, reason="Ersatt av nytt mål"
        )
        assert Goal.objects.count() == count
        for goal in (chain.reading, chain.reading_unit):
            goal.refresh_from_db()
            assert goal.retired_on == day
            record = goal.history.latest()
            assert (record.history_user, record.history_change_reason) == (
                editor_a,
                "Ersatt av nytt mål",
            )
        for goal in (chain.school, chain.waiting, chain.vision):
            goal.refresh_from_db()
            assert goal.retired_on is None

    def test_already_retired_goals_keep_their_date(self, chain, editor_a):
        services.goal_retire(
            actor=editor_a, goal=chain.reading_unit, retired_on=dt.date(2026, 1, 1), reason="1"
        )
        services.goal_retire(
            actor=editor_a, goal=chain.reading, retired_on=dt.date(2026, 3, 1), reason="2"
        )
        chain.reading_unit.refresh_from_db()
        assert chain.reading_unit.retired_on == dt.date(2026, 1, 1)

    def test_editor_of_another_committee_cannot_retire(self, chain, editor_b):
        before = goal_counts()
        with pytest.raises(PermissionDenied):
            services.goal_retire(
                actor=editor_b, goal=chain.reading, retired_on=dt.date(2026, 3, 1), reason="B"
            )
        assert not Goal.objects.filter(retired_on__isnull=False).exists()
        assert goal_counts() == before


class TestIndicators:
    def test_text_only_level_takes_no_indicator(self, chain, admin_user):
        with pytest.raises(ValidationError) as caught:
            services.goal_indicator_add(
                actor=admin_user,
                goal=chain.vision,
                year=YEAR,
                new_indicator={"title": "Nöjdhet", "measure_unit": "%", "direction": "higher"},
                target=Decimal(80),
                reason=REASON,
            )
        assert set(caught.value.error_dict) == {"indicator"}
        assert not Indicator.objects.exists()
        assert not GoalIndicator.objects.exists()
        assert not IndicatorTarget.objects.exists()

    def test_new_indicator_with_committee_target(self, chain, org, editor_a):
        link = services.goal_indicator_add(
            actor=editor_a,
            goal=chain.reading,
            year=YEAR,
            new_indicator={
                "title": "Elever i åk 3 som klarar läsning",
                "measure_unit": "%",
                "direction": "higher",
                "kolada_kpi": "N15419",
            },
            target=Decimal("85.5"),
            reason=REASON,
        )
        indicator = Indicator.objects.get()
        assert (link.goal, link.indicator, link.year) == (chain.reading, indicator, YEAR)
        assert indicator.kolada_kpi == "N15419"
        target = IndicatorTarget.objects.get()
        assert (target.unit, target.year, target.value) == (org.namnd_a, YEAR, Decimal("85.5"))
        assert target.history.get().history_user == editor_a

    def test_kf_goal_target_is_kommun_wide(self, chain, admin_user):
        indicator = IndicatorFactory()
        services.goal_indicator_add(
            actor=admin_user,
            goal=chain.school,
            indicator=indicator,
            year=YEAR,
            target=Decimal(90),
            reason=REASON,
        )
        assert IndicatorTarget.objects.get().unit is None

    def test_bad_kolada_id_saves_nothing(self, chain, editor_a):
        with pytest.raises(ValidationError) as caught:
            services.goal_indicator_add(
                actor=editor_a,
                goal=chain.reading,
                year=YEAR,
                new_indicator={
                    "title": "Läsning",
                    "measure_unit": "%",
                    "direction": "higher",
                    "kolada_kpi": "X1",
                },
                reason=REASON,
            )
        assert set(caught.value.error_dict) == {"kolada_kpi"}
        assert not Indicator.objects.exists()

    def test_link_before_the_set_is_decided_is_not_a_change(self, chain, editor_a):
        services.indicator_link(
            actor=editor_a, goal=chain.reading, indicator=IndicatorFactory(), year=YEAR, reason="x"
        )
        assert GoalIndicator.objects.count() == 1
        assert not IndicatorSetChange.objects.exists()

    def test_link_after_the_set_is_decided_records_the_change(self, chain, admin_user, editor_a):
        services.indicator_set_decide(
            actor=admin_user, year=YEAR, decided_on=DECIDED_ON, paragraph="§ 87", reason="Budget"
        )
        indicator = IndicatorFactory()
        services.indicator_link(
            actor=editor_a,
            goal=chain.reading,
            indicator=indicator,
            year=YEAR,
            reason="Ny nationell mätning",
        )
        change = IndicatorSetChange.objects.get()
        assert (change.goal, change.indicator, change.year) == (chain.reading, indicator, YEAR)
        assert change.change == IndicatorSetChange.Change.ADDED
        assert change.reason == "Ny nationell mätning"
        assert change.changed_by == editor_a

    def test_decision_of_another_year_does_not_count(self, chain, admin_user, editor_a):
        services.indicator_set_decide(
            actor=admin_user, year=YEAR - 1, decided_on=DECIDED_ON, paragraph="§ 87", reason="B"
        )
        services.indicator_link(
            actor=editor_a, goal=chain.reading, indicator=IndicatorFactory(), year=YEAR, reason="x"
        )
        assert not IndicatorSetChange.objects.exists()

    def test_unlink_after_the_set_is_decided_records_the_removal(self, chain, admin_user, editor_a):
        indicator = IndicatorFactory()
        link = services.indicator_link(
            actor=editor_a, goal=chain.reading, indicator=indicator, year=YEAR, reason="Budget"
        )
        services.indicator_set_decide(
            actor=admin_user, year=YEAR, decided_on=DECIDED_ON, paragraph="§ 87", reason="Budget"
        )
        services.indicator_unlink(actor=editor_a, link=link, reason="Mäts inte längre")
        assert not GoalIndicator.objects.exists()
        change = IndicatorSetChange.objects.get()
        assert change.change == IndicatorSetChange.Change.REMOVED
        assert (change.reason, change.changed_by, change.indicator) == (
            "Mäts inte längre",
            editor_a,
            indicator,
        )
        removal = GoalIndicator.history.latest()
        assert (removal.history_type, removal.history_user) == ("-", editor_a)
        assert removal.history_change_reason == "Mäts inte längre"

    def test_editor_of_another_committee_cannot_link_or_unlink(self, chain, editor_a, editor_b):
        with pytest.raises(PermissionDenied):
            services.indicator_link(
                actor=editor_b,
                goal=chain.reading,
                indicator=IndicatorFactory(),
                year=YEAR,
                reason="x",
            )
        link = services.indicator_link(
            actor=editor_a, goal=chain.reading, indicator=IndicatorFactory(), year=YEAR, reason="x"
        )
        with pytest.raises(PermissionDenied):
            services.indicator_unlink(actor=editor_b, link=link, reason="x")
        assert GoalIndicator.objects.get() == link

    def test_link_in_a_year_the_goal_is_not_valid_is_refused(self, chain, editor_a):
        with pytest.raises(ValidationError) as caught:
            services.indicator_link(
                actor=editor_a,
                goal=chain.reading,
                indicator=IndicatorFactory(),
                year=2030,
                reason="x",
            )
        assert set(caught.value.error_dict) == {"year"}
        assert not GoalIndicator.objects.exists()

    def test_only_administrators_decide_the_set(self, chain, editor_a):
        with pytest.raises(PermissionDenied):
            services.indicator_set_decide(
                actor=editor_a, year=YEAR, decided_on=DECIDED_ON, paragraph="§ 1", reason="x"
            )


class TestIndicatorValues:
    @pytest.fixture
    def indicator(self, db) -> Indicator:
        return IndicatorFactory(title="Läsförmåga")

    def test_economist_enters_a_kommun_wide_value(self, org, economist, indicator):
        period = ReportingPeriodFactory(state="open")
        value = services.indicator_value_set(
            actor=economist, indicator=indicator, period=period, total=Decimal("71.5"), reason="T1"
        )
        value.refresh_from_db()
        assert (value.unit, value.total) == (None, Decimal("71.5"))
        assert value.history.get().history_user == economist

    def test_entering_again_changes_the_same_row(self, org, economist, indicator):
        period = ReportingPeriodFactory(state="open")
        for total in (Decimal(70), Decimal(72)):
            services.indicator_value_set(
                actor=economist, indicator=indicator, period=period, total=total, reason="T1"
            )
        assert IndicatorValue.objects.get().total == Decimal(72)
        assert IndicatorValue.history.count() == 2

    def test_editor_enters_a_value_for_their_own_unit_only(self, org, editor_a, indicator):
        period = ReportingPeriodFactory(state="open")
        services.indicator_value_set(
            actor=editor_a,
            indicator=indicator,
            period=period,
            unit=org.forvaltning_a,
            total=Decimal(60),
            reason="T1",
        )
        for unit in (org.namnd_b, None):
            with pytest.raises(PermissionDenied):
                services.indicator_value_set(
                    actor=editor_a,
                    indicator=indicator,
                    period=period,
                    unit=unit,
                    total=Decimal(60),
                    reason="T1",
                )
        assert list(IndicatorValue.objects.values_list("unit", flat=True)) == [org.forvaltning_a.pk]

    @pytest.mark.parametrize("state", ["closed", "planned"])
    def test_period_that_is_not_open_is_refused(self, org, economist, indicator, state):
        period = ReportingPeriodFactory(state=state)
        with pytest.raises(PermissionDenied):
            services.indicator_value_set(
                actor=economist, indicator=indicator, period=period, total=Decimal(1), reason="x"
            )
        assert not IndicatorValue.objects.exists()
        assert not IndicatorValue.history.exists()

    def test_women_and_men_only_for_an_indicator_split_by_sex(self, org, economist, indicator):
        period = ReportingPeriodFactory(state="open")
        with pytest.raises(ValidationError) as caught:
            services.indicator_value_set(
                actor=economist,
                indicator=indicator,
                period=period,
                total=Decimal(70),
                women=Decimal(72),
                reason="x",
            )
        assert set(caught.value.error_dict) == {"women"}
        assert not IndicatorValue.objects.exists()

    def test_split_indicator_takes_women_and_men(self, org, economist):
        indicator = IndicatorFactory(by_sex=True)
        period = ReportingPeriodFactory(state="open")
        services.indicator_value_set(
            actor=economist,
            indicator=indicator,
            period=period,
            women=Decimal(72),
            men=Decimal(66),
            reason="x",
        )
        value = IndicatorValue.objects.get()
        assert (value.total, value.women, value.men) == (None, Decimal(72), Decimal(66))

    def test_a_value_needs_at_least_one_number(self, org, economist, indicator):
        period = ReportingPeriodFactory(state="open")
        with pytest.raises(ValidationError) as caught:
            services.indicator_value_set(
                actor=economist, indicator=indicator, period=period, reason="x"
            )
        assert set(caught.value.error_dict) == {"total"}
        assert not IndicatorValue.objects.exists()


class TestAssignments:
    def give(self, chain, org, actor, **fields):
        fields.setdefault("recipients", [org.namnd_a, org.namnd_b])
        fields.setdefault("paragraph", "§ 87")
        return services.assignment_create(
            actor=actor,
            given_by=org.kf,
            goal=chain.school,
            title="Läslyft i hela kommunen",
            first_year=YEAR,
            last_year=YEAR,
            decided_on=DECIDED_ON,
            resources=Decimal(500_000),
            deadline=dt.date(YEAR, 12, 31),
            reason="Budget 2026",
            **fields,
        )

    def test_kf_gives_an_assignment_to_several_committees(self, chain, org, admin_user):
        assignment = self.give(chain, org, admin_user)
        assert assignment.state == "active"
        rows = AssignmentRecipient.objects.filter(assignment=assignment).order_by("unit__lft")
        assert [(r.unit, r.status) for r in rows] == [
            (org.namnd_a, "not_started"),
            (org.namnd_b, "not_started"),
        ]
        decision = assignment.decisions.get()
        assert (decision.state, decision.paragraph, decision.body) == ("active", "§ 87", org.kf)
        assert assignment.history.get().history_user == admin_user

    def test_assignment_needs_a_recipient(self, chain, org, admin_user):
        with pytest.raises(ValidationError) as caught:
            self.give(chain, org, admin_user, recipients=[])
        assert set(caught.value.error_dict) == {"recipients"}
        assert not Assignment.objects.exists()

    def test_bad_paragraph_rolls_everything_back(self, chain, org, admin_user):
        with pytest.raises(ValidationError) as caught:
            self.give(chain, org, admin_user, paragraph="87")
        assert set(caught.value.error_dict) == {"paragraph"}
        assert not Assignment.objects.exists()
        assert not AssignmentRecipient.objects.exists()

    def test_editor_of_a_committee_cannot_give_on_behalf_of_kf(self, chain, org, editor_a):
        with pytest.raises(PermissionDenied):
            self.give(chain, org, editor_a)
        assert not Assignment.objects.exists()

    def test_recipients_editor_reports(self, chain, org, admin_user, editor_a):
        assignment = self.give(chain, org, admin_user)
        mine = assignment.recipient_rows.get(unit=org.namnd_a)
        services.assignment_report(
            actor=editor_a,
            recipient=mine,
            status="in_progress",
            report="Läsombud på alla skolor.",
            reason="Tertial 1",
        )
        mine.refresh_from_db()
        assert (mine.status, mine.report) == ("in_progress", "Läsombud på alla skolor.")
        record = mine.history.latest()
        assert (record.history_user, record.history_change_reason) == (editor_a, "Tertial 1")
        other = assignment.recipient_rows.get(unit=org.namnd_b)
        assert (other.status, other.report) == ("not_started", "")

    def test_editor_of_another_committee_cannot_report(self, chain, org, admin_user, editor_b):
        assignment = self.give(chain, org, admin_user)
        theirs = assignment.recipient_rows.get(unit=org.namnd_a)
        with pytest.raises(PermissionDenied):
            services.assignment_report(
                actor=editor_b, recipient=theirs, status="completed", report="B", reason="x"
            )
        theirs.refresh_from_db()
        assert (theirs.status, theirs.report) == ("not_started", "")

    @pytest.mark.parametrize("last_year", [None, YEAR, YEAR - 1])
    def test_extension_needs_a_later_last_year(self, chain, org, admin_user, last_year):
        assignment = self.give(chain, org, admin_user)
        with pytest.raises(ValidationError) as caught:
            services.assignment_decide(
                actor=admin_user,
                assignment=assignment,
                state="extended",
                decided_on=dt.date(YEAR, 6, 15),
                paragraph="§ 60",
                last_year=last_year,
                reason="Budget 2027",
            )
        assert set(caught.value.error_dict) == {"last_year"}
        assignment.refresh_from_db()
        assert (assignment.state, assignment.last_year) == ("active", YEAR)
        assert AssignmentDecision.objects.filter(assignment=assignment).count() == 1

    def test_extension_moves_the_last_year(self, chain, org, admin_user):
        assignment = self.give(chain, org, admin_user)
        decision = services.assignment_decide(
            actor=admin_user,
            assignment=assignment,
            state="extended",
            decided_on=dt.date(YEAR, 6, 15),
            paragraph="§ 60",
            last_year=YEAR + 1,
            note="Förlängt ett år",
            reason="Budget 2027",
        )
        assignment.refresh_from_db()
        assert (assignment.state, assignment.last_year) == ("extended", YEAR + 1)
        assert list(assignment.decisions.values_list("state", flat=True)) == [
            "active",
            "extended",
        ]
        assert decision.note == "Förlängt ett år"

    def test_extension_moves_the_deadline_to_the_end_of_the_new_last_year(
        self, chain, org, admin_user
    ):
        assignment = self.give(chain, org, admin_user)
        assert assignment.deadline == dt.date(YEAR, 12, 31)
        services.assignment_decide(
            actor=admin_user,
            assignment=assignment,
            state="extended",
            decided_on=dt.date(YEAR, 6, 15),
            paragraph="§ 60",
            last_year=YEAR + 2,
            reason="Budget 2027",
        )
        assignment.refresh_from_db()
        assert assignment.deadline == dt.date(YEAR + 2, 12, 31)

    def test_extension_with_its_own_deadline(self, chain, org, admin_user):
        assignment = self.give(chain, org, admin_user)
        services.assignment_decide(
            actor=admin_user,
            assignment=assignment,
            state="extended",
            decided_on=dt.date(YEAR, 6, 15),
            paragraph="§ 60",
            last_year=YEAR + 1,
            deadline=dt.date(YEAR + 1, 6, 30),
            reason="Budget 2027",
        )
        assignment.refresh_from_db()
        assert assignment.deadline == dt.date(YEAR + 1, 6, 30)

    def test_deadline_after_the_last_year_is_refused(self, chain, org, admin_user):
        assignment = self.give(chain, org, admin_user)
        with pytest.raises(ValidationError) as caught:
            services.assignment_decide(
                actor=admin_user,
                assignment=assignment,
                state="changed",
                decided_on=dt.date(YEAR, 6, 15),
                paragraph="§ 60",
                deadline=dt.date(YEAR + 1, 3, 1),
                reason="x",
            )
        assert set(caught.value.error_dict) == {"deadline"}
        assignment.refresh_from_db()
        assert (assignment.state, assignment.deadline) == ("active", dt.date(YEAR, 12, 31))
        assert assignment.decisions.count() == 1

    def test_only_the_giver_decides(self, chain, org, admin_user, editor_a):
        assignment = self.give(chain, org, admin_user)
        with pytest.raises(PermissionDenied):
            services.assignment_decide(
                actor=editor_a,
                assignment=assignment,
                state="completed",
                decided_on=dt.date(YEAR, 12, 1),
                paragraph="§ 90",
                reason="x",
            )
        assignment.refresh_from_db()
        assert assignment.state == "active"


class TestSteeringModel:
    def test_only_administrators_load_presets(self, org, editor_a):
        with pytest.raises(PermissionDenied):
            services.steering_model_load_preset(actor=editor_a, key="ale")
        assert not SteeringModel.objects.exists()

    def test_unknown_preset_is_refused(self, org, admin_user):
        with pytest.raises(ValidationError) as caught:
            services.steering_model_load_preset(actor=admin_user, key="uppsala")
        assert set(caught.value.error_dict) == {"key"}

    def test_activating_switches_the_model_in_use(self, org, admin_user, vimmerby):
        ale = services.steering_model_load_preset(actor=admin_user, key="ale")
        assert not ale.is_active
        services.steering_model_activate(actor=admin_user, model=ale, reason="Nytt styrsystem")
        vimmerby.refresh_from_db()
        ale.refresh_from_db()
        assert (vimmerby.is_active, ale.is_active) == (False, True)
        record = vimmerby.history.latest()
        assert (record.history_user, record.history_change_reason) == (
            admin_user,
            "Nytt styrsystem",
        )
