"""Economy test data straight into the tables; tests of the rules use the services."""

from __future__ import annotations

import datetime as dt
from contextlib import contextmanager
from decimal import Decimal

import factory

from tests.factories import _PeriodRowMixin


class BudgetYearFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "economy.BudgetYear"
        django_get_or_create = ["year"]

    year = 2026
    tax_revenue = Decimal("1650000000.00")
    general_grants = Decimal("420000000.00")
    tax_rate = Decimal("22.21")
    population = 15400


class BudgetDecisionFactory(factory.django.DjangoModelFactory):
    """A decided frame budget unless told otherwise."""

    class Meta:
        model = "economy.BudgetDecision"

    budget_year = factory.SubFactory(BudgetYearFactory)
    kind = "frame"
    title = factory.LazyAttribute(lambda d: f"Budget {d.budget_year.year}")
    decided_on = factory.LazyAttribute(lambda d: dt.date(d.budget_year.year - 1, 6, 15))
    paragraph = "§ 87"
    state = factory.LazyAttribute(lambda d: "decided" if d.decided_on else "draft")


class InvestmentProjectFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "economy.InvestmentProject"

    code = factory.Sequence(lambda n: f"P{n:04d}")
    name = factory.Sequence(lambda n: f"Projekt {n}")
    decided_total = Decimal("10000000.00")
    first_year = 2026
    last_year = 2027
    status = "ongoing"


@contextmanager
def budget_writable(*decisions):
    """Test data for decided budget decisions, written as if before the decision.

    The database refuses appropriations of a decided decision (economy migration 0005).
    """
    from apps.economy.models import BudgetDecision

    decided = [d.pk for d in decisions if d is not None and d.state == "decided"]
    BudgetDecision.objects.filter(pk__in=decided).update(state="draft")
    try:
        yield
    finally:
        BudgetDecision.objects.filter(pk__in=decided).update(state="decided")


class AppropriationFactory(factory.django.DjangoModelFactory):
    """An operating frame for the budget year unless told otherwise."""

    class Meta:
        model = "economy.Appropriation"

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        with budget_writable(kwargs.get("decision")):
            return super()._create(model_class, *args, **kwargs)

    decision = factory.SubFactory(BudgetDecisionFactory)
    kind = "operations"
    year = factory.LazyAttribute(lambda a: a.decision.budget_year.year)
    amount = Decimal("100000000.00")


# --- Forecasts, booked outcome and decided detaljbudgetar (helper C1) ----------------------


class ForecastFactory(_PeriodRowMixin, factory.django.DjangoModelFactory):
    """A body's full-year forecast, written even into a closed period (as before the close)."""

    class Meta:
        model = "economy.Forecast"

    amount = Decimal("100000000.00")
    comment = ""
    version = 1
    # unit and period are required: pass them.


class InvestmentForecastFactory(_PeriodRowMixin, factory.django.DjangoModelFactory):
    class Meta:
        model = "economy.InvestmentForecast"

    year_amount = Decimal("5000000.00")
    total_amount = Decimal("10000000.00")
    comment = ""
    # project and period are required: pass them.


def book_outcome(entries, *, year: int = 2026, account: str = "4010", project: str = ""):
    """Outcome rows as an import would leave them: ``entries`` are (unit, month, amount).
    Written as if before any period of the year was closed (closed months are locked)."""
    from apps.periods.models import ReportingPeriod
    from tests.factories import writable

    entries = list(entries)
    with writable(*ReportingPeriod.objects.filter(year=year, state="closed")):
        return _book(entries, year=year, account=account, project=project)


def _book(entries, *, year, account, project):
    from apps.economy.models import OutcomeImport, OutcomeRow

    batch = OutcomeImport.objects.create(
        year=year, file_name="test.csv", checksum=f"{len(entries):064d}",
        first_month=min(month for _unit, month, _amount in entries),
        last_month=max(month for _unit, month, _amount in entries),
        row_count=len(entries), total=sum(Decimal(a) for _u, _m, a in entries),
    )  # fmt: skip
    OutcomeRow.objects.bulk_create(
        OutcomeRow(outcome_import=batch, year=year, month=month, unit=unit, account=account,
                   project=project, amount=Decimal(amount))
        for unit, month, amount in entries
    )  # fmt: skip
    return batch


def decided_detail_budget(body, lines: dict, *, year: int = 2026):
    """A detaljbudget of ``body`` with ``lines`` ({unit: amount}), decided."""
    from apps.economy.models import DetailBudget, DetailBudgetLine

    detail = DetailBudget.objects.create(unit=body, year=year)
    DetailBudgetLine.objects.bulk_create(
        DetailBudgetLine(detail_budget=detail, unit=unit, amount=Decimal(amount))
        for unit, amount in lines.items()
    )
    DetailBudget.objects.filter(pk=detail.pk).update(
        state="decided", decided_on=dt.date(year - 1, 11, 20)
    )
    detail.refresh_from_db()
    return detail


