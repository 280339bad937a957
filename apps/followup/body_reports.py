"""Reads of the nämnder's and bolagen's verksamhetsberättelser (``BodyReport``): the one the
follow-up page shows, the set a report gathers, the bodies' goal fulfilment counts beside
them and a berättelse's history. Each runs a fixed number of queries whatever the number of
bodies."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from decimal import Decimal
from typing import TYPE_CHECKING

from django.utils.text import Truncator

from apps.core.history import HistoryEntry, fields_named, history_entries, history_records
from apps.followup.models import BodyReport, GoalStatus
from apps.goals.models import DecidedBy, SteeringModel
from apps.goals.selectors import goals_in_year, period_statuses
from styrmodell.lib.richtext import plain_text

if TYPE_CHECKING:
    from apps.accounts.access import UserAccess
    from apps.organisation.models import Unit
    from apps.periods.models import ReportingPeriod

# The order a status is counted and shown in: met first, not assessed last.
STATUS_ORDER = (GoalStatus.MET, GoalStatus.PARTLY_MET, GoalStatus.NOT_MET, GoalStatus.NOT_ASSESSED)


def body_report(*, period: ReportingPeriod, unit: Unit) -> BodyReport | None:
    """``unit``'s verksamhetsberättelse for ``period``, if one was saved: one query."""
    return BodyReport.objects.filter(period=period, unit=unit).first()


def body_reports(*, period: ReportingPeriod, bodies: Sequence[Unit]) -> dict[int, BodyReport]:
    """The verksamhetsberättelser ``bodies`` saved for ``period``, by body id: one query."""
    if not bodies:
        return {}
    rows = BodyReport.objects.filter(period=period, unit_id__in=[b.pk for b in bodies])
    return {row.unit_id: row for row in rows}


@dataclass
class GoalCounts:
    """How many goals of one kind (a body's own; the KF's verksamhetsmål or the financial
    goals, ``apps.economy.good_management``) have each status in a period."""

    counts: Counter = field(default_factory=Counter)

    @property
    def total(self) -> int:
        return sum(self.counts.values())

    def achieved(self, *, partly_counts: bool) -> int:
        partly = self.counts[GoalStatus.PARTLY_MET] if partly_counts else 0
        return self.counts[GoalStatus.MET] + partly

    def share(self, *, partly_counts: bool) -> Decimal | None:
        """The share achieved in per cent of all the goals (not assessed ones included)."""
        if not self.total:
            return None
        achieved = Decimal(self.achieved(partly_counts=partly_counts))
        return (achieved * 100 / self.total).quantize(Decimal("0.1"))

    def of(self, status: str) -> int:
        return self.counts[status]

    def in_order(self) -> list[tuple[str, str, int]]:
        """(status, its label, count) in ``STATUS_ORDER``."""
        return [(s, str(GoalStatus(s).label), self.counts[s]) for s in STATUS_ORDER]


def body_goal_counts(
    *, period: ReportingPeriod, bodies: Sequence[Unit], reader: UserAccess | None = None
) -> dict[int, GoalCounts]:
    """Each body's own goals in ``period``'s year counted by their status in the period, as
    the goal tree and the reports count them (``goals.selectors.period_statuses``; a reader
    sees what they may read, None: everything, for a report). Every body of ``bodies`` gets
    an entry. Two queries and the computed statuses' providers; none without bodies."""
    result = {body.pk: GoalCounts() for body in bodies}
    if not bodies:
        return result
    model = SteeringModel.objects.filter(is_active=True).first()
    if model is None:
        return result
    goals = list(
        goals_in_year(model, period.year).filter(
            owner_id__in=list(result), level__decided_by=DecidedBy.BODY
        )
    )
    statuses = period_statuses(goals=goals, period=period, reader=reader)
    for goal in goals:
        result[goal.owner_id].counts[statuses[goal.pk].status] += 1
    return result


def body_report_history(report: BodyReport | None) -> list[HistoryEntry]:
    """The berättelse's history, newest first, each change's texts as plain text: one
    query."""
    if report is None:
        return []
    records = history_records(report)
    fields = fields_named(BodyReport, set(BodyReport.TEXT_FIELDS))
    entries = history_entries(records, fields, {})
    entries.reverse()
    return [
        replace(
            entry,
            changes=[
                replace(change, old=_shortened(change.old), new=_shortened(change.new))
                for change in entry.changes
            ],
        )
        for entry in entries
    ]


def _shortened(html: str) -> str:
    """A stored text as the history table shows it: plain, its first 40 words."""
    if html in ("", "–"):
        return html
    return Truncator(plain_text(html).strip()).words(40)
