"""The reporting-periods page at its literal URLs: every role reads the year's periods,
ekonomer and administrators add them and move them planned → open → closed (and reopen),
and every write leaves who and why in the history.

The UI is Swedish, so the expected texts are the Swedish ones the page shows.
"""

from __future__ import annotations

import datetime as dt
import re
from html import unescape

import pytest
from django.utils import timezone

from apps.periods.models import ReportingPeriod
from tests.factories import ReportingPeriodFactory

READERS = ["politician", "editor_a", "editor_b", "economist", "admin_user"]
MANAGERS = ["economist", "admin_user"]
NOT_MANAGERS = ["politician", "editor_a", "editor_b", "outsider"]

# Pinned query count (STYLE.md): the session, the user, the user's roles, the periods of the
# year, and the kommun's name for the header. The same for 3 periods as for 30.
LIST_QUERIES = 5

NEW_PERIOD = {
    "year": "2026",
    "kind": "other",
    "name": "Oktober",
    "starts_on": "2026-01-01",
    "ends_on": "2026-10-31",
    "deadline": "2026-11-13",
    "change_reason": "Månadsuppföljning beslutad av KS",
}


# (changes to NEW_PERIOD, the field that shows the error, the error as shown)
BAD_INPUT = [
    pytest.param(
        {"starts_on": "2026-11-01"},
        "ends_on",
        "Perioden slutar innan den börjar.",
        id="end-before-start",
    ),
    pytest.param(
        {"starts_on": "2025-12-01"},
        "starts_on",
        "Perioden måste börja under sitt eget år.",
        id="start-in-another-year",
    ),
    pytest.param(
        {"ends_on": "2027-01-31", "deadline": "2027-02-15"},
        "ends_on",
        "Perioden måste sluta under sitt eget år.",
        id="end-in-another-year",
    ),
    pytest.param(
        {"deadline": "2026-10-30"},
        "deadline",
        "Sista dag ligger innan perioden har tagit slut.",
        id="deadline-before-end",
    ),
    pytest.param({"name": ""}, "name", "Detta fält måste fyllas i.", id="missing-name"),
    pytest.param(
        {"change_reason": " "}, "change_reason", "Detta fält måste fyllas i.", id="missing-reason"
    ),
    pytest.param({"ends_on": "31/10/2026"}, "ends_on", "Fyll i ett giltigt datum.", id="bad-date"),
]


def page(response) -> str:
    return unescape(response.content.decode())


def rows(response) -> list[tuple[str, str]]:
    """(name, state as shown) for each period in the table, in page order."""
    pattern = (
        r'<th scope="row"><a href="/perioder/\d+/">([^<]+)</a><br>.*?'
        r'<span class="period-state period-state--\w+">([^<]+)</span>'
    )
    return re.findall(pattern, page(response), flags=re.S)


def messages_shown(response) -> list[str]:
    return re.findall(r'<p class="message message--\w+">([^<]+)</p>', page(response))


def field_errors(response, field: str) -> list[str]:
    """The errors printed at a field of the add form (templates/core/partials/field.html)."""
    return re.findall(
        rf'<p class="field__error" id="id_{field}-error-\d+">([^<]+)</p>', page(response)
    )


def history(period: ReportingPeriod) -> list[tuple[str, str | None, str]]:
    """(state, username, reason) per history record, oldest first."""
    return [
        (record.state, getattr(record.history_user, "username", None), record.history_change_reason)
        for record in period.history.order_by("history_date", "history_id")
    ]


@pytest.fixture
def year_2026(org) -> dict[str, ReportingPeriod]:
    """2026 as in the demo kommun: Tertial 1 closed, Tertial 2 open, Bokslut planned."""
    return {
        "tertial1": ReportingPeriodFactory(state="closed"),
        "tertial2": ReportingPeriodFactory(
            kind="tertial2",
            name="Tertial 2",
            ends_on=dt.date(2026, 8, 31),
            deadline=dt.date(2026, 9, 18),
            state="open",
        ),
        "bokslut": ReportingPeriodFactory(
            kind="bokslut",
            name="Bokslut",
            ends_on=dt.date(2026, 12, 31),
            deadline=dt.date(2027, 2, 12),
            state="planned",
        ),
    }


@pytest.fixture
def last_year(org) -> ReportingPeriod:
    return ReportingPeriodFactory(
        year=2025,
        kind="bokslut",
        name="Bokslut",
        ends_on=dt.date(2025, 12, 31),
        deadline=dt.date(2026, 2, 13),
        state="closed",
    )


