"""The notes to the resultaträkning and balansräkning, the redovisningsprinciper, and the
pension obligations (avsättning and ansvarsförbindelse; soliditet with and without)."""

from __future__ import annotations

from apps.reports.content import BuildContext, Section


def references(ctx: BuildContext) -> dict[str, int]:
    """{statement line key: note number} for the notes this report prints."""
    return {}


def pensions(ctx: BuildContext) -> Section | None:
    return None


def notes(ctx: BuildContext) -> Section | None:
    """Redovisningsprinciper and the numbered notes."""
    return None
