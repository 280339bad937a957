"""What a report says, built from the data once and then drawn twice: as a PDF and as Excel.

A report is a ``ReportDocument``: the cover's facts and a list of ``Section``s. A section has
a title (it goes into the table of contents), a template that draws its body in the PDF,
free data for that template, and ``Table``s. Every table is drawn in the PDF by the same
partial, and a table with a ``sheet`` name is also an Excel sheet, so the PDF and the
workbook show the same figures because they are the same rows.

Builders (``apps/reports/sections/``) are plain functions ``build(context) -> Section | None``
that read through the apps' selectors; ``None`` leaves a section out (nothing to report, or
not part of this report's scope).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from enum import StrEnum
from functools import cached_property
from typing import Any, TypeVar

from django.db import models
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext_lazy as _

from apps.organisation.models import Municipality, Unit
from apps.periods.models import ReportingPeriod
from styrmodell.lib import xlsx
from styrmodell.lib.richtext import plain_text, sanitise

T = TypeVar("T")


class RichText(str):
    """Stored rich text (a nulägesbeskrivning, a plan's section) in a table cell or a
    section's data: drawn in the PDF as the formatted text it is, written to Excel as plain
    text, never as markup."""

    @property
    def html(self) -> SafeString:
        # Sanitised again on the way out: rows saved before the sanitiser, or plain text
        # with blank lines, come out as the same small set of tags.
        return mark_safe(sanitise(self))

    @property
    def text(self) -> str:
        return plain_text(self)


def formatted(html: str) -> SafeString:
    """Stored rich text for a section's template: sanitised, marked safe to draw."""
    return RichText(html or "").html


class ColumnKind(StrEnum):
    TEXT = "text"
    KR = "kr"  # an amount in kronor: tkr with one decimal in the PDF, whole kronor in Excel
    PERCENT = "percent"  # a value already in per cent: "12,5 %"
    NUMBER = "number"  # a plain number with the column's decimals
    DATE = "date"


@dataclass(frozen=True)
class Col:
    header: str  # without unit: the renderers add "tkr" / "kr" to KR columns
    kind: ColumnKind = ColumnKind.TEXT
    decimals: int = 1  # NUMBER and PERCENT


@dataclass
class Table:
    """Rows of plain values (str, Decimal, int, date, None) under typed columns."""

    key: str  # unique in the document, e.g. "drift"
    title: str  # the caption above the table in the PDF
    columns: Sequence[Col]
    rows: list[Sequence[object]]
    total: Sequence[object] | None = None
    sheet: str | None = None  # set: also an Excel sheet with this name (at most 31 chars)
    note: str = ""  # a line below the table (source, what a sign means)
    # Rows to draw in bold as subtotals (indices into rows), e.g. "Verksamhetens nettokostnad"
    emphasised: frozenset[int] = frozenset()

    def to_sheet(self) -> xlsx.Sheet:
        columns = [_excel_column(c) for c in self.columns]
        return xlsx.Sheet(
            title=self.sheet or self.title,
            columns=columns,
            rows=[[_excel_value(v) for v in row] for row in self.rows],
            total_row=list(self.total) if self.total is not None else None,
        )


def _excel_value(value: object) -> object:
    return value.text if isinstance(value, RichText) else value


def _excel_column(column: Col) -> xlsx.Column:
    if column.kind == ColumnKind.KR:
        return xlsx.Column(f"{column.header}, kr", xlsx.AMOUNT_FORMAT)
    if column.kind == ColumnKind.PERCENT:
        return xlsx.Column(f"{column.header}, %", "0." + "0" * column.decimals)
    if column.kind == ColumnKind.NUMBER:
        return xlsx.Column(
            column.header, "#,##0" + ("." + "0" * column.decimals if column.decimals else "")
        )
    if column.kind == ColumnKind.DATE:
        return xlsx.Column(column.header, xlsx.DATE_FORMAT)
    return xlsx.Column(column.header)


@dataclass
class Section:
    key: str  # unique in the document; the PDF's anchor
    title: str
    template: str = "reports/pdf/sections/tables.html"  # draws the body
    data: Any = None  # whatever the template needs besides the tables
    tables: list[Table] = field(default_factory=list)
    children: list[Section] = field(default_factory=list)  # subsections, also in the contents
    intro: str = ""  # a paragraph under the heading


class ReportKind(models.TextChoices):
    BUDGET_FOLLOWUP = "budgetuppfoljning", _("Budget follow-up")
    INTERIM = "delarsrapport", _("Interim report")
    ANNUAL = "arsredovisning", _("Annual report")


@dataclass
class BuildContext:
    """What every builder gets: the report's kind, period and scope (None: the kommun)."""

    kind: ReportKind
    period: ReportingPeriod
    unit: Unit | None
    municipality: Municipality | None

    @property
    def year(self) -> int:
        return self.period.year

    @property
    def through_month(self) -> int:
        return self.period.ends_on.month

    @property
    def is_kommun(self) -> bool:
        return self.unit is None

    @cached_property
    def shared(self) -> dict[str, Any]:
        """A cache builders may share (e.g. the goal rows the summary and goal section use)."""
        return {}

    def once(self, key: str, compute: Callable[[], T]) -> T:
        """``compute()`` once per report under ``key`` ("module:what"): every builder that
        asks for the same read gets the same object, so they print the same figures."""
        if key not in self.shared:
            self.shared[key] = compute()
        return self.shared[key]


Builder = Callable[[BuildContext], "Section | None"]


@dataclass
class ReportDocument:
    kind: ReportKind
    period: ReportingPeriod
    unit: Unit | None
    municipality_name: str
    title: str  # "Delårsrapport 2026"
    subtitle: str  # "Januari–augusti" / the nämnd's name
    recipient: str  # "Kommunfullmäktige" / "Barn- och utbildningsnämnden"
    status: str  # the decision status on the cover
    logo: bytes | None
    logo_type: str  # "image/svg+xml", "image/png"
    sections: list[Section]
    # The kommun's report: when it was prepared and treated by KS and KF (ReportTreatment)
    treatment: Any = None

    def all_sections(self) -> Iterator[tuple[int, Section]]:
        """Every section with its depth (1 for the top level), in reading order."""

        def walk(sections: list[Section], depth: int) -> Iterator[tuple[int, Section]]:
            for section in sections:
                yield depth, section
                yield from walk(section.children, depth + 1)

        yield from walk(self.sections, 1)

    def tables(self) -> list[Table]:
        return [table for _depth, section in self.all_sections() for table in section.tables]

    def table(self, key: str) -> Table:
        for table in self.tables():
            if table.key == key:
                return table
        raise KeyError(key)

    def sheets(self) -> list[xlsx.Sheet]:
        return [table.to_sheet() for table in self.tables() if table.sheet]

    def fingerprint(self) -> str:
        """SHA-256 of what the report says (titles, texts and figures), not of its bytes.

        The PDF and the workbook carry their creation time; two generations from the same
        data have the same fingerprint, which is how a closed period's report is shown to be
        reproducible.
        """
        payload = {
            "title": self.title,
            "subtitle": self.subtitle,
            "recipient": self.recipient,
            "status": self.status,
            "treatment": _treatment_facts(self.treatment),
            "sections": [
                {
                    "depth": depth,
                    "key": section.key,
                    "title": section.title,
                    "intro": section.intro,
                    "data": section.data,
                    "tables": [
                        {
                            "title": t.title,
                            "columns": [c.header for c in t.columns],
                            "rows": t.rows,
                            "total": t.total,
                        }
                        for t in section.tables
                    ],
                }
                for depth, section in self.all_sections()
            ],
        }
        text = json.dumps(payload, default=_json_value, sort_keys=True, ensure_ascii=False)
        return hashlib.sha256(text.encode()).hexdigest()


def _treatment_facts(treatment: Any) -> dict[str, object] | None:
    """The treatment's dates and paragraphs, so that entering them changes the fingerprint."""
    if treatment is None:
        return None
    return {name: getattr(treatment, name) for name in treatment.FACTS}


def _json_value(value: object) -> object:
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, dt.date):
        return value.isoformat()
    if hasattr(value, "pk"):  # a model instance in a section's data
        return f"{type(value).__name__}:{value.pk}"
    if hasattr(value, "__dict__"):
        return {k: v for k, v in vars(value).items() if not k.startswith("_")}
    if isinstance(value, (set, frozenset, tuple)):
        return list(value)
    return str(value)
