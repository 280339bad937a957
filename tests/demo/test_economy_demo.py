"""The demo's economy: budget med plan, outcomes imported from the shipped files, forecasts
and Socialnämnden's deficit with its åtgärdsplan; the files regenerate byte for byte."""

from __future__ import annotations

import json
from collections import defaultdict
from decimal import Decimal
from io import StringIO

import pytest
from django.apps import apps
from django.core.management import CommandError, call_command
from django.db.models import Q, Sum

from apps.demo import economy_data, economy_files, loader
from apps.economy import keyfigures, selectors, statements
from apps.economy.action_plans import action_plan_states
from apps.economy.models import (
    Appropriation,
    BudgetDecision,
    DetailBudget,
    Forecast,
    InvestmentForecast,
    InvestmentProject,
    OutcomeImport,
    OutcomeRow,
)
from apps.followup.models import ActionPlan
from apps.organisation.models import Unit
from apps.periods.models import ReportingPeriod

BILLION = Decimal(1_000_000_000)
GROSS_COST = Q(account__regex=r"^[4-7]")


@pytest.fixture
def seeded(db) -> None:
    call_command("seed_demo", stdout=StringIO())


def period(year: int, name: str) -> ReportingPeriod:
    return ReportingPeriod.objects.get(year=year, name=name)


def body(ansvarskod: str) -> Unit:
    return Unit.objects.get(ansvarskod=ansvarskod, valid_to=None)


# --- The generated ledger (no database) ---------------------------------------------------


def test_the_generator_reproduces_the_shipped_files_byte_for_byte():
    assert economy_files.differing_files() == []
    names = {path.name for path in economy_files.FILES_DIR.iterdir()} - {"README.md"}
    assert names == {f.name for f in economy_files.FILES}


def test_the_command_writes_the_same_files_and_checks_them(tmp_path):
    call_command("demo_outcome_files", "--directory", str(tmp_path), stdout=StringIO())
    for outcome_file in economy_files.FILES:
        written = (tmp_path / outcome_file.name).read_bytes()
        assert written == economy_files.content_of(outcome_file), outcome_file.name
    out = StringIO()
    call_command("demo_outcome_files", "--check", stdout=out)
    assert "up to date" in out.getvalue()
    (tmp_path / "utfall_2026-05.csv").write_bytes(b"Period;Ansvar;Konto;Belopp\r\n")
    with pytest.raises(CommandError, match=r"utfall_2026-05\.csv"):
        call_command("demo_outcome_files", "--check", "--directory", str(tmp_path))


def test_the_files_are_in_the_formats_the_readme_promises():
    kinds = {}
    for outcome_file in economy_files.FILES:
        content = economy_files.content_of(outcome_file)
        if outcome_file.is_xlsx:
            kinds[outcome_file.name] = "xlsx" if content.startswith(b"PK\x03\x04") else "?"
        elif content.startswith(b"\xef\xbb\xbf"):
            kinds[outcome_file.name] = "utf-8-sig"
        else:
            content.decode("cp1252")
            with pytest.raises(UnicodeDecodeError):
                content.decode("utf-8")  # Swedish letters in Windows-1252
            kinds[outcome_file.name] = "cp1252"
        if not outcome_file.is_xlsx:
            header = content.decode(outcome_file.encoding).splitlines()[0]
            assert header == "Period;Ansvar;Konto;Kontonamn;Projekt;Belopp"
    assert kinds["utfall_2026-01_2026-04.csv"] == "cp1252"
    assert kinds["utfall_2026-05.csv"] == "utf-8-sig"
    assert kinds["utfall_2026-08.xlsx"] == "xlsx"
    total = sum(len(economy_files.content_of(f)) for f in economy_files.FILES)
    assert total < 500_000


@pytest.mark.parametrize("year", [2025, 2026])
def test_every_month_of_the_ledger_balances_and_the_year_costs_about_two_billion(year):
    by_month: dict[int, Decimal] = defaultdict(Decimal)
    gross = Decimal(0)
    for month, _ansvar, account, _project, amount in economy_files.ledger(year):
        by_month[month] += amount
        if account[0] in "4567" and month > 0:
            gross += amount
    assert set(by_month) == set(range(13))
    assert all(total == 0 for total in by_month.values())
    assert Decimal("1.9") * BILLION <= gross <= Decimal("2.1") * BILLION


