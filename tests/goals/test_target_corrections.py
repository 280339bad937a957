"""Correcting an indicator's target (issue 13): a page per target from the goal page, with a
reason in the history; after KF's decision a recorded indicator-set change; a stale form is
refused; a closed year's targets are read-only; re-adding leads to the correction."""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal
from html import unescape

import pytest
from django.core.exceptions import PermissionDenied

from apps.core.locking import StaleEdit
from apps.goals import services
from apps.goals.models import IndicatorSetChange, IndicatorTarget
from tests.factories import (
    IndicatorFactory,
    ReportingPeriodFactory,
    RoleAssignmentFactory,
    UserFactory,
)
from tests.goals.builders import YEAR

REASON = "Budget 2026"


@pytest.fixture
def colleague_a(org):
    """A second editor of Nämnd A."""
    user = UserFactory(username="kollega_a", first_name="Karin", last_name="Ek")
    RoleAssignmentFactory(user=user, role="redaktor", unit=org.namnd_a)
    return user


@pytest.fixture
def measured(chain, editor_a):
    """Nämnd A's nämndmål measured by an indicator in YEAR with its own target 65 (the
    wrong value an English-locale number input made of "6,5")."""
    indicator = IndicatorFactory(title="Andel som läser", decimals=1)
    services.goal_indicator_add(
        actor=editor_a, goal=chain.reading, indicator=indicator, year=YEAR,
        target=Decimal(65), reason=REASON,
    )  # fmt: skip
    return indicator


def url(chain, indicator, year=YEAR) -> str:
    return f"/mal/{chain.reading.pk}/indikatorer/{indicator.pk}/malvarde/?ar={year}"


def decide(admin_user, year=YEAR):
    services.indicator_set_decide(
        actor=admin_user, year=year, decided_on=dt.date(year - 1, 11, 20), paragraph="§ 120",
        reason="KF",
    )  # fmt: skip