class TestAccess:
    def test_anonymous_is_sent_to_login(self, client, year_2026):
        response = client.get("/perioder/?ar=2026")
        assert response.status_code == 302
        assert response["Location"] == "/login/?next=/perioder/%3Far%3D2026"

    def test_anonymous_post_is_sent_to_login_and_changes_nothing(self, client, year_2026):
        period = year_2026["tertial2"]
        response = client.post(f"/perioder/{period.pk}/closed/", {"change_reason": "Klart"})
        assert response.status_code == 302
        assert response["Location"].startswith("/login/?next=")
        response = client.post("/perioder/?ar=2026", NEW_PERIOD)
        assert response["Location"].startswith("/login/?next=")
        period.refresh_from_db()
        assert period.state == "open"
        assert ReportingPeriod.objects.count() == 3

    def test_outsider_gets_403(self, client, outsider, year_2026):
        client.force_login(outsider)
        assert client.get("/perioder/?ar=2026").status_code == 403

    @pytest.mark.parametrize("persona", READERS)
    def test_every_role_reads_the_years_periods(self, request, client, year_2026, persona):
        client.force_login(request.getfixturevalue(persona))
        response = client.get("/perioder/?ar=2026")
        assert response.status_code == 200
        assert rows(response) == [
            ("Tertial 1", "Stängd"),
            ("Tertial 2", "Öppen"),
            ("Bokslut", "Planerad"),
        ]

    @pytest.mark.parametrize("persona", ["politician", "editor_a", "editor_b"])
    def test_readers_and_editors_see_no_forms(self, request, client, year_2026, persona):
        client.force_login(request.getfixturevalue(persona))
        response = client.get("/perioder/?ar=2026")
        assert 'method="post"' not in page(response).split('<main id="main"')[1]
        assert "Lägg till en period" not in page(response)
        assert response.context["form"] is None

    @pytest.mark.parametrize("persona", MANAGERS)
    def test_ekonomer_and_administrators_see_the_forms(self, request, client, year_2026, persona):
        client.force_login(request.getfixturevalue(persona))
        content = page(client.get("/perioder/?ar=2026"))
        t1, t2, bokslut = (year_2026[key].pk for key in ("tertial1", "tertial2", "bokslut"))
        actions = re.findall(r'<form method="post" action="(/perioder/[^"]+)"', content)
        assert actions == [
            f"/perioder/{t1}/open/",  # reopen
            f"/perioder/{t2}/closed/",
            f"/perioder/{bokslut}/open/",
        ]
        assert '<h2 id="new-period-heading">Lägg till en period</h2>' in content

    @pytest.mark.parametrize("persona", NOT_MANAGERS)
    def test_others_get_403_on_a_state_change(self, request, client, year_2026, persona):
        period = year_2026["tertial2"]
        client.force_login(request.getfixturevalue(persona))
        response = client.post(f"/perioder/{period.pk}/closed/", {"change_reason": "Klart"})
        assert response.status_code == 403
        period.refresh_from_db()
        assert period.state == "open"
        assert period.history.count() == 1

    @pytest.mark.parametrize("persona", NOT_MANAGERS)
    def test_others_get_403_on_adding_a_period(self, request, client, year_2026, persona):
        client.force_login(request.getfixturevalue(persona))
        response = client.post("/perioder/?ar=2026", NEW_PERIOD)
        assert response.status_code == 403
        assert not ReportingPeriod.objects.filter(name="Oktober").exists()
        assert ReportingPeriod.history.count() == 3

    def test_state_change_is_post_only(self, client, economist, year_2026):
        client.force_login(economist)
        period = year_2026["tertial2"]
        assert client.get(f"/perioder/{period.pk}/closed/").status_code == 405
        period.refresh_from_db()
        assert period.state == "open"

    def test_unknown_period_is_404(self, client, economist, year_2026):
        client.force_login(economist)
        response = client.post("/perioder/999999/closed/", {"change_reason": "Klart"})
        assert response.status_code == 404


