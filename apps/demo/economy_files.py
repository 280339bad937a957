"""The demo's outcome files, as Exempelkommun's ekonomisystem would export them.

The ledger is generated from apps.demo.economy_data, deterministically (no randomness, no
clock): one row per month, ansvar and account (and investment project), costs and assets
positive, revenue, equity and debts negative. Every month balances against the bank account,
so the balansräkning balances; depreciation is credited to the accumulated depreciation.
2026's opening balance is 2025's closing balance with the year's result moved into equity.

``write_files()`` writes the files the demo ships in apps/demo/files/; ``python manage.py
demo_outcome_files`` runs it (``--check`` compares instead). Nothing here touches the
database.
"""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import io
import zipfile
from collections import defaultdict
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

from apps.demo import economy_data as data

FILES_DIR = Path(__file__).resolve().parent / "files"
HEADERS = ("Period", "Ansvar", "Konto", "Kontonamn", "Projekt", "Belopp")
CENT = Decimal("0.01")
ZERO = Decimal("0.00")
OPENING = 0  # the month of the opening balance ("2026-IB")
NOISE = Decimal("0.04")  # months vary up to ±4 % around their season
FIXED_TIME = dt.datetime(2026, 9, 1, 6, 0, tzinfo=dt.UTC)  # the time stamp in the XLSX file


@dataclass(frozen=True)
class OutcomeFile:
    name: str
    year: int
    months: tuple[int, ...]
    encoding: str  # "cp1252" or "utf-8-sig" for CSV; "" for XLSX
    period_key: str  # the reporting period (goals_data.PERIODS) during which it is imported

    @property
    def is_xlsx(self) -> bool:
        return self.name.endswith(".xlsx")


FILES = (
    OutcomeFile("ib_2025.csv", 2025, (OPENING,), "utf-8-sig", "2025-t1"),
    OutcomeFile("utfall_2025-01_2025-04.csv", 2025, (1, 2, 3, 4), "cp1252", "2025-t1"),
    OutcomeFile("utfall_2025-05_2025-08.csv", 2025, (5, 6, 7, 8), "cp1252", "2025-t2"),
    OutcomeFile("utfall_2025-09_2025-12.csv", 2025, (9, 10, 11, 12), "cp1252", "2025-bokslut"),
    OutcomeFile("ib_2026.csv", 2026, (OPENING,), "utf-8-sig", "2026-t1"),
    OutcomeFile("utfall_2026-01_2026-04.csv", 2026, (1, 2, 3, 4), "cp1252", "2026-t1"),
    OutcomeFile("utfall_2026-05.csv", 2026, (5,), "utf-8-sig", "2026-t2"),
    OutcomeFile("utfall_2026-06.csv", 2026, (6,), "utf-8-sig", "2026-t2"),
    OutcomeFile("utfall_2026-07.csv", 2026, (7,), "utf-8-sig", "2026-t2"),
    OutcomeFile("utfall_2026-08.xlsx", 2026, (8,), "", "2026-t2"),
)

Row = tuple[int, str, str, str, Decimal]  # month, ansvar, account, project, amount


# --- The budget and the year's actual amounts per ansvar --------------------------------


def body_of(ansvarskod: str) -> str:
    """The body (KS or nämnd) an ansvar belongs to: 2122 → 2000, 7500 → 7500."""
    return "7500" if ansvarskod == "7500" else f"{ansvarskod[0]}000"


def budget_net_2026(ansvarskod: str) -> Decimal:
    """The ansvar's net cost in the 2026 budget (its detaljbudget line), in kronor."""
    _profile, cost, revenue, _depreciation = data.ANSVAR_2026[ansvarskod]
    return data.mnkr(cost) - data.mnkr(revenue)


@dataclass(frozen=True)
class Actual:
    profile: str
    cost: Decimal  # all costs, depreciation included
    revenue: Decimal
    depreciation: Decimal
    months: tuple[int, ...] = tuple(range(1, 13))