class TestService:
    def test_a_correction_is_saved_with_its_reason_in_the_history(
        self, chain, measured, editor_a, org
    ):
        target = IndicatorTarget.objects.get()
        corrected = services.indicator_target_correct(
            actor=editor_a, goal=chain.reading, indicator=measured, year=YEAR,
            value=Decimal("6.5"), reason="Skrevs 65, ska vara 6,5", expected_version=1,
        )  # fmt: skip
        assert corrected.pk == target.pk
        assert (corrected.value, corrected.unit, corrected.version) == (
            Decimal("6.5"), org.namnd_a, 2
        )  # fmt: skip
        record = corrected.history.first()
        assert (record.value, record.history_user, record.history_change_reason) == (
            Decimal("6.5"), editor_a, "Skrevs 65, ska vara 6,5"
        )  # fmt: skip
        assert not IndicatorSetChange.objects.filter(change="target").exists()  # not decided

    def test_after_kfs_decision_a_correction_is_a_recorded_indicator_set_change(
        self, chain, measured, editor_a, admin_user
    ):
        decide(admin_user)
        services.indicator_target_correct(
            actor=editor_a, goal=chain.reading, indicator=measured, year=YEAR,
            value=Decimal("6.5"), reason="Felskrivet", expected_version=1,
        )  # fmt: skip
        change = IndicatorSetChange.objects.get(change="target")
        assert (change.goal, change.indicator, change.year, change.changed_by) == (
            chain.reading, measured, YEAR, editor_a
        )  # fmt: skip
        assert (change.previous_target, change.target, change.reason) == (
            Decimal(65), Decimal("6.5"), "Felskrivet"
        )  # fmt: skip

    def test_a_correction_needs_a_reason(self, chain, measured, editor_a):
        from django.core.exceptions import ValidationError

        with pytest.raises(ValidationError):
            services.indicator_target_correct(
                actor=editor_a, goal=chain.reading, indicator=measured, year=YEAR,
                value=Decimal("6.5"), reason=" ", expected_version=1,
            )  # fmt: skip
        assert IndicatorTarget.objects.get().value == Decimal(65)

    def test_a_stale_version_is_refused_and_nothing_is_saved(
        self, chain, measured, editor_a, colleague_a
    ):
        services.indicator_target_correct(
            actor=colleague_a, goal=chain.reading, indicator=measured, year=YEAR,
            value=Decimal("6.5"), reason="Rättat", expected_version=1,
        )  # fmt: skip
        with pytest.raises(StaleEdit):
            services.indicator_target_correct(
                actor=editor_a, goal=chain.reading, indicator=measured, year=YEAR,
                value=Decimal(7), reason="Också rättat", expected_version=1,
            )  # fmt: skip
        assert IndicatorTarget.objects.get().value == Decimal("6.5")

    def test_an_editor_of_another_unit_may_not_correct(self, chain, measured, editor_b):
        with pytest.raises(PermissionDenied):
            services.indicator_target_correct(
                actor=editor_b, goal=chain.reading, indicator=measured, year=YEAR,
                value=Decimal("6.5"), reason="x", expected_version=1,
            )  # fmt: skip

    def test_a_closed_years_targets_are_read_only(self, chain, measured, editor_a):
        ReportingPeriodFactory(
            year=YEAR, kind="bokslut", name="Bokslut", starts_on=dt.date(YEAR, 1, 1),
            ends_on=dt.date(YEAR, 12, 31), deadline=dt.date(YEAR + 1, 2, 15), state="closed",
        )  # fmt: skip
        with pytest.raises(PermissionDenied):
            services.indicator_target_correct(
                actor=editor_a, goal=chain.reading, indicator=measured, year=YEAR,
                value=Decimal("6.5"), reason="x", expected_version=1,
            )  # fmt: skip
        assert IndicatorTarget.objects.get().value == Decimal(65)

    def test_an_indicator_that_does_not_measure_the_goal_that_year_is_refused(
        self, chain, measured, editor_a
    ):
        from django.core.exceptions import ValidationError

        with pytest.raises(ValidationError):
            services.indicator_target_correct(
                actor=editor_a, goal=chain.reading, indicator=measured, year=YEAR + 1,
                value=Decimal("6.5"), reason="x", expected_version=0,
            )  # fmt: skip


