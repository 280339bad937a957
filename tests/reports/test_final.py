"""Marking a report final ("slutlig"): only a finished report of a closed period, refused while
a check fails unless the ekonom says why (kept in the history), one final version per report."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import ContentFile
from django.utils import translation

from apps.goals import services as goal_services
from apps.periods.models import ReportingPeriod
from apps.reports import services
from apps.reports.content import ReportKind
from apps.reports.models import ReportRequest, RequestState
from tests.factories import AssessmentFactory, GoalFactory, ReportingPeriodFactory
from tests.reports.written import written_for_council

pytestmark = pytest.mark.django_db


@pytest.fixture
def tertial2(org):
    """A closed tertial 2 with no figures but what a delårsrapport must have written (the
    pension statement, the förvaltningsberättelse's texts, every body's
    verksamhetsberättelse): every check passes."""
    period = ReportingPeriodFactory(
        year=2026, kind="tertial2", name="Tertial 2", ends_on=dt.date(2026, 8, 31),
    )  # fmt: skip
    written_for_council(period)
    ReportingPeriod.objects.filter(pk=period.pk).update(state="closed")
    period.refresh_from_db()
    return period


@pytest.fixture
def unassessed(org):
    """A KF goal with no assessment: the KF goals' check fails."""
    model = goal_services.steering_model_load_preset(actor=None, key="vimmerby", activate=True)
    return GoalFactory(
        level=model.levels.get(key="inriktningsmal"), owner=org.kf, title="Trygg kommun",
        first_year=2026,
    )  # fmt: skip


def t(text: str) -> str:
    """The Swedish text, as the services write it (English until the catalogue has it)."""
    with translation.override("sv"):
        return translation.gettext(text)


COUNCIL_GOALS = "Every goal of the municipal council is assessed"


def done(period, user, unit=None, version=1, state=RequestState.DONE) -> ReportRequest:
    made = ReportRequest.objects.create(
        kind=ReportKind.INTERIM, period=period, unit=unit, version=version, requested_by=user,
        state=state, progress=100, pages=3,
    )  # fmt: skip
    made.pdf.save(f"r{made.pk}.pdf", ContentFile(b"%PDF-1.7 test"), save=False)
    made.save()
    return made


def last_reason(report) -> str:
    return report.history.order_by("-history_date", "-history_id").first().history_change_reason


# --- The service -------------------------------------------------------------------------------


def test_final_without_a_reason_when_every_check_passes(economist, tertial2):
    report = done(tertial2, economist)

    services.report_mark_final(actor=economist, request=report)

    report.refresh_from_db()
    assert report.is_final
    assert report.final_by == economist
    assert report.final_acknowledgement == ""
    assert last_reason(report) == t("Marked final; every check passes")


def test_refused_while_a_check_fails_and_no_reason_is_given(economist, tertial2, unassessed):
    report = done(tertial2, economist)

    with pytest.raises(ValidationError) as refused:
        services.report_mark_final(actor=economist, request=report, acknowledgement="  ")

    assert "acknowledgement" in refused.value.message_dict
    assert t(COUNCIL_GOALS) in str(refused.value)
    report.refresh_from_db()
    assert not report.is_final


def test_accepted_with_a_reason_which_the_history_keeps(economist, tertial2, unassessed):
    report = done(tertial2, economist)
    why = "KF-målet bedöms först i årsredovisningen; beslutat med revisorerna."

    services.report_mark_final(actor=economist, request=report, acknowledgement=why)

    report.refresh_from_db()
    assert report.is_final
    assert report.final_acknowledgement == why
    reason = last_reason(report)
    assert why in reason
    assert t(COUNCIL_GOALS) in reason
    assert report.history.order_by("-history_date").first().history_user == economist


