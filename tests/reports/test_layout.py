"""Tables fit the page, keep their header on each page and their rows together; headings go
with what follows them. Read from WeasyPrint's layout (tests/reports/layout.py)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from types import SimpleNamespace

import pytest

from apps.reports import render
from apps.reports.content import (
    Col,
    ColumnKind,
    ReportDocument,
    ReportKind,
    RichText,
    Section,
    Table,
)
from tests.reports import layout

LONG_WORDS = [
    "Samhällsbyggnadsnämnden",
    "Socialnämndensbarnochungdomsverksamhet",
    "Kommunstyrelseförvaltningen",
    "Överförmyndarnämndensverksamhetsplan",
    "Bygglovshandläggningsprocessen",
    "Äldreomsorgsförvaltningens",
    "Folkhälsosamordning",
    "Verksamhetsförändringsarbete",
    "Investeringsredovisningen",
]


def wide_table(columns: int = 9, rows: int = 6, key: str = "wide") -> Table:
    words = [LONG_WORDS[i % len(LONG_WORDS)] for i in range(columns)]
    return Table(
        key=key,
        title="Uppdrag och deras genomförande per ansvarig nämnd",
        columns=[Col(word) for word in words],
        rows=[[f"{word} {i}" for word in words] for i in range(rows)]
        + [[*words[:-1], "https://www.exempelkommun.se/kommun-och-politik/styrdokument/2026"]],
    )


def amounts_table(rows: int, key: str = "long") -> Table:
    return Table(
        key=key,
        title="Driftredovisning per verksamhet",
        columns=[
            Col("Verksamhet"),
            Col("Budget", ColumnKind.KR),
            Col("Utfall", ColumnKind.KR),
            Col("Prognos helår", ColumnKind.KR),
            Col("Avvikelse", ColumnKind.KR),
            Col("Avvikelse", ColumnKind.PERCENT),
        ],
        rows=[
            [
                f"{LONG_WORDS[i % 9]} rad {i}",
                Decimal(-123_456_789 * (i + 1)),
                Decimal(98_765_432),
                Decimal(-1_234_567_890),
                Decimal(-12_345_678),
                Decimal("-12.5"),
            ]
            for i in range(rows)
        ],
        total=["Summa", Decimal(-9_876_543_210), None, None, None, None],
    )


# The cover's facts only: the layout needs no database
PERIOD = SimpleNamespace(
    name="Tertial 2", year=2026, starts_on=dt.date(2026, 1, 1), ends_on=dt.date(2026, 8, 31)
)


def laid_out(sections: list[Section]):
    """The report of these sections laid out by WeasyPrint, as the layout checks read it."""
    document = ReportDocument(
        kind=ReportKind.INTERIM, period=PERIOD, unit=None, municipality_name="Exempelkommun",
        title="Delårsrapport 2026", subtitle="Januari–augusti", recipient="Kommunfullmäktige",
        status="Utkast", logo=None, logo_type="", sections=sections,
    )  # fmt: skip
    return render.layout_document(document)


@pytest.fixture(scope="module")
def synthetic():
    sections = [
        Section(
            key="wide",
            title="Uppdrag",
            tables=[
                wide_table(columns=7, key="seven"),
                wide_table(),
                wide_table(columns=12, key="widest"),
            ],
            children=[
                Section(key="long", title="Driftredovisning", tables=[amounts_table(60)]),
            ],
        ),
        Section(
            key="filler",
            title="Verksamhetens utveckling",
            intro="Text om verksamheten. " * 150,
            children=[
                Section(
                    key=f"heading-{i}",
                    title=f"Rubrik {i}",
                    intro="Text om verksamheten. " * (15 * i),
                    tables=[amounts_table(4, key=f"small-{i}")],
                )
                for i in range(1, 9)
            ],
        ),
    ]
    return laid_out(sections)


def test_no_table_runs_past_the_page_box(synthetic):
    assert layout.overflowing_boxes(synthetic) == []


def breaks(drawn: render.DrawnTable) -> list[list[str]]:
    return [[cell.breaks for cell in cells] for cells, _emphasised in drawn.rows]


def test_only_a_cell_with_a_word_too_long_to_hyphenate_may_break_it_anywhere():
    drawn = render.draw_table(wide_table(columns=3, rows=1))
    assert breaks(drawn) == [
        ["hyphenated", "unbreakable", "hyphenated"],
        ["hyphenated", "unbreakable", "unbreakable"],
    ]
    link = RichText('<p><a href="https://www.exempelkommun.se/kommun/budget">Budget</a></p>')
    drawn = render.draw_table(Table("t", "T", [Col("Text")], [[link]]))
    assert breaks(drawn) == [[""]]


def words_table(columns: int, letters: int, key: str = "words") -> Table:
    """A table of ``columns`` text columns whose cells are each one word of ``letters``."""
    words = [(word * 2)[:letters] for word in LONG_WORDS]
    return Table(
        key=key,
        title="Uppdrag per nämnd",
        columns=[Col(f"Kolumn {i}") for i in range(columns)],
        rows=[[words[(i + r) % len(words)] for i in range(columns)] for r in range(3)],
    )


def test_a_word_is_hyphenated_only_from_16_letters_unless_its_column_is_too_narrow():
    assert breaks(render.draw_table(words_table(4, 15))) == [[""] * 4] * 3
    assert breaks(render.draw_table(words_table(4, 16))) == [["hyphenated"] * 4] * 3
    # eight columns on a portrait page leave about 12 letters a column
    assert breaks(render.draw_table(words_table(8, 12))) == [[""] * 8] * 3
    assert breaks(render.draw_table(words_table(8, 13))) == [["hyphenated"] * 8] * 3
    # a word too short for Swedish hyphenation in a column too narrow for it breaks anywhere
    assert breaks(render.draw_table(words_table(16, 11))) == [["unbreakable"] * 16] * 3
    assert breaks(render.draw_table(words_table(16, 9))) == [[""] * 16] * 3


@pytest.mark.parametrize(("columns", "letters"), [(8, 15), (8, 20), (16, 11)])
def test_a_table_of_words_just_too_long_for_its_columns_fits_the_page(columns, letters):
    """Eight columns of 15-letter words ran 10 px past the page when only words of 16 letters
    or more were hyphenated."""
    section = Section(key="s", title="Uppdrag", tables=[words_table(columns, letters)])
    assert layout.overflowing_boxes(laid_out([section])) == []


def test_a_long_table_repeats_its_header_on_every_page(synthetic):
    pages = layout.repeated_headers(synthetic, "table-long")
    assert pages >= 2


def test_no_heading_ends_a_page(synthetic):
    assert layout.stranded_headings(synthetic) == []


def test_a_table_of_very_many_columns_gets_a_landscape_page(synthetic):
    sizes = layout.page_sizes(synthetic)
    assert any(width > height for width, height in sizes)
    assert sizes[0][0] < sizes[0][1]  # the cover stays portrait


def test_a_heading_right_above_a_landscape_table_goes_to_its_page():
    """A subsection that starts with a table of nine columns: its heading would otherwise end
    the portrait page before the landscape one."""
    table = wide_table(columns=10, key="landscape-first")
    section = Section(
        key="uppdrag", title="Uppdrag", intro="Text om uppdragen. " * 20,
        children=[Section(key="aterrapportering", title="Återrapportering", tables=[table])],
    )  # fmt: skip
    document = laid_out([section])
    assert layout.stranded_headings(document) == []
    landscape = [page for page in document.pages if page.width > page.height]
    assert landscape and "Återrapportering" in layout._text(landscape[0]._page_box, limit=2000)


def test_the_checker_sees_a_table_that_runs_off_the_page():
    html = (
        '<html lang="sv"><body><table id="t" style="width: 300mm"><tr><td>'
        "Samhällsbyggnadsnämnden</td></tr></table></body></html>"
    )
    found = layout.overflowing_boxes(render.layout_html(html))
    assert found and "table#t" in found[0]


def test_the_checker_sees_a_heading_alone_at_the_bottom_of_a_page():
    html = (
        '<html><body><div style="height: 250mm"></div><h3 style="break-after: auto">'
        "Ensam rubrik</h3><div style='break-before: page'>Text</div></body></html>"
    )
    found = layout.stranded_headings(render.layout_html(html))
    assert found and "Ensam rubrik" in found[0]


def test_a_short_table_is_not_split_after_its_first_row():
    filler = Section(key="filler", title="Utveckling", intro="Text om verksamheten. " * 150)
    rr = Section(key="rr", title="Resultaträkning", tables=[amounts_table(18, key="rr")])
    document = laid_out([Section(key="s", title="Ekonomi", children=[filler, rr])])
    assert layout.repeated_headers(document, "table-rr") == 1


def test_the_checker_sees_a_caption_left_without_its_rows():
    rows = "".join(f"<tr><td>Rad {i}</td></tr>" for i in range(3))
    html = (
        '<html><body><div style="height: 240mm"></div><table><caption>Ensam tabellrubrik'
        f"</caption><thead><tr><th>Rubrik</th></tr></thead><tbody>{rows}</tbody></table>"
        "</body></html>"
    )
    found = layout.stranded_headings(render.layout_html(html))
    assert found and "Ensam tabellrubrik" in found[0]


def test_seven_columns_get_a_smaller_type_and_nine_a_landscape_page():
    assert not render.draw_table(wide_table(columns=6)).many_columns
    assert render.draw_table(wide_table(columns=7)).many_columns
    assert not render.draw_table(wide_table(columns=8)).landscape
    assert render.draw_table(wide_table(columns=9)).landscape


def test_only_a_short_table_of_figures_is_kept_whole():
    assert render.draw_table(amounts_table(25)).short
    assert not render.draw_table(amounts_table(26)).short
    assert not render.draw_table(wide_table(columns=3, rows=3)).short
