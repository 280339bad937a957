"""The year's reports of a large kommun: the kommun-wide delårsrapport and the nämnd batch.

Builds the large kommun of the goal-chain benchmark (``goal_tree.build``: ``--nodes`` goals,
indicators, uppdrag and assessments over three years with three follow-ups a year) plus a
small ledger, in a throw-away database. Then renders the kommun's delårsrapport as a PDF
through the reports service and prints its pages, seconds, seconds per page and memory, the
seconds WeasyPrint alone takes for the same HTML and the ratio of the two; then the batch
of every nämnd's report with one worker process and with two.

    python bench/report.py [--nodes 20000] [--workers 2]
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres python bench/report.py

With a PostgreSQL DATABASE_URL it runs in a new database ``bench_report`` on that server;
otherwise in a temporary SQLite file. Either is dropped at the end.
"""

from __future__ import annotations

import argparse
import multiprocessing
import os
import time
from decimal import Decimal

from _common import (
    allocated_peak_mb,
    note,
    peak_rss_mb,
    report,
    setup_django,
    temporary_database,
)

DATABASE_NAME = "bench_report"


def seconds(name: str, value: float) -> None:
    """Seconds with three decimals: the small parts would read 0.0 otherwise."""
    report(name, f"{value:.3f}", "s")


MONTHS = 8  # the delårsrapport runs to the end of August


def book_ledger(year: int) -> int:
    """A small ledger: each unit below KF books income and costs for January to August,
    and KS the tax revenue. Returns the rows booked."""
    from apps.economy.models import OutcomeImport, OutcomeRow
    from apps.organisation.models import Unit
    from apps.periods.models import ReportingPeriod

    # The Kommun-Bas lines and mappings come with the migrations (apps/economy/kommun_bas.py).
    units = list(Unit.objects.exclude(kind="kf").order_by("pk"))
    ks = next(u for u in units if u.kind == "ks")
    rows = []
    for i, unit in enumerate(units):
        for month in range(1, MONTHS + 1):
            rows.append((month, unit, "3010", Decimal(-(200_000 + 1_000 * i))))
            rows.append((month, unit, "5010", Decimal(900_000 + 5_000 * i)))
    for month in range(1, MONTHS + 1):
        rows.append((month, ks, "8010", Decimal(-40_000_000)))
    # The database refuses outcome in a closed period's months: booked as if before the close.
    closed = list(
        ReportingPeriod.objects.filter(year=year, state="closed").values_list("pk", flat=True)
    )
    ReportingPeriod.objects.filter(pk__in=closed).update(state="open")
    batch = OutcomeImport.objects.create(
        year=year, file_name="huvudbok.csv", checksum="b" * 64, first_month=1,
        last_month=MONTHS, row_count=len(rows), total=sum((r[3] for r in rows), Decimal(0)),
    )  # fmt: skip
    OutcomeRow.objects.bulk_create(
        OutcomeRow(outcome_import=batch, year=year, month=month, unit=unit, account=account,
                   project="", amount=amount)
        for month, unit, account, amount in rows
    )  # fmt: skip
    ReportingPeriod.objects.filter(pk__in=closed).update(state="closed")
    return len(rows)


def weasyprint_alone(html: str) -> float:
    """Seconds WeasyPrint takes for ``html``, as apps/reports/render.py calls it."""
    from apps.reports.render import pdf_from_html

    start = time.perf_counter()
    pdf_from_html(html)
    return time.perf_counter() - start


def measure_kommun_report(period) -> None:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext
    from django.utils import translation

    from apps.reports import render, services
    from apps.reports.content import ReportKind
    from apps.reports.document import build_document

    kind = ReportKind.INTERIM
    # The whole service once: content, HTML and PDF, as a worker makes it.
    start = time.perf_counter()
    pdf, pages = services.report_render(kind=kind, period=period, unit=None, fmt="pdf")
    total = time.perf_counter() - start
    report("pages", pages, "pages")
    report("pdf_size", len(pdf) / 1024, "kB")
    report("seconds", total, "s")
    seconds("seconds_per_page", total / pages)
    report("peak_rss", peak_rss_mb(), "MB")

    # Its parts: the content (with its SQL queries), the HTML, WeasyPrint on that HTML.
    with translation.override("sv"):
        with CaptureQueriesContext(connection) as queries:
            start = time.perf_counter()
            document = build_document(kind=kind, period=period, unit=None)
            content = time.perf_counter() - start
        start = time.perf_counter()
        html = render.render_html(document)
        html_seconds = time.perf_counter() - start
        seconds("document_seconds", content)
        report("document_queries", len(queries), "queries")
        seconds("html_seconds", html_seconds)
        report("html_size", len(html) / 1024, "kB")
        alone = weasyprint_alone(html)
        report("weasyprint_seconds", alone, "s")
        report("overhead_ratio", total / alone, "ratio")
        report(
            "document_html_alloc_peak",
            allocated_peak_mb(
                lambda: render.render_html(build_document(kind=kind, period=period, unit=None))
            ),
            "MB",
        )


