"""A draft plan (utkast, also a plan reopened after its decision) is read by the unit's editors,
the editors of the units above it, ekonomer and administrators; a submitted or decided plan by
every reader. Others get 403 on the plan page and its history, no link on the list, and the
draft's omvärldsanalys stays off /mal/omvarldsfaktorer/."""

from __future__ import annotations

import datetime as dt
from html import unescape

import pytest

from apps.accounts.access import access_for
from apps.goals.models import ExternalFactor
from apps.plans import services
from apps.plans.access import can_read_plan
from tests.plans.conftest import REASON, YEAR

DRAFT_READERS = ["editor_a", "economist", "admin_user"]
NOT_DRAFT_READERS = ["politician", "editor_b"]


def page(response) -> str:
    return unescape(response.content.decode())


class TestPlanPage:
    @pytest.mark.parametrize("persona", NOT_DRAFT_READERS)
    def test_a_draft_is_refused_to_other_readers(self, request, client, draft, persona):
        client.force_login(request.getfixturevalue(persona))
        assert client.get(f"/planer/{draft.pk}/").status_code == 403
        assert client.get(f"/planer/{draft.pk}/historik/").status_code == 403

    @pytest.mark.parametrize("persona", DRAFT_READERS)
    def test_the_units_editors_ekonom_and_admin_read_a_draft(self, request, client, draft, persona):
        client.force_login(request.getfixturevalue(persona))
        assert client.get(f"/planer/{draft.pk}/").status_code == 200

    def test_an_editor_of_a_unit_below_does_not_read_the_plan_above(
        self, client, org, enhet_editor, editor_a
    ):
        plan = services.plan_create(actor=editor_a, unit=org.namnd_a, year=YEAR, reason=REASON)
        client.force_login(enhet_editor)
        assert client.get(f"/planer/{plan.pk}/").status_code == 403

    @pytest.mark.parametrize("persona", NOT_DRAFT_READERS)
    def test_submitted_and_decided_plans_are_every_readers(
        self, request, client, submitted, editor_a, persona
    ):
        client.force_login(request.getfixturevalue(persona))
        assert client.get(f"/planer/{submitted.pk}/").status_code == 200
        services.plan_decide(
            actor=editor_a, plan=submitted, decided_on=dt.date(2026, 1, 28), paragraph="§ 5",
            reason=REASON,
        )  # fmt: skip
        assert client.get(f"/planer/{submitted.pk}/").status_code == 200

    def test_a_reopened_plan_is_a_draft_again(self, client, decided, editor_a, politician):
        services.plan_reopen(actor=editor_a, plan=decided, reason="Ny organisation")
        decided.refresh_from_db()
        assert not can_read_plan(access_for(politician), decided)
        client.force_login(politician)
        assert client.get(f"/planer/{decided.pk}/").status_code == 403

    def test_outsider_reads_no_plan(self, client, decided, outsider):
        client.force_login(outsider)
        assert client.get(f"/planer/{decided.pk}/").status_code == 403


class TestPlanList:
    def test_a_draft_is_listed_without_a_link_for_other_readers(self, client, draft, politician):
        client.force_login(politician)
        content = page(client.get(f"/planer/?ar={YEAR}"))
        assert f'href="/planer/{draft.pk}/"' not in content
        assert "Utkast" in content

    def test_the_units_editor_gets_the_link(self, client, draft, editor_a):
        client.force_login(editor_a)
        assert f'href="/planer/{draft.pk}/"' in page(client.get(f"/planer/?ar={YEAR}"))

    def test_a_submitted_plan_is_linked_for_every_reader(self, client, submitted, politician):
        client.force_login(politician)
        assert f'href="/planer/{submitted.pk}/"' in page(client.get(f"/planer/?ar={YEAR}"))


class TestExternalFactors:
    @pytest.fixture
    def responded(self, draft, editor_a):
        factor = ExternalFactor.objects.create(
            title="Demografisk förändring", first_year=2023, last_year=2026,
            decided_on=dt.date(2023, 2, 13), paragraph="§ 9",
        )  # fmt: skip
        services.plan_factor_response_save(
            actor=editor_a, plan=draft, factor=factor, reason=REASON,
            risks="Fler äldre", opportunities="", approach="Utkastets svar",
        )  # fmt: skip
        return draft

    def test_a_drafts_responses_are_left_out_for_other_readers(
        self, client, responded, politician, editor_b
    ):
        for reader in (politician, editor_b):
            client.force_login(reader)
            assert "Utkastets svar" not in page(client.get(f"/mal/omvarldsfaktorer/?ar={YEAR}"))

    @pytest.mark.parametrize("persona", DRAFT_READERS)
    def test_and_shown_to_those_who_read_the_draft(self, request, client, responded, persona):
        client.force_login(request.getfixturevalue(persona))
        assert "Utkastets svar" in page(client.get(f"/mal/omvarldsfaktorer/?ar={YEAR}"))

    def test_once_submitted_every_reader_sees_them(self, client, responded, editor_a, politician):
        services.plan_submit(actor=editor_a, plan=responded, reason=REASON)
        client.force_login(politician)
        assert "Utkastets svar" in page(client.get(f"/mal/omvarldsfaktorer/?ar={YEAR}"))
