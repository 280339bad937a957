"""Reading outcome files as Swedish ekonomisystem write them (apps/economy/outcomes.py).

No database: the parser knows nothing of units or accounts.
"""

from __future__ import annotations

import io
import zipfile
from decimal import Decimal
from pathlib import Path

import pytest
from django.utils import translation
from openpyxl import Workbook

from apps.economy import outcomes
from apps.economy.outcomes import OutcomeLine, RowError
from tests.economy.outcome_files import zip_bomb

EXAMPLES = Path(__file__).resolve().parents[2] / "apps" / "economy" / "examples"
HEADER = "Period;Ansvar;Konto;Projekt;Belopp"


@pytest.fixture(autouse=True)
def english():
    """The messages are checked as written in the code (English msgids)."""
    with translation.override("en"):
        yield


def parse(content: bytes, column_map: dict | None = None) -> list[OutcomeLine | RowError]:
    table = outcomes.read_table(content)
    return list(
        outcomes.parse_rows(table, column_map or outcomes.propose_column_map(table.headers))
    )


def lines_of(content: bytes) -> list[OutcomeLine]:
    parsed = parse(content)
    errors = [p for p in parsed if isinstance(p, RowError)]
    assert not errors, errors
    return parsed


def xlsx(rows: list[list]) -> bytes:
    workbook = Workbook()
    for row in rows:
        workbook.active.append(row)
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


class TestEncodings:
    def test_windows_1252_is_read_when_the_file_is_not_utf_8(self):
        content = "År-mån;Ansvar;Konto;Belopp\n2026-03;2110;5110;1,00\n".encode("cp1252")
        table = outcomes.read_table(content)
        assert table.encoding == "cp1252"
        assert table.headers == ["År-mån", "Ansvar", "Konto", "Belopp"]

    def test_utf_8_with_a_byte_order_mark_loses_the_mark(self):
        content = "\ufeffÅr-mån;Ansvar;Konto;Belopp\n2026-03;2110;5110;1,00\n".encode()
        table = outcomes.read_table(content)
        assert table.encoding == "utf-8-sig"
        assert table.headers[0] == "År-mån"

    def test_utf_8_without_a_mark(self):
        content = "År-mån;Ansvar;Konto;Belopp\n".encode()
        assert outcomes.read_table(content).encoding == "utf-8"

    def test_the_windows_1252_example_file(self):
        lines = lines_of((EXAMPLES / "utfall_2026-05_2026-06_windows-1252.csv").read_bytes())
        assert len(lines) == 30
        assert {line.month for line in lines} == {5, 6}
        assert lines[0].amount == Decimal("-82500000.00")
        assert [line.project for line in lines if line.project] == ["P1001", "P1001"]

    def test_the_utf_8_example_file(self):
        lines = lines_of((EXAMPLES / "utfall_2026-07_utf-8-bom.csv").read_bytes())
        assert len(lines) == 15
        assert {(line.year, line.month) for line in lines} == {(2026, 7)}
        assert Decimal("-620000.00") in {line.amount for line in lines}  # "−620.000,00"


class TestSeparators:
    @pytest.mark.parametrize("delimiter", [";", ",", "\t"])
    def test_the_delimiter_is_sniffed_from_the_header(self, delimiter):
        header = delimiter.join(["Period", "Ansvar", "Konto", "Belopp"])
        row = delimiter.join(
            ["2026-03", "2110", "5110", '"1 234,50"' if delimiter == "," else "1 234,50"]
        )
        content = f"{header}\n{row}\n".encode()
        table = outcomes.read_table(content)
        assert table.delimiter == delimiter
        assert lines_of(content)[0].amount == Decimal("1234.50")

    def test_blank_lines_are_skipped_and_rows_keep_their_numbers(self):
        content = f"{HEADER}\n2026-03;2110;5110;;1\n\n;;;;\n2026-03;2110;5110;;2\n".encode()
        assert [line.row_number for line in lines_of(content)] == [2, 5]

    def test_an_empty_file_is_unreadable(self):
        with pytest.raises(outcomes.UnreadableFile):
            outcomes.read_table(b"")
        with pytest.raises(outcomes.UnreadableFile):
            outcomes.read_table(b"\n\n")