def test_the_detail_budgets_sum_to_the_frames_and_the_frames_to_the_budgeted_result():
    frames_2026 = {code: economy_data.mnkr(a[0]) for code, a in
                   economy_data.FRAME_DECISIONS[1]["frames"].items()}  # fmt: skip
    for code in economy_data.BODIES:
        first = sum(economy_loader_lines(code, revised=False).values())
        revised = sum(economy_loader_lines(code, revised=True).values())
        assert first == frames_2026[code], code
        extra = economy_data.mnkr(economy_data.ADDITIONAL_APPROPRIATION["frames"].get(code, "0"))
        assert revised == frames_2026[code] + extra, code
    assumptions = economy_data.BUDGET_YEARS[2026]
    revenue = economy_data.mnkr(assumptions["tax_revenue"]) + economy_data.mnkr(
        assumptions["general_grants"]
    )
    result = revenue - sum(frames_2026.values())
    assert result / revenue > Decimal("0.02")  # 2.2 % before the tilläggsanslag


def economy_loader_lines(code: str, *, revised: bool) -> dict[str, Decimal]:
    from apps.demo.economy_loader import detail_budget_lines

    return detail_budget_lines(code, revised=revised)


# --- The shipped files through the command ------------------------------------------------


def test_the_shipped_files_import_cleanly_with_the_command(db):
    admin = loader.load_users()
    loader.load_municipality(admin)
    loader.load_organisation(admin)
    for outcome_file in economy_files.FILES:
        out = StringIO()
        call_command(
            "import_outcome",
            str(economy_files.FILES_DIR / outcome_file.name),
            "--year",
            str(outcome_file.year),
            stdout=out,
        )
        rows = economy_files.rows_of(outcome_file)
        assert f"rows: {len(rows)}" in out.getvalue(), outcome_file.name
    assert OutcomeImport.objects.count() == len(economy_files.FILES)
    assert OutcomeRow.objects.count() == sum(
        len(economy_files.rows_of(f)) for f in economy_files.FILES
    )
    assert statements.balance_sheet(2026, 8).balances


# --- The loaded demo ----------------------------------------------------------------------


def test_the_budget(seeded):
    budgets = selectors.operating_budgets(2026)
    bodies = {u.ansvarskod for u in Unit.objects.filter(pk__in=budgets)}
    assert bodies == set(economy_data.BODIES)
    assert len(bodies) == 8
    sn = body("3000")
    assert budgets[sn.pk].original == economy_data.mnkr("730")
    assert budgets[sn.pk].changes == economy_data.mnkr("6")
    assert sum(b.current for b in budgets.values()) == economy_data.mnkr("1810")
    # The plan years are in 2026's decision, and are not 2028's budget until 2028's is decided.
    plan_years = Appropriation.objects.filter(
        decision__budget_year__year=2026, decision__kind="frame", kind="operations"
    )
    assert set(plan_years.filter(year=2028).values_list("unit_id", flat=True)) == set(budgets)
    assert selectors.operating_budgets(2028) == {}

    decisions = BudgetDecision.objects.filter(budget_year__year=2026)
    assert sorted(decisions.values_list("kind", "state")) == [
        ("additional", "decided"),
        ("frame", "decided"),
    ]
    frame = decisions.get(kind="frame")
    assert frame.decided_on.isoformat() == "2025-06-16"
    assert frame.decided_by.kind == "kf"

    assert InvestmentProject.objects.count() == 20
    assert InvestmentProject.objects.values("unit").distinct().count() >= 6
    assert set(InvestmentProject.objects.values_list("status", flat=True)) == {
        "planned", "ongoing", "paused", "finished"
    }  # fmt: skip
    assert len(selectors.investment_budgets(2026)) == 20

    for code in ("2000", "3000"):
        detail = DetailBudget.objects.get(unit=body(code), year=2026)
        assert detail.state == "decided"
        lines = detail.lines.aggregate(total=Sum("amount"))["total"]
        assert lines == budgets[detail.unit_id].current
    assert DetailBudget.objects.get(unit=sn).decided_on.isoformat() == "2026-04-22"


