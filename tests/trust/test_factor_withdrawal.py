"""KF's omvärldsfaktorer: the four-year horizon, and withdrawal with a reason (Ale). A
withdrawn factor stays in force to the end of the year it was withdrawn and is not offered
for new responses after."""

from __future__ import annotations

import datetime as dt
from html import unescape

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from apps.core.locking import StaleEdit
from apps.goals.models import ExternalFactor
from apps.goals.selectors import external_factors_in
from apps.goals.services import external_factor_save, external_factor_withdraw
from apps.trust.models import StatusReportFactorResponse
from apps.trust.services import status_report_factor_response_save

YEAR = 2026


@pytest.fixture
def factor(db) -> ExternalFactor:
    return ExternalFactor.objects.create(title="Energiomställning", first_year=2023,
                                         last_year=2026)  # fmt: skip


def withdraw(actor, factor, on=dt.date(2025, 6, 16), reason="Ny majoritet, KF 2025 § 80", **kw):
    return external_factor_withdraw(
        actor=actor, factor=factor, withdrawn_on=on, reason=reason, **kw
    )


def page(response) -> str:
    assert response.status_code == 200
    return unescape(response.content.decode())


class TestService:
    def test_the_reason_is_stored_and_in_the_history(self, factor, admin_user):
        withdraw(admin_user, factor)
        factor.refresh_from_db()
        assert factor.is_withdrawn and factor.withdrawal_reason == "Ny majoritet, KF 2025 § 80"
        record = factor.history.first()
        assert record.history_change_reason == "Ny majoritet, KF 2025 § 80"
        assert record.history_user == admin_user

    def test_without_a_reason_it_is_refused(self, factor, admin_user):
        with pytest.raises(ValidationError) as error:
            withdraw(admin_user, factor, reason="  ")
        assert "withdrawal_reason" in error.value.message_dict
        factor.refresh_from_db()
        assert not factor.is_withdrawn

    def test_only_an_administrator(self, factor, editor_a, ks_editor):
        for actor in (editor_a, ks_editor):
            with pytest.raises(PermissionDenied):
                withdraw(actor, factor)
        factor.refresh_from_db()
        assert not factor.is_withdrawn

    def test_not_before_it_came_into_force_and_not_twice(self, factor, admin_user):
        with pytest.raises(ValidationError) as error:
            withdraw(admin_user, factor, on=dt.date(2022, 12, 1))
        assert "withdrawn_on" in error.value.message_dict
        withdraw(admin_user, factor)
        with pytest.raises(ValidationError):
            withdraw(admin_user, factor, reason="Igen")

    def test_a_stale_version_is_refused(self, factor, admin_user):
        opened = factor.version
        factor.description = "Rättad"
        external_factor_save(actor=admin_user, factor=factor, reason="Rättelse")
        with pytest.raises(StaleEdit):
            withdraw(admin_user, factor, expected_version=opened)


class TestInForce:
    def test_in_force_to_the_end_of_the_year_it_was_withdrawn(self, factor, admin_user):
        withdraw(admin_user, factor)  # 2025
        assert list(external_factors_in(2025)) == [factor]
        assert list(external_factors_in(2026)) == []

    def test_not_offered_for_new_responses_the_year_after(self, org, factor, admin_user):
        withdraw(admin_user, factor)
        status_report_factor_response_save(
            actor=admin_user, unit=org.namnd_a, year=2025, factor=factor, risks="Kvar",
            opportunities="", approach="", reason="Nuläge 2025",
        )  # fmt: skip
        with pytest.raises(ValidationError) as error:
            status_report_factor_response_save(
                actor=admin_user, unit=org.namnd_a, year=2026, factor=factor, risks="Ny",
                opportunities="", approach="", reason="Nuläge 2026",
            )  # fmt: skip
        assert "factor" in error.value.message_dict
        assert [r.report.year for r in StatusReportFactorResponse.objects.all()] == [2025]

    def test_the_status_report_page_of_the_next_year_does_not_offer_it(
        self, client, org, ale, factor, admin_user, editor_a
    ):
        withdraw(admin_user, factor)
        client.force_login(editor_a)
        text = page(client.get(f"/tillit/nulage/{org.namnd_a.pk}/?ar=2026"))
        assert f'value="factor-{factor.pk}"' not in text
        assert f'value="factor-{factor.pk}"' in page(
            client.get(f"/tillit/nulage/{org.namnd_a.pk}/?ar=2025")
        )


