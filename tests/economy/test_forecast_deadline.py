"""Forecasts keep the period's deadline like all follow-up: after it the nämnd's editors are
refused (the page says why and offers no form); an extension or the ekonom lets them in."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from apps.economy.models import Forecast, InvestmentForecast
from apps.economy.services.forecasts import forecast_save, investment_forecast_save
from apps.periods.models import DeadlineExtension
from styrmodell.lib.formats import format_date
from tests.economy.factories import InvestmentProjectFactory
from tests.factories import ReportingPeriodFactory

YESTERDAY = timezone.localdate() - dt.timedelta(days=1)


@pytest.fixture
def late(db):
    return ReportingPeriodFactory(state="open", deadline=YESTERDAY)


def save(actor, unit, period):
    return forecast_save(actor=actor, unit=unit, period=period, amount=Decimal("412500000"),
                         comment="", reason="Prognos T1")  # fmt: skip


def test_the_editor_is_refused_after_the_deadline(org, editor_a, late):
    with pytest.raises(ValidationError) as caught:
        save(editor_a, org.namnd_a, late)
    assert format_date(YESTERDAY) in caught.value.messages[0]
    assert not Forecast.objects.exists()


def test_an_investment_forecast_too(org, editor_a, late):
    project = InvestmentProjectFactory(unit=org.namnd_a)
    with pytest.raises(ValidationError):
        investment_forecast_save(actor=editor_a, project=project, period=late,
                                 year_amount=Decimal(1), total_amount=Decimal(2), comment="",
                                 reason="Prognos")  # fmt: skip
    assert not InvestmentForecast.objects.exists()


def test_an_extension_lets_the_editor_in(org, editor_a, late):
    DeadlineExtension.objects.create(period=late, unit=org.namnd_a, until=timezone.localdate())
    save(editor_a, org.namnd_a, late)
    assert Forecast.objects.count() == 1


def test_the_ekonom_still_corrects(org, economist, late):
    save(economist, org.namnd_a, late)
    assert Forecast.objects.count() == 1


def test_the_page_says_why_and_offers_no_form(client, org, editor_a, late):
    client.force_login(editor_a)
    response = client.get(f"/ekonomi/{late.pk}/prognos/{org.namnd_a.pk}/")
    assert response.status_code == 200
    assert response.context["late"] and not response.context["can_write"]
    assert format_date(YESTERDAY) in response.content.decode()


def test_the_to_do_list_names_the_forecast_the_body_owes(client, org, editor_a, late):
    client.force_login(editor_a)
    [item] = client.get("/uppfoljning/").context["forecasts"]
    assert (item.unit, item.period, item.forecast, item.overdue) == (org.namnd_a, late, None, True)
    DeadlineExtension.objects.create(period=late, unit=org.namnd_a, until=timezone.localdate())
    save(editor_a, org.namnd_a, late)
    [item] = client.get("/uppfoljning/").context["forecasts"]
    assert item.forecast is not None and not item.overdue


def test_a_politician_owes_none(client, org, politician, late):
    client.force_login(politician)
    assert client.get("/uppfoljning/").context["forecasts"] == []