# --- The chart of accounts, ledger rows, the balance requirement, financial goals (helper C2)


class StatementLineFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "economy.StatementLine"
        django_get_or_create = ["key"]

    statement = "income"
    key = factory.Sequence(lambda n: f"line_{n}")
    name = factory.LazyAttribute(lambda line: line.key)
    order = factory.Sequence(lambda n: n)


class AccountMappingFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "economy.AccountMapping"
        django_get_or_create = ["prefix"]

    name = factory.LazyAttribute(lambda mapping: f"Konto {mapping.prefix}")
    is_realisation_gain = False
    # prefix and line are required: pass them.


# The lines and prefixes the statements and key figures compute from, as Kommun-Bas maps them
# (apps/economy/kommun_bas.py ships the full chart; these rows are its core, made sure of here
# because a test that flushes the database takes the data migration's rows with it).
CHART_LINES = (
    ("income", "operating_income", "Verksamhetens intäkter", 10, ("3",)),
    ("income", "operating_costs", "Verksamhetens kostnader", 20, ("4", "5", "6", "7")),
    ("income", "depreciation", "Avskrivningar", 30, ("78",)),
    ("income", "tax_revenue", "Skatteintäkter", 40, ("80",)),
    ("income", "general_grants", "Generella statsbidrag och utjämning", 50, ("82",)),
    ("income", "financial_income", "Finansiella intäkter", 60, ("84",)),
    ("income", "financial_costs", "Finansiella kostnader", 70, ("85",)),
    ("balance", "br_land_buildings", "Mark, byggnader och tekniska anläggningar", 20, ("11",)),
    ("balance", "br_receivables", "Fordringar", 60, ("15", "16", "17")),
    ("balance", "br_cash", "Kassa och bank", 80, ("19",)),
    ("balance", "br_equity", "Eget kapital", 90, ("20",)),
    ("balance", "br_long_term_liabilities", "Långfristiga skulder", 110, ("23",)),
    ("balance", "br_current_liabilities", "Kortfristiga skulder", 120, ("24", "25", "29")),
)
REALISATION_GAIN_PREFIX = "38"


def kommun_bas_chart() -> None:
    """Make sure the core Kommun-Bas lines and prefixes exist (account group 38 holds the
    realisation gains)."""
    for statement, key, name, order, prefixes in CHART_LINES:
        line = StatementLineFactory(statement=statement, key=key, name=name, order=order)
        for prefix in prefixes:
            AccountMappingFactory(prefix=prefix, line=line)
    AccountMappingFactory(
        prefix=REALISATION_GAIN_PREFIX,
        line=StatementLineFactory(key="operating_income"),
        is_realisation_gain=True,
    )


def book_rows(rows, *, year: int = 2026, unit):
    """Ledger rows as an import would leave them: ``rows`` are (month, account, amount) or
    (month, account, amount, project), all booked on ``unit``."""
    from apps.economy.models import OutcomeImport, OutcomeRow

    rows = [(*row, "")[:4] for row in rows]
    batch = OutcomeImport.objects.create(
        year=year, file_name="huvudbok.csv", checksum=f"{year}{len(rows):060d}",
        first_month=min(r[0] for r in rows), last_month=max(r[0] for r in rows),
        row_count=len(rows), total=sum((Decimal(r[2]) for r in rows), Decimal(0)),
    )  # fmt: skip
    OutcomeRow.objects.bulk_create(
        OutcomeRow(outcome_import=batch, year=year, month=month, unit=unit, account=account,
                   project=project, amount=Decimal(amount))
        for month, account, amount, project in rows
    )  # fmt: skip
    return batch


class BalanceRequirementAdjustmentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "economy.BalanceRequirementAdjustment"

    year = 2026
    kind = "rur_use"
    amount = Decimal("1000000.00")
    description = "Användning av RUR"


class FinancialGoalLinkFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "economy.FinancialGoalLink"

    figure = "result_share"
    comparison = "gte"
    threshold = Decimal("2.00")
    # goal is required: pass it.


# --- Budget med plan through the services (helper B) -----------------------------------------