class TestHorizon:
    def test_at_most_four_years(self, db, admin_user):
        with pytest.raises(ValidationError) as error:
            external_factor_save(
                actor=admin_user, reason="KF",
                factor=ExternalFactor(title="För lång", first_year=2023, last_year=2027),
            )  # fmt: skip
        assert "last_year" in error.value.message_dict
        external_factor_save(
            actor=admin_user, reason="KF",
            factor=ExternalFactor(title="En mandatperiod", first_year=2023, last_year=2026),
        )  # fmt: skip

    def test_the_admin_form_shows_the_horizon_at_the_field(self, client, org, admin_user):
        client.force_login(admin_user)
        response = client.post("/admin/goals/externalfactor/add/", {
            "title": "För lång", "description": "", "first_year": "2023", "last_year": "2028",
            "decided_on": "", "paragraph": "", "position": "0", "change_reason": "KF",
        })  # fmt: skip
        assert response.status_code == 200
        errors = response.context["adminform"].form.errors
        assert list(errors) == ["last_year"]
        assert not ExternalFactor.objects.exists()


class TestPages:
    def test_the_admin_withdraws_through_the_form(self, client, org, factor, admin_user):
        client.force_login(admin_user)
        url = f"/mal/omvarldsfaktorer/{factor.pk}/aterkalla/"
        assert url in page(client.get("/mal/omvarldsfaktorer/?ar=2025"))
        response = client.post(url, {"withdrawn_on": "2025-06-16",
                                      "withdrawal_reason": "Ny majoritet",
                                      "version": factor.version})  # fmt: skip
        assert response.status_code == 302
        factor.refresh_from_db()
        assert factor.withdrawal_reason == "Ny majoritet"
        assert client.get(url).status_code == 404  # already withdrawn

    def test_no_reason_is_shown_at_the_field(self, client, org, factor, admin_user):
        client.force_login(admin_user)
        url = f"/mal/omvarldsfaktorer/{factor.pk}/aterkalla/"
        response = client.post(url, {"withdrawn_on": "2025-06-16", "withdrawal_reason": " ",
                                     "version": factor.version})  # fmt: skip
        assert response.status_code == 200
        assert response.context["form"].errors["withdrawal_reason"]
        factor.refresh_from_db()
        assert not factor.is_withdrawn

    def test_others_may_not(self, client, org, factor, editor_a, politician):
        url = f"/mal/omvarldsfaktorer/{factor.pk}/aterkalla/"
        for user in (editor_a, politician):
            client.force_login(user)
            assert client.get(url).status_code == 403
            assert client.post(url, {"withdrawn_on": "2025-06-16",
                                     "withdrawal_reason": "x"}).status_code == 403  # fmt: skip
            assert f"{url}" not in page(client.get("/mal/omvarldsfaktorer/?ar=2025"))
        factor.refresh_from_db()
        assert not factor.is_withdrawn

    def test_the_list_shows_withdrawn_factors_apart_with_date_and_reason(
        self, client, org, factor, admin_user, politician
    ):
        in_force = ExternalFactor.objects.create(title="Digitalisering", first_year=2023,
                                                 last_year=2026)  # fmt: skip
        withdraw(admin_user, factor)
        client.force_login(politician)
        for year in (2025, 2026):
            text = page(client.get(f"/mal/omvarldsfaktorer/?ar={year}"))
            apart = text.index('id="withdrawn"')
            assert text.index(in_force.title) < apart < text.index(factor.title)
            assert "16 juni 2025" in text[apart:] and "Ny majoritet, KF 2025 § 80" in text