class TestList:
    def test_only_the_chosen_year_is_listed(self, client, politician, year_2026, last_year):
        client.force_login(politician)
        assert rows(client.get("/perioder/?ar=2025")) == [("Bokslut", "Stängd")]
        assert [name for name, _ in rows(client.get("/perioder/?ar=2026"))] == [
            "Tertial 1",
            "Tertial 2",
            "Bokslut",
        ]

    @pytest.mark.parametrize("ar", ["", "?ar=tjugo", "?ar=1999", "?ar=2101"])
    def test_without_a_sensible_year_the_current_year_is_shown(self, client, politician, ar):
        client.force_login(politician)
        response = client.get(f"/perioder/{ar}")
        assert response.status_code == 200
        assert response.context["year"] == timezone.localdate().year

    def test_the_year_choice_spans_two_years_either_way(self, client, politician, year_2026):
        client.force_login(politician)
        content = page(client.get("/perioder/?ar=2026"))
        years = re.findall(r'<option value="(\d+)"', content)
        assert years == [str(year) for year in range(2024, 2029)]
        assert '<option value="2026" selected>' in content

    def test_year_without_periods_says_so(self, client, politician, year_2026):
        client.force_login(politician)
        response = client.get("/perioder/?ar=2030")
        assert rows(response) == []
        assert "Inga rapportperioder för 2030 ännu." in page(response)

    def test_an_open_period_past_its_deadline_is_marked(self, client, politician, year_2026):
        client.force_login(politician)
        response = client.get("/perioder/?ar=2026")
        # Today is after Tertial 2's deadline only from 2026-09-19 on.
        overdue = timezone.localdate() > dt.date(2026, 9, 18)
        assert page(response).count('class="overdue"') == (1 if overdue else 0)

    def test_the_add_form_starts_in_the_chosen_year(self, client, economist, year_2026):
        client.force_login(economist)
        response = client.get("/perioder/?ar=2027")
        assert response.context["form"]["year"].value() == 2027


class TestStateChange:
    def test_economist_opens_a_planned_period(self, client, economist, year_2026):
        period = year_2026["bokslut"]
        client.force_login(economist)
        response = client.post(
            f"/perioder/{period.pk}/open/", {"change_reason": "Bokslutet börjar"}
        )
        assert response.status_code == 302
        assert response["Location"] == "/perioder/?ar=2026"
        period.refresh_from_db()
        assert period.state == "open"
        assert history(period)[-1] == ("open", "ekonom", "Bokslutet börjar")

    def test_economist_closes_an_open_period(self, client, economist, year_2026):
        period = year_2026["tertial2"]
        client.force_login(economist)
        response = client.post(
            f"/perioder/{period.pk}/closed/",
            {"change_reason": "Delårsrapporten behandlad i KF"},
            follow=True,
        )
        assert response.redirect_chain == [("/perioder/?ar=2026", 302)]
        period.refresh_from_db()
        assert period.state == "closed"
        assert history(period)[-1] == ("closed", "ekonom", "Delårsrapporten behandlad i KF")
        assert ("Tertial 2", "Stängd") in rows(response)
        assert messages_shown(response) == ["Tertial 2 2026 är nu stängd."]

    def test_economist_reopens_a_closed_period_with_a_reason(self, client, economist, year_2026):
        period = year_2026["tertial1"]
        client.force_login(economist)
        response = client.post(
            f"/perioder/{period.pk}/open/", {"change_reason": "Rättelse av nyckeltal för T1"}
        )
        assert response.status_code == 302
        period.refresh_from_db()
        assert period.state == "open"
        assert history(period)[-1] == ("open", "ekonom", "Rättelse av nyckeltal för T1")

    def test_administrator_closes_an_open_period(self, client, admin_user, year_2026):
        period = year_2026["tertial2"]
        client.force_login(admin_user)
        client.post(f"/perioder/{period.pk}/closed/", {"change_reason": "Klart"})
        period.refresh_from_db()
        assert period.state == "closed"
        assert history(period)[-1] == ("closed", "admin", "Klart")

    def test_planned_cannot_be_closed_and_nothing_changes(self, client, economist, year_2026):
        period = year_2026["bokslut"]
        client.force_login(economist)
        response = client.post(
            f"/perioder/{period.pk}/closed/", {"change_reason": "Hoppar över"}, follow=True
        )
        assert response.redirect_chain == [("/perioder/?ar=2026", 302)]
        assert messages_shown(response) == ["En period kan inte gå från Planerad till Stängd."]
        period.refresh_from_db()
        assert period.state == "planned"
        assert period.history.count() == 1

    def test_unknown_state_changes_nothing(self, client, economist, year_2026):
        period = year_2026["tertial2"]
        client.force_login(economist)
        response = client.post(
            f"/perioder/{period.pk}/arkiverad/", {"change_reason": "Arkiveras"}, follow=True
        )
        assert messages_shown(response) == ["En period kan inte gå från Öppen till arkiverad."]
        period.refresh_from_db()
        assert period.state == "open"
        assert period.history.count() == 1

    @pytest.mark.parametrize("reason", [None, "", "   "])
    def test_without_a_reason_nothing_changes(self, client, economist, year_2026, reason):
        period = year_2026["tertial2"]
        client.force_login(economist)
        data = {} if reason is None else {"change_reason": reason}
        response = client.post(f"/perioder/{period.pk}/closed/", data, follow=True)
        assert response.redirect_chain == [("/perioder/?ar=2026", 302)]
        assert messages_shown(response) == ["Ange varför läget för Tertial 2 2026 ändras."]
        period.refresh_from_db()
        assert period.state == "open"
        assert period.history.count() == 1


