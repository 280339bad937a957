"""What a delårsrapport or årsredovisning must have written before its kontroller pass: the
pension administrator's statement, a text under each of the förvaltningsberättelse's headings
and every body's verksamhetsberättelse. Written while the period is open (a closed one's are
read-only in the database)."""

from __future__ import annotations

from decimal import Decimal

from apps.economy.models import PensionStatement
from apps.followup.models import BodyReport
from apps.organisation.models import BODY_KINDS, Unit
from apps.periods.models import ReportingPeriod
from apps.reports.document import KIND_OF_PERIOD, headings_of
from apps.reports.models import ReportText


def written_for_council(period: ReportingPeriod) -> None:
    PensionStatement.objects.create(
        period=period, provision=Decimal(0), contingent_liability=Decimal(0)
    )
    for key in headings_of(KIND_OF_PERIOD[period.kind]):
        ReportText.objects.create(period=period, heading=key, text="<p>Skrivet.</p>")
    for body in Unit.objects.filter(kind__in=BODY_KINDS):
        BodyReport.objects.create(period=period, unit=body, important_events="<p>Skrivet.</p>")
