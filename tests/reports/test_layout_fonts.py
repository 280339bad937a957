"""Every glyph the reports print comes from the vendored fonts (static/fonts), never from the
host's: a report holding every character the product writes embeds only those fonts, and
each character is in their character maps."""

from __future__ import annotations

import subprocess
import unicodedata
from functools import cache
from html import escape
from pathlib import Path

import pytest
from django.conf import settings
from fontTools.ttLib import TTFont

from apps.reports import render
from styrmodell.lib import formats
from styrmodell.lib.charts import Point, value_target_chart

ROOT = Path(settings.BASE_DIR)
FONTS = ROOT / "static" / "fonts"
CSS = ROOT / "templates" / "reports" / "pdf" / "report.css"
# What the reports print, besides the figures: the Swedish translations, the PDF templates,
# the demo kommun's texts and imported files, and what styrmodell.lib.formats writes
SOURCES = [
    ROOT / "locale" / "sv" / "LC_MESSAGES" / "django.po",
    *sorted((ROOT / "templates" / "reports" / "pdf").rglob("*.html")),
    *sorted((ROOT / "apps" / "demo").rglob("*.py")),
    *sorted((ROOT / "apps" / "demo" / "files").glob("*.csv")),
]
WRITTEN_BY_FORMATS = "−–—•·≥≤→≈×±%§…“”‘’«»\u00a0\u2009\u202fÅÄÖåäöéÉüÜèÈ²³½°"


def _read(path: Path) -> str:
    data = path.read_bytes()
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:  # the demo's ekonomisystem files are Latin-1, as real ones
        return data.decode("latin-1")


@cache
def product_characters() -> str:
    found = set(WRITTEN_BY_FORMATS)
    found |= set(formats.NBSP + formats.MINUS)
    found |= set(formats.format_number(-1234567.5, 1) + formats.format_percent(-12.5, 1))
    for path in SOURCES:
        found |= set(_read(path))
    printable = (c for c in found if not unicodedata.category(c).startswith("C"))
    return "".join(sorted(c for c in printable if c != " "))


def vendored_fonts() -> list[Path]:
    """The fonts report.css declares for "Report Sans"."""
    css = CSS.read_text()
    names = [part.split('")', 1)[0] for part in css.split('url("fonts/')[1:]]
    assert names, "report.css declares no vendored font"
    return [FONTS / name for name in names]


@pytest.mark.parametrize("path", vendored_fonts(), ids=lambda p: p.name)
def test_every_character_the_product_writes_is_in_each_vendored_font(path):
    cmap = TTFont(path, lazy=True).getBestCmap()
    missing = [f"{c} U+{ord(c):04X}" for c in product_characters() if ord(c) not in cmap]
    assert missing == []


def test_the_vendored_fonts_carry_their_licence():
    for path in vendored_fonts():
        family = path.name.split("-", 1)[0]
        assert (FONTS / f"{family}-LICENSE.txt").is_file()


def test_a_report_of_every_character_embeds_only_the_vendored_fonts():
    text = escape(product_characters())
    chart = value_target_chart(
        [Point("T1 2026", -1), Point("T2 2026", 2, 3)], title="Diagram", chart_id="c"
    )
    html = (
        '<!DOCTYPE html><html lang="sv"><head><meta charset="utf-8"><style>'
        + CSS.read_text()
        + "</style></head><body>"
        + "".join(
            f'<p style="font-weight: {weight}; font-style: {style}">{text}</p>'
            for weight in ("normal", "bold")
            for style in ("normal", "italic")
        )
        + f'<table class="figures"><tr><th>{text}</th><td class="num">{text}</td></tr></table>'
        + f'<div class="chart">{chart}</div></body></html>'
    )
    pdf, _pages = render.pdf_from_html(html)
    listing = subprocess.run(
        ["pdffonts", "-"], input=pdf, capture_output=True, check=True
    ).stdout.decode()
    embedded = {line.split()[0].split("+")[-1] for line in listing.splitlines()[2:] if line}
    # WeasyPrint names an embedded font after its @font-face family; a host's font that
    # filled in a missing glyph would come under its own name (DejaVu-Sans, say)
    vendored = {"Report-Sans", "Report-Sans-Bold", "Report-Sans-Italic", "Report-Sans-Bold-Italic"}
    assert embedded == vendored, listing
