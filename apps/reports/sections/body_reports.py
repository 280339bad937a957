"""Each nämnd's and bolag's verksamhetsberättelse (viktiga händelser, måluppfyllelse i
korthet, ekonomi, framtid), written in its follow-up, gathered with the body's figures."""

from __future__ import annotations

from apps.reports.content import BuildContext, Section


def body_reports(ctx: BuildContext) -> Section | None:
    """The kommun's report: every body's section; a nämnd's report: its own."""
    return None
