"""No lost updates of a reporting period: an ekonom's deadline change from a page opened
before another ekonom moved the deadline (or opened or closed the period) is refused."""

from __future__ import annotations

import datetime as dt

import pytest

from apps.core.locking import StaleEdit
from apps.periods import services
from apps.periods.models import ReportingPeriod
from styrmodell.lib.formats import format_date
from tests.factories import ReportingPeriodFactory
from tests.stale import conflict_shown, second_writer_is_refused


def test_the_service_refuses_a_deadline_from_an_older_version(economist, admin_user):
    period = ReportingPeriodFactory()
    first, second = period.deadline + dt.timedelta(days=3), period.deadline + dt.timedelta(days=7)

    def save(deadline, version):
        services.period_set_deadline(
            actor=economist if deadline == first else admin_user, period=period,
            deadline=deadline, reason="Påsk", expected_version=version,
        )  # fmt: skip

    second_writer_is_refused(
        save, lambda: ReportingPeriod.objects.get(pk=period.pk).deadline,
        opened=period.version, first=first, second=second,
    )  # fmt: skip


def test_the_page_shows_both_deadlines(client, economist, admin_user):
    period = ReportingPeriodFactory()
    opened = period.version
    first = period.deadline + dt.timedelta(days=3)
    services.period_set_deadline(actor=economist, period=period, deadline=first, reason="Påsk")
    client.force_login(admin_user)
    response = client.post(
        f"/perioder/{period.pk}/",
        {"action": "deadline", "d-deadline": (first + dt.timedelta(days=4)).isoformat(),
         "d-change_reason": "Sportlov", "d-version": opened},
    )  # fmt: skip
    conflict_shown(
        response, theirs=format_date(first), yours=format_date(first + dt.timedelta(days=4))
    )
    assert ReportingPeriod.objects.get(pk=period.pk).deadline == first


def test_a_deadline_form_opened_before_the_period_was_closed_is_stale(economist):
    period = ReportingPeriodFactory()
    opened = period.version
    services.period_set_state(actor=economist, period=period, state="closed", reason="Klar")
    services.period_set_state(actor=economist, period=period, state="open", reason="Rättelse")
    with pytest.raises(StaleEdit):
        services.period_set_deadline(
            actor=economist, period=period, deadline=period.deadline + dt.timedelta(days=1),
            reason="x", expected_version=opened,
        )  # fmt: skip
    assert ReportingPeriod.objects.get(pk=period.pk).deadline == period.deadline
