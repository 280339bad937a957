"""Dates and years out of range are field errors, never 500s, whatever the path: the admin's
model forms bound every date to 1900–2100 and every year to 2000–2100 (as the product's own
forms do), and the services that compute with a date or a year refuse one out of range with a
ValidationError instead of failing on a date Python cannot represent."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from apps.goals import services as goal_services
from apps.goals.models import Assignment, ExternalFactor
from apps.organisation import services as organisation_services
from apps.organisation.models import Unit
from apps.periods import services as period_services
from apps.periods.models import ReportingPeriod
from tests.factories import ReportingPeriodFactory
from tests.goals import conftest as goal_fixtures
from tests.organisation.test_admin import change_form

vimmerby, chain = goal_fixtures.vimmerby, goal_fixtures.chain

REASON = "Rättelse"
FAR = dt.date(9999, 12, 31)
EARLY = dt.date(1, 1, 1)


def field_errors(response) -> dict:
    assert response.status_code == 200, "refused at the form, not saved and not a 500"
    return response.context["adminform"].form.errors


class TestAdmin:
    def test_a_unit_ending_in_9999_is_refused_at_the_field(self, client, admin_user, org):
        unit = Unit.objects.get(pk=org.namnd_a.pk)
        client.force_login(admin_user)
        response = client.post(
            f"/admin/organisation/unit/{unit.pk}/change/",
            change_form(unit, valid_to="9999-12-31", change_reason=REASON, version=unit.version),
        )
        assert "valid_to" in field_errors(response)
        assert Unit.objects.get(pk=unit.pk).valid_to is None
        assert Unit.objects.get(pk=org.forvaltning_a.pk).valid_to is None

    def test_a_unit_starting_in_year_1_is_refused_at_the_field(self, client, admin_user, org):
        unit = Unit.objects.get(pk=org.namnd_a.pk)
        client.force_login(admin_user)
        response = client.post(
            f"/admin/organisation/unit/{unit.pk}/change/",
            change_form(unit, valid_from="0001-01-01", change_reason=REASON, version=unit.version),
        )
        assert "valid_from" in field_errors(response)

    @pytest.mark.parametrize("year", ["10000", "1999", "2101"])
    def test_an_external_factor_year_out_of_range_is_refused_at_the_field(
        self, client, admin_user, org, year
    ):
        client.force_login(admin_user)
        response = client.post(
            "/admin/goals/externalfactor/add/",
            {"title": "Demografi", "description": "", "first_year": "2026", "last_year": year,
             "decided_on": "", "paragraph": "", "position": "0", "change_reason": REASON,
             "version": "0"},
        )  # fmt: skip
        assert "last_year" in field_errors(response)
        assert not ExternalFactor.objects.exists()

    def test_an_external_factor_decided_in_9999_is_refused_at_the_field(
        self, client, admin_user, org
    ):
        client.force_login(admin_user)
        response = client.post(
            "/admin/goals/externalfactor/add/",
            {"title": "Demografi", "description": "", "first_year": "2026", "last_year": "2027",
             "decided_on": "9999-12-31", "paragraph": "", "position": "0",
             "change_reason": REASON, "version": "0"},
        )  # fmt: skip
        assert "decided_on" in field_errors(response)
        assert not ExternalFactor.objects.exists()

    def test_dates_and_years_in_range_still_save(self, client, admin_user, org):
        client.force_login(admin_user)
        response = client.post(
            "/admin/goals/externalfactor/add/",
            {"title": "Demografi", "description": "", "first_year": "2097", "last_year": "2100",
             "decided_on": "2025-11-20", "paragraph": "", "position": "0",
             "change_reason": REASON, "version": "0"},
        )  # fmt: skip
        assert response.status_code == 302
        assert ExternalFactor.objects.get().last_year == 2100


class TestServices:
    @pytest.mark.parametrize("last_year", [10000, 2101])
    def test_an_extension_past_2100_is_a_field_error(self, chain, org, admin_user, last_year):
        assignment = goal_services.assignment_create(
            actor=admin_user, given_by=org.kf, goal=chain.school, title="Läslyft",
            first_year=2026, last_year=2026, decided_on=dt.date(2025, 11, 20),
            resources=Decimal(500_000), deadline=dt.date(2026, 12, 31),
            recipients=[org.namnd_a], paragraph="§ 87", reason="Budget 2026",
        )  # fmt: skip
        with pytest.raises(ValidationError) as refused:
            goal_services.assignment_decide(
                actor=admin_user, assignment=assignment, state="extended",
                decided_on=dt.date(2026, 6, 15), paragraph="§ 60", last_year=last_year,
                reason="Budget 2027",
            )  # fmt: skip
        assert set(refused.value.error_dict) == {"last_year"}
        stored = Assignment.objects.get(pk=assignment.pk)
        assert (stored.state, stored.last_year) == ("active", 2026)

    @pytest.mark.parametrize("valid_to", [FAR, EARLY])
    def test_a_unit_retired_out_of_range_is_a_field_error(self, org, admin_user, valid_to):
        with pytest.raises(ValidationError) as refused:
            organisation_services.unit_retire(
                actor=admin_user, unit=org.namnd_a, valid_to=valid_to, reason=REASON
            )
        assert set(refused.value.error_dict) == {"valid_to"}
        assert Unit.objects.get(pk=org.namnd_a.pk).valid_to is None

    def test_a_unit_updated_out_of_range_is_a_field_error(self, org, admin_user):
        with pytest.raises(ValidationError) as refused:
            organisation_services.unit_update(
                actor=admin_user, unit=org.namnd_a, valid_from=EARLY, reason=REASON
            )
        assert "valid_from" in refused.value.error_dict

    def test_a_unit_created_out_of_range_is_a_field_error(self, org, admin_user):
        with pytest.raises(ValidationError) as refused:
            organisation_services.unit_create(
                actor=admin_user, parent=org.kf, kind="namnd", name="Kulturnämnden",
                short_name="KN", ansvarskod="4000", valid_from=dt.date(2026, 1, 1),
                valid_to=FAR, reason=REASON,
            )  # fmt: skip
        assert "valid_to" in refused.value.error_dict

    def test_a_period_deadline_out_of_range_is_a_field_error(self, db, admin_user):
        period = ReportingPeriodFactory()
        with pytest.raises(ValidationError) as refused:
            period_services.period_set_deadline(
                actor=admin_user, period=period, deadline=FAR, reason=REASON
            )
        assert set(refused.value.error_dict) == {"deadline"}
        assert ReportingPeriod.objects.get(pk=period.pk).deadline == period.deadline

    def test_a_deadline_extension_out_of_range_is_a_field_error(self, org, admin_user):
        period = ReportingPeriodFactory()
        with pytest.raises(ValidationError) as refused:
            period_services.deadline_extend(
                actor=admin_user, period=period, unit=org.namnd_a, until=FAR, reason=REASON
            )
        assert set(refused.value.error_dict) == {"until"}

    def test_a_period_out_of_range_is_a_field_error(self, db, admin_user):
        with pytest.raises(ValidationError) as refused:
            period_services.period_create(
                actor=admin_user, year=2026, kind="tertial2", name="Tertial 2",
                starts_on=EARLY, ends_on=FAR, deadline=dt.date(2026, 9, 15), reason=REASON,
            )  # fmt: skip
        assert {"starts_on", "ends_on"} <= set(refused.value.error_dict)
        assert not ReportingPeriod.objects.filter(kind="tertial2").exists()