class TestPage:
    def test_the_goal_page_links_the_editor_to_the_correction(
        self, client, chain, measured, editor_a
    ):
        client.force_login(editor_a)
        content = client.get(f"/mal/{chain.reading.pk}/?ar={YEAR}").content.decode()
        assert f'href="{url(chain, measured)}"' in unescape(content)

    def test_a_reader_gets_no_link(self, client, chain, measured, politician):
        client.force_login(politician)
        content = client.get(f"/mal/{chain.reading.pk}/?ar={YEAR}").content.decode()
        assert "/malvarde/" not in content

    def test_the_editor_corrects_the_target_with_a_decimal_comma(
        self, client, chain, measured, editor_a
    ):
        client.force_login(editor_a)
        form = unescape(client.get(url(chain, measured)).content.decode())
        assert re.search(r'name="value" value="65"', form)
        assert 'name="version" value="1"' in form
        response = client.post(
            url(chain, measured), {"value": "6,5", "change_reason": "Felskrivet", "version": "1"}
        )
        assert response.status_code == 302
        assert response["Location"] == f"/mal/{chain.reading.pk}/?ar={YEAR}#indicators-heading"
        target = IndicatorTarget.objects.get()
        assert target.value == Decimal("6.5")
        assert target.history.first().history_change_reason == "Felskrivet"
        page = unescape(client.get(url(chain, measured)).content.decode())
        assert re.search(r'name="value" value="6,5"', page)
        assert "Felskrivet" in page  # the history below the form

    def test_a_correction_without_a_reason_is_an_error_at_the_field(
        self, client, chain, measured, editor_a
    ):
        client.force_login(editor_a)
        response = client.post(url(chain, measured), {"value": "6,5", "version": "1"})
        assert response.status_code == 200
        assert response.context["form"].errors["change_reason"]
        assert IndicatorTarget.objects.get().value == Decimal(65)

    def test_garbage_is_an_error_at_the_field(self, client, chain, measured, editor_a):
        client.force_login(editor_a)
        for typed in ("sex komma fem", "1.234", "6 5"):
            response = client.post(
                url(chain, measured), {"value": typed, "change_reason": "x", "version": "1"}
            )
            assert response.status_code == 200
            assert response.context["form"].errors["value"], typed
        assert IndicatorTarget.objects.get().value == Decimal(65)

    def test_a_stale_form_shows_the_conflict_and_keeps_the_typed_value(
        self, client, chain, measured, editor_a, colleague_a
    ):
        services.indicator_target_correct(
            actor=colleague_a, goal=chain.reading, indicator=measured, year=YEAR,
            value=Decimal(7), reason="Rättat", expected_version=1,
        )  # fmt: skip
        client.force_login(editor_a)
        response = client.post(
            url(chain, measured), {"value": "6,5", "change_reason": "Mitt", "version": "1"}
        )
        assert response.status_code == 200
        assert response.context["conflict"] is not None
        html = unescape(response.content.decode())
        assert 'name="value" value="6,5"' in html and 'name="version" value="2"' in html
        assert IndicatorTarget.objects.get().value == Decimal(7)

    @pytest.mark.parametrize("persona", ["outsider", "editor_b", "politician"])
    def test_others_get_403(self, client, request, chain, measured, persona):
        client.force_login(request.getfixturevalue(persona))
        assert client.get(url(chain, measured)).status_code == 403
        response = client.post(
            url(chain, measured), {"value": "1", "change_reason": "x", "version": "1"}
        )
        assert response.status_code == 403
        assert IndicatorTarget.objects.get().value == Decimal(65)

    def test_an_indicator_not_measuring_the_goal_that_year_is_404(
        self, client, chain, measured, editor_a
    ):
        client.force_login(editor_a)
        assert client.get(url(chain, measured, YEAR + 1)).status_code == 404

    def test_a_closed_year_shows_the_target_read_only(self, client, chain, measured, editor_a):
        ReportingPeriodFactory(
            year=YEAR, kind="bokslut", name="Bokslut", starts_on=dt.date(YEAR, 1, 1),
            ends_on=dt.date(YEAR, 12, 31), deadline=dt.date(YEAR + 1, 2, 15), state="closed",
        )  # fmt: skip
        client.force_login(editor_a)
        content = client.get(url(chain, measured)).content.decode()
        assert 'name="value"' not in content
        response = client.post(
            url(chain, measured), {"value": "6,5", "change_reason": "x", "version": "1"}
        )
        assert response.status_code == 200
        assert IndicatorTarget.objects.get().value == Decimal(65)

    def test_re_adding_the_indicator_leads_to_the_correction(
        self, client, chain, measured, editor_a
    ):
        client.force_login(editor_a)
        response = client.post(
            f"/mal/{chain.reading.pk}/indikatorer/ny/",
            {"indicator": measured.pk, "year": YEAR, "target": "6,5", "change_reason": "Igen"},
        )
        assert response.status_code == 302
        assert response["Location"] == url(chain, measured)
        assert IndicatorTarget.objects.get().value == Decimal(65)  # nothing re-added


class TestQueries:
    def test_the_target_page_runs_as_many_queries_with_a_long_history(
        self, client, chain, measured, editor_a
    ):
        from django.db import connection
        from django.test.utils import CaptureQueriesContext

        client.force_login(editor_a)

        def count() -> int:
            with CaptureQueriesContext(connection) as queries:
                assert client.get(url(chain, measured)).status_code == 200
            return len(queries)

        short = count()
        for version, value in enumerate(("6.5", "7", "7.5", "8"), start=1):
            services.indicator_target_correct(
                actor=editor_a, goal=chain.reading, indicator=measured, year=YEAR,
                value=Decimal(value), reason=f"Rättelse {version}", expected_version=version,
            )  # fmt: skip
        assert count() == short