def actuals(year: int) -> dict[str, Actual]:
    """What each ansvar costs and earns in ``year`` (kronor, positive)."""
    result = {}
    for code, (profile, cost, revenue, depreciation) in data.ANSVAR_2026.items():
        extra = data.mnkr(data.ACTUAL_DEVIATION_2026.get(code, "0"))
        result[code] = Actual(
            profile, data.mnkr(cost) + extra, data.mnkr(revenue), data.mnkr(depreciation)
        )
    if year == 2026:
        return result
    net: dict[str, Decimal] = defaultdict(lambda: ZERO)
    for code, actual in result.items():
        net[body_of(code)] += actual.cost - actual.revenue
    scaled = {}
    for code, actual in result.items():
        body = body_of(code)
        factor = data.mnkr(data.ACTUAL_2025[body]) / net[body]
        scaled[code] = Actual(
            actual.profile, *(_cents(amount * factor) for amount in
                              (actual.cost, actual.revenue, actual.depreciation)),
        )  # fmt: skip
    for closed, (other, share, last_month) in data.CLOSED_IN_2025.items():
        source = scaled[other]
        part = [_cents(a * Decimal(share)) for a in (source.cost, source.revenue)]
        scaled[closed] = Actual(
            source.profile, part[0], part[1], ZERO, tuple(range(1, last_month + 1))
        )
        scaled[other] = Actual(
            source.profile, source.cost - part[0], source.revenue - part[1], source.depreciation
        )
    return scaled


def _cents(amount: Decimal) -> Decimal:
    return amount.quantize(CENT, rounding=ROUND_HALF_UP)


# --- Spreading a year's amount over its months ------------------------------------------


def _noise(*key: object) -> Decimal:
    """A deterministic number in [-NOISE, NOISE] for ``key``."""
    digest = hashlib.sha256("|".join(map(str, key)).encode()).digest()
    fraction = Decimal(int.from_bytes(digest[:4], "big")) / Decimal(2**32 - 1)
    return (fraction * 2 - 1) * NOISE


def spread(
    amount: Decimal, season: str, months: tuple[int, ...], *key: object
) -> dict[int, Decimal]:
    """``amount`` over ``months`` by the season's weights, each month varied a little; the
    last month takes the rounding, so the months sum to ``amount`` exactly."""
    weights = {
        m: Decimal(data.SEASONS[season][m - 1]) * (1 + (_noise(*key, m) if key else ZERO))
        for m in months
    }
    weights = {m: w for m, w in weights.items() if w}
    total = sum(weights.values())
    result, booked = {}, ZERO
    ordered = sorted(weights)
    for m in ordered[:-1]:
        result[m] = _cents(amount * weights[m] / total)
        booked += result[m]
    result[ordered[-1]] = amount - booked
    return result


def _season_of(account: str, year: int, ansvarskod: str) -> str:
    if ansvarskod == "7500" and year == 2026:
        return "election"
    if account.startswith("78"):
        return "even"
    if account.startswith("5"):
        return "salaries"
    if account.startswith("3"):
        return "revenue"
    return "costs"


# --- The ledger --------------------------------------------------------------------------


def _operating_rows(year: int) -> list[Row]:
    rows: list[Row] = []
    for code, actual in sorted(actuals(year).items()):
        costs, revenues = data.ACCOUNT_PROFILES[actual.profile]
        amounts: dict[str, Decimal] = {}
        spending = actual.cost - actual.depreciation
        for account, share in costs.items():
            amounts[account] = _cents(spending * Decimal(share))
        # The profile's shares sum to one; the largest account takes the rounding.
        largest = max(costs, key=lambda a: Decimal(costs[a]))
        amounts[largest] += spending - sum(amounts.values())
        if actual.revenue:
            booked = ZERO
            for account, share in revenues.items():
                amounts[account] = -_cents(actual.revenue * Decimal(share))
                booked += amounts[account]
            first = next(iter(revenues))
            amounts[first] += -actual.revenue - booked
        if actual.depreciation:
            account = "7810" if code in data.BUILDING_DEPRECIATION else "7830"
            amounts[account] = actual.depreciation
        for account, amount in sorted(amounts.items()):
            season = _season_of(account, year, code)
            for month, value in spread(amount, season, actual.months, year, code, account).items():
                rows.append((month, code, account, "", value))
    return rows