class TestAdd:
    def test_economist_adds_a_planned_period(self, client, economist, year_2026):
        client.force_login(economist)
        response = client.post("/perioder/?ar=2026", NEW_PERIOD, follow=True)
        assert response.redirect_chain == [("/perioder/?ar=2026", 302)]
        period = ReportingPeriod.objects.get(year=2026, name="Oktober")
        assert (period.kind, period.state) == ("other", "planned")
        assert (period.starts_on, period.ends_on, period.deadline) == (
            dt.date(2026, 1, 1),
            dt.date(2026, 10, 31),
            dt.date(2026, 11, 13),
        )
        assert history(period) == [("planned", "ekonom", "Månadsuppföljning beslutad av KS")]
        assert rows(response)[-2:] == [("Oktober", "Planerad"), ("Bokslut", "Planerad")]
        assert messages_shown(response) == ["Oktober 2026 lades till."]

    def test_a_period_of_another_year_leads_to_that_year(self, client, admin_user, year_2026):
        client.force_login(admin_user)
        data = NEW_PERIOD | {
            "year": "2027",
            "kind": "tertial1",
            "name": "Tertial 1",
            "starts_on": "2027-01-01",
            "ends_on": "2027-04-30",
            "deadline": "2027-05-14",
        }
        response = client.post("/perioder/?ar=2026", data)
        assert response.status_code == 302
        assert response["Location"] == "/perioder/?ar=2027"
        period = ReportingPeriod.objects.get(year=2027)
        assert history(period) == [("planned", "admin", "Månadsuppföljning beslutad av KS")]

    @pytest.mark.parametrize(("changes", "field", "message"), BAD_INPUT)
    def test_bad_input_shows_the_error_at_the_field_and_saves_nothing(
        self, client, economist, year_2026, changes, field, message
    ):
        client.force_login(economist)
        response = client.post("/perioder/?ar=2026", NEW_PERIOD | changes)
        assert response.status_code == 200
        assert field_errors(response, field) == [message]
        assert f'<a href="#id_{field}">' in page(response)  # the error summary links to it
        assert not ReportingPeriod.objects.filter(name__in=["Oktober", ""]).exists()
        assert ReportingPeriod.objects.count() == 3
        assert ReportingPeriod.history.count() == 3

    def test_the_same_name_twice_in_a_year_is_refused(self, client, economist, year_2026):
        client.force_login(economist)
        response = client.post("/perioder/?ar=2026", NEW_PERIOD | {"name": "Tertial 2"})
        assert response.status_code == 200
        message = "Rapportperiod med samma År och Namn finns redan."
        assert response.context["form"].non_field_errors() == [message]
        assert f"<p>{message}</p>" in page(response)  # in the error summary above the form
        assert ReportingPeriod.objects.filter(year=2026, name="Tertial 2").count() == 1
        assert ReportingPeriod.history.count() == 3


class TestQueries:
    @pytest.fixture(params=[3, 30], ids=["3-periods", "30-periods"])
    def periods(self, request, org) -> int:
        for month in range(request.param):
            ReportingPeriodFactory(
                kind="other",
                name=f"Uppföljning {month + 1}",
                ends_on=dt.date(2026, 1, 1) + dt.timedelta(days=7 * month + 6),
                deadline=dt.date(2026, 12, 31),
                state=["planned", "open", "closed"][month % 3],
            )
        return request.param

    @pytest.mark.parametrize("persona", ["politician", "economist"])
    def test_list_runs_a_fixed_number_of_queries(
        self, request, client, periods, persona, django_assert_num_queries
    ):
        client.force_login(request.getfixturevalue(persona))
        with django_assert_num_queries(LIST_QUERIES):
            response = client.get("/perioder/?ar=2026")
        assert response.status_code == 200
        assert len(rows(response)) == periods