# --- The batch: every body's report, shared by worker processes ---------------------------


def _render_body(job: tuple[int, int]) -> int:
    """In a worker process: one body's PDF, as the Celery task renders it. Returns pages."""
    from apps.organisation.models import Unit
    from apps.periods.models import ReportingPeriod
    from apps.reports import services
    from apps.reports.content import ReportKind

    period_pk, unit_pk = job
    _pdf, pages = services.report_render(
        kind=ReportKind.INTERIM,
        period=ReportingPeriod.objects.get(pk=period_pk),
        unit=Unit.objects.get(pk=unit_pk),
        fmt="pdf",
    )
    return pages


def _close_connections() -> None:
    from django.db import connections

    connections.close_all()  # a forked process must open its own


def batch_seconds(period, workers: int) -> tuple[float, int]:
    """Seconds for every body's report with ``workers`` processes taking the next body as
    they finish one (as Celery workers share a batch); and the pages made."""
    from apps.reports.services import report_bodies

    jobs = [(period.pk, body.pk) for body in report_bodies(period)]
    _close_connections()
    context = multiprocessing.get_context("fork")
    start = time.perf_counter()
    with context.Pool(workers, initializer=_close_connections) as pool:
        pages = sum(pool.imap_unordered(_render_body, jobs, chunksize=1))
    return time.perf_counter() - start, pages


def measure_batch(period, workers: int) -> None:
    from apps.reports.services import report_bodies

    report("batch_reports", len(report_bodies(period)), "reports")
    one, pages = batch_seconds(period, 1)
    report("batch_pages", pages, "pages")
    report("batch_1_worker_seconds", one, "s")
    many, _pages = batch_seconds(period, workers)
    report(f"batch_{workers}_workers_seconds", many, "s")
    report("batch_speedup", one / many, "ratio")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--nodes", type=int, default=20000, help="goals to build (20000)")
    parser.add_argument(
        "--workers", type=int, default=2, help="processes for the second batch run (2)"
    )
    parser.add_argument("--skip-batch", action="store_true", help="only the kommun's report")
    args = parser.parse_args()

    with temporary_database(DATABASE_NAME) as vendor:
        setup_django()
        from django.core.management import call_command
        from django.db import connection, transaction
        from django.utils import timezone
        from goal_tree import build

        from apps.periods.models import ReportingPeriod

        start = time.perf_counter()
        call_command("migrate", verbosity=0)
        migrated = time.perf_counter()
        year = timezone.localdate().year
        built = build(args.nodes, year)
        with transaction.atomic():
            ledger = book_ledger(year)
        done = time.perf_counter()
        if vendor == "postgresql":
            version = f"{connection.pg_version // 10000}.{connection.pg_version % 10000}"
        else:
            version = connection.Database.sqlite_version
        note(f"report on {vendor} {version}, {args.nodes} nodes, year {year}")
        note(f"{os.cpu_count()} CPUs, load average {os.getloadavg()[0]:.1f} at the start")
        for table, count in built.counts.items():
            report(table, count, "rows")
        report("outcome_rows", ledger, "rows")
        report("migrate_time", migrated - start, "s")
        report("build_time", done - migrated, "s")

        period = ReportingPeriod.objects.get(year=year, kind="tertial2")
        note(f"the kommun's delårsrapport of {period}")
        measure_kommun_report(period)
        if not args.skip_batch:
            note(f"every body's delårsrapport, 1 and {args.workers} worker processes")
            measure_batch(period, args.workers)
        report("peak_rss_end", peak_rss_mb(), "MB")


if __name__ == "__main__":
    main()