def test_an_open_periods_report_cannot_be_final(economist, tertial2):
    ReportingPeriod.objects.filter(pk=tertial2.pk).update(state="open")
    report = done(tertial2, economist)

    with pytest.raises(ValidationError) as refused:
        services.report_mark_final(actor=economist, request=report, acknowledgement="Ändå")

    assert "report" in refused.value.message_dict
    report.refresh_from_db()
    assert not report.is_final


@pytest.mark.parametrize("state", [RequestState.FAILED, RequestState.QUEUED])
def test_only_a_finished_report_can_be_final(economist, tertial2, state):
    report = done(tertial2, economist, state=state)

    with pytest.raises(ValidationError):
        services.report_mark_final(actor=economist, request=report)


@pytest.mark.parametrize("persona", ["editor_a", "politician"])
def test_only_ekonomer_and_administrators_mark_final(request, persona, economist, tertial2):
    report = done(tertial2, economist)

    with pytest.raises(PermissionDenied):
        services.report_mark_final(actor=request.getfixturevalue(persona), request=report)


def test_marking_another_version_moves_the_mark_and_records_it(
    economist, admin_user, org, tertial2
):
    first = done(tertial2, economist, version=1)
    second = done(tertial2, economist, version=2)
    body = done(tertial2, economist, unit=org.namnd_a, version=1)
    services.report_mark_final(actor=economist, request=body)
    services.report_mark_final(actor=economist, request=first)

    services.report_mark_final(actor=admin_user, request=second)

    first.refresh_from_db()
    second.refresh_from_db()
    assert not first.is_final
    assert second.is_final and second.final_by == admin_user
    assert last_reason(first) == t("The final mark moved to version %(version)s") % {"version": 2}
    assert ReportRequest.objects.filter(final_at__isnull=False, unit=None).get() == second
    body.refresh_from_db()
    assert body.is_final  # the nämnd's report is another report


def test_each_bodys_report_has_its_own_final_version(economist, org, tertial2):
    kommun = done(tertial2, economist)
    namnd_a = done(tertial2, economist, unit=org.namnd_a)
    namnd_b = done(tertial2, economist, unit=org.namnd_b)

    for report in (kommun, namnd_a, namnd_b):
        services.report_mark_final(actor=economist, request=report)

    assert ReportRequest.objects.filter(final_at__isnull=False).count() == 3


def test_marking_the_final_version_again_is_refused(economist, tertial2):
    report = done(tertial2, economist)
    services.report_mark_final(actor=economist, request=report)

    with pytest.raises(ValidationError):
        services.report_mark_final(actor=economist, request=report)


def test_the_database_keeps_one_final_version_per_report(economist, tertial2):
    from django.db import IntegrityError, transaction
    from django.utils import timezone

    first = done(tertial2, economist, version=1)
    second = done(tertial2, economist, version=2)
    ReportRequest.objects.filter(pk=first.pk).update(final_at=timezone.now())
    with pytest.raises(IntegrityError), transaction.atomic():
        ReportRequest.objects.filter(pk=second.pk).update(final_at=timezone.now())


# --- The view --------------------------------------------------------------------------------


def post_final(client, period, report, unit=None, **data):
    query = f"?enhet={unit.pk}" if unit else ""
    return client.post(f"/rapporter/{period.pk}/slutlig/{query}", {"report": report.pk, **data})


def test_the_versions_page_marks_a_version_final(client, economist, tertial2):
    report = done(tertial2, economist)
    client.force_login(economist)
    page = client.get(f"/rapporter/{tertial2.pk}/versioner/")
    assert page.context["form"] is not None
    assert "acknowledgement" not in page.context["form"].fields  # every check passes

    response = post_final(client, tertial2, report)

    assert response.status_code == 302
    assert response["Location"] == f"/rapporter/{tertial2.pk}/versioner/"
    report.refresh_from_db()
    assert report.is_final
    html = client.get(f"/rapporter/{tertial2.pk}/versioner/").content.decode()
    assert t("Final") in html
    period_page = client.get(f"/rapporter/{tertial2.pk}/")
    assert "final-version" in period_page.content.decode()


