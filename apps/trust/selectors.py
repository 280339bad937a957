from __future__ import annotations

from django.db.models import OuterRef, Subquery

from apps.organisation.models import Unit
from apps.trust.models import StatusReport, TrustDialogue
from apps.trust.services import REPORTING_KINDS

# When each report last changed, from its history, in the same query as the reports.
_last_change = Subquery(
    StatusReport.history.model.objects.filter(id=OuterRef("pk"))
    .order_by("-history_date")
    .values("history_date")[:1]
)


def trust_overview(year: int) -> dict:
    """The year's nulägesbeskrivningar per reporting unit, each with when it last changed,
    and its dialogues: three queries."""
    units = list(
        Unit.objects.filter(kind__in=REPORTING_KINDS, valid_to__isnull=True).order_by(
            "tree_id", "lft"
        )
    )
    reports = {
        r.unit_id: r
        for r in StatusReport.objects.filter(year=year).annotate(changed_at=_last_change)
    }
    dialogues = list(TrustDialogue.objects.filter(held_on__year=year).prefetch_related("units"))
    return {
        "reports": [(unit, reports.get(unit.pk)) for unit in units],
        "dialogues": dialogues,
    }


def status_report_for(*, unit: Unit, year: int) -> StatusReport | None:
    """The nulägesbeskrivning that ``unit``'s plan for ``year`` builds on: the one written the
    year before, when the plan is drawn up and the nulägesanalys proposes the goals for the
    next period; else, if the unit has none, the one of ``year`` itself (a plan revised
    during its year). None if neither exists. One query."""
    return (
        StatusReport.objects.filter(unit=unit, year__in=(year - 1, year))
        .select_related("unit")
        .order_by("year")
        .first()
    )
