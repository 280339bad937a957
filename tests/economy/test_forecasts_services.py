"""Forecast services: who may forecast for a body, only in an open period, optimistic locking
with nothing lost, the history of who and why; a closed period's forecasts stay read-only
whatever path a write takes."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import translation

from apps.core.locking import StaleEdit
from apps.economy.models import Forecast, InvestmentForecast
from apps.economy.services.forecasts import (
    forecast_save,
    forecast_with_unhandled_deficit,
    investment_forecast_save,
)
from tests.economy.factories import (
    AppropriationFactory,
    ForecastFactory,
    InvestmentForecastFactory,
    InvestmentProjectFactory,
)
from tests.factories import ReportingPeriodFactory, RoleAssignmentFactory, UserFactory

D = Decimal


def t(text: str) -> str:
    with translation.override("sv"):
        return translation.gettext(text)


@pytest.fixture
def period(db):
    return ReportingPeriodFactory(state="open")


@pytest.fixture
def closed(db):
    return ReportingPeriodFactory(name="Tertial 2", kind="tertial2", state="closed",
                                  ends_on="2026-08-31", deadline="2026-09-15")  # fmt: skip


@pytest.fixture
def colleague(org):
    """A second editor of Nämnd A."""
    user = UserFactory(username="kollega", first_name="Karin", last_name="Kollega")
    RoleAssignmentFactory(user=user, role="redaktor", unit=org.namnd_a)
    return user


def save(actor, unit, period, amount="412500000", **kwargs):
    kwargs.setdefault("comment", "Fler barn i förskolan än budgeterat.")
    kwargs.setdefault("reason", "Prognos T1")
    return forecast_save(actor=actor, unit=unit, period=period, amount=D(amount), **kwargs)


class TestWhoMayForecast:
    def test_the_bodys_editor_saves_a_forecast_with_history(self, editor_a, org, period):
        forecast = save(editor_a, org.namnd_a, period)

        forecast.refresh_from_db()
        assert (forecast.unit, forecast.period, forecast.amount) == (
            org.namnd_a,
            period,
            D("412500000.00"),
        )
        assert (forecast.comment, forecast.deficit_handled, forecast.version) == (
            "Fler barn i förskolan än budgeterat.",
            False,
            1,
        )
        record = forecast.history.get()
        assert (record.history_user, record.history_change_reason) == (editor_a, "Prognos T1")

    def test_an_economist_forecasts_for_any_body(self, economist, org, period):
        save(economist, org.namnd_b, period)
        save(economist, org.ks, period)
        assert Forecast.objects.count() == 2

    def test_an_economist_scoped_to_one_nämnd_forecasts_only_there(self, org, period):
        scoped = UserFactory(username="ekonom_a")
        RoleAssignmentFactory(user=scoped, role="ekonom", unit=org.namnd_a)
        save(scoped, org.namnd_a, period)
        with pytest.raises(PermissionDenied):
            save(scoped, org.namnd_b, period)

    @pytest.mark.parametrize("persona", ["editor_b", "politician", "outsider"])
    def test_others_are_refused_and_nothing_is_written(self, request, persona, org, period):
        with pytest.raises(PermissionDenied):
            save(request.getfixturevalue(persona), org.namnd_a, period)
        assert not Forecast.objects.exists()

    def test_an_editor_of_a_förvaltning_does_not_forecast_for_the_nämnd(self, org, period):
        user = UserFactory(username="forvaltning")
        RoleAssignmentFactory(user=user, role="redaktor", unit=org.forvaltning_a)
        with pytest.raises(PermissionDenied):
            save(user, org.namnd_a, period)

    def test_a_unit_below_a_body_makes_no_forecast_of_its_own(self, editor_a, org, period):
        with pytest.raises(ValidationError) as error:
            save(editor_a, org.forvaltning_a, period)
        assert "unit" in error.value.message_dict
        assert not Forecast.objects.exists()

    def test_a_reason_is_required(self, editor_a, org, period):
        with pytest.raises(ValidationError) as error:
            save(editor_a, org.namnd_a, period, reason=" ")
        assert "reason" in error.value.message_dict


class TestOnlyInAnOpenPeriod:
    def test_a_closed_period_is_refused_with_a_message(self, editor_a, org, closed):
        with pytest.raises(PermissionDenied) as error:
            save(editor_a, org.namnd_a, closed)
        assert str(error.value) == t("The period %(period)s is closed.") % {"period": closed}
        assert not Forecast.objects.exists()

    def test_a_planned_period_is_refused(self, editor_a, org):
        planned = ReportingPeriodFactory(name="Tertial 2", kind="tertial2", state="planned")
        with pytest.raises(PermissionDenied) as error:
            save(editor_a, org.namnd_a, planned)
        assert str(error.value) == t("The period %(period)s is not open yet.") % {"period": planned}

    def test_the_database_refuses_a_closed_periods_forecast_by_any_other_path(self, org, closed):
        existing = ForecastFactory(unit=org.namnd_a, period=closed, amount=D("1"))
        with pytest.raises(IntegrityError, match="closed reporting period"), transaction.atomic():
            Forecast.objects.create(unit=org.namnd_b, period=closed, amount=D("2"))
        with pytest.raises(IntegrityError, match="closed reporting period"), transaction.atomic():
            Forecast.objects.filter(pk=existing.pk).update(amount=D("3"))
        existing.refresh_from_db()
        assert existing.amount == D("1.00")

    def test_an_investment_forecast_in_a_closed_period_is_refused(self, editor_a, org, closed):
        project = InvestmentProjectFactory(unit=org.namnd_a)
        with pytest.raises(PermissionDenied):
            investment_forecast_save(actor=editor_a, project=project, period=closed,
                                     year_amount=D("1"), total_amount=D("2"), comment="",
                                     reason="x")  # fmt: skip
        with pytest.raises(IntegrityError, match="closed reporting period"), transaction.atomic():
            InvestmentForecastFactory._meta.model.objects.create(
                project=project, period=closed, year_amount=D("1"), total_amount=D("2")
            )


class TestOptimisticLocking:
    def test_a_save_from_an_older_version_is_refused_naming_who_and_what(
        self, editor_a, colleague, org, period
    ):
        save(editor_a, org.namnd_a, period, amount="400000000", expected_version=0)
        with pytest.raises(StaleEdit) as error:
            save(colleague, org.namnd_a, period, amount="420000000", expected_version=0)

        assert error.value.current.amount == D("400000000.00")
        assert error.value.who == editor_a.get_full_name()
        assert error.value.messages[0].startswith(f"{editor_a.get_full_name()} ")
        forecast = Forecast.objects.get()
        assert (forecast.amount, forecast.version, forecast.history.count()) == (
            D("400000000.00"),
            1,
            1,
        )

    def test_saving_again_on_the_version_seen_succeeds(self, editor_a, colleague, org, period):
        save(editor_a, org.namnd_a, period, amount="400000000", expected_version=0)
        forecast = save(colleague, org.namnd_a, period, amount="420000000", expected_version=1)
        assert (forecast.amount, forecast.version) == (D("420000000"), 2)
        assert [r.history_user for r in forecast.history.order_by("history_id")] == [
            editor_a,
            colleague,
        ]

    def test_without_an_expected_version_the_last_save_wins(self, editor_a, org, period):
        save(editor_a, org.namnd_a, period, amount="1")
        assert save(editor_a, org.namnd_a, period, amount="2").version == 2


class TestDeficit:
    def test_handling_a_deficit_within_the_delegation_needs_an_explanation(
        self, editor_a, org, period
    ):
        with pytest.raises(ValidationError) as error:
            save(editor_a, org.namnd_a, period, comment=" ", deficit_handled=True)
        assert error.value.message_dict == {
            "comment": [t("Explain how the committee handles the deficit within its delegation.")]
        }

    def test_a_forecast_above_the_current_budget_is_an_unhandled_deficit(
        self, editor_a, org, period
    ):
        AppropriationFactory(unit=org.namnd_a, amount=D("400000000"))
        assert forecast_with_unhandled_deficit(unit=org.namnd_a, period=period) is None
        forecast = save(editor_a, org.namnd_a, period, amount="400000000")
        assert forecast_with_unhandled_deficit(unit=org.namnd_a, period=period) is None
        forecast = save(editor_a, org.namnd_a, period, amount="400000000.01")
        assert forecast_with_unhandled_deficit(unit=org.namnd_a, period=period) == forecast
        save(editor_a, org.namnd_a, period, amount="410000000", deficit_handled=True)
        assert forecast_with_unhandled_deficit(unit=org.namnd_a, period=period) is None

    def test_a_tilläggsanslag_counts_in_the_current_budget(self, editor_a, org, period):
        frame = AppropriationFactory(unit=org.namnd_a, amount=D("400000000"))
        save(editor_a, org.namnd_a, period, amount="405000000")
        assert forecast_with_unhandled_deficit(unit=org.namnd_a, period=period) is not None
        AppropriationFactory(
            unit=org.namnd_a,
            amount=D("5000000"),
            decision__budget_year=frame.decision.budget_year,
            decision__kind="additional",
        )
        assert forecast_with_unhandled_deficit(unit=org.namnd_a, period=period) is None

    def test_without_a_decided_budget_there_is_no_deficit_to_speak_of(self, editor_a, org, period):
        save(editor_a, org.namnd_a, period, amount="400000000")
        assert forecast_with_unhandled_deficit(unit=org.namnd_a, period=period) is None


class TestInvestmentForecasts:
    def save(self, actor, project, period, **kwargs):
        return investment_forecast_save(
            actor=actor, project=project, period=period,
            year_amount=D(kwargs.get("year", "4500000")),
            total_amount=D(kwargs.get("total", "10500000")),
            comment=kwargs.get("comment", "Dyrare markarbeten"), reason="Prognos T1",
        )  # fmt: skip

    def test_the_bodys_editor_forecasts_a_project(self, editor_a, org, period):
        project = InvestmentProjectFactory(unit=org.namnd_a)
        forecast = self.save(editor_a, project, period)
        forecast.refresh_from_db()
        assert (forecast.year_amount, forecast.total_amount, forecast.comment) == (
            D("4500000.00"),
            D("10500000.00"),
            "Dyrare markarbeten",
        )
        assert forecast.history.get().history_user == editor_a
        again = self.save(editor_a, project, period, year="4000000")
        assert again.pk == forecast.pk
        assert InvestmentForecast.objects.get().year_amount == D("4000000.00")

    def test_an_economist_may_and_another_nämnds_editor_may_not(
        self, economist, editor_b, org, period
    ):
        project = InvestmentProjectFactory(unit=org.namnd_a)
        self.save(economist, project, period)
        with pytest.raises(PermissionDenied):
            self.save(editor_b, project, period, year="1")
        assert InvestmentForecast.objects.get().year_amount == D("4500000.00")

    def test_a_project_not_running_in_the_periods_year_is_refused(self, editor_a, org, period):
        project = InvestmentProjectFactory(unit=org.namnd_a, first_year=2027, last_year=2028)
        with pytest.raises(ValidationError) as error:
            self.save(editor_a, project, period)
        assert "period" in error.value.message_dict
        assert not InvestmentForecast.objects.exists()
