"""Reporting periods: ekonomer and administrators create them and move them through
planned → open → closed (and reopen a closed one); writes need an open period."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from apps.periods.models import ReportingPeriod
from apps.periods.services import period_create, period_set_state, require_open
from tests.factories import ReportingPeriodFactory


def create(actor, **fields) -> ReportingPeriod:
    values = {
        "year": 2026,
        "kind": "tertial2",
        "name": "Delårsrapport",
        "starts_on": dt.date(2026, 1, 1),
        "ends_on": dt.date(2026, 8, 31),
        "deadline": dt.date(2026, 9, 20),
        "reason": "Årets uppföljningar",
    }
    values.update(fields)
    return period_create(actor=actor, **values)


class TestCreate:
    @pytest.mark.parametrize("persona", ["economist", "admin_user"])
    def test_economist_and_administrator_create_a_planned_period(self, request, persona):
        actor = request.getfixturevalue(persona)
        period = create(actor)
        period.refresh_from_db()
        assert period.state == "planned"
        assert str(period) == "Delårsrapport 2026"
        assert period.short_label == "T2 2026"
        record = period.history.get()
        assert (record.history_user, record.history_change_reason) == (
            actor,
            "Årets uppföljningar",
        )

    @pytest.mark.parametrize("persona", ["politician", "editor_a", "outsider"])
    def test_others_cannot_create_periods(self, request, persona):
        with pytest.raises(PermissionDenied):
            create(request.getfixturevalue(persona))
        assert not ReportingPeriod.objects.exists()

    def test_period_ending_before_it_starts_is_refused(self, economist):
        with pytest.raises(ValidationError) as caught:
            create(economist, ends_on=dt.date(2025, 12, 31))
        assert set(caught.value.error_dict) == {"ends_on"}
        assert not ReportingPeriod.objects.exists()

    def test_period_starting_in_another_year_is_refused(self, economist):
        with pytest.raises(ValidationError) as caught:
            create(economist, starts_on=dt.date(2025, 9, 1))
        assert set(caught.value.error_dict) == {"starts_on"}
        assert not ReportingPeriod.objects.exists()

    def test_name_is_unique_within_a_year(self, economist):
        create(economist)
        with pytest.raises(ValidationError):
            create(economist)
        create(
            economist,
            year=2027,
            starts_on=dt.date(2027, 1, 1),
            ends_on=dt.date(2027, 8, 31),
            deadline=dt.date(2027, 9, 20),
        )
        assert ReportingPeriod.objects.count() == 2

    def test_reason_is_required(self, economist):
        with pytest.raises(ValidationError) as caught:
            create(economist, reason="")
        assert set(caught.value.error_dict) == {"reason"}
        assert not ReportingPeriod.objects.exists()


class TestStates:
    def test_planned_then_open_then_closed(self, economist):
        period = ReportingPeriodFactory(state="planned")
        period_set_state(actor=economist, period=period, state="open", reason="Öppnar T1")
        period.refresh_from_db()
        assert period.state == "open"
        period_set_state(actor=economist, period=period, state="closed", reason="Stänger T1")
        period.refresh_from_db()
        assert period.is_closed
        reasons = list(
            period.history.order_by("history_date").values_list("state", "history_change_reason")
        )
        assert reasons[-2:] == [("open", "Öppnar T1"), ("closed", "Stänger T1")]
        assert period.history.latest().history_user == economist

    def test_planned_cannot_go_straight_to_closed(self, economist):
        period = ReportingPeriodFactory(state="planned")
        count = ReportingPeriod.history.count()
        with pytest.raises(ValidationError) as caught:
            period_set_state(actor=economist, period=period, state="closed", reason="x")
        assert set(caught.value.error_dict) == {"state"}
        period.refresh_from_db()
        assert period.state == "planned"
        assert ReportingPeriod.history.count() == count

    def test_open_cannot_go_back_to_planned(self, economist):
        period = ReportingPeriodFactory(state="open")
        with pytest.raises(ValidationError):
            period_set_state(actor=economist, period=period, state="planned", reason="x")
        period.refresh_from_db()
        assert period.state == "open"

    def test_closed_period_is_reopened_with_a_reason(self, admin_user):
        period = ReportingPeriodFactory(state="closed")
        period_set_state(
            actor=admin_user, period=period, state="open", reason="Rättelse av nyckeltal"
        )
        period.refresh_from_db()
        assert period.state == "open"
        assert period.history.latest().history_change_reason == "Rättelse av nyckeltal"

    def test_reopening_needs_a_reason(self, admin_user):
        period = ReportingPeriodFactory(state="closed")
        with pytest.raises(ValidationError):
            period_set_state(actor=admin_user, period=period, state="open", reason=" ")
        period.refresh_from_db()
        assert period.state == "closed"

    def test_same_state_is_a_no_op(self, economist):
        period = ReportingPeriodFactory(state="open")
        count = ReportingPeriod.history.count()
        period_set_state(actor=economist, period=period, state="open", reason="x")
        assert ReportingPeriod.history.count() == count

    @pytest.mark.parametrize("persona", ["politician", "editor_a", "outsider"])
    def test_others_cannot_change_the_state(self, request, db, persona):
        period = ReportingPeriodFactory(state="open")
        with pytest.raises(PermissionDenied):
            period_set_state(
                actor=request.getfixturevalue(persona), period=period, state="closed", reason="x"
            )
        period.refresh_from_db()
        assert period.state == "open"


class TestRequireOpen:
    def test_open_period_passes(self, db):
        require_open(ReportingPeriodFactory(state="open"))

    @pytest.mark.parametrize("state", ["planned", "closed"])
    def test_other_states_are_refused(self, db, state):
        with pytest.raises(PermissionDenied):
            require_open(ReportingPeriodFactory(state=state))


def test_unknown_state_is_a_validation_error(economist):
    period = ReportingPeriodFactory(state="open")
    with pytest.raises(ValidationError) as caught:
        period_set_state(actor=economist, period=period, state="arkiverad", reason="x")
    assert set(caught.value.error_dict) == {"state"}
    period.refresh_from_db()
    assert period.state == "open"
