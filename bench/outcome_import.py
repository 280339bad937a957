"""Import of a large outcome file: seconds, rows per second and peak memory.

Generates a CSV as a Swedish ekonomisystem writes it (Windows-1252, semicolons, decimal
comma, spaces between thousands) of ``--rows`` rows: about 200 ansvarskoder, 300 Kommun-Bas
accounts, 8 months, a few investment projects. Imports it through the same service as the
page (apps.economy.services.outcomes.outcome_import) into a fresh database, then imports a
corrected file for the same months, which replaces every row. On PostgreSQL it also loads
the same rows with COPY (psycopg's ``cursor.copy``) into the same table, and prints the
import's time as a ratio of it.

    python bench/outcome_import.py [--rows 200000]
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres python bench/outcome_import.py

With a PostgreSQL DATABASE_URL it runs in a new database ``bench_outcome_import`` on that
server; otherwise in a temporary SQLite file. Either is dropped at the end.
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import tempfile
import time
from decimal import Decimal
from pathlib import Path

from _common import note, peak_rss_mb, report, setup_django, temporary_database

DATABASE_NAME = "bench_outcome_import"
YEAR = 2026
MONTHS = range(1, 9)
NAMNDER = 8
UNITS_PER_NAMND = 24  # with the nämnd and KS: about 200 ansvarskoder
PROJECTS = [f"P{n:04d}" for n in range(1001, 1013)]

# Account groups of Kommun-Bas with the share of rows booked on them: mostly costs.
ACCOUNT_GROUPS = [
    ("30", 20, 0.04), ("31", 20, 0.05), ("35", 20, 0.05), ("38", 2, 0.002),
    ("40", 30, 0.10), ("45", 20, 0.08), ("46", 20, 0.06), ("50", 40, 0.25),
    ("56", 20, 0.10), ("64", 30, 0.10), ("70", 20, 0.05), ("78", 10, 0.04),
    ("80", 3, 0.005), ("82", 5, 0.005), ("84", 5, 0.005), ("85", 5, 0.005),
    ("11", 10, 0.02), ("12", 10, 0.01), ("19", 4, 0.003), ("25", 6, 0.005),
]  # fmt: skip


def accounts(rng: random.Random) -> tuple[list[str], list[float]]:
    """About 300 four-digit accounts and how often each is booked on."""
    codes, weights = [], []
    for group, count, share in ACCOUNT_GROUPS:
        picked = rng.sample(range(100), count)
        codes += [f"{group}{n:02d}" for n in picked]
        weights += [share / count] * count
    return codes, weights


def build_organisation() -> list[str]:
    """KF, KS and the nämnder with their units, in bulk; returns the ansvarskoder."""
    from apps.organisation.models import Municipality, Unit

    Municipality.objects.create(name="Benchkommun", kommunkod="0999", population=60000)
    common = {"valid_from": dt.date(2019, 1, 1), "lft": 0, "rght": 0, "tree_id": 0, "level": 0}
    kf = Unit.objects.create(kind="kf", name="KF", short_name="KF", ansvarskod="100", **common)
    bodies = [Unit(parent=kf, kind="ks", name="KS", short_name="KS", ansvarskod="1000", **common)]
    bodies += [
        Unit(parent=kf, kind="namnd", name=f"Nämnd {n}", short_name=f"N{n}",
             ansvarskod=f"{n + 1}000", **common)
        for n in range(1, NAMNDER + 1)
    ]  # fmt: skip
    Unit.objects.bulk_create(bodies)
    units = [
        Unit(parent=body, kind="forvaltning" if i == 0 else "enhet", name=f"{body.name} {i}",
             short_name=f"{body.short_name} {i}", ansvarskod=f"{body.ansvarskod[:-3]}{i + 1:03d}",
             **common)
        for body in bodies[1:]
        for i in range(UNITS_PER_NAMND - 1)
    ]  # fmt: skip
    # Enheter sit under their nämnd's förvaltning, as the organisation allows.
    forvaltningar = {u.parent.pk: u for u in units if u.kind == "forvaltning"}
    Unit.objects.bulk_create([u for u in units if u.kind == "forvaltning"])
    for unit in units:
        if unit.kind == "enhet":
            unit.parent = forvaltningar[unit.parent.pk]
    Unit.objects.bulk_create([u for u in units if u.kind == "enhet"])
    Unit.objects.rebuild()
    return [code for code in Unit.objects.values_list("ansvarskod", flat=True) if code != "100"]


def write_file(path: Path, rows: int, codes: list[str], seed: int, shift: int = 0) -> None:
    """``rows`` rows spread evenly over the months, streamed to ``path`` in Windows-1252."""
    rng = random.Random(seed)
    account_codes, weights = accounts(random.Random(1))
    per_month = rows // len(MONTHS)
    with path.open("w", encoding="cp1252", newline="") as out:
        out.write("År-mån;Ansvar;Konto;Projekt;Belopp\r\n")
        for index, month in enumerate(MONTHS):
            count = per_month + (1 if index < rows % len(MONTHS) else 0)
            picked = rng.choices(account_codes, weights, k=count)
            for account in picked:
                project = rng.choice(PROJECTS) if account[0] == "1" else ""
                cents = rng.randint(-5_000_000, 250_000_000) + shift
                sign = "-" if cents < 0 or account[0] in "38" else ""
                kronor, ore = divmod(abs(cents), 100)
                amount = f"{sign}{kronor:,}".replace(",", " ") + f",{ore:02d}"
                out.write(
                    f"{YEAR}-{month:02d};{rng.choice(codes)};{account};{project};{amount}\r\n"
                )


def copy_same_rows(import_id: int) -> float:
    """Seconds to COPY the rows the import wrote into the same table (rolled back)."""
    from django.db import connection, transaction

    from apps.economy.models import OutcomeRow

    rows = list(
        OutcomeRow.objects.filter(outcome_import_id=import_id).values_list(
            "outcome_import_id", "year", "month", "unit_id", "account", "project", "amount"
        )
    )
    columns = "outcome_import_id, year, month, unit_id, account, project, amount"
    with transaction.atomic():
        OutcomeRow.objects.filter(outcome_import_id=import_id).delete()
        start = time.perf_counter()
        with connection.cursor() as cursor:
            raw = cursor.cursor
            with raw.copy(f"COPY economy_outcomerow ({columns}) FROM STDIN") as copy:
                for row in rows:
                    copy.write_row(row)
        elapsed = time.perf_counter() - start
        transaction.set_rollback(True)
    return elapsed


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rows", type=int, default=200_000, help="rows in the file (200000)")
    args = parser.parse_args()

    with temporary_database(DATABASE_NAME) as vendor, tempfile.TemporaryDirectory() as folder:
        setup_django()
        from django.core.management import call_command
        from django.db import connection

        from apps.accounts.models import RoleAssignment, User
        from apps.economy.models import OutcomeRow
        from apps.economy.services.outcomes import outcome_import

        call_command("migrate", verbosity=0)
        codes = build_organisation()
        ekonom = User.objects.create_user(username="bench-ekonom", password=None)
        RoleAssignment.objects.create(user=ekonom, role="ekonom", unit=None)
        if vendor == "postgresql":
            version = f"{connection.pg_version // 10000}.{connection.pg_version % 10000}"
        else:
            version = connection.Database.sqlite_version
        note(f"outcome_import on {vendor} {version}, {args.rows} rows, {len(codes)} ansvarskoder")

        first, second = Path(folder) / "utfall.csv", Path(folder) / "utfall-rattad.csv"
        start = time.perf_counter()
        write_file(first, args.rows, codes, seed=1)
        write_file(second, args.rows, codes, seed=2, shift=1)
        report("generate_time", time.perf_counter() - start, "s")
        report("file_size", first.stat().st_size / (1024 * 1024), "MB")
        report("rss_before_import", peak_rss_mb(), "MB")

        def run(path: Path):
            content = path.read_bytes()
            started = time.perf_counter()
            record = outcome_import(actor=ekonom, year=YEAR, content=content,
                                    file_name=path.name, reason="Bench")  # fmt: skip
            return record, time.perf_counter() - started

        record, seconds = run(first)
        report("import_rows", record.row_count, "rows")
        report("import_seconds", seconds, "s")
        report("import_rows_per_second", round(record.row_count / seconds), "rows/s")
        report("peak_rss", peak_rss_mb(), "MB")

        replacement, replace_seconds = run(second)
        assert OutcomeRow.objects.count() == replacement.row_count  # replaced, not doubled
        report("reimport_seconds", replace_seconds, "s")
        report("reimport_rows_per_second", round(replacement.row_count / replace_seconds),
               "rows/s")  # fmt: skip
        report("peak_rss_after_reimport", peak_rss_mb(), "MB")
        if vendor == "postgresql":
            copy_seconds = copy_same_rows(replacement.pk)
            report("copy_seconds", copy_seconds, "s")
            report("import_vs_copy", seconds / copy_seconds, "ratio")
        total = Decimal(replacement.total)
        note(f"sum of the second file's amounts: {total} kr")


if __name__ == "__main__":
    main()
