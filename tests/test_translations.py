"""The UI is Swedish: every catalogue entry is translated and the compiled file is current."""

from __future__ import annotations

import gettext
import shutil
import subprocess
import sys
from pathlib import Path

import polib
import pytest
from django.test import override_settings
from django.urls import reverse
from django.utils import translation

ROOT = Path(__file__).resolve().parent.parent
LOCALE = ROOT / "locale" / "sv" / "LC_MESSAGES"
SOURCES = ("apps", "templates", "styrmodell", "locale")


def test_every_message_has_a_swedish_translation():
    catalogue = polib.pofile(str(LOCALE / "django.po"))
    untranslated = [entry.msgid for entry in catalogue.untranslated_entries()]
    fuzzy = [entry.msgid for entry in catalogue.fuzzy_entries()]
    assert untranslated == []
    assert fuzzy == []


@pytest.mark.skipif(shutil.which("xgettext") is None, reason="makemessages needs gettext")
def test_every_string_of_the_code_is_in_the_catalogue(tmp_path):
    """A string written in the code but never collected would show in English whatever the
    catalogue holds: collect a copy of the sources' strings and compare."""
    ignore = shutil.ignore_patterns("__pycache__", "*.pyc")
    for name in SOURCES:
        shutil.copytree(ROOT / name, tmp_path / name, ignore=ignore)
    shutil.copy(ROOT / "manage.py", tmp_path)
    subprocess.run(
        [sys.executable, "manage.py", "makemessages", "--locale", "sv", "--no-obsolete"],
        cwd=tmp_path, check=True, capture_output=True,
    )  # fmt: skip

    def keys(path: Path) -> set[tuple[str | None, str]]:
        return {(e.msgctxt, e.msgid) for e in polib.pofile(str(path)) if not e.obsolete}

    collected = keys(tmp_path / "locale" / "sv" / "LC_MESSAGES" / "django.po")
    assert sorted(collected - keys(LOCALE / "django.po"), key=str) == []


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
