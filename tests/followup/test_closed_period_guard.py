"""A closed period is read-only whatever path a write takes: service, ORM, bulk import,
admin. The services refuse with a message; the database refuses underneath them."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, connection, transaction

from apps.followup.models import Assessment
from apps.followup.services import assessment_save
from apps.goals.models import IndicatorValue
from apps.goals.services import indicator_value_set, steering_model_load_preset
from apps.periods.services import period_set_state
from tests.factories import (
    AssessmentFactory,
    GoalFactory,
    IndicatorFactory,
    IndicatorValueFactory,
    ReportingPeriodFactory,
)


@pytest.fixture
def closed(db):
    return ReportingPeriodFactory(state="closed")


@pytest.fixture
def goal(org):
    model = steering_model_load_preset(actor=None, key="vimmerby", activate=True)
    return GoalFactory(owner=org.namnd_a, level=model.levels.get(key="namndmal"))


def refused():
    """The database's refusal, inside a savepoint so the test can go on."""
    return pytest.raises(IntegrityError, match="closed reporting period")


class TestServicesRefuseWithAMessage:
    def test_an_assessment_into_a_closed_period(self, editor_a, goal, closed, org):
        with pytest.raises(PermissionDenied, match=r"stängd|closed"):
            assessment_save(actor=editor_a, goal=goal, period=closed, unit=org.namnd_a,
                            status="met", analysis="", reason="x")  # fmt: skip
        assert not Assessment.objects.exists()

    def test_an_indicator_value_into_a_closed_period(self, admin_user, closed):
        indicator = IndicatorFactory()
        with pytest.raises(PermissionDenied):
            indicator_value_set(actor=admin_user, indicator=indicator, period=closed,
                                total=Decimal("1"), reason="x")  # fmt: skip
        assert not IndicatorValue.objects.exists()


class TestTheDatabaseRefusesEveryOtherPath:
    def test_creating_an_assessment(self, goal, closed, org):
        with refused(), transaction.atomic():
            Assessment.objects.create(goal=goal, period=closed, unit=org.namnd_a, status="met")
        assert not Assessment.objects.exists()

    def test_a_bulk_import_of_values(self, closed):
        indicator = IndicatorFactory()
        with refused(), transaction.atomic():
            IndicatorValue.objects.bulk_create(
                [
                    IndicatorValue(indicator=indicator, period=closed, total=Decimal(n))
                    for n in (1, 2)
                ]
            )
        assert not IndicatorValue.objects.exists()

    def test_changing_an_assessment_after_the_close(self, goal, closed, org):
        assessment = AssessmentFactory(goal=goal, period=closed, unit=org.namnd_a)
        with refused(), transaction.atomic():
            Assessment.objects.filter(pk=assessment.pk).update(analysis="Ändrad i efterhand")
        with refused(), transaction.atomic():
            assessment.analysis = "Ändrad i efterhand"
            assessment.save()
        assessment.refresh_from_db()
        assert assessment.analysis != "Ändrad i efterhand"

    def test_moving_a_value_into_a_closed_period(self, closed):
        open_period = ReportingPeriodFactory(name="Tertial 2", state="open")
        value = IndicatorValueFactory(period=open_period)
        with refused(), transaction.atomic():
            IndicatorValue.objects.filter(pk=value.pk).update(period=closed)
        value.refresh_from_db()
        assert value.period == open_period

    @pytest.mark.skipif(connection.vendor != "postgresql", reason="SQLite guards writes only")
    def test_deleting_follow_up_of_a_closed_period(self, goal, closed, org):
        AssessmentFactory(goal=goal, period=closed, unit=org.namnd_a)
        with refused(), transaction.atomic():
            Assessment.objects.all().delete()
        assert Assessment.objects.count() == 1

    def test_the_admin_has_no_way_in(self, client, admin_user):
        client.force_login(admin_user)
        assert client.get("/admin/followup/assessment/").status_code == 404
        assert client.get("/admin/goals/indicatorvalue/").status_code == 404


class TestOpenPeriodsStayWritable:
    def test_reopening_a_period_with_a_reason_allows_corrections(
        self, economist, goal, closed, org
    ):
        assessment = AssessmentFactory(goal=goal, period=closed, unit=org.namnd_a)
        period_set_state(
            actor=economist, period=closed, state="open", reason="Rättelse efter revision"
        )
        Assessment.objects.filter(pk=assessment.pk).update(analysis="Rättad")
        assessment.refresh_from_db()
        assert assessment.analysis == "Rättad"
        assert closed.history.first().history_change_reason == "Rättelse efter revision"
