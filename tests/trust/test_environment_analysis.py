"""The kommungemensamma omvärldsanalysen (Ale): the executive board writes it yearly with
its omvärldsdag; everyone reads it, and each nämnd's status report shows it above its own
omvärldsanalys together with KF's omvärldsfaktorer in force."""

from __future__ import annotations

import datetime as dt
from html import unescape

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from apps.core.locking import StaleEdit
from apps.goals.models import ExternalFactor
from apps.trust import services
from apps.trust.models import EnvironmentAnalysis

YEAR = 2026


def save(actor, **fields):
    fields.setdefault("title", "Omvärldsanalys 2026")
    fields.setdefault("text", "Megatrender: demografi.\n\nLokalt: fler unga.")
    return services.environment_analysis_save(
        actor=actor, year=YEAR, reason=fields.pop("reason", "Årets analys"), **fields
    )


def page(response) -> str:
    assert response.status_code == 200
    return unescape(response.content.decode())


class TestService:
    def test_the_executive_boards_editor_writes_it_sanitised_with_history(self, org, ks_editor):
        analysis = save(ks_editor, text="<p>Trender</p><script>x()</script>",
                        day_held_on=dt.date(YEAR, 2, 5))  # fmt: skip
        assert analysis.text == "<p>Trender</p>"
        assert analysis.responsible == org.ks
        assert analysis.history.first().history_user == ks_editor
        assert analysis.history.first().history_change_reason == "Årets analys"

    def test_plain_text_becomes_paragraphs(self, org, admin_user):
        assert save(admin_user).text == "<p>Megatrender: demografi.</p><p>Lokalt: fler unga.</p>"

    def test_a_committee_editor_may_not(self, org, editor_a):
        with pytest.raises(PermissionDenied):
            save(editor_a)
        assert not EnvironmentAnalysis.objects.exists()

    def test_the_text_and_a_reason_are_required(self, org, admin_user):
        with pytest.raises(ValidationError) as error:
            save(admin_user, text="  ")
        assert "text" in error.value.message_dict
        with pytest.raises(ValidationError) as error:
            save(admin_user, reason=" ")
        assert "reason" in error.value.message_dict

    def test_one_per_year_and_a_stale_save_is_refused(self, org, admin_user, ks_editor):
        first = save(admin_user)
        save(ks_editor, title="Rättad", expected_version=first.version)
        with pytest.raises(StaleEdit):
            save(admin_user, title="Min version", expected_version=first.version)
        assert EnvironmentAnalysis.objects.get().title == "Rättad"


