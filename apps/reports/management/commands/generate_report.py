"""python manage.py generate_report --kind KIND --year YYYY [--unit ANSVARSKOD]
--format {pdf,xlsx} --out PATH

Renders one report synchronously through the same service as the workers
(apps.reports.services.report_render) and writes it to PATH; nothing is stored in the
database. The period is the year's period of the report's kind (tertial 1, tertial 2 or
bokslut).
"""

from __future__ import annotations

from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from apps.organisation.models import Unit
from apps.periods.models import ReportingPeriod
from apps.reports.content import ReportKind
from apps.reports.document import PERIOD_OF_KIND
from apps.reports.services import report_render


class Command(BaseCommand):
    help = "Renders a report (budgetuppföljning, delårsrapport, årsredovisning) to a file."

    def add_arguments(self, parser) -> None:
        parser.add_argument("--kind", required=True, choices=[k.value for k in ReportKind])
        parser.add_argument("--year", type=int, required=True)
        parser.add_argument("--unit", metavar="ANSVARSKOD", help="a body's report")
        parser.add_argument("--format", dest="fmt", choices=["pdf", "xlsx"], default="pdf")
        parser.add_argument("--out", required=True, help="the file to write")

    def handle(self, *args, **options) -> None:
        kind = ReportKind(options["kind"])
        period = (
            ReportingPeriod.objects.filter(year=options["year"], kind=PERIOD_OF_KIND[kind])
            .order_by("ends_on")
            .last()
        )
        if period is None:
            raise CommandError(
                f"No {PERIOD_OF_KIND[kind].label} period in {options['year']} for a {kind} report"
            )
        unit = None
        if options["unit"]:
            unit = Unit.objects.filter(ansvarskod=options["unit"]).first()
            if unit is None:
                raise CommandError(f"No unit with ansvarskod {options['unit']!r}")
        try:
            data, pages = report_render(kind=kind, period=period, unit=unit, fmt=options["fmt"])
        except ValidationError as error:
            raise CommandError(" ".join(error.messages)) from None
        out = Path(options["out"])
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_bytes(data)
        pages_text = f", {pages} pages" if pages is not None else ""
        self.stdout.write(f"Wrote {out} ({len(data)} bytes{pages_text})")
