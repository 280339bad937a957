"""An XLSX zip bomb against the outcome import: what the check costs and what it saves.

Builds a real workbook whose sheet holds ``--unpacked-mib`` MiB of blanks after a good
header row (a few hundred KiB on disk), then reads it the way the import does
(apps.economy.outcomes.read_table, which checks the zip's directory first and refuses it)
and, for comparison, the way openpyxl reads a workbook with no check. Prints the file's
size, and each path's milliseconds and peak allocated memory.

    python bench/upload_bomb.py [--unpacked-mib 512]
"""

from __future__ import annotations

import argparse
import io
import time
import zipfile

from _common import allocated_peak_mb, note, report, setup_django

SHEET = "xl/worksheets/sheet1.xml"


def bomb(unpacked_mib: int) -> bytes:
    import openpyxl

    book = openpyxl.Workbook()
    book.active.append(["Period", "Ansvar", "Konto", "Belopp"])
    book.active.append(["2026-03", "2110", "5110", 1])
    plain = io.BytesIO()
    book.save(plain)
    out = io.BytesIO()
    with (
        zipfile.ZipFile(plain) as source,
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


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--unpacked-mib", type=int, default=512)
    options = parser.parse_args()
    setup_django()
    import openpyxl

    from apps.economy import outcomes

    content = bomb(options.unpacked_mib)
    note(f"a workbook of {options.unpacked_mib} MiB unpacked")
    report("file_size", round(len(content) / 1024), "KiB")

    def checked() -> None:
        try:
            outcomes.read_table(io.BytesIO(content))
        except outcomes.UnreadableFile:
            return
        raise SystemExit("the import read the bomb instead of refusing it")

    def unchecked() -> None:
        book = openpyxl.load_workbook(io.BytesIO(content))
        for _row in book.active.iter_rows(values_only=True):
            pass

    for name, fn in (("checked", checked), ("unchecked_openpyxl", unchecked)):
        started = time.perf_counter()
        fn()
        report(f"{name}_ms", round((time.perf_counter() - started) * 1000, 2), "ms")
        report(f"{name}_allocated_peak", round(allocated_peak_mb(fn), 1), "MB")


if __name__ == "__main__":
    main()