class TestAmounts:
    @pytest.mark.parametrize(
        ("text", "expected"),
        [
            ("1234,5", "1234.5"),
            ("1 234 567,89", "1234567.89"),
            ("1\u00a0234\u00a0567,89", "1234567.89"),  # no-break spaces
            ("1.234.567,89", "1234567.89"),  # dots between thousands when a comma is there
            ("-1 234,00", "-1234.00"),
            ("\u22121 234,00", "-1234.00"),  # the minus sign U+2212
            ("1234.5", "1234.5"),  # a decimal point (XLSX, some exports)
            ("1.234.567", "1234567"),
            ("+12", "12"),
            ("0", "0"),
        ],
    )
    def test_swedish_amounts(self, text, expected):
        assert outcomes.parse_amount(text) == Decimal(expected)

    @pytest.mark.parametrize("text", ["", "abc", "12,3,4", "1,234.5,6", "12 kr", "--5", "1e5"])
    def test_what_is_not_a_number(self, text):
        with pytest.raises(ValueError, match="not a number"):
            outcomes.parse_amount(text)

    def test_more_than_two_decimals_is_refused_rather_than_rounded(self):
        with pytest.raises(ValueError, match="two decimals"):
            outcomes.parse_amount("1,005")

    def test_an_amount_beyond_the_column_is_refused(self):
        with pytest.raises(ValueError, match="too large"):
            outcomes.parse_amount("1" + "0" * 14)
        assert outcomes.parse_amount("9" * 14) == Decimal("9" * 14)


class TestPeriods:
    @pytest.mark.parametrize(
        ("text", "expected"),
        [
            ("2026-03", (2026, 3)),
            ("202603", (2026, 3)),
            ("2026-03-31", (2026, 3)),
            (" 2026-12 ", (2026, 12)),
            ("2026-IB", (2026, 0)),
            ("2026-ib", (2026, 0)),
            ("2026-00", (2026, 0)),
        ],
    )
    def test_month_formats(self, text, expected):
        assert outcomes.parse_period(text) == expected

    @pytest.mark.parametrize("text", ["", "2026", "2026-13", "03-2026", "2026-02-30", "mars"])
    def test_what_is_not_a_month(self, text):
        with pytest.raises(ValueError, match="year and month"):
            outcomes.parse_period(text)


class TestXlsx:
    def test_the_first_sheet_with_numbers_and_dates(self):
        import datetime as dt

        content = xlsx(
            [
                ["Period", "Ansvar", "Konto", "Projekt", "Belopp"],
                [dt.date(2026, 3, 31), 2110, 5110, None, 1234.5],
                [202604, "2110", "5110", "P1", -10],
                [None, None, None, None, None],
                ["2026-IB", 2110, 1930, None, 99.99],
            ]
        )
        lines = lines_of(content)
        assert outcomes.read_table(content).kind == "xlsx"
        assert [(line.month, line.ansvarskod, line.account) for line in lines] == [
            (3, "2110", "5110"), (4, "2110", "5110"), (0, "2110", "1930"),
        ]  # fmt: skip
        assert [line.amount for line in lines] == [Decimal("1234.5"), -10, Decimal("99.99")]
        assert [line.row_number for line in lines] == [2, 3, 5]

    def test_the_example_workbook(self):
        lines = lines_of((EXAMPLES / "utfall_2026-08.xlsx").read_bytes())
        assert len(lines) == 15
        assert {line.month for line in lines} == {8}

    def test_a_broken_workbook_is_unreadable(self):
        with pytest.raises(outcomes.UnreadableFile):
            outcomes.read_table(b"PK\x03\x04 not really a zip")


class TestUnsafeFiles:
    def test_a_zip_bomb_is_refused_before_it_is_unpacked(self):
        bomb = zip_bomb(64)
        assert len(bomb) < 200_000
        with pytest.raises(outcomes.UnreadableFile, match="unpacked"):
            outcomes.read_table(bomb)

    def test_a_workbook_that_unpacks_beyond_the_limit_is_refused(self, monkeypatch):
        content = xlsx([["Period", "Ansvar", "Konto", "Belopp"], ["2026-03", 2110, 5110, 1]])
        outcomes.read_table(content)
        monkeypatch.setattr(outcomes, "MAX_XLSX_UNPACKED_BYTES", 1000)
        with pytest.raises(outcomes.UnreadableFile, match="unpacked"):
            outcomes.read_table(content)

    def test_a_zip_with_too_many_members_is_refused(self):
        out = io.BytesIO()
        with zipfile.ZipFile(out, "w") as archive:
            for index in range(outcomes.MAX_XLSX_MEMBERS + 1):
                archive.writestr(f"x/{index}.xml", b"<x/>")
        with pytest.raises(outcomes.UnreadableFile, match="unpacked"):
            outcomes.read_table(out.getvalue())

    def test_an_ordinary_workbook_is_read_as_before(self):
        assert len(lines_of((EXAMPLES / "utfall_2026-08.xlsx").read_bytes())) == 15


class ChunkedFile(io.BytesIO):
    """A file that may only be read a bounded chunk at a time."""

    def read(self, size=-1):
        assert size is not None and 0 <= size <= 1 << 20, "read all at once"
        return super().read(size)


