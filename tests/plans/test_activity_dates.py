"""An activity's dates stay near its plan's year (from the year before to four years after),
so that copying the plan a year on can never run past the calendar."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.utils import translation

from apps.plans import services
from apps.plans.models import Activity
from tests.plans.conftest import REASON, YEAR, add_activity


@pytest.fixture(autouse=True)
def english():
    """The messages are new (their Swedish is added to locale/ separately); dates stay Swedish."""
    with translation.override("en"):
        yield


def messages(error, field: str) -> list[str]:
    return error.value.message_dict.get(field, [])


def test_an_activity_ending_in_year_9999_is_refused_at_its_end(draft, chain, editor_a):
    with pytest.raises(ValidationError) as error:
        add_activity(draft, editor_a, chain.reading, ends_on=dt.date(9999, 12, 31))
    assert messages(error, "ends_on") == [
        "An activity of the plan for 2026 ends on 31 dec. 2030 at the latest."
    ]


def test_an_activity_starting_two_years_before_the_plan_is_refused(draft, chain, editor_a):
    with pytest.raises(ValidationError) as error:
        add_activity(draft, editor_a, chain.reading, starts_on=dt.date(YEAR - 2, 12, 31))
    assert messages(error, "starts_on") == [
        "An activity of the plan for 2026 starts on 1 jan. 2025 at the earliest."
    ]


def test_an_activity_at_the_bounds_is_saved(draft, chain, editor_a):
    activity = add_activity(
        draft, editor_a, chain.reading,
        starts_on=dt.date(YEAR - 1, 1, 1), ends_on=dt.date(YEAR + 4, 12, 31),
    )  # fmt: skip
    assert activity.pk


def test_copying_a_plan_with_dates_at_the_bounds_works(org, chain, editor_a):
    previous = services.plan_create(
        actor=editor_a, unit=org.forvaltning_a, year=YEAR - 1, reason=REASON
    )
    add_activity(
        previous, editor_a, chain.reading,
        starts_on=dt.date(YEAR - 2, 1, 1), ends_on=dt.date(YEAR + 3, 12, 31),
    )  # fmt: skip
    plan = services.plan_copy_from_previous(
        actor=editor_a, unit=org.forvaltning_a, year=YEAR, reason=REASON
    )
    copy = plan.activities.get()
    assert (copy.starts_on, copy.ends_on) == (dt.date(YEAR - 1, 1, 1), dt.date(YEAR + 4, 12, 31))


def test_copying_a_plan_whose_activity_ends_in_year_9999_works(org, chain, editor_a):
    """Saved before the bound existed: the copy ends at the new plan's last day instead."""
    previous = services.plan_create(
        actor=editor_a, unit=org.forvaltning_a, year=YEAR - 1, reason=REASON
    )
    activity = add_activity(previous, editor_a, chain.reading)
    Activity.objects.filter(pk=activity.pk).update(ends_on=dt.date(9999, 12, 31))
    plan = services.plan_copy_from_previous(
        actor=editor_a, unit=org.forvaltning_a, year=YEAR, reason=REASON
    )
    assert plan.activities.get().ends_on == dt.date(YEAR + 4, 12, 31)
