"""The UI is Swedish: every catalogue entry is translated and the compiled file is current."""

from __future__ import annotations

import gettext
from pathlib import Path

import polib
from django.test import override_settings
from django.urls import reverse
from django.utils import translation

LOCALE = Path(__file__).resolve().parent.parent / "locale" / "sv" / "LC_MESSAGES"


def test_every_message_has_a_swedish_translation():
    catalogue = polib.pofile(str(LOCALE / "django.po"))
    untranslated = [entry.msgid for entry in catalogue.untranslated_entries()]
    fuzzy = [entry.msgid for entry in catalogue.fuzzy_entries()]
    assert untranslated == []
    assert fuzzy == []


def test_compiled_catalogue_matches_the_source():
    catalogue = polib.pofile(str(LOCALE / "django.po"))
    with (LOCALE / "django.mo").open("rb") as handle:
        compiled = gettext.GNUTranslations(handle)
    for entry in catalogue.translated_entries():
        if entry.msgid_plural:
            assert compiled.ngettext(entry.msgid, entry.msgid_plural, 1) == entry.msgstr_plural[0]
        elif entry.msgctxt:
            assert compiled.pgettext(entry.msgctxt, entry.msgid) == entry.msgstr, entry.msgid
        else:
            assert compiled.gettext(entry.msgid) == entry.msgstr, entry.msgid


@override_settings(LANGUAGE_CODE="sv")
def test_the_ui_speaks_swedish(client, db):
    with translation.override("sv"):
        response = client.get(reverse("login"))
    assert "Logga in" in response.content.decode()
    assert '<html lang="sv">' in response.content.decode()
