"""Deadlines: after a period's deadline its editors can no longer report in it; the ekonom
moves the deadline or gives a unit more time, and may still correct the period itself."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone, translation

from apps.followup.models import Assessment, UnitCompletion
from apps.followup.services import assessment_save, completion_mark
from apps.goals.services import indicator_value_set
from apps.periods.models import DeadlineExtension, ReportingPeriod
from apps.periods.services import (
    deadline_extend,
    deadline_extension_remove,
    deadline_for,
    deadlines_for,
    period_set_deadline,
    require_reportable,
)
from styrmodell.lib.formats import format_date
from tests.factories import IndicatorFactory, ReportingPeriodFactory
from tests.goals import conftest as goal_fixtures

vimmerby = goal_fixtures.vimmerby
chain = goal_fixtures.chain

TODAY = timezone.localdate()
YESTERDAY = TODAY - dt.timedelta(days=1)


def t(text: str) -> str:
    with translation.override("sv"):
        return translation.gettext(text)


@pytest.fixture
def late_period(db) -> ReportingPeriod:
    """Tertial 1 2026, open, its deadline yesterday."""
    return ReportingPeriodFactory(deadline=YESTERDAY)


@pytest.fixture
def goal(chain):
    """Nämnd A's nämndmål."""
    return chain.reading


class TestDeadlineFor:
    def test_the_periods_deadline_without_extensions(self, org, late_period):
        assert deadline_for(late_period, org.enhet_a1) == YESTERDAY

    def test_an_extension_covers_the_unit_and_the_units_under_it(self, org, late_period):
        DeadlineExtension.objects.create(period=late_period, unit=org.forvaltning_a, until=TODAY)
        assert deadline_for(late_period, org.forvaltning_a) == TODAY
        assert deadline_for(late_period, org.enhet_a1) == TODAY
        assert deadline_for(late_period, org.namnd_a) == YESTERDAY  # not upwards
        assert deadline_for(late_period, org.forvaltning_b) == YESTERDAY  # not sideways

    def test_the_latest_of_several_extensions_counts(self, org, late_period):
        later = TODAY + dt.timedelta(days=5)
        DeadlineExtension.objects.create(period=late_period, unit=org.namnd_a, until=later)
        DeadlineExtension.objects.create(period=late_period, unit=org.enhet_a1, until=TODAY)
        assert deadline_for(late_period, org.enhet_a1) == later

    def test_many_units_at_once_in_one_query(self, org, late_period, django_assert_num_queries):
        DeadlineExtension.objects.create(period=late_period, unit=org.forvaltning_a, until=TODAY)
        units = [org.namnd_a, org.forvaltning_a, org.enhet_a1, org.namnd_b]
        with django_assert_num_queries(1):
            deadlines = deadlines_for(late_period, units)
        assert deadlines == {
            org.namnd_a.pk: YESTERDAY, org.forvaltning_a.pk: TODAY,
            org.enhet_a1.pk: TODAY, org.namnd_b.pk: YESTERDAY,
        }  # fmt: skip


class TestRequireReportable:
    def test_an_editor_is_refused_after_the_deadline_with_the_date(
        self, org, late_period, editor_a
    ):
        with translation.override("sv"), pytest.raises(ValidationError) as caught:
            require_reportable(late_period, actor=editor_a, unit=org.namnd_a)
        message = caught.value.messages[0]
        assert format_date(YESTERDAY) in message
        assert message == t(
            "The deadline for %(period)s was %(date)s. Ask the economy department for more time."
        ) % {"period": late_period, "date": format_date(YESTERDAY)}

    def test_on_the_deadline_day_itself_it_is_still_in_time(self, org, editor_a):
        period = ReportingPeriodFactory(deadline=TODAY)
        require_reportable(period, actor=editor_a, unit=org.namnd_a)

    def test_an_extension_lets_the_unit_report(self, org, late_period, editor_a):
        DeadlineExtension.objects.create(period=late_period, unit=org.namnd_a, until=TODAY)
        require_reportable(late_period, actor=editor_a, unit=org.enhet_a1)

    @pytest.mark.parametrize("persona", ["economist", "admin_user"])
    def test_the_economy_department_and_administrators_may_still_correct(
        self, request, org, late_period, persona
    ):
        require_reportable(late_period, actor=request.getfixturevalue(persona), unit=org.namnd_a)

    def test_a_closed_period_is_refused_before_the_deadline_is_looked_at(self, org, economist):
        period = ReportingPeriodFactory(state="closed")
        with pytest.raises(PermissionDenied):
            require_reportable(period, actor=economist, unit=org.namnd_a)


