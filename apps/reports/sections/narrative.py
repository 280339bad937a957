"""The förvaltningsberättelse's written text: R15's headings in the årsredovisning, R17's in
the delårsrapport, each heading's text beside the figures the application computes for it;
the nämnder's and bolagens verksamhetsberättelser; the conclusion on god ekonomisk
hushållning; the dates the report was prepared and treated. (The nämnder's and bolagens
verksamhetsberättelser: body_reports.py.)"""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from apps.reports.content import BuildContext, Section

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
    OVERVIEW: _("Overview of the development of operations"),
    GROUP: _("The municipal group"),
    CONDITIONS: _("Important conditions for result and financial position"),
    EVENTS: _("Events of material importance"),
    GOVERNANCE: _("Governance and follow-up of the own operations and of other organisations"),
    GOOD_MANAGEMENT: _("Good financial management and financial position"),
    BALANCE_REQUIREMENT: _("Balance requirement result"),
    PERSONNEL: _("Material personnel conditions"),
    OUTLOOK: _("Expected development"),
}


def heading(ctx: BuildContext, key: str, material: list[Section | None]) -> Section | None:
    """One heading of the förvaltningsberättelse with the computed material under it."""
    present = [section for section in material if section is not None]
    if not present:
        return None
    return Section(
        key=f"fb-{key}",
        title=str(TITLES[key]),
        template="reports/pdf/sections/group.html",
        children=present,
    )


def good_management_conclusion(ctx: BuildContext) -> Section | None:
    """The conclusion on god ekonomisk hushållning by the kommun's rule, with the ekonom's
    written assessment."""
    return None


def treatment(ctx: BuildContext) -> Section | None:
    """When the report was prepared and treated by KS and KF; the auditors' statement."""
    return None
