"""Väsentliga personalförhållanden: antal anställda, årsarbetare and sjukfrånvaro with the
breakdown LKBR 11 kap. requires."""

from __future__ import annotations

from apps.reports.content import BuildContext, Section


def personnel(ctx: BuildContext) -> Section | None:
    return None