class TestWritesAfterTheDeadline:
    def test_an_assessment_is_refused_and_nothing_saved(self, org, late_period, goal, editor_a):
        with pytest.raises(ValidationError):
            assessment_save(
                actor=editor_a, goal=goal, period=late_period, unit=org.namnd_a,
                status="met", analysis="", reason="T1",
            )  # fmt: skip
        assert not Assessment.objects.exists()

    def test_the_done_mark_is_refused(self, org, late_period, editor_a):
        with pytest.raises(ValidationError):
            completion_mark(actor=editor_a, unit=org.namnd_a, period=late_period, reason="klar")
        assert not UnitCompletion.objects.exists()

    def test_an_indicator_value_is_refused(self, org, late_period, editor_a):
        indicator = IndicatorFactory()
        with pytest.raises(ValidationError):
            indicator_value_set(
                actor=editor_a, indicator=indicator, period=late_period, unit=org.namnd_a,
                total=1, reason="T1",
            )  # fmt: skip

    def test_the_ekonom_still_writes(self, org, late_period, goal, admin_user):
        assessment_save(
            actor=admin_user, goal=goal, period=late_period, unit=org.namnd_a,
            status="met", analysis="", reason="Rättelse efter sista dag",
        )  # fmt: skip
        assert Assessment.objects.get().status == "met"


class TestDeadlineServices:
    def test_the_ekonom_moves_the_deadline_with_a_reason_in_the_history(
        self, late_period, economist
    ):
        period_set_deadline(actor=economist, period=late_period, deadline=TODAY, reason="Påsk")
        late_period.refresh_from_db()
        assert late_period.deadline == TODAY
        latest = late_period.history.first()
        assert (latest.history_user, latest.history_change_reason) == (economist, "Påsk")

    def test_an_editor_may_not_move_it(self, late_period, editor_a):
        with pytest.raises(PermissionDenied):
            period_set_deadline(actor=editor_a, period=late_period, deadline=TODAY, reason="x")

    def test_not_before_the_period_ends(self, late_period, economist):
        with pytest.raises(ValidationError) as caught:
            period_set_deadline(
                actor=economist, period=late_period, deadline=dt.date(2026, 4, 1), reason="x"
            )
        assert set(caught.value.error_dict) == {"deadline"}

    def test_not_in_a_closed_period(self, economist):
        period = ReportingPeriodFactory(state="closed")
        with pytest.raises(ValidationError):
            period_set_deadline(actor=economist, period=period, deadline=TODAY, reason="x")

    def test_an_extension_must_end_after_the_deadline(self, org, late_period, economist):
        with pytest.raises(ValidationError) as caught:
            deadline_extend(
                actor=economist, period=late_period, unit=org.namnd_a, until=YESTERDAY,
                reason="Sjukdom",
            )  # fmt: skip
        assert set(caught.value.error_dict) == {"until"}
        assert not DeadlineExtension.objects.exists()

    def test_extending_twice_changes_the_one_extension(self, org, late_period, economist):
        deadline_extend(actor=economist, period=late_period, unit=org.namnd_a, until=TODAY,
                        reason="Sjukdom")  # fmt: skip
        later = TODAY + dt.timedelta(days=3)
        deadline_extend(actor=economist, period=late_period, unit=org.namnd_a, until=later,
                        reason="Mer tid")  # fmt: skip
        assert DeadlineExtension.objects.get().until == later

    def test_an_editor_may_not_extend_or_remove(self, org, late_period, editor_a, economist):
        with pytest.raises(PermissionDenied):
            deadline_extend(actor=editor_a, period=late_period, unit=org.namnd_a, until=TODAY,
                            reason="Själv")  # fmt: skip
        extension = deadline_extend(actor=economist, period=late_period, unit=org.namnd_a,
                                    until=TODAY, reason="Sjukdom")  # fmt: skip
        with pytest.raises(PermissionDenied):
            deadline_extension_remove(actor=editor_a, extension=extension, reason="x")
        deadline_extension_remove(actor=economist, extension=extension, reason="Klar ändå")
        assert not DeadlineExtension.objects.exists()
