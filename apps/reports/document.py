"""Which sections each of the year's three reports holds, in which order, for the kommun (to
KF) and for a nämnd (to the nämnd). The builders decide themselves what a scope leaves out."""

from __future__ import annotations

from collections.abc import Callable

from django.utils.translation import gettext as _

from apps.organisation.models import Municipality, Unit
from apps.periods.models import PeriodKind, PeriodState, ReportingPeriod
from apps.reports.content import BuildContext, ReportDocument, ReportKind, Section
from apps.reports.sections import (
    agenda,
    body_reports,
    consolidation,
    contributions,
    economy,
    finance,
    goals,
    missions,
    narrative,
    notes,
    personnel,
    trust,
)
from apps.reports.texts import period_treatment
from styrmodell.lib import images
from styrmodell.lib.formats import MONTH_NAMES

# The period kind each report follows.
KIND_OF_PERIOD = {
    PeriodKind.TERTIAL_1: ReportKind.BUDGET_FOLLOWUP,
    PeriodKind.TERTIAL_2: ReportKind.INTERIM,
    PeriodKind.ANNUAL: ReportKind.ANNUAL,
}
PERIOD_OF_KIND = {kind: period for period, kind in KIND_OF_PERIOD.items()}


def _group(key: str, title: str, children: list[Section | None], intro: str = "") -> Section | None:
    present = [child for child in children if child is not None]
    if not present:
        return None
    return Section(key=key, title=title, template="reports/pdf/sections/group.html",
                   children=present, intro=intro)  # fmt: skip


def _followup(ctx: BuildContext) -> list[Section | None]:
    """The period's follow-up as the styrmodell has it: the goals, each body's contribution
    to the KF goals, the grunduppdrag, the uppdrag (their återrapport in the period where the
    model follows them up each period, else their latest status), the sustainability
    aspects and Agenda 2030. A section the model does not use leaves itself out."""
    return [
        goals.goal_fulfilment(ctx),
        contributions.council_goals(ctx),
        missions.basic_missions(ctx),
        missions.assignment_reports(ctx) or goals.assignments(ctx),
        missions.sustainability_aspects(ctx),
        agenda.agenda(ctx),
    ]


# Each report's förvaltningsberättelse: its headings in order, each with the figures the
# application computes for it (the material printed under the heading's written text, and
# shown beside the text on the writing page, apps/reports/text_views.py).
Material = Callable[[BuildContext], list[Section | None]]

ANNUAL_HEADINGS: dict[str, Material] = {
    narrative.OVERVIEW: lambda ctx: [
        finance.multi_year_overview(ctx), goals.operations_development(ctx),
    ],
    narrative.GROUP: lambda ctx: [consolidation.group_overview(ctx)],
    narrative.CONDITIONS: lambda ctx: [
        goals.important_conditions(ctx), finance.sensitivity(ctx),
    ],
    narrative.EVENTS: lambda ctx: [goals.key_events(ctx)],
    narrative.GOVERNANCE: lambda ctx: [goals.governance(ctx)],
    narrative.GOOD_MANAGEMENT: lambda ctx: [
        narrative.good_management_conclusion(ctx),
        economy.good_financial_management(ctx),
        notes.pensions(ctx),
    ],
    narrative.BALANCE_REQUIREMENT: lambda ctx: [
        finance.balance_requirement(ctx) or economy.forecast_and_balance_requirement(ctx),
    ],
    narrative.PERSONNEL: lambda ctx: [personnel.personnel(ctx), goals.staff(ctx)],
    narrative.OUTLOOK: lambda ctx: [economy.expected_development(ctx)],
}  # fmt: skip

INTERIM_HEADINGS: dict[str, Material] = {
    narrative.OVERVIEW: lambda ctx: [economy.economy_in_brief(ctx), goals.goal_shares(ctx)],
    narrative.GROUP: lambda ctx: [consolidation.group_overview(ctx)],
    narrative.EVENTS: lambda ctx: [goals.key_events(ctx)],
    narrative.GOOD_MANAGEMENT: lambda ctx: [
        narrative.good_management_conclusion(ctx),
        economy.good_financial_management(ctx),
        notes.pensions(ctx),
    ],
    narrative.BALANCE_REQUIREMENT: lambda ctx: [
        finance.balance_requirement(ctx) or economy.forecast_and_balance_requirement(ctx),
    ],
    narrative.PERSONNEL: lambda ctx: [personnel.personnel(ctx)],
    narrative.OUTLOOK: lambda ctx: [finance.finance_forecast(ctx)],
}  # fmt: skip

# The budgetuppföljning has no förvaltningsberättelse; its summary may carry an overview text.
BUDGET_FOLLOWUP_HEADINGS: dict[str, Material] = {
    narrative.OVERVIEW: lambda ctx: [
        goals.key_events(ctx), economy.economy_in_brief(ctx), goals.goal_shares(ctx),
    ],
}  # fmt: skip

HEADINGS: dict[ReportKind, dict[str, Material]] = {
    ReportKind.ANNUAL: ANNUAL_HEADINGS,
    ReportKind.INTERIM: INTERIM_HEADINGS,
    ReportKind.BUDGET_FOLLOWUP: BUDGET_FOLLOWUP_HEADINGS,
}


def headings_of(kind: ReportKind) -> list[str]:
    """The keys of the headings the kommun's report of ``kind`` has a text for, in order."""
    return list(HEADINGS[kind])


def heading_material(ctx: BuildContext, key: str) -> list[Section | None]:
    """The sections the report prints under heading ``key`` (the same builder calls)."""
    return HEADINGS[ctx.kind][key](ctx)


