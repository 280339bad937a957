"""The demo kommun's delårsrapport and årsredovisning laid out: pages, seconds, and what the
layout checker (tests/reports/layout.py) finds in them.

Runs against a database that holds the demo (``manage.py seed_demo``), e.g.

    DATABASE_URL=sqlite:////tmp/demo.sqlite3 python bench/report_layout.py

For each report it prints the seconds to build the content, to lay it out (WeasyPrint's
layout) and to write the PDF, the pages (and how many are landscape), the charts drawn and
the references to an earlier chart, and the counts of tables or cells running past the page
box and of headings left at a page's bottom (each listed below its count).
"""

from __future__ import annotations

import argparse
import logging
import time

from _common import note, report, setup_django

REPORTS = [("delarsrapport", 2026), ("arsredovisning", 2025)]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--unit", metavar="ANSVARSKOD", help="a body's reports instead")
    args = parser.parse_args()
    setup_django()
    logging.getLogger("weasyprint").setLevel(logging.ERROR)

    from apps.organisation.models import Unit
    from apps.periods.models import ReportingPeriod
    from apps.reports import document as documents
    from apps.reports import render
    from apps.reports.content import ReportKind
    from apps.reports.management.commands.generate_report import PERIOD_OF_KIND
    from tests.reports import layout

    unit = Unit.objects.get(ansvarskod=args.unit) if args.unit else None
    for kind_name, year in REPORTS:
        kind = ReportKind(kind_name)
        period = (
            ReportingPeriod.objects.filter(year=year, kind=PERIOD_OF_KIND[kind])
            .order_by("ends_on")
            .last()
        )
        if period is None:
            note(f"{kind_name} {year}: no period (is the demo seeded?)")
            continue
        name = f"{kind_name}_{year}"
        started = time.perf_counter()
        document = documents.build_document(kind=kind, period=period, unit=unit)
        built = time.perf_counter()
        html = render.render_html(document)
        laid_out = render.layout_html(html)
        drawn = time.perf_counter()
        render.write_pdf(laid_out)
        written = time.perf_counter()
        report(f"{name}.build", built - started, "s")
        report(f"{name}.layout", drawn - built, "s")
        report(f"{name}.write", written - drawn, "s")
        sizes = layout.page_sizes(laid_out)
        report(f"{name}.pages", len(sizes))
        report(f"{name}.landscape_pages", sum(1 for w, h in sizes if w > h))
        report(f"{name}.charts", html.count("<svg"))
        report(f"{name}.chart_references", html.count('class="chart-reference"'))
        overflowing = layout.overflowing_boxes(laid_out)
        stranded = layout.stranded_headings(laid_out)
        report(f"{name}.overflowing_boxes", len(overflowing))
        for line in overflowing[:20]:
            note(line)
        report(f"{name}.stranded_headings", len(stranded))
        for line in stranded[:20]:
            note(line)


if __name__ == "__main__":
    main()
