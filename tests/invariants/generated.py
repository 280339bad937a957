"""A kommun of another shape than the demo, for the invariants: two nämnder and a bolag
beside KS, units two levels deep, costs booked on KF itself (finansförvaltning, outside
every body), a provisions line, a whole year 2025 closed in three periods and the first
tertial of 2026 open, forecasts with one deficit, KF goals assessed in some periods and not
in others, indicators with values.

    KF (100) ── tax revenue, grants, finance, pension costs (outside every body)
    ├── KS (1000) ── Stadskansliet (1100) ── IT-enheten (1110)
    ├── Omsorgsnämnden (3000) ── Omsorgsförvaltningen (3100) ── Hemtjänst (3110)
    │                                                       └── Boende (3120)
    ├── Bildningsnämnden (2000) ── Bildningsförvaltningen (2100) ── Skolan (2110)
    └── Kommunens Fastighets AB (8000)

The ledger is double-entry: every month's rows sum to zero (the counter-entry is cash), so
a balansräkning drawn from it balances when eget kapital includes the period's result.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from apps.economy.models import AppropriationKind
from apps.goals import services as goal_services
from apps.goals.models import Goal
from apps.periods.models import ReportingPeriod
from tests.economy.factories import (
    AppropriationFactory,
    BudgetDecisionFactory,
    BudgetYearFactory,
    ForecastFactory,
    InvestmentForecastFactory,
    InvestmentProjectFactory,
    book_rows,
    kommun_bas_chart,
)
from tests.factories import (
    AssessmentFactory,
    GoalIndicatorFactory,
    IndicatorFactory,
    IndicatorTargetFactory,
    IndicatorValueFactory,
    MunicipalityFactory,
    ReportingPeriodFactory,
    RoleAssignmentFactory,
    UnitFactory,
    UserFactory,
)

M = 1_000_000
# (year, kind, name, last month, state): the periods in the order they are reported.
PERIODS = (
    (2025, "tertial1", "Tertial 1", 4, "closed"),
    (2025, "tertial2", "Tertial 2", 8, "closed"),
    (2025, "bokslut", "Bokslut", 12, "closed"),
    (2026, "tertial1", "Tertial 1", 4, "open"),
)
# KF goals: title and status per period key ("2025-tertial1" …); a period left out has no
# assessment (the goal assessed in tertial 1 and not in tertial 2 is the point).
KF_GOALS = (
    ("Fler invånare i egen försörjning", {"2025-tertial1": "met", "2025-bokslut": "partly",
                                           "2026-tertial1": "met"}),
    ("En trygg omsorg", {"2025-tertial1": "partly", "2025-tertial2": "not_met",
                         "2025-bokslut": "not_met"}),
    ("Alla elever når målen", {"2025-tertial2": "partly", "2025-bokslut": "met",
                               "2026-tertial1": "not_met"}),
    ("Ett hållbart samhällsbyggande", {}),
)  # fmt: skip


def _unit(parent, kind, name, short, code):
    unit = UnitFactory(parent=parent, kind=kind, name=name, short_name=short, ansvarskod=code)
    return unit


def build() -> dict:
    """The kommun; returns its personas and bodies by name."""
    MunicipalityFactory(name="Generatorkommun")
    kf = _unit(None, "kf", "Kommunfullmäktige", "KF", "100")
    ks = _unit(kf, "ks", "Kommunstyrelsen", "KS", "1000")
    ks_admin = _unit(ks, "forvaltning", "Stadskansliet", "SK", "1100")
    it = _unit(ks_admin, "verksamhet", "IT-enheten", "IT", "1110")
    care = _unit(kf, "namnd", "Omsorgsnämnden", "ON", "3000")
    care_admin = _unit(care, "forvaltning", "Omsorgsförvaltningen", "OF", "3100")
    home = _unit(care_admin, "verksamhet", "Hemtjänst", "HT", "3110")
    housing = _unit(care_admin, "verksamhet", "Boende", "BO", "3120")
    school = _unit(kf, "namnd", "Bildningsnämnden", "BN", "2000")
    school_admin = _unit(school, "forvaltning", "Bildningsförvaltningen", "BF", "2100")
    teaching = _unit(school_admin, "verksamhet", "Skolan", "SKO", "2110")
    company = _unit(kf, "bolag", "Kommunens Fastighets AB", "KFAB", "8000")
    for unit in (kf, ks, ks_admin, it, care, care_admin, home, housing, school, school_admin,
                 teaching, company):  # fmt: skip
        unit.refresh_from_db()

    admin = UserFactory(username="admin", first_name="Admin")
    RoleAssignmentFactory(user=admin, role="administrator", unit=None)
    economist = UserFactory(username="ekonom", first_name="Ekonom")
    RoleAssignmentFactory(user=economist, role="ekonom", unit=None)
    politician = UserFactory(username="politiker", first_name="Politiker")
    RoleAssignmentFactory(user=politician, role="lasare", unit=None)

    periods = {}
    for year, kind, name, month, _state in PERIODS:
        periods[f"{year}-{kind}"] = ReportingPeriodFactory(
            year=year, kind=kind, name=name, starts_on=dt.date(year, 1, 1),
            ends_on=dt.date(year, month, 1) + _month_end(year, month), state="open",
        )  # fmt: skip
    ReportingPeriodFactory(year=2026, kind="tertial2", name="Tertial 2",
                           ends_on=dt.date(2026, 8, 31), state="planned")  # fmt: skip

    kommun_bas_chart()
    projects = _budgets(ks=ks, care=care, school=school)
    _ledger(kf=kf, it=it, home=home, housing=housing, teaching=teaching, company=company,
            projects=projects)  # fmt: skip
    _forecasts(periods, ks=ks, care=care, school=school, projects=projects)
    _goals(periods, admin=admin, kf=kf, care=care)

    for key, (_y, _k, _n, _m, state) in zip(periods, PERIODS, strict=True):
        ReportingPeriod.objects.filter(pk=periods[key].pk).update(state=state)
    return {"kf": kf, "ks": ks, "care": care, "school": school, "company": company}


def _month_end(year: int, month: int) -> dt.timedelta:
    following = dt.date(year + month // 12, month % 12 + 1, 1)
    return following - dt.date(year, month, 1) - dt.timedelta(days=1)


def _budgets(*, ks, care, school) -> dict:
    projects = {
        "P-100": InvestmentProjectFactory(code="P-100", name="Nytt äldreboende", unit=care,
                                          decided_total=Decimal(60 * M), first_year=2025,
                                          last_year=2026),
        "P-200": InvestmentProjectFactory(code="P-200", name="Skolans ventilation", unit=school,
                                          decided_total=Decimal(8 * M), first_year=2025,
                                          last_year=2025),
        "P-300": InvestmentProjectFactory(code="P-300", name="Nätverk", unit=ks,
                                          decided_total=Decimal(3 * M), first_year=2026,
                                          last_year=2026),
    }  # fmt: skip
    frames = {2025: {ks: 52, care: 310, school: 255}, 2026: {ks: 54, care: 318, school: 262}}
    investments = {2025: {"P-100": 30, "P-200": 8}, 2026: {"P-100": 30, "P-300": 3}}
    for year in (2025, 2026):
        budget_year = BudgetYearFactory(
            year=year, tax_revenue=Decimal(510 * M), general_grants=Decimal(161 * M),
            depreciation=Decimal(18 * M), financial_income=Decimal(2 * M),
            financial_costs=Decimal(5 * M), population=9800,
        )  # fmt: skip
        frame = BudgetDecisionFactory(budget_year=budget_year)
        for unit, amount in frames[year].items():
            AppropriationFactory(decision=frame, unit=unit, amount=Decimal(amount * M))
        for code, amount in investments[year].items():
            project = projects[code]
            AppropriationFactory(
                decision=frame, unit=project.unit, project=project,
                kind=AppropriationKind.INVESTMENT, amount=Decimal(amount * M),
            )  # fmt: skip
    return projects


def _ledger(*, kf, it, home, housing, teaching, company, projects) -> None:
    """Two years of monthly rows; each month balances against cash (1910)."""
    opening_2025 = [
        (0, "1110", 520 * M), (0, "1210", 40 * M), (0, "1510", 30 * M), (0, "1910", 45 * M),
        (0, "2010", -300 * M), (0, "2210", -35 * M), (0, "2310", -260 * M), (0, "2510", -40 * M),
    ]  # fmt: skip
    result_2025 = Decimal(0)
    cash_2025 = Decimal(0)
    balances_2025: dict[str, Decimal] = {}
    for year in (2025, 2026):
        months = range(1, 13) if year == 2025 else range(1, 5)
        monthly: dict = {kf: [], it: [], home: [], housing: [], teaching: [], company: []}
        for month in months:
            grow = Decimal(1) + Decimal(month) / 100 + (Decimal("0.03") if year == 2026 else 0)
            rows = {
                it: [("3010", -Decimal("0.4") * M), ("5010", Decimal("4.6") * M * grow)],
                home: [("3010", -3 * M), ("5010", Decimal("14.5") * M * grow),
                       ("4010", Decimal("2.1") * M)],
                housing: [("3010", -2 * M), ("5010", Decimal("13.2") * M * grow)],
                teaching: [("3010", -Decimal("1.5") * M), ("5010", Decimal("22.4") * M * grow),
                           ("4010", Decimal("1.3") * M)],
                company: [("3010", -Decimal("0.6") * M), ("5010", Decimal("0.5") * M)],
                kf: [("8010", -Decimal("42.5") * M), ("8210", -Decimal("13.4") * M),
                     ("8410", -Decimal("0.15") * M), ("8510", Decimal("0.4") * M),
                     ("7810", Decimal("1.5") * M), ("5110", Decimal("0.9") * M)],
            }  # fmt: skip
            if month in (3, 6, 9) and year == 2025:
                rows[home].append(("1110", Decimal(9 * M), "P-100"))
                rows[teaching].append(("1110", Decimal("2.6") * M, "P-200"))
            if month in (2, 4) and year == 2026:
                rows[home].append(("1110", Decimal(6 * M), "P-100"))
                rows[it].append(("1210", Decimal("1.2") * M, "P-300"))
            if month == 12:
                rows[kf].append(("2210", -Decimal(3 * M)))  # the pension provision grows
            month_total = Decimal(0)
            for unit, entries in rows.items():
                for entry in entries:
                    account, amount, *project = entry
                    amount = Decimal(amount).quantize(Decimal("0.01"))
                    monthly[unit].append((month, account, amount, *project))
                    month_total += amount
                    if year == 2025 and account[0] in "345678":
                        result_2025 -= amount
                    if year == 2025 and account[0] in "12":
                        balances_2025[account] = balances_2025.get(account, 0) + amount
            monthly[kf].append((month, "1910", -month_total))
            if year == 2025:
                cash_2025 -= month_total
        if year == 2025:
            book_rows(opening_2025, year=2025, unit=kf)
        else:
            # The opening balance of 2026 is 2025's closing, the result added to equity.
            closing = {}
            for _m, account, amount in opening_2025:
                closing[account] = closing.get(account, 0) + amount
            for account, amount in balances_2025.items():
                closing[account] = closing.get(account, 0) + amount
            closing["1910"] = closing.get("1910", 0) + cash_2025
            closing["2010"] = closing["2010"] - result_2025
            book_rows([(0, a, v) for a, v in sorted(closing.items())], year=2026, unit=kf)
        for unit, entries in monthly.items():
            book_rows(entries, year=year, unit=unit)


def _forecasts(periods, *, ks, care, school, projects) -> None:
    # The care committee forecasts a deficit that grows; the school a surplus.
    figures = {
        "2025-tertial1": {ks: 51, care: 318, school: 254},
        "2025-tertial2": {ks: 52, care: 324, school: 253},
        "2025-bokslut": {ks: 52, care: 326, school: 252},
        "2026-tertial1": {ks: 54, care: 330, school: 260},
    }
    for key, amounts in figures.items():
        for unit, amount in amounts.items():
            ForecastFactory(unit=unit, period=periods[key], amount=Decimal(amount * M))
    InvestmentForecastFactory(
        project=projects["P-100"],
        period=periods["2025-tertial2"],
        year_amount=Decimal(27 * M),
        total_amount=Decimal(62 * M),
    )
    InvestmentForecastFactory(
        project=projects["P-200"],
        period=periods["2025-tertial2"],
        year_amount=Decimal("7.8") * M,
        total_amount=Decimal("7.8") * M,
    )
    InvestmentForecastFactory(
        project=projects["P-100"],
        period=periods["2026-tertial1"],
        year_amount=Decimal(33 * M),
        total_amount=Decimal(63 * M),
    )
    InvestmentForecastFactory(
        project=projects["P-300"],
        period=periods["2026-tertial1"],
        year_amount=Decimal("2.4") * M,
        total_amount=Decimal("2.4") * M,
    )


def _goals(periods, *, admin, kf, care) -> None:
    model = goal_services.steering_model_load_preset(actor=None, key="vimmerby", activate=True)
    levels = {level.key: level for level in model.levels.all()}
    vision = goal_services.goal_create(
        actor=admin, level=levels["vision"], owner=kf, title="Generatorkommun 2035",
        first_year=2024, last_year=None, reason="KF:s beslut",
    )  # fmt: skip
    for title, statuses in KF_GOALS:
        goal = goal_services.goal_create(
            actor=admin, level=levels["inriktningsmal"], owner=kf, title=title, parent=vision,
            first_year=2025, last_year=2028, reason="Budget 2025",
        )  # fmt: skip
        for key, status in statuses.items():
            AssessmentFactory(goal=goal, period=periods[key], status=status,
                              analysis=f"Bedömning {key}.")  # fmt: skip
    first = Goal.objects.get(title=KF_GOALS[0][0])
    for year in (2025, 2026):
        indicator = IndicatorFactory(title=f"Andel i egen försörjning {year}")
        link = GoalIndicatorFactory(goal=first, year=year, indicator=indicator)
        IndicatorTargetFactory(indicator=link.indicator, year=year, value=Decimal("85.5"))
        for key in periods:
            if key.startswith(str(year)):
                IndicatorValueFactory(indicator=link.indicator, period=periods[key],
                                      total=Decimal("80.0") + len(key) % 7)  # fmt: skip
    care_goal = goal_services.goal_create(
        actor=admin, level=levels["namndmal"], owner=care, title="Kortare väntetid till boende",
        parent=Goal.objects.get(title=KF_GOALS[1][0]), first_year=2025, last_year=2026,
        reason="Nämndplan",
    )  # fmt: skip
    AssessmentFactory(goal=care_goal, period=periods["2025-tertial2"], status="not_met")
