"""Hostile outcome files built in the test, small on disk."""

from __future__ import annotations

import io
import zipfile

from openpyxl import Workbook

SHEET = "xl/worksheets/sheet1.xml"


def xlsx(rows: list[list]) -> bytes:
    workbook = Workbook()
    for row in rows:
        workbook.active.append(row)
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def zip_bomb(unpacked_mib: int = 64) -> bytes:
    """A real workbook whose sheet, after a good header row, holds ``unpacked_mib`` MiB of
    blanks: about a thousandth of that on disk."""
    plain = xlsx([["Period", "Ansvar", "Konto", "Belopp"], ["2026-03", "2110", "5110", "1"]])
    out = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(plain)) as source,
        zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as target,
    ):
        for info in source.infolist():
            data = source.read(info.filename)
            if info.filename != SHEET:
                target.writestr(info.filename, data)
                continue
            head, tail = data.split(b"</sheetData>")
            with target.open(SHEET, "w", force_zip64=True) as member:
                member.write(head)
                blanks = b" " * (1 << 20)
                for _ in range(unpacked_mib):
                    member.write(blanks)
                member.write(b"</sheetData>" + tail)
    return out.getvalue()