def test_the_outcomes_are_imported_for_january_to_august(seeded):
    months = set(OutcomeRow.objects.filter(year=2026).values_list("month", flat=True))
    assert months == set(range(0, 9))
    history = OutcomeImport.objects.filter(year=2026, replaced_by=None)
    assert history.count() == 6
    assert set(history.values_list("imported_by__username", flat=True)) == {"ekonom"}
    assert history.filter(file_name="utfall_2026-08.xlsx", first_month=8).exists()
    assert set(OutcomeRow.objects.filter(year=2025).values_list("month", flat=True)) == set(
        range(0, 13)
    )
    gross_2025 = OutcomeRow.objects.filter(GROSS_COST, year=2025, month__gte=1).aggregate(
        total=Sum("amount")
    )["total"]
    assert Decimal("1.9") * BILLION <= gross_2025 <= Decimal("2.1") * BILLION


def test_the_statements_look_like_a_kommuns(seeded):
    t2 = period(2026, "Tertial 2")
    figures = keyfigures.key_figures(t2)
    share = figures.figures["result_share"]
    assert Decimal("1") <= share.outcome <= Decimal("2.5")
    assert Decimal("1") <= share.forecast <= Decimal("2")
    assert figures.figures["net_cost_growth"].outcome is not None
    assert figures.figures["self_financing"].outcome is not None
    sheet = statements.balance_sheet(2026, 8)
    assert sheet.balances
    assert sheet.total_assets.closing > 2 * BILLION
    assert sheet.check.opening == 0
    assert statements.balance_sheet(2025, 12).balances


def test_the_forecasts_and_the_deficit(seeded):
    t1, t2 = period(2026, "Tertial 1"), period(2026, "Tertial 2")
    budgets = selectors.operating_budgets(2026)
    for p in (t1, t2):
        assert Forecast.objects.filter(period=p).count() == 8
    sn = body("3000")
    t1_sn, t2_sn = (Forecast.objects.get(unit=sn, period=p) for p in (t1, t2))
    deficit_t1 = t1_sn.amount - budgets[sn.pk].current
    deficit_t2 = t2_sn.amount - budgets[sn.pk].current
    assert deficit_t2 == economy_data.mnkr("18")
    assert 0 < deficit_t1 < deficit_t2
    assert (t1_sn.deficit_handled, t2_sn.deficit_handled) == (True, False)
    others = Forecast.objects.filter(period=t2).exclude(unit=sn)
    deviations = [budgets[f.unit_id].current - f.amount for f in others]
    assert any(d > 0 for d in deviations) and any(d < 0 for d in deviations)
    assert all(abs(d) <= economy_data.mnkr("5") for d in deviations)
    # A deficit only Socialnämnden cannot handle: only it needs an åtgärdsplan.
    unhandled = [f for f in Forecast.objects.filter(period=t2) if not f.deficit_handled
                 and f.amount > budgets[f.unit_id].current]  # fmt: skip
    assert [f.unit for f in unhandled] == [sn]

    plan = ActionPlan.objects.get(cause="deficit")
    assert (plan.unit, plan.period) == (sn, t2)
    assert plan.decided_on > t2.ends_on and plan.decided_by == sn
    assert 2 <= plan.measures.count() <= 3
    assert all(m.due_on > t2.ends_on for m in plan.measures.all())
    # The plan answers the deficit in the data; its measures leave a gap it states.
    state = action_plan_states([plan])[plan.pk]
    assert plan.deficit == deficit_t2 == state.current_deficit
    assert (state.effects, state.gap) == (economy_data.mnkr("7.5"), economy_data.mnkr("10.5"))
    assert not state.flag

    investment = InvestmentForecast.objects.filter(period=t2).select_related("project")
    assert investment.count() >= 15
    over = {f.project.code for f in investment if f.total_amount > f.project.decided_total}
    assert len(over) == 2


def economy_counts() -> dict[str, int]:
    models = [m for m in apps.get_models() if m._meta.app_label in ("economy", "followup")]
    return {m._meta.label: m.objects.count() for m in models}


def test_a_second_run_changes_nothing_in_the_economy(seeded):
    before = economy_counts()
    rows = json.dumps(list(OutcomeRow.objects.order_by("pk").values_list("pk", "amount")),
                      default=str)  # fmt: skip
    call_command("seed_demo", stdout=StringIO())
    assert economy_counts() == before
    after = json.dumps(list(OutcomeRow.objects.order_by("pk").values_list("pk", "amount")),
                       default=str)  # fmt: skip
    assert after == rows