def _finance_rows(year: int) -> list[Row]:
    """Taxes, grants, financial items, receivables and short-term debts, and loans, booked on
    KS."""
    assumptions = data.BUDGET_YEARS[year]
    rows: list[Row] = []
    every = tuple(range(1, 13))
    plans = [(data.TAX_ACCOUNTS, assumptions["tax_revenue"]),
             (data.GRANT_ACCOUNTS, assumptions["general_grants"])]  # fmt: skip
    for accounts, total in plans:
        for account, share in accounts.items():
            amount = -_cents(data.mnkr(total) * Decimal(share))
            for month, value in spread(amount, "even", every).items():
                rows.append((month, data.FINANCE_ANSVAR, account, "", value))
    for account, total in data.FINANCIAL_ITEMS[year].items():
        amount = data.mnkr(total) * (-1 if account.startswith("84") else 1)
        for month, value in spread(amount, "even", data.FINANCIAL_MONTHS[account]).items():
            rows.append((month, data.FINANCE_ANSVAR, account, "", value))
    for account, most in data.WORKING_CAPITAL.items():
        level = ZERO
        for month in every:
            wanted = _cents(data.mnkr(most) * _noise(year, account, month) / NOISE)
            rows.append((month, data.FINANCE_ANSVAR, account, "", wanted - level))
            level = wanted
    for month, amount in data.LOANS.get(year, {}).items():
        rows.append((month, data.FINANCE_ANSVAR, data.LOAN_ACCOUNT, "", -data.mnkr(amount)))
    return rows


def _investment_rows(year: int) -> list[Row]:
    rows: list[Row] = []
    for code, _name, _body, ansvar, account, *_rest, spent, _forecast, _text in data.PROJECTS:
        if year not in spent:
            continue
        season = data.PROJECT_SEASONS.get(code, "investments")
        amount = data.mnkr(spent[year])
        for month, value in spread(amount, season, tuple(range(1, 13)), year, code).items():
            rows.append((month, ansvar, account, code, value))
    return rows


def _opening_rows(year: int) -> list[Row]:
    if year == 2025:
        return [
            (OPENING, data.FINANCE_ANSVAR, account, "", data.mnkr(amount))
            for account, amount in data.OPENING_BALANCE_2025.items()
        ]
    previous = ledger(year - 1)
    closing: dict[str, Decimal] = defaultdict(lambda: ZERO)
    result = ZERO
    for _month, _ansvar, account, _project, amount in previous:
        if account[0] in "12":
            closing[account] += amount
        else:
            result -= amount
    closing[data.EQUITY_ACCOUNT] -= result
    return [
        (OPENING, data.FINANCE_ANSVAR, account, "", amount)
        for account, amount in sorted(closing.items())
        if amount
    ]


def _balancing_rows(rows: list[Row]) -> list[Row]:
    """Depreciation credited to the accumulated depreciation, and each month's net paid
    through the bank: every month sums to zero."""
    extra: list[Row] = []
    depreciation: dict[tuple[int, str], Decimal] = defaultdict(lambda: ZERO)
    for month, _ansvar, account, _project, amount in rows:
        if account in data.ACCUMULATED_DEPRECIATION:
            depreciation[(month, data.ACCUMULATED_DEPRECIATION[account])] -= amount
    for (month, account), amount in sorted(depreciation.items()):
        extra.append((month, data.FINANCE_ANSVAR, account, "", amount))
    net: dict[int, Decimal] = defaultdict(lambda: ZERO)
    for month, _ansvar, _account, _project, amount in rows + extra:
        if month != OPENING:
            net[month] -= amount
    for month, amount in sorted(net.items()):
        extra.append((month, data.FINANCE_ANSVAR, data.BANK_ACCOUNT, "", amount))
    return extra


