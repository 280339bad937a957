"""The förvaltningsberättelse's written text: R15's headings in the årsredovisning, R17's in
the delårsrapport, each heading's text beside the figures the application computes for it;
the nämnder's and bolagens verksamhetsberättelser; the conclusion on god ekonomisk
hushållning; the dates the report was prepared and treated. (The nämnder's and bolagens
verksamhetsberättelser: body_reports.py.)"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import TYPE_CHECKING

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from apps.economy.good_management import GoodManagementConclusion, conclusion
from apps.economy.models import GoodManagementRule
from apps.followup.body_reports import STATUS_ORDER
from apps.followup.models import GoalStatus
from apps.periods.models import PeriodState
from apps.reports.content import (
    BuildContext,
    Col,
    ColumnKind,
    ReportKind,
    RichText,
    Section,
    Table,
)
from styrmodell.lib.formats import format_date, format_percent
from styrmodell.lib.richtext import plain_text

if TYPE_CHECKING:
    from apps.reports.models import ReportTreatment

# R15's headings (R17 uses a subset), in the order the report prints them.
OVERVIEW = "oversikt"
GROUP = "koncernen"
CONDITIONS = "forhallanden"
EVENTS = "handelser"
GOVERNANCE = "styrning"
GOOD_MANAGEMENT = "hushallning"
BALANCE_REQUIREMENT = "balanskrav"
PERSONNEL = "personal"
OUTLOOK = "forvantad-utveckling"

TITLES = {
    OVERVIEW: gettext_lazy("Overview of the development of operations"),
    GROUP: gettext_lazy("The municipal group"),
    CONDITIONS: gettext_lazy("Important conditions for result and financial position"),
    EVENTS: gettext_lazy("Events of material importance"),
    GOVERNANCE: gettext_lazy(
        "Governance and follow-up of the own operations and of other organisations"
    ),
    GOOD_MANAGEMENT: gettext_lazy("Good financial management and financial position"),
    BALANCE_REQUIREMENT: gettext_lazy("Balance requirement result"),
    PERSONNEL: gettext_lazy("Material personnel conditions"),
    OUTLOOK: gettext_lazy("Expected development"),
}


CONCLUSION_KEY = "fb-hushallning-slutsats"
TEMPLATES = "reports/pdf/sections/"


@dataclass(frozen=True)
class WrittenText:
    """A heading's text as the report prints it: the formatted text, or in an open period's
    proposal a visible "Text saknas" while none is written (a closed period's report without
    a text prints the material alone)."""

    text: RichText
    missing: bool  # draw the draft marker

    @property
    def is_shown(self) -> bool:
        return bool(self.text) or self.missing


def _texts(ctx: BuildContext) -> dict:
    # Imported here: the texts' model takes its heading choices from this module.
    from apps.reports.texts import period_texts

    return ctx.once("narrative:texts", lambda: period_texts(ctx.period))


def written_text(ctx: BuildContext, key: str) -> WrittenText:
    """The kommun's text for heading ``key`` in the report's period (one query per report)."""
    stored = _texts(ctx).get(key)
    text = stored.text if stored is not None and plain_text(stored.text).strip() else ""
    return WrittenText(
        text=RichText(text), missing=not text and ctx.period.state != PeriodState.CLOSED
    )


def heading(ctx: BuildContext, key: str, material: list[Section | None]) -> Section | None:
    """One heading of the förvaltningsberättelse: the written text first, then the computed
    material as its subsections. Only the kommun's report has the texts; a nämnd's report
    prints the material alone. Under god ekonomisk hushållning the conclusion carries the
    text (the ekonom's assessment beside the computed conclusion), so it is not repeated."""
    present = [section for section in material if section is not None]
    written = written_text(ctx, key) if ctx.is_kommun else WrittenText(RichText(""), False)
    if key == GOOD_MANAGEMENT and any(s.key == CONCLUSION_KEY for s in present):
        written = WrittenText(RichText(""), False)
    if not present and not written.is_shown:
        return None
    return Section(
        key=f"fb-{key}",
        title=str(TITLES[key]),
        template=TEMPLATES + "narrative_heading.html",
        data={"text": written.text, "missing": written.missing},
        children=present,
    )


def overview_text(ctx: BuildContext) -> Section | None:
    """The budgetuppföljning's overview text, first in its summary (no material: the summary
    holds it)."""
    if not ctx.is_kommun:
        return None
    written = written_text(ctx, OVERVIEW)
    if not written.is_shown:
        return None
    return Section(
        key=f"fb-{OVERVIEW}",
        title=str(TITLES[OVERVIEW]),
        template=TEMPLATES + "narrative_heading.html",
        data={"text": written.text, "missing": written.missing},
    )


# --- God ekonomisk hushållning -----------------------------------------------------------


def _percent(value: Decimal | None) -> str:
    return "–" if value is None else format_percent(value)


def rule_in_words(rule: GoodManagementRule) -> str:
    """ "Mer än 50,0 % av fullmäktiges verksamhetsmål ska vara uppfyllda eller delvis
    uppfyllda och samtliga finansiella mål uppfyllda." """
    if rule.counts_partly_met:
        goals = _(
            "More than %(share)s of the council's operational goals are to be met or partly met"
        )
    else:
        goals = _("More than %(share)s of the council's operational goals are to be met")
    goals = goals % {"share": _percent(rule.min_goal_share)}
    if rule.all_financial_goals:
        financial = _("every financial goal is to be met")
    elif rule.min_financial_share is not None:
        financial = _("at least %(share)s of the financial goals are to be met") % {
            "share": _percent(rule.min_financial_share)
        }
    else:
        financial = _("the financial goals are not part of the rule")
    sentence = _("%(goals)s, and %(financial)s.") % {"goals": goals, "financial": financial}
    if rule.decided_on:
        decided = _("Decided by the municipal council on %(date)s") % {
            "date": format_date(rule.decided_on)
        }
        if rule.paragraph:
            decided = f"{decided}, {rule.paragraph}"
        sentence = f"{sentence} {decided}."
    return sentence


def conclusion_sentence(found: GoodManagementConclusion) -> str:
    if found.is_forecast:
        if found.achieved:
            return _("The municipality is expected to achieve good financial management.")
        return _("The municipality is not expected to achieve good financial management.")
    if found.achieved:
        return _("The municipality has good financial management.")
    return _("The municipality does not have good financial management.")


def _count_row(label: str, count, share: Decimal | None, holds: bool | None) -> list[object]:
    return [
        label,
        *(count.counts[status] for status in STATUS_ORDER),
        count.total,
        share,
        "" if holds is None else (_("Yes") if holds else _("No")),
    ]


def good_management_conclusion(ctx: BuildContext) -> Section | None:
    """The conclusion on god ekonomisk hushållning by the kommun's rule, with the ekonom's
    written assessment (the heading's text)."""
    if not ctx.is_kommun or ctx.kind == ReportKind.BUDGET_FOLLOWUP:
        return None
    found = conclusion(ctx.period)
    written = written_text(ctx, GOOD_MANAGEMENT)
    data = {
        "has_rule": found.rule is not None,
        "rule": "",
        "conclusion": "",
        "text": written.text,
        "missing": written.missing,
    }
    tables = []
    if found.rule is not None:
        data["rule"] = rule_in_words(found.rule)
        if found.rule.text:
            data["rule_text"] = RichText(found.rule.text)
        data["conclusion"] = conclusion_sentence(found)
        tables.append(
            Table(
                key="hushallning-slutsats",
                title=_("Goals counted for good financial management, %(period)s")
                % {"period": ctx.period},
                columns=[
                    Col(_("Goals")),
                    *(Col(str(GoalStatus(s).label), ColumnKind.NUMBER, 0) for s in STATUS_ORDER),
                    Col(_("Total"), ColumnKind.NUMBER, 0),
                    Col(_("Share counted as met"), ColumnKind.PERCENT),
                    Col(_("Rule fulfilled")),
                ],
                rows=[
                    _count_row(
                        _("Operational goals of the municipal council"),
                        found.goals,
                        found.goal_share,
                        found.goals_hold,
                    ),
                    _count_row(
                        _("Financial goals"),
                        found.financial,
                        found.financial_share,
                        found.financial_hold,
                    ),
                ],
                sheet=_("Good financial management"),
                note=_(
                    "Status as assessed by each goal's owner in the period, or computed from "
                    "its key figure; a goal without an assessment counts as not assessed."
                ),
            )
        )
    return Section(
        key=CONCLUSION_KEY,
        title=_("Conclusion on good financial management"),
        template=TEMPLATES + "narrative_conclusion.html",
        data=data,
        tables=tables,
    )


# --- The report's treatment --------------------------------------------------------------


def treatment_of(ctx: BuildContext) -> ReportTreatment | None:
    """The period's treatment dates, read once per report: the cover and the last section
    print them."""
    from apps.reports.texts import period_treatment

    return ctx.once("narrative:treatment", lambda: period_treatment(ctx.period))


def treatment(ctx: BuildContext) -> Section | None:
    """When the report was prepared and treated by KS and KF; the auditors' statement."""
    if not ctx.is_kommun:
        return None
    found = treatment_of(ctx)
    if found is None or found.is_empty:
        return None
    rows: list[list[object]] = []
    if found.prepared_on:
        rows.append([_("Prepared"), found.prepared_on, ""])
    if found.ks_treated_on or found.ks_paragraph:
        rows.append([_("Treated by the executive board"), found.ks_treated_on, found.ks_paragraph])
    if found.kf_treated_on or found.kf_paragraph:
        rows.append(
            [_("Treated by the municipal council"), found.kf_treated_on, found.kf_paragraph]
        )
    if found.auditors_statement_reference:
        rows.append([_("Auditors' statement"), None, found.auditors_statement_reference])
    return Section(
        key="behandling",
        title=_("Treatment of the report"),
        tables=[
            Table(
                key="behandling",
                title=_("Preparation and treatment"),
                columns=[Col(_("Step")), Col(_("Date"), ColumnKind.DATE), Col(_("Reference"))],
                rows=rows,
            )
        ],
    )
