"""What every Excel export must hold to: user text stays text, numbers stay numbers.

openpyxl writes a string that starts with "=" as a formula; a unit, goal or project named
``=HYPERLINK(...)`` must reach Excel as the text it is (issue 12).
"""

from __future__ import annotations

import io

from openpyxl import load_workbook

# Text a person may type that a spreadsheet would take for a formula
FORMULA_TEXTS = (
    '=HYPERLINK("http://evil.example/","x")',
    "+1+cmd|' /C calc'!A0",
    "-2+3",
    "@SUM(1+1)",
    "\t=1+1",
    " =1+1",
)
FORMULA_TEXT = FORMULA_TEXTS[0]


def cells_of(content: bytes) -> list:
    book = load_workbook(io.BytesIO(content))
    return [cell for ws in book.worksheets for row in ws.iter_rows() for cell in row]


def assert_text_kept(content: bytes, *texts: str) -> None:
    """No cell of the workbook is a formula, and each text is in a text cell unchanged."""
    cells = cells_of(content)
    formulas = [(c.parent.title, c.coordinate, c.value) for c in cells if c.data_type == "f"]
    assert not formulas
    for text in texts:
        holding = [c for c in cells if isinstance(c.value, str) and text in c.value]
        assert holding, f"{text!r} is not in the workbook"
        assert all(c.data_type == "s" for c in holding)