_LEDGERS: dict[int, list[Row]] = {}


def ledger(year: int) -> list[Row]:
    """Every row of ``year``, the opening balance (month 0) included, in file order."""
    if year not in _LEDGERS:
        rows = (
            _opening_rows(year)
            + _operating_rows(year)
            + _finance_rows(year)
            + _investment_rows(year)
        )
        rows += _balancing_rows(rows)
        _LEDGERS[year] = sorted(rows, key=lambda r: (r[0], r[1], r[2], r[3]))
    return _LEDGERS[year]


# --- The files ---------------------------------------------------------------------------


def period_text(year: int, month: int) -> str:
    return f"{year}-IB" if month == OPENING else f"{year}-{month:02d}"


def amount_text(amount: Decimal) -> str:
    """``-1234567,89``: a decimal comma, no thousands separator, as the export writes it."""
    return f"{amount:.2f}".replace(".", ",")


def rows_of(outcome_file: OutcomeFile) -> list[Row]:
    return [row for row in ledger(outcome_file.year) if row[0] in outcome_file.months]


def render(outcome_file: OutcomeFile) -> bytes:
    rows = rows_of(outcome_file)
    if outcome_file.is_xlsx:
        return _xlsx(outcome_file.year, rows)
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
    writer.writerow(HEADERS)
    for month, ansvar, account, project, amount in rows:
        writer.writerow(
            (period_text(outcome_file.year, month), ansvar, account,
             data.ACCOUNT_NAMES[account], project, amount_text(amount))
        )  # fmt: skip
    return buffer.getvalue().encode(outcome_file.encoding)


def _xlsx(year: int, rows: list[Row]) -> bytes:
    """A workbook with one sheet: the period as text, ansvar, account and amount as numbers.
    Written without the clock, and zipped without compression, so the bytes repeat."""
    from openpyxl import Workbook
    from openpyxl.writer.excel import ExcelWriter

    book = Workbook()
    sheet = book.active
    sheet.title = "Utfall"
    sheet.append(HEADERS)
    for month, ansvar, account, project, amount in rows:
        sheet.append(
            [period_text(year, month), int(ansvar), int(account), data.ACCOUNT_NAMES[account],
             int(project) if project else None, float(amount)]
        )  # fmt: skip
    book.properties.creator = "Ekonomisystemet"
    book.properties.created = book.properties.modified = FIXED_TIME.replace(tzinfo=None)
    written = io.BytesIO()
    ExcelWriter(book, zipfile.ZipFile(written, "w")).save()
    repacked = io.BytesIO()
    with (
        zipfile.ZipFile(written) as source,
        zipfile.ZipFile(repacked, "w", zipfile.ZIP_STORED) as target,
    ):
        for info in source.infolist():
            entry = zipfile.ZipInfo(info.filename, date_time=FIXED_TIME.timetuple()[:6])
            entry.external_attr = 0o644 << 16
            target.writestr(entry, source.read(info.filename))
    return repacked.getvalue()


def write_files(directory: Path = FILES_DIR) -> list[Path]:
    """Write every file in ``FILES`` to ``directory``; returns their paths."""
    directory.mkdir(parents=True, exist_ok=True)
    paths = []
    for outcome_file in FILES:
        path = directory / outcome_file.name
        path.write_bytes(render(outcome_file))
        paths.append(path)
    return paths


def differing_files(directory: Path = FILES_DIR) -> list[str]:
    """The names of the files in ``directory`` that differ from what ``render`` makes."""
    return [
        f.name
        for f in FILES
        if not (directory / f.name).is_file() or (directory / f.name).read_bytes() != render(f)
    ]


def content_of(outcome_file: OutcomeFile) -> bytes:
    """The shipped file's bytes (what the demo imports)."""
    return (FILES_DIR / outcome_file.name).read_bytes()
