"""One truth (issue 13): for every period of the demo kommun, the balance check of its
report, the driftredovisning against the resultaträkning, and the goal tree's counts
against the report's.

Seeds the demo into a throw-away database (as ``make run`` would) and prints, per period
with a report, one ``name: value unit`` line per figure (tkr, as printed in the report):

- ``<period> br_<column>_assets`` / ``_equity`` (eget kapital, the period's result included)
  / ``_provisions`` / ``_liabilities`` / ``_difference``, for the columns ``closing`` (the
  period's end), ``opening`` (the year's opening balance) and ``year_before`` (the same date
  a year earlier): the report's balansräkning as its
  Excel sheet prints it, each side summed from its printed rows ("varav" rows are parts and
  not added; a difference of 0 means tillgångar = eget kapital + avsättningar + skulder);
- ``<period> drift_total`` and ``rr_net_operating_cost`` (and their ``difference``): the
  driftredovisning's total outcome against the RR's verksamhetens nettokostnad;
- ``<period> goals_<reader>_tree`` and ``goals_report``: the KF goals per status
  (uppfyllt / delvis / ej uppfyllt / ej bedömt) in the goal tree for that period, read by a
  politician (closed periods only: they read no open follow-up) and by an ekonom, and in the
  report; ``goals_<reader>_equal`` says whether they agree.

    python bench/one_truth.py
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres python bench/one_truth.py

With a PostgreSQL DATABASE_URL it runs in a new database ``bench_one_truth`` on that server;
otherwise in a temporary SQLite file. Either is dropped at the end. Nothing is asserted: the
checks themselves are tests/invariants/.
"""

from __future__ import annotations

import argparse
import os
import tempfile
from decimal import Decimal

from _common import BASE_DIR, note, report, setup_django, temporary_database

DATABASE_NAME = "bench_one_truth"
STATUSES = ("met", "partly", "not_met", "not_assessed")


def tkr(amount: Decimal | None) -> str:
    if amount is None:
        return "–"
    return f"{amount / 1000:.1f}"


def balance_figures(sheet) -> dict[str, dict[str, Decimal]]:
    """Per column: the printed assets total and the other side summed by kind."""
    from tests.invariants import outputs
    from tests.invariants.cases import EQUITY, LIABILITIES, PROVISIONS

    figures = {}
    for column in outputs.numeric_columns(sheet):
        sides = {"assets": Decimal(0), "equity": Decimal(0), "provisions": Decimal(0),
                 "liabilities": Decimal(0)}  # fmt: skip
        after_assets = False
        for label, values in sheet.rows:
            amount = values[column] if column < len(values) else None
            text = outputs.normalise_label(label)
            if outputs.is_total(label) and "tillgång" in text and not after_assets:
                sides["assets"] = amount or Decimal(0)
                after_assets = True
                continue
            if not after_assets or outputs.is_total(label) or outputs.is_part_of(label):
                continue
            if text.startswith(("differens", "difference")):
                continue
            for side, words in (("equity", EQUITY), ("provisions", PROVISIONS),
                                ("liabilities", LIABILITIES)):  # fmt: skip
                if any(w in text for w in words):
                    sides[side] += amount or Decimal(0)
                    break
        sides["difference"] = sides["assets"] - (
            sides["equity"] + sides["provisions"] + sides["liabilities"]
        )
        figures[column] = sides
    return figures


# The balansräkning's columns by what they hold, as the figures' names say it.
BALANCE_COLUMNS = {"outcome": "closing", "opening": "opening", "previous": "year_before"}


def main() -> None:
    argparse.ArgumentParser(description=__doc__.splitlines()[0]).parse_args()
    with (
        temporary_database(DATABASE_NAME) as vendor,
        tempfile.TemporaryDirectory(prefix="one-truth-media-") as media,
    ):
        os.environ["MEDIA_ROOT"] = media  # the demo's logo and documents, not the repository's
        setup_django()
        from django.core.management import call_command
        from django.test import override_settings
        from django.test.utils import setup_test_environment
        from django.utils import translation

        from apps.demo.loader import load_demo
        from apps.organisation.models import Unit
        from tests.invariants.cases import (
            columns_by_concept,
            report_counts,
            tree_counts,
        )
        from tests.invariants.kommun import Kommun

        note(f"database: {vendor}; repository: {BASE_DIR}")
        call_command("migrate", verbosity=0)
        load_demo()
        setup_test_environment()
        translation.activate("sv")
        kommun = Kommun("Exempelkommun")
        council = Unit.objects.get(kind="kf", valid_to=None)
        with override_settings(ALLOWED_HOSTS=["testserver"]):
            for key in kommun.reported_periods():
                period = kommun.period(key)
                name = f"{key}"
                note(f"{period} ({period.get_state_display()}): {kommun.document(key).title}")
                sheet = kommun.sheet(key, "balansrakning")
                if sheet is None:
                    note(f"{key}: the report has no balansräkning")
                else:
                    concepts = {i: c for c, i in columns_by_concept(sheet, period.year).items()}
                    for column, sides in balance_figures(sheet).items():
                        label = BALANCE_COLUMNS.get(concepts.get(column, ""), f"column{column}")
                        note(f"{name} br_{label}: {sheet.headers[column]}")
                        for side, amount in sides.items():
                            report(f"{name} br_{label}_{side}", tkr(amount), "tkr")
                drift = kommun.sheet(key, "drift")
                income = kommun.sheet(key, "resultatrakning")
                if drift is not None and income is not None:
                    outcome = columns_by_concept(drift, period.year).get("outcome")
                    rr_outcome = columns_by_concept(income, period.year).get("outcome")
                    total = drift.rows[-1][1][outcome] if outcome is not None else None
                    row = income.row("verksamhetens nettokostnad", "net operating cost")
                    net = -row[rr_outcome] if row and row[rr_outcome] is not None else None
                    report(f"{name} drift_total", tkr(total), "tkr")
                    report(f"{name} rr_net_operating_cost", tkr(net), "tkr")
                    if total is not None and net is not None:
                        report(f"{name} drift_minus_rr_difference", tkr(total - net), "tkr")
                counted = report_counts(kommun, key, {council.name, council.short_name})
                report(f"{name} goals_report", " / ".join(str(counted[s]) for s in STATUSES))
                for reader in ("politiker", "ekonom"):
                    if reader == "politiker" and period.state != "closed":
                        continue
                    url = f"/mal/?ar={period.year}&period={period.pk}"
                    tree = tree_counts(kommun.page(url, reader), council.short_name)
                    report(
                        f"{name} goals_{reader}_tree",
                        " / ".join(str(tree.get(s, 0)) for s in STATUSES),
                    )
                    report(f"{name} goals_{reader}_equal", str(tree == counted).lower())
        note("goals are counted uppfyllt / delvis uppfyllt / ej uppfyllt / ej bedömt")


if __name__ == "__main__":
    main()
