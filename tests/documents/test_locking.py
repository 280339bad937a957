"""No lost updates in the document register and the deviation log: the second save from an
older version is refused, the first editor's text stays, and the second saves again on top
of it (apps/core/locking.py)."""

from __future__ import annotations

import re
from html import unescape

import pytest

from apps.core.locking import StaleEdit
from apps.documents import services
from apps.documents.models import Deviation, GoverningDocument
from tests.documents.factories import DeviationFactory, GoverningDocumentFactory
from tests.factories import RoleAssignmentFactory, UserFactory


@pytest.fixture
def colleague(org):
    user = UserFactory(username="kollega_a", first_name="Karin", last_name="Ek")
    RoleAssignmentFactory(user=user, role="redaktor", unit=org.namnd_a)
    return user


@pytest.fixture
def document(org):
    return GoverningDocumentFactory(decided_by=org.namnd_a, owner=org.namnd_a, title="Policy")


@pytest.fixture
def deviation(org):
    return DeviationFactory(unit=org.namnd_a, measure="")


def alert(response) -> str:
    html = unescape(response.content.decode())
    return re.search(r'<div class="conflict" role="alert" id="conflict">(.*?)</div>', html,
                     re.S)[1]  # fmt: skip


class TestServices:
    def test_a_document_saved_from_an_older_version_is_refused(self, document, editor_a, colleague):
        services.document_update(actor=colleague, document=document, title="Karins titel",
                                 expected_version=1, reason="Karin")  # fmt: skip
        with pytest.raises(StaleEdit) as caught:
            services.document_update(actor=editor_a, document=document, paragraph="§ 43",
                                     expected_version=1, reason="Jag")  # fmt: skip
        assert caught.value.who == "Karin Ek"
        document.refresh_from_db()
        assert (document.title, document.paragraph, document.version) == ("Karins titel",
                                                                          "§ 42", 2)  # fmt: skip
        services.document_update(actor=editor_a, document=document, paragraph="§ 43",
                                 expected_version=2, reason="Jag")  # fmt: skip
        document.refresh_from_db()
        assert (document.title, document.paragraph) == ("Karins titel", "§ 43")

    def test_a_deviation_saved_from_an_older_version_is_refused(
        self, deviation, editor_a, colleague
    ):
        def update(actor, measure, version):
            return services.deviation_update(
                actor=actor, deviation=deviation, occurred_on=deviation.occurred_on,
                kind=deviation.kind, description=deviation.description, measure=measure,
                status="atgardad", expected_version=version, reason="Åtgärd",
            )  # fmt: skip

        update(colleague, "Karins åtgärd.", 1)
        with pytest.raises(StaleEdit):
            update(editor_a, "Min åtgärd.", 1)
        assert Deviation.objects.get().measure == "Karins åtgärd."
        assert update(editor_a, "Båda.", 2).version == 3


class TestPages:
    def test_a_stale_document_shows_both_titles_and_keeps_the_first(
        self, client, document, editor_a, colleague
    ):
        url = f"/styrdokument/{document.pk}/andra/"
        client.force_login(editor_a)
        opened = client.get(url)
        assert 'name="version" value="1"' in opened.content.decode()
        data = {name: (value.pk if hasattr(value, "pk") else value)
                for name, value in opened.context["form"].initial.items()
                if name != "goals" and value is not None}  # fmt: skip
        data["change_reason"] = "Ändring"

        client.force_login(colleague)
        assert client.post(url, {**data, "title": "Karins titel"}).status_code == 302
        client.force_login(editor_a)
        response = client.post(url, {**data, "title": "Min titel"})

        assert response.status_code == 200
        shown = alert(response)
        assert "Karin Ek" in shown and "Karins titel" in shown and "Min titel" in shown
        assert GoverningDocument.objects.get().title == "Karins titel"

    def test_a_stale_deviation_shows_both_measures_and_keeps_the_first(
        self, client, deviation, editor_a, colleague
    ):
        url = f"/styrdokument/avvikelser/{deviation.pk}/andra/"
        data = {"unit": deviation.unit_id, "occurred_on": "2026-03-10", "kind": deviation.kind,
                "description": deviation.description, "status": "atgardad",
                "change_reason": "Åtgärd", "version": "1"}  # fmt: skip
        client.force_login(editor_a)
        assert 'name="version" value="1"' in client.get(url).content.decode()
        client.force_login(colleague)
        assert client.post(url, {**data, "measure": "Karins åtgärd."}).status_code == 302
        client.force_login(editor_a)
        response = client.post(url, {**data, "measure": "Min åtgärd."})

        assert response.status_code == 200
        shown = alert(response)
        assert "Karins åtgärd." in shown and "Min åtgärd." in shown
        assert Deviation.objects.get().measure == "Karins åtgärd."
        again = client.post(url, {**data, "measure": "Båda.", "version": "2"})
        assert again.status_code == 302
        assert Deviation.objects.get().measure == "Båda."