def frame_budget(*, actor, year: int, frames: dict, decided: bool = True, **assumptions):
    """``year``'s frame budget with ``frames`` ({body: kronor} for the budget year), built
    through the services as the ekonom would, and decided by KF unless told otherwise."""
    from apps.economy.services import budget as services

    budget_year = services.budget_year_create(
        actor=actor, year=year, reason="Skatteprognos april", **assumptions
    )
    decision = services.budget_decision_create(
        actor=actor,
        budget_year=budget_year,
        kind="frame",
        title=f"Budget {year} med plan {year + 1}–{year + 2}",
        reason="Förslag till budgetberedningen",
    )
    services.appropriations_save(
        actor=actor,
        decision=decision,
        operations={(body, year): Decimal(amount) for body, amount in frames.items()},
        reason="Ramar",
    )
    if decided:
        decision = services.budget_decision_decide(
            actor=actor,
            decision=decision,
            decided_on=dt.date(year - 1, 6, 15),
            paragraph="§ 87",
            reason="KF:s beslut",
        )
    return decision


def example_year(org, *, year: int = 2026) -> None:
    """A small kommun's ledger, budget and forecasts, computed by hand in
    tests/economy/test_statements.py and test_keyfigures.py (amounts in million kronor there).

    The year January–April: revenue 40 + realisation gains 2, costs 130 of which depreciation
    8, tax revenue 120, grants 30, financial income 1 and costs 3: result 52. Investments on
    two projects 20 + 10. The previous year January–April: result 50, net cost 92, tax and
    grants 144; the whole previous year: net cost 228, tax and grants 434. Frames 395 (one
    tilläggsanslag of 5 included), forecasts deviating by +5 and −2.
    """
    from apps.economy.models import AppropriationKind
    from tests.factories import ReportingPeriodFactory

    m = 1_000_000
    kommun_bas_chart()
    book_rows(
        [
            (0, "1110", 500 * m), (0, "1910", 50 * m), (0, "2010", -300 * m),
            (0, "2310", -200 * m), (0, "2510", -50 * m),
            (1, "3010", -40 * m), (2, "3810", -2 * m), (2, "5010", 100 * m),
            (3, "4010", 30 * m), (4, "7810", 8 * m), (1, "8010", -120 * m),
            (3, "8210", -30 * m), (4, "8410", -1 * m), (4, "8510", 3 * m),
            (2, "1110", 20 * m, "P1"), (3, "1120", 10 * m, "P2"), (4, "1910", 22 * m),
            # May is after the period and counts for nothing in it.
            (5, "5010", 25 * m), (5, "1910", -25 * m),
        ],
        year=year, unit=org.forvaltning_a,
    )  # fmt: skip
    book_rows(
        [
            (0, "1110", 480 * m), (0, "1910", 40 * m), (0, "2010", -280 * m),
            (0, "2310", -190 * m), (0, "2510", -50 * m),
            (1, "3010", -38 * m), (2, "5010", 95 * m), (3, "4010", 27 * m),
            (4, "7810", 8 * m), (1, "8010", -114 * m), (3, "8210", -30 * m),
            (4, "8510", 2 * m), (4, "1910", 50 * m),
            (9, "5010", 200 * m), (9, "3010", -80 * m), (9, "8010", -230 * m),
            (9, "8210", -60 * m), (12, "7810", 16 * m), (12, "1910", 154 * m),
        ],
        year=year - 1, unit=org.forvaltning_a,
    )  # fmt: skip
    budget_year = BudgetYearFactory(
        year=year, tax_revenue=Decimal(360 * m), general_grants=Decimal(90 * m),
        depreciation=Decimal(24 * m), financial_income=Decimal(3 * m),
        financial_costs=Decimal(9 * m),
    )  # fmt: skip
    frame = BudgetDecisionFactory(budget_year=budget_year)
    for unit, amount in ((org.ks, 100), (org.namnd_a, 150), (org.namnd_b, 140)):
        AppropriationFactory(decision=frame, unit=unit, amount=Decimal(amount * m))
    addition = BudgetDecisionFactory(
        budget_year=budget_year, kind="additional", title="Tilläggsanslag",
        decided_on=dt.date(year, 3, 20),
    )  # fmt: skip
    AppropriationFactory(decision=addition, unit=org.namnd_a, amount=Decimal(5 * m))
    p1 = InvestmentProjectFactory(code="P1", unit=org.namnd_a)
    p2 = InvestmentProjectFactory(code="P2", unit=org.namnd_b)
    for project, amount in ((p1, 50), (p2, 40)):
        AppropriationFactory(
            decision=frame, unit=project.unit, project=project,
            kind=AppropriationKind.INVESTMENT, amount=Decimal(amount * m),
        )  # fmt: skip
    period = ReportingPeriodFactory(year=year)  # Tertial 1, open
    ForecastFactory(unit=org.namnd_a, period=period, amount=Decimal(160 * m))
    ForecastFactory(unit=org.namnd_b, period=period, amount=Decimal(138 * m))
    InvestmentForecastFactory(project=p1, period=period, year_amount=Decimal(60 * m))