def _administration_report(ctx: BuildContext) -> list[Section | None]:
    return [
        narrative.heading(ctx, key, material(ctx)) for key, material in HEADINGS[ctx.kind].items()
    ]


def _annual_report(ctx: BuildContext) -> list[Section | None]:
    """The årsredovisning: R15's förvaltningsberättelse, the nämnder's verksamhetsberättelser,
    the follow-up, the räkenskaper with the sammanställd redovisning and the notes."""
    return [
        _group("forvaltningsberattelse", _("Administration report"), _administration_report(ctx)),
        body_reports.body_reports(ctx),
        *_followup(ctx),
        _group(
            "rakenskaper",
            _("Financial statements"),
            [
                economy.income_statement(ctx),
                economy.balance_sheet(ctx),
                economy.cash_flow(ctx),
                economy.operating(ctx),
                finance.finance_forecast(ctx),
                economy.investments(ctx),
                consolidation.statements(ctx),
                notes.notes(ctx),
            ],
        ),
        goals.action_plans(ctx),
        goals.internal_control(ctx),
        trust.analysis(ctx),
        narrative.treatment(ctx),
    ]


def _interim_report(ctx: BuildContext) -> list[Section | None]:
    """The delårsrapport: R17's förenklade förvaltningsberättelse, the nämnder's sections,
    the follow-up and the räkenskaper."""
    return [
        _group(
            "forvaltningsberattelse",
            _("Simplified administration report"),
            _administration_report(ctx),
        ),
        body_reports.body_reports(ctx),
        *_followup(ctx),
        _group(
            "ekonomi",
            _("Economy"),
            [
                economy.operating(ctx),
                economy.investments(ctx),
                economy.income_statement(ctx),
                economy.balance_sheet(ctx),
                consolidation.statements(ctx),
                notes.notes(ctx),
            ],
        ),
        goals.action_plans(ctx),
        goals.internal_control(ctx),
        trust.analysis(ctx),
        narrative.treatment(ctx),
    ]


def _budget_followup(ctx: BuildContext) -> list[Section | None]:
    """The tertial's budgetuppföljning: no förvaltningsberättelse, the economy in brief."""
    return [
        _group(
            "sammanfattning",
            _("Summary"),
            [
                narrative.overview_text(ctx),
                *BUDGET_FOLLOWUP_HEADINGS[narrative.OVERVIEW](ctx),
            ],
        ),
        body_reports.body_reports(ctx),
        *_followup(ctx),
        _group(
            "ekonomi",
            _("Economy"),
            [
                economy.forecast_and_balance_requirement(ctx),
                finance.finance_forecast(ctx),
                economy.good_financial_management(ctx),
                economy.operating(ctx),
                economy.investments(ctx),
                economy.income_statement(ctx),
                economy.balance_sheet(ctx),
            ],
        ),
        goals.action_plans(ctx),
        goals.internal_control(ctx),
        trust.analysis(ctx),
    ]


def _sections(ctx: BuildContext) -> list[Section | None]:
    if ctx.kind == ReportKind.ANNUAL:
        return _annual_report(ctx)
    if ctx.kind == ReportKind.INTERIM:
        return _interim_report(ctx)
    return _budget_followup(ctx)


def months_covered(period: ReportingPeriod) -> str:
    """ "Januari–augusti 2026"."""
    first = MONTH_NAMES[period.starts_on.month - 1]
    last = MONTH_NAMES[period.ends_on.month - 1]
    text = first if first == last else f"{first}–{last}"
    return f"{text[0].upper()}{text[1:]} {period.year}"


def _status(period: ReportingPeriod, unit: Unit | None) -> str:
    body = _("the municipal council") if unit is None else unit.name
    if period.state == PeriodState.CLOSED:
        return _("Final report: the period is closed. To be presented to %(body)s.") % {
            "body": body
        }
    return _("Proposal: the period is still open and figures may change. To %(body)s.") % {
        "body": body
    }


def build_document(
    *, kind: ReportKind, period: ReportingPeriod, unit: Unit | None = None
) -> ReportDocument:
    """The report's content, read from the data in a fixed number of queries."""
    municipality = Municipality.objects.filter(pk=1).first()
    ctx = BuildContext(kind=kind, period=period, unit=unit, municipality=municipality)
    sections = [section for section in _sections(ctx) if section is not None]
    logo, logo_type = _logo(municipality)
    return ReportDocument(
        kind=kind,
        period=period,
        unit=unit,
        municipality_name=municipality.name if municipality else "",
        title=f"{ReportKind(kind).label} {period.year}",
        subtitle=months_covered(period) if unit is None else unit.name,
        recipient=_("The municipal council") if unit is None else unit.name,
        status=_status(period, unit),
        logo=logo,
        logo_type=logo_type,
        sections=sections,
        treatment=period_treatment(period) if unit is None else None,
    )


def _logo(municipality: Municipality | None) -> tuple[bytes | None, str]:
    if municipality is None or not municipality.logo:
        return None, ""
    try:
        with municipality.logo.open("rb") as handle:
            data = handle.read()
    except OSError:  # a logo file lost from the media folder must not stop the report
        return None, ""
    try:
        return data, images.raster_content_type(data)
    except ValueError:
        # An SVG uploaded before only PNG and JPEG were taken: WeasyPrint's fetcher
        # (render.py) lets it load nothing from outside
        if municipality.logo.name.lower().endswith(".svg"):
            return data, "image/svg+xml"
        return None, ""