class TestPages:
    def test_everyone_logged_in_reads_it(self, client, org, politician, admin_user, outsider):
        save(admin_user, day_held_on=dt.date(YEAR, 2, 5), url="https://ale.se/omvarld")
        client.force_login(politician)
        text = page(client.get(f"/tillit/omvarldsanalys/{YEAR}/"))
        assert "Omvärldsanalys 2026" in text and "<p>Megatrender: demografi.</p>" in text
        assert "5 feb. 2026" in text and 'href="https://ale.se/omvarld"' in text
        assert f"/tillit/omvarldsanalys/{YEAR}/andra/" not in text
        assert client.get(f"/tillit/omvarldsanalys/{YEAR}/andra/").status_code == 403
        client.force_login(outsider)
        assert client.get(f"/tillit/omvarldsanalys/{YEAR}/").status_code == 403

    def test_a_year_without_one(self, client, org, politician):
        client.force_login(politician)
        assert "Omvärldsanalys" not in page(client.get(f"/tillit/omvarldsanalys/{YEAR}/"))
        assert client.get("/tillit/omvarldsanalys/1899/").status_code == 404

    def test_the_ks_editor_writes_it_through_the_form(self, client, org, ks_editor):
        client.force_login(ks_editor)
        url = f"/tillit/omvarldsanalys/{YEAR}/andra/"
        assert 'name="title"' in page(client.get(url))
        response = client.post(url, {
            "title": "Omvärldsanalys", "text": "Trender", "day_held_on": "2026-02-05",
            "url": "", "day_notes": "", "change_reason": "Ny", "version": "0",
        })  # fmt: skip
        assert response.status_code == 302
        assert response["Location"] == f"/tillit/omvarldsanalys/{YEAR}/"
        assert EnvironmentAnalysis.objects.get().day_held_on == dt.date(YEAR, 2, 5)

    def test_bad_input_is_shown_at_the_field(self, client, org, ks_editor):
        client.force_login(ks_editor)
        response = client.post(f"/tillit/omvarldsanalys/{YEAR}/andra/", {
            "title": "Omvärldsanalys", "text": "Trender", "url": "inte en länk",
            "day_held_on": "31/31", "change_reason": "Ny", "version": "0",
        })  # fmt: skip
        text = page(response)
        assert 'aria-invalid="true"' in text
        assert not EnvironmentAnalysis.objects.exists()

    def test_a_committee_editor_cannot_open_or_post_the_form(self, client, org, editor_a):
        client.force_login(editor_a)
        url = f"/tillit/omvarldsanalys/{YEAR}/andra/"
        assert client.get(url).status_code == 403
        response = client.post(url, {"title": "x", "text": "y", "change_reason": "z"})
        assert response.status_code == 403
        assert not EnvironmentAnalysis.objects.exists()


class TestOnTheStatusReport:
    def test_the_analysis_and_the_factors_stand_above_the_own_analysis(
        self, client, org, ale, admin_user, editor_a
    ):
        save(admin_user, day_held_on=dt.date(YEAR, 2, 5))
        ExternalFactor.objects.create(title="Demografisk förändring", first_year=2023,
                                      last_year=2026)  # fmt: skip
        client.force_login(editor_a)
        text = page(client.get(f"/tillit/nulage/{org.namnd_a.pk}/?ar={YEAR}"))
        common = text.index("Omvärldsanalys 2026")
        assert common < text.index("Demografisk förändring") < text.index('name="environment"')
        assert f'href="/tillit/omvarldsanalys/{YEAR}/"' in text

    def test_without_an_analysis_or_factors_there_is_no_such_panel(
        self, client, org, ale, politician
    ):
        client.force_login(politician)
        text = page(client.get(f"/tillit/nulage/{org.namnd_a.pk}/?ar={YEAR}"))
        assert "/tillit/omvarldsanalys/" not in text

    def test_the_overview_links_the_years_analysis(self, client, org, ale, admin_user):
        client.force_login(admin_user)
        assert f"/tillit/omvarldsanalys/{YEAR}/andra/" in page(client.get(f"/tillit/?ar={YEAR}"))
        save(admin_user)
        text = page(client.get(f"/tillit/?ar={YEAR}"))
        assert f'href="/tillit/omvarldsanalys/{YEAR}/">Omvärldsanalys 2026</a>' in text


@pytest.mark.parametrize("size", [1, 8])
def test_the_status_report_page_runs_a_fixed_number_of_queries(
    client, org, ale, admin_user, politician, size, django_assert_num_queries
):
    from tests.trust.test_analysis import dialogue, factor, report, respond

    save(admin_user, day_held_on=dt.date(YEAR, 2, 5))
    rests_on = report(admin_user, org.namnd_a)
    for n in range(size):
        respond(admin_user, org.namnd_a, factor(f"Faktor {n}", position=n))
        dialogue(admin_user, [org.ks, org.namnd_a], status_reports=[rests_on])
    client.force_login(politician)
    # session, user, roles, kommun name; the unit, its report, the active model, the factors
    # in force, the report's responses, the dialogues resting on it with their units, the
    # omvärldsanalys
    with django_assert_num_queries(12):
        text = page(client.get(f"/tillit/nulage/{org.namnd_a.pk}/?ar={YEAR}"))
    assert text.count("Faktor ") >= size
