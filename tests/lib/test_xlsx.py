import datetime as dt
import io
from decimal import Decimal

from openpyxl import load_workbook

from styrmodell.lib.xlsx import AMOUNT_FORMAT, Column, Sheet, workbook_bytes
from tests.exports import FORMULA_TEXT, FORMULA_TEXTS, assert_text_kept


def _read(data: bytes):
    return load_workbook(io.BytesIO(data))


def test_amounts_are_numbers_with_a_thousands_format_and_headers_are_bold():
    data = workbook_bytes(
        [
            Sheet(
                title="Driftredovisning",
                columns=[Column("Nämnd"), Column("Budget, kr", AMOUNT_FORMAT)],
                rows=[("Barn- och utbildningsnämnden", Decimal("412000000.00")),
                      ("Socialnämnden", Decimal("-1234.50"))],
                total_row=("Summa", Decimal("411998765.50")),
            )
        ]
    )  # fmt: skip
    ws = _read(data)["Driftredovisning"]
    assert [c.value for c in ws[1]] == ["Nämnd", "Budget, kr"]
    assert ws["A1"].font.bold and ws.freeze_panes == "A2"
    assert ws["B2"].value == 412000000 and isinstance(ws["B2"].value, int)
    assert ws["B3"].value == -1234.5
    assert ws["B2"].number_format == AMOUNT_FORMAT
    assert (ws["A4"].value, ws["B4"].value, ws["A4"].font.bold) == ("Summa", 411998765.5, True)


def test_dates_and_empty_cells_and_long_titles():
    data = workbook_bytes(
        [Sheet(title="Ett mycket långt bladnamn som Excel inte tål i sin helhet",
               columns=[Column("Datum", AMOUNT_FORMAT), Column("Kommentar")],
               rows=[(dt.date(2026, 11, 23), None)])]
    )  # fmt: skip
    book = _read(data)
    (ws,) = book.worksheets
    assert len(ws.title) == 31
    assert ws["A2"].value.date() == dt.date(2026, 11, 23)
    assert ws["B2"].value is None


def test_text_that_looks_like_a_formula_stays_text_and_numbers_stay_numbers():
    texts = list(FORMULA_TEXTS)
    data = workbook_bytes(
        [
            Sheet(
                title="Blad",
                columns=[Column(FORMULA_TEXT), Column("Belopp", AMOUNT_FORMAT)],
                rows=[(text, Decimal(-1234)) for text in texts],
                total_row=("=SUM(B2:B7)", Decimal("-7404.5")),
            )
        ]
    )
    assert_text_kept(data, *texts, "=SUM(B2:B7)")
    ws = _read(data)["Blad"]
    assert [ws.cell(row, 1).value for row in range(2, 8)] == texts
    assert ws["B2"].value == -1234 and ws["B2"].data_type == "n"
    assert ws["B8"].value == -7404.5 and ws["B8"].data_type == "n"


def test_control_characters_and_sheet_titles_that_excel_refuses():
    data = workbook_bytes(
        [Sheet(title="Tilläggsanslag 2026-03: KS/BUN [utkast]?", columns=[Column("Text")],
               rows=[("Sida\x0cett\x01",)])]
    )  # fmt: skip
    (ws,) = _read(data).worksheets
    assert ws.title == "Tilläggsanslag 2026-03- KS-BUN "
    assert ws["A2"].value == "Sidaett"
