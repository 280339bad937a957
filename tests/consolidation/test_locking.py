"""No lost updates in a bolag's figures: two ekonomer fill in the same bolag's figures; the
second's save from the figures they opened is refused with both amounts shown, nothing of the
first's is lost, and the merged save goes through."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from apps.accounts.models import User
from apps.consolidation import services
from apps.consolidation.models import CompanyFigure, CompanyForecast, CompanyLine
from apps.core.locking import StaleEdit
from tests.consolidation.builders import build_koncern
from tests.factories import RoleAssignmentFactory, UserFactory
from tests.stale import conflict_shown, second_writer_is_refused

pytestmark = pytest.mark.django_db

INCOME = CompanyLine.OPERATING_INCOME.value


@pytest.fixture
def koncern(org):
    return build_koncern(org)


@pytest.fixture
def economist2(org) -> User:
    user = UserFactory(username="ekonom2", first_name="Andra")
    RoleAssignmentFactory(user=user, role="ekonom", unit=None)
    return user


def _income(koncern) -> Decimal:
    return CompanyFigure.objects.get(company=koncern.energy, line=INCOME).amount


class TestService:
    def test_a_line_changed_since_the_form_was_opened_is_refused(
        self, koncern, economist, economist2
    ):
        opened = CompanyFigure.objects.get(company=koncern.energy, line=INCOME).version

        def save(amount, version):
            actor = economist if amount == Decimal("1000") else economist2
            services.company_figures_save(
                actor=actor, period=koncern.period, company=koncern.energy,
                amounts={INCOME: amount}, expected_versions={INCOME: version}, reason="Rättelse",
            )  # fmt: skip

        refused = second_writer_is_refused(
            save, lambda: _income(koncern), opened=opened, first=Decimal("1000"),
            second=Decimal("2000"),
        )  # fmt: skip
        assert refused.who == economist.get_full_name()

    def test_a_line_added_since_the_form_showed_it_empty_is_not_removed(
        self, koncern, economist, economist2
    ):
        CompanyFigure.objects.filter(company=koncern.energy, line=INCOME).delete()
        services.company_figures_save(
            actor=economist, period=koncern.period, company=koncern.energy,
            amounts={INCOME: Decimal("1000")}, expected_versions={INCOME: 0}, reason="Ny",
        )  # fmt: skip
        with pytest.raises(StaleEdit):
            # The second form showed the line empty: leaving it empty would remove it
            services.company_figures_save(
                actor=economist2, period=koncern.period, company=koncern.energy,
                amounts={INCOME: None}, expected_versions={INCOME: 0}, reason="Tom",
            )  # fmt: skip
        assert _income(koncern) == Decimal("1000")

    def test_a_line_removed_since_the_form_was_opened_is_not_put_back(
        self, koncern, economist, economist2
    ):
        opened = CompanyFigure.objects.get(company=koncern.energy, line=INCOME).version
        services.company_figures_save(
            actor=economist, period=koncern.period, company=koncern.energy,
            amounts={INCOME: None}, expected_versions={INCOME: opened}, reason="Bort",
        )  # fmt: skip
        with pytest.raises(ValidationError):
            services.company_figures_save(
                actor=economist2, period=koncern.period, company=koncern.energy,
                amounts={INCOME: Decimal("5")}, expected_versions={INCOME: opened}, reason="X",
            )  # fmt: skip
        assert not CompanyFigure.objects.filter(company=koncern.energy, line=INCOME).exists()

    def test_a_stale_forecast_is_refused_and_nothing_is_written(
        self, koncern, economist, economist2
    ):
        services.company_figures_save(
            actor=economist, period=koncern.period, company=koncern.energy, amounts={},
            forecast=Decimal("4000000"), expected_versions={"forecast": 0}, reason="Prognos",
        )  # fmt: skip
        before = _income(koncern)
        with pytest.raises(StaleEdit):
            services.company_figures_save(
                actor=economist2, period=koncern.period, company=koncern.energy,
                amounts={INCOME: before + 1}, forecast=Decimal("1"),
                expected_versions={INCOME: None, "forecast": 0}, reason="Prognos",
            )  # fmt: skip
        assert _income(koncern) == before  # the whole save is refused
        assert CompanyForecast.objects.get(company=koncern.energy).result == Decimal("4000000")


def _opened_form(client, koncern) -> dict:
    """The figures form as the page fills it for Energi AB: every field's value."""
    response = client.get(f"/ekonomi/koncern/{koncern.period.pk}/?bolag={koncern.energy.pk}")
    form = response.context["figures_form"]
    data = {}
    for bound in form:
        value = bound.value()
        data[bound.html_name] = "" if value is None else bound.field.prepare_value(value)
    return data


def test_second_economist_sees_both_amounts_and_keeps_their_input(
    client, koncern, economist, economist2
):
    url = f"/ekonomi/koncern/{koncern.period.pk}/siffror/"
    client.force_login(economist)
    first = _opened_form(client, koncern)
    client.force_login(economist2)
    second = _opened_form(client, koncern)
    assert second["fig-version_operating_income"] >= 1 and second["fig-version_forecast"] == 0

    client.force_login(economist)
    first.update({"fig-operating_income": "61 000,5", "fig-change_reason": "Rättelse"})
    assert client.post(url, first).status_code == 302

    client.force_login(economist2)
    second.update({"fig-operating_income": "70 000", "fig-change_reason": "Egen"})
    response = client.post(url, second)
    conflict_shown(response, theirs="61\u00a0000,5\u00a0tkr", yours="70\u00a0000,0\u00a0tkr")
    assert _income(koncern) == Decimal("61000500")
    form = response.context["figures_form"]
    assert form["operating_income"].value() == "70 000"  # the input is kept

    # Saving the kept form again (after merging) goes through on the stored versions
    merged = {name: form[name.removeprefix("fig-")].value() for name in second}
    assert client.post(url, merged).status_code == 302
    assert _income(koncern) == Decimal("70000000")