def test_without_a_reason_the_form_shows_the_failing_checks_and_the_error_at_the_field(
    client, economist, tertial2, unassessed
):
    report = done(tertial2, economist)
    client.force_login(economist)

    response = post_final(client, tertial2, report, acknowledgement="")

    assert response.status_code == 400
    form = response.context["form"]
    assert form.errors["acknowledgement"]
    assert [c.key for c in response.context["failing_checks"]] == ["council_goals"]
    assert "Trygg kommun" in response.content.decode()
    report.refresh_from_db()
    assert not report.is_final


def test_with_a_reason_the_view_marks_it_final(client, economist, tertial2, unassessed):
    report = done(tertial2, economist)
    client.force_login(economist)

    response = post_final(client, tertial2, report, acknowledgement="Bedöms i bokslutet.")

    assert response.status_code == 302
    report.refresh_from_db()
    assert report.final_acknowledgement == "Bedöms i bokslutet."


def test_a_bodys_version_is_marked_from_its_own_page(client, economist, org, tertial2):
    kommun = done(tertial2, economist)
    body = done(tertial2, economist, unit=org.namnd_a)
    client.force_login(economist)

    assert post_final(client, tertial2, kommun, unit=org.namnd_a).status_code == 400  # not its
    response = post_final(client, tertial2, body, unit=org.namnd_a)

    assert response["Location"] == f"/rapporter/{tertial2.pk}/versioner/?enhet={org.namnd_a.pk}"
    body.refresh_from_db()
    kommun.refresh_from_db()
    assert body.is_final and not kommun.is_final


def test_the_final_version_is_no_choice_and_choosing_it_is_refused_at_the_field(
    client, economist, tertial2
):
    first = done(tertial2, economist, version=1)
    second = done(tertial2, economist, version=2)
    services.report_mark_final(actor=economist, request=second)
    client.force_login(economist)

    form = client.get(f"/rapporter/{tertial2.pk}/versioner/").context["form"]
    assert list(form.fields["report"].queryset) == [first]
    response = post_final(client, tertial2, second)

    assert response.status_code == 400
    assert response.context["form"].errors["report"]


def test_with_every_finished_version_final_no_form_is_offered(client, economist, tertial2):
    services.report_mark_final(actor=economist, request=done(tertial2, economist))
    client.force_login(economist)

    assert client.get(f"/rapporter/{tertial2.pk}/versioner/").context["form"] is None


def test_an_open_periods_versions_page_offers_no_final_mark(client, economist, tertial2):
    ReportingPeriod.objects.filter(pk=tertial2.pk).update(state="open")
    report = done(tertial2, economist)
    client.force_login(economist)

    assert client.get(f"/rapporter/{tertial2.pk}/versioner/").context["form"] is None
    response = post_final(client, tertial2, report, acknowledgement="Ändå")

    assert response.status_code == 400
    assert response.context["form"].errors["report"]  # the refusal is shown at the form
    report.refresh_from_db()
    assert not report.is_final


@pytest.mark.parametrize("persona", ["editor_a", "politician", "outsider"])
def test_others_cannot_mark_final(client, request, persona, economist, tertial2):
    report = done(tertial2, economist)
    client.force_login(request.getfixturevalue(persona))

    assert post_final(client, tertial2, report).status_code == 403
    report.refresh_from_db()
    assert not report.is_final


def test_marking_final_takes_post_only(client, economist, tertial2):
    client.force_login(economist)

    assert client.get(f"/rapporter/{tertial2.pk}/slutlig/").status_code == 405


def test_an_assessed_goal_lets_the_report_be_final_without_a_reason(
    economist, tertial2, unassessed
):
    AssessmentFactory(goal=unassessed, period=tertial2, status="met")
    report = done(tertial2, economist)

    services.report_mark_final(actor=economist, request=report)

    report.refresh_from_db()
    assert report.is_final