class TestStreaming:
    ROWS = 50_000

    def content(self, encoding: str, last: str = "") -> bytes:
        rows = [HEADER, *(f"2026-03;2110;5110;;{i},50" for i in range(self.ROWS))]
        return ("\r\n".join(rows) + last + "\r\n").encode(encoding)

    def test_a_csv_file_is_read_chunk_by_chunk_from_a_file(self):
        content = self.content("utf-8")
        source = ChunkedFile(content)
        table = outcomes.read_table(source)
        first = next(table.rows)
        assert first == (2, ["2026-03", "2110", "5110", "", "0,50"])
        assert source.tell() < len(content) / 4  # the rest is still unread
        rows = list(outcomes.parse_rows(table, outcomes.propose_column_map(table.headers)))
        assert len(rows) == self.ROWS - 1
        assert rows[-1].row_number == self.ROWS + 1
        assert rows[-1].amount == Decimal(f"{self.ROWS - 1}.50")

    def test_windows_1252_late_in_a_large_file_is_still_found(self):
        source = ChunkedFile(self.content("cp1252", last=";Förvaltning"))
        table = outcomes.read_table(source)
        assert table.encoding == "cp1252"
        assert list(table.rows)[-1][1][-1] == "Förvaltning"

    def test_a_utf_8_character_across_a_chunk_boundary_stays_whole(self):
        row = "2026-03;2110;5110;;1;"
        filler = "x" * (outcomes.READ_CHUNK - 1 - len(f"{HEADER};Not\n{row}"))
        content = f"{HEADER};Not{filler}\n{row}Åtgärd\n".encode()
        assert content[outcomes.READ_CHUNK - 1 : outcomes.READ_CHUNK + 1] == "Å".encode()
        table = outcomes.read_table(ChunkedFile(content))
        assert table.encoding == "utf-8"
        assert list(table.rows) == [(2, ["2026-03", "2110", "5110", "", "1", "Åtgärd"])]

    def test_old_mac_line_endings_still_separate_rows(self):
        table = outcomes.read_table(b"Period;Ansvar;Konto;Belopp\r2026-03;2110;5110;1\r")
        assert list(table.rows) == [(2, ["2026-03", "2110", "5110", "1"])]


class TestColumns:
    def test_the_proposal_reads_swedish_header_names(self):
        headers = ["År-mån", "Ansvarskod", "Kontonamn", "Konto", "Projektkod", "Utfall kr"]
        assert outcomes.propose_column_map(headers) == {
            "period": "År-mån",
            "ansvarskod": "Ansvarskod",
            "account": "Konto",  # the exact name before "Kontonamn"
            "amount": "Utfall kr",
            "project": "Projektkod",
        }

    def test_unknown_headers_are_left_for_the_user(self):
        assert outcomes.propose_column_map(["A", "B"]) == {}

    def test_missing_and_unknown_columns_are_errors_on_row_1(self):
        errors = outcomes.column_errors(["Period", "Konto"], {"period": "Period", "amount": "X"})
        assert {(e.row_number, e.value) for e in errors} == {(1, ""), (1, "X")}
        assert len(errors) == 3  # ansvarskod and account missing, amount not in the file

    def test_a_chosen_column_overrides_the_names(self):
        content = b"A;B;C;D\n2026-03;2110;5110;7,5\n"
        column_map = {"period": "A", "ansvarskod": "B", "account": "C", "amount": "D"}
        [line] = parse(content, column_map)
        assert (line.month, line.ansvarskod, line.account, line.amount) == (
            3, "2110", "5110", Decimal("7.5"),
        )  # fmt: skip


class TestRowErrors:
    def test_each_bad_field_is_its_own_error_with_row_column_and_value(self):
        content = b"Period;Ansvar;Konto;Belopp\n2026-03;2110;5110;10\n2026-3;;51a;tio\n"
        parsed = parse(content)
        assert isinstance(parsed[0], OutcomeLine)
        errors = parsed[1:]
        assert [(e.row_number, e.column, e.value) for e in errors] == [
            (3, "Period", "2026-3"), (3, "Ansvar", ""), (3, "Konto", "51a"), (3, "Belopp", "tio"),
        ]  # fmt: skip

    def test_a_short_row_reads_its_missing_cells_as_empty(self):
        parsed = parse(b"Period;Ansvar;Konto;Belopp\n2026-03;2110\n")
        assert {e.column for e in parsed} == {"Konto", "Belopp"}

    def test_the_example_file_with_errors(self):
        parsed = parse((EXAMPLES / "utfall_med_fel.csv").read_bytes())
        errors = [p for p in parsed if isinstance(p, RowError)]
        # Only what the file alone shows: the amount and month 13. The rest needs the database.
        assert [(e.row_number, e.column) for e in errors] == [(6, "Belopp"), (8, "År-mån")]


def test_month_labels():
    assert outcomes.months_label([1, 2, 3, 4]) == "jan.–apr."
    assert outcomes.months_label([3, 1]) == "jan., mars"
    assert outcomes.month_label(0) != ""
