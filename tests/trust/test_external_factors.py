"""KF's omvärldsfaktorer in the nulägesbeskrivning, and the page where politicians read how
every nämnd relates to each factor."""

from __future__ import annotations

import datetime as dt
from html import unescape

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from apps.goals.models import ExternalFactor
from apps.trust.models import StatusReport, StatusReportFactorResponse
from apps.trust.services import status_report_factor_response_save
from tests.factories import UnitFactory

YEAR = 2026


def factor(title="Digitalisering", first_year=2023, last_year=2026) -> ExternalFactor:
    return ExternalFactor.objects.create(title=title, first_year=first_year, last_year=last_year)


def respond(actor, unit, kf_factor, year=YEAR, **texts):
    texts.setdefault("risks", "Utanförskap.")
    texts.setdefault("opportunities", "E-tjänster.")
    texts.setdefault("approach", "Digital agenda.")
    return status_report_factor_response_save(
        actor=actor, unit=unit, year=year, factor=kf_factor, reason="Nuläge 2026", **texts
    )


def page(response) -> str:
    return unescape(response.content.decode())


class TestService:
    def test_responding_starts_the_report_if_needed(self, org, editor_a):
        response = respond(editor_a, org.namnd_a, factor())
        assert StatusReport.objects.get().unit == org.namnd_a
        assert response.history.first().history_user == editor_a

    def test_another_nämnds_editor_may_not(self, org, editor_b):
        with pytest.raises(PermissionDenied):
            respond(editor_b, org.namnd_a, factor())
        assert not StatusReport.objects.exists()

    def test_a_factor_out_of_force_is_refused(self, org, editor_a):
        with pytest.raises(ValidationError) as caught:
            respond(editor_a, org.namnd_a, factor(first_year=2027, last_year=2030))
        assert "factor" in caught.value.message_dict
        assert not StatusReportFactorResponse.objects.exists()


@pytest.mark.usefixtures("ale")
class TestStatusReportPage:
    def test_the_editor_writes_the_report_and_the_responses(self, client, org, editor_a):
        kf_factor = factor()
        client.force_login(editor_a)
        url = f"/tillit/nulage/{org.namnd_a.pk}/?ar={YEAR}"
        assert f'value="factor-{kf_factor.pk}"' in page(client.get(url))
        response = client.post(url, {
            "action": f"factor-{kf_factor.pk}", f"f{kf_factor.pk}-risks": "Utanförskap",
            f"f{kf_factor.pk}-opportunities": "", f"f{kf_factor.pk}-approach": "",
        })  # fmt: skip
        assert response.status_code == 302
        assert StatusReportFactorResponse.objects.get().risks == "Utanförskap"

    def test_a_reader_sees_the_responses(self, client, org, editor_a, politician):
        respond(editor_a, org.namnd_a, factor())
        client.force_login(politician)
        html = page(client.get(f"/tillit/nulage/{org.namnd_a.pk}/?ar={YEAR}"))
        assert "Digital agenda." in html and 'value="factor-' not in html

    def test_a_model_without_external_factors_never_shows_them(
        self, client, org, alvesta, editor_a
    ):
        kf_factor = factor()
        client.force_login(editor_a)
        url = f"/tillit/nulage/{org.namnd_a.pk}/?ar={YEAR}"
        html = page(client.get(url))
        assert "Digitalisering" not in html and 'value="factor-' not in html
        assert "external factors" not in html and "omvärldsfaktorer" not in html.lower()
        response = client.post(url, {"action": f"factor-{kf_factor.pk}",
                                     f"f{kf_factor.pk}-risks": "x"})  # fmt: skip
        assert response.status_code == 404
        assert not StatusReportFactorResponse.objects.exists()


class TestOverviewPage:
    def test_each_factor_with_each_nämnds_response_in_tree_order(
        self, client, org, editor_a, editor_b, politician
    ):
        first, second = factor("Digitalisering"), factor("Klimat")
        factor("Gammal", 2015, 2018)
        respond(editor_b, org.namnd_b, first, risks="B:s risk")
        respond(editor_a, org.namnd_a, first, risks="A:s risk")
        respond(editor_a, org.namnd_a, second, risks="", opportunities="", approach="")
        client.force_login(politician)
        response = client.get(f"/mal/omvarldsfaktorer/?ar={YEAR}")
        rows = response.context["rows"]
        assert [row.factor for row in rows] == [first, second]
        assert [r.unit for r in rows[0].responses] == [org.namnd_a, org.namnd_b]
        assert rows[1].responses == []  # an empty response says nothing
        html = page(response)
        assert "B:s risk" in html and "Gammal" not in html

    @pytest.mark.parametrize("count", [1, 8])
    def test_a_fixed_number_of_queries(
        self, client, org, admin_user, politician, count, django_assert_num_queries
    ):
        kf_factor = factor()
        for n in range(count):
            unit = UnitFactory(parent=org.kf, kind="namnd", name=f"Nämnd {n}",
                               ansvarskod=f"9{n:03d}")  # fmt: skip
            respond(admin_user, unit, kf_factor)
        client.force_login(politician)
        # + the factors withdrawn in an earlier year, shown apart
        with django_assert_num_queries(8):
            client.get(f"/mal/omvarldsfaktorer/?ar={YEAR}")

    def test_an_outsider_may_not_read(self, client, org, outsider):
        client.force_login(outsider)
        assert client.get("/mal/omvarldsfaktorer/").status_code == 403


def test_dates_are_shown_for_decided_factors(client, org, politician):
    ExternalFactor.objects.create(title="Klimat", first_year=2023, last_year=2026,
                                  decided_on=dt.date(2023, 2, 13), paragraph="§ 9")  # fmt: skip
    client.force_login(politician)
    assert "13 feb. 2023 § 9" in page(client.get(f"/mal/omvarldsfaktorer/?ar={YEAR}"))
