"""The kommunal koncern in the reports: the bolag with ownership, result and forecast; the
sammanställd redovisning (consolidated resultaträkning, balansräkning, kassaflödesanalys)."""

from __future__ import annotations

from apps.reports.content import BuildContext, Section


def group_overview(ctx: BuildContext) -> Section | None:
    """The bolag of the koncern: ownership share, result to date and (delårsrapport) full-year
    forecast."""
    return None


def statements(ctx: BuildContext) -> Section | None:
    """The sammanställd redovisning: consolidated RR, BR and kassaflödesanalys."""
    return None
