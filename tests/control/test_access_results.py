"""Control results are reported per period by the unit: an open period's are the unit's
editors', the editors' above it, ekonomer's and administrators' until the period closes
(apps.followup.access). The results page and KS's roll-up show other readers the controls and
that the results are published when the period is closed; counts that would leave some out
are not shown. The control plan page lists the periods only, no results."""

from __future__ import annotations

from html import unescape

import pytest

from apps.periods.models import ReportingPeriod
from tests.control.factories import ControlFactory, ControlPlanFactory, ControlResultFactory

pytestmark = pytest.mark.django_db

SECRET = "Attesterna saknas i tre fall av tio"


def page(response) -> str:
    return unescape(response.content.decode())


def note(period) -> str:
    from django.utils import translation

    with translation.override("sv"):
        text = translation.gettext(
            "The control results of %(period)s are published when the period is closed."
        )
    return text % {"period": period}


@pytest.fixture
def reported(org, open_period):
    """Nämnd A's control with a result in the open period, Nämnd B's with none."""
    control = ControlFactory(plan=ControlPlanFactory(unit=org.namnd_a), what="Kontroll A")
    ControlFactory(plan=ControlPlanFactory(unit=org.namnd_b), what="Kontroll B")
    return ControlResultFactory(
        control=control, period=open_period, status="major", comment=SECRET, measures="Rutin"
    )


def results_url(org, period) -> str:
    return f"/intern-kontroll/enhet/{org.namnd_a.pk}/2026/resultat/{period.pk}/"


def rollup_url(period) -> str:
    return f"/intern-kontroll/sammanstallning/{period.pk}/"


class TestResultsPage:
    @pytest.mark.parametrize("persona", ["politician", "editor_b"])
    def test_other_readers_see_the_controls_but_no_open_result(
        self, client, request, org, open_period, reported, persona
    ):
        client.force_login(request.getfixturevalue(persona))
        response = client.get(results_url(org, open_period))
        assert response.status_code == 200
        [(control, result, form, _conflict)] = response.context["rows"]
        assert control.what == "Kontroll A" and result is None and form is None
        content = page(response)
        assert SECRET not in content and "control-status--major" not in content
        assert "control-status--missing" not in content  # not "not reported" either
        assert note(open_period) in content

    @pytest.mark.parametrize("persona", ["editor_a", "economist", "admin_user"])
    def test_the_unit_ekonom_and_admin_read_it(
        self, client, request, org, open_period, reported, persona
    ):
        client.force_login(request.getfixturevalue(persona))
        response = client.get(results_url(org, open_period))
        [(_control, result, _form, _conflict)] = response.context["rows"]
        assert result == reported
        assert note(open_period) not in page(response)

    def test_every_reader_reads_it_once_the_period_is_closed(
        self, client, politician, org, open_period, reported
    ):
        ReportingPeriod.objects.filter(pk=open_period.pk).update(state="closed")
        client.force_login(politician)
        assert SECRET in page(client.get(results_url(org, open_period)))


class TestRollup:
    def test_politician_sees_the_controls_but_no_open_result_nor_counts(
        self, client, politician, open_period, reported
    ):
        client.force_login(politician)
        response = client.get(rollup_url(open_period))
        assert [row.result for row in response.context["rows"]] == [None, None]
        content = page(response)
        assert "Kontroll A" in content and "Kontroll B" in content
        assert SECRET not in content and "Rutin" not in content
        assert "control-status--major" not in content
        assert note(open_period) in content
        assert response.context["counts"] is None

    def test_an_editor_sees_their_own_units_results_only(
        self, client, editor_a, editor_b, open_period, reported
    ):
        client.force_login(editor_a)
        response = client.get(rollup_url(open_period))
        assert [row.result for row in response.context["rows"]] == [reported, None]
        assert [row.hidden for row in response.context["rows"]] == [False, True]
        client.force_login(editor_b)
        response = client.get(rollup_url(open_period))
        assert [row.result for row in response.context["rows"]] == [None, None]
        assert SECRET not in page(response)

    def test_the_ekonom_sees_every_result_and_the_counts(
        self, client, economist, open_period, reported
    ):
        client.force_login(economist)
        response = client.get(rollup_url(open_period))
        assert response.context["rows"][0].result == reported
        assert response.context["counts"]["major"] == 1
        assert note(open_period) not in page(response)

    def test_every_reader_sees_them_once_the_period_is_closed(
        self, client, politician, open_period, reported
    ):
        ReportingPeriod.objects.filter(pk=open_period.pk).update(state="closed")
        client.force_login(politician)
        response = client.get(rollup_url(open_period))
        assert response.context["rows"][0].result == reported
        assert SECRET in page(response)


def test_the_plan_page_shows_no_results(client, politician, org, open_period, reported):
    client.force_login(politician)
    content = page(client.get(f"/intern-kontroll/enhet/{org.namnd_a.pk}/2026/kontrollplan/"))
    assert "Kontroll A" in content
    assert SECRET not in content and "control-status--major" not in content
