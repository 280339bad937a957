"""The invariants, for every period of a kommun that has a report (issue 13's "one truth").

Each test module (test_demo.py, test_generated.py) builds its kommun once as the fixture
``kommun`` and lists its periods in ``PERIODS``; conftest.py gives every test here one
``period`` of them. The checks read what a reader sees (the Excel workbook, the PDF's text,
the pages' HTML), never the code that computes it.
"""

from __future__ import annotations

import re
from decimal import Decimal

import pytest
from django.utils import translation

from apps.followup.models import GoalStatus
from apps.reports.content import ColumnKind
from tests.invariants import outputs
from tests.invariants.kommun import Kommun, sections
from tests.invariants.outputs import PrintedTable, close, is_part_of, is_total, normalise_label

ONE_KR = Decimal(1)

# --- What a column holds, from its header --------------------------------------------------


def concept(header: str, year: int) -> str | None:
    """outcome / opening / previous / budget / original_budget / forecast /
    forecast_total / decided_total / deviation / deviation_total, or None."""
    text = normalise_label(header)
    years = [int(y) for y in re.findall(r"\b(20\d\d)\b", text)]
    if re.search(r"prognos (t|tertial)\s?\d|forecast (t|tertial)\s?\d", text):
        return None  # an earlier period's forecast
    if "ingående" in text or "opening" in text:
        return "opening"
    if "avvikelse mot beslutad" in text or "against the decided" in text:
        return "deviation_total"
    if "avvikelse" in text or "deviation" in text:
        return "deviation"
    if "beslutad totalkostnad" in text or "decided total" in text:
        return "decided_total"
    if "prognos totalkostnad" in text or "forecast total" in text:
        return "forecast_total"
    if "prognos" in text or "forecast" in text:
        return "forecast"
    if "ursprunglig" in text or "original" in text:
        return "original_budget"
    if "budget" in text and "förändring" not in text and "change" not in text:
        return "budget"
    if any(word in text for word in ("utfall", "balans", "efter", "outcome", "balance")):
        if years and years[-1] < year:
            return "previous"
        return "outcome"
    return None


def columns_by_concept(table: PrintedTable, year: int) -> dict[str, int]:
    found: dict[str, int] = {}
    for i, header in enumerate(table.headers):
        name = concept(header, year)
        if name and name not in found:
            found[name] = i
    if "deviation" in found and "forecast" not in found:
        # The year-end's "Avvikelse" has no forecast to be against: budget − outcome
        found["deviation_outcome"] = found.pop("deviation")
    return found


def value(row: list[Decimal | None] | None, column: int | None) -> Decimal | None:
    if row is None or column is None or column >= len(row):
        return None
    return row[column]


def tkr(amount: Decimal | None) -> str:
    if amount is None:
        return "–"
    return f"{amount / 1000:,.1f} tkr".replace(",", " ").replace(".", ",")


# --- a. The balansräkning balances ---------------------------------------------------------

EQUITY = ("eget kapital", "equity", "resultat", "result")
PROVISIONS = ("avsättning", "provision")
LIABILITIES = ("skuld", "liabilit")


def balance_errors(table: PrintedTable, where: str) -> list[str]:
    """Printed rows make the printed totals, and tillgångar = eget kapital + avsättningar +
    skulder, in every column that has figures."""
    errors = []
    for column in outputs.numeric_columns(table):
        step = table.steps[column] if column < len(table.steps) else ONE_KR
        header = table.headers[column]
        errors += [f"{where}, {header}: {e}" for e in outputs.block_sum_errors(
            table.rows, column, step)]  # fmt: skip
        assets_total = None
        sides = {"equity": Decimal(0), "provisions": Decimal(0), "liabilities": Decimal(0)}
        printed_other_total = None
        after_assets = False
        count = 0
        for label, values in table.rows:
            amount = value(values, column)
            text = normalise_label(label)
            if is_total(label) and ("tillgång" in text or "asset" in text) and not after_assets:
                assets_total, after_assets = amount, True
                continue
            if not after_assets or is_part_of(label):
                continue
            if is_total(label):
                if any(w in text for w in ("skulder", "liabilities")) and (
                    "eget kapital" in text or "equity" in text
                ):
                    printed_other_total = amount
                continue
            if re.match(r"(differens|difference)", text):
                continue
            for side, words in (("equity", EQUITY), ("provisions", PROVISIONS),
                                ("liabilities", LIABILITIES)):  # fmt: skip
                if any(w in text for w in words):
                    sides[side] += amount or 0
                    count += 1
                    break
            else:
                errors.append(f"{where}: row {label!r} is neither equity, provision nor debt")
        if assets_total is None:
            if any(value(v, column) is not None for _l, v in table.rows):
                errors.append(f"{where}, {header}: no total of the assets")
            continue
        other = sides["equity"] + sides["provisions"] + sides["liabilities"]
        if not close(assets_total, other, step / 2 * (count + 1)):
            errors.append(
                f"{where}, {header}: tillgångar {tkr(assets_total)} ≠ eget kapital "
                f"{tkr(sides['equity'])} + avsättningar {tkr(sides['provisions'])} + skulder "
                f"{tkr(sides['liabilities'])} = {tkr(other)} (difference "
                f"{tkr(assets_total - other)})"
            )
        if printed_other_total is not None and not close(assets_total, printed_other_total, step):
            errors.append(
                f"{where}, {header}: the two printed totals differ: {tkr(assets_total)} and "
                f"{tkr(printed_other_total)}"
            )
    return errors


def test_the_reports_balance_sheet_balances(kommun: Kommun, period: str):
    sheet = kommun.sheet(period, "balansrakning")
    assert sheet is not None, f"{kommun.name} {period}: the report has no balansräkning"
    errors = balance_errors(sheet, f"{kommun.name} {period} report")
    assert not errors, "\n".join(errors)


def test_the_balance_sheet_page_balances(kommun: Kommun, period: str):
    pk = kommun.period(period).pk
    page = kommun.page(f"/ekonomi/{pk}/balansrakning/", "ekonom")
    table = outputs.html_table(page, "Balansräkning")
    errors = balance_errors(table, f"{kommun.name} {period} page")
    assert not errors, "\n".join(errors)


# --- Totals rows are computed from their columns -------------------------------------------


def difference_errors(table: PrintedTable, year: int, where: str) -> list[str]:
    """Each deviation column equals its two columns' difference on every row, totals
    included: avvikelse = budget − prognos; avvikelse mot beslutad totalkostnad = beslutad −
    prognos totalkostnad."""
    columns = columns_by_concept(table, year)
    errors = []
    for deviation, (minuend, subtrahend) in (
        ("deviation", ("budget", "forecast")),
        ("deviation_outcome", ("budget", "outcome")),
        ("deviation_total", ("decided_total", "forecast_total")),
    ):
        if deviation not in columns or minuend not in columns or subtrahend not in columns:
            continue
        step = max(table.steps[columns[deviation]], table.steps[columns[minuend]])
        for label, values in table.rows:
            d, a, b = (value(values, columns[c]) for c in (deviation, minuend, subtrahend))
            if d is None or a is None:
                continue
            if b is None and not is_total(label):
                continue  # no forecast: the project's deviation is not computed
            if not close(d, a - (b or 0), step * 2):
                errors.append(
                    f"{where}: {label!r} {table.headers[columns[deviation]]} reads {tkr(d)} but "
                    f"{tkr(a)} − {tkr(b)} = {tkr(a - (b or 0))}"
                )
    return errors


@pytest.mark.parametrize("table_key", ["drift", "investeringar"])
def test_the_reports_totals_are_computed_from_their_columns(
    kommun: Kommun, period: str, table_key: str
):
    sheet = kommun.sheet(period, table_key)
    assert sheet is not None, f"{kommun.name} {period}: the report has no {table_key}"
    year = kommun.period(period).year
    where = f"{kommun.name} {period} {table_key}"
    errors = []
    for column in outputs.numeric_columns(sheet):
        errors += [
            f"{where}, {sheet.headers[column]}: {e}"
            for e in outputs.block_sum_errors(sheet.rows, column, ONE_KR)
        ]
    errors += difference_errors(sheet, year, where)
    assert not errors, "\n".join(errors)


# --- b. The driftredovisning reconciles with the resultaträkning ---------------------------


def _reconciliation_passes(kommun: Kommun, period: str, drift_total, net_cost) -> bool:
    """An explicit reconciliation in the driftredovisning's section: a table that prints
    the driftredovisning's total, the RR's net cost, the row between them and a difference
    of zero."""
    tables = kommun.section_tables(period, "economy-operating")
    for table in tables:
        if table.key == "drift":
            continue
        amounts = [[v for v in row[1:] if isinstance(v, Decimal)] for row in table.rows] + (
            [[v for v in table.total[1:] if isinstance(v, Decimal)]] if table.total else []
        )
        firsts = [a[0] if a else None for a in amounts]
        has_drift = any(close(v, drift_total, Decimal(1)) for v in firsts if v is not None)
        has_rr = any(close(v, net_cost, Decimal(1)) for v in firsts if v is not None)
        bridged = any(close(drift_total + v, net_cost, Decimal(1)) for v in firsts if v is not None)
        balanced = bool(firsts) and firsts[-1] is not None and close(firsts[-1], 0, Decimal(1))
        if has_drift and has_rr and balanced and (bridged or close(drift_total, net_cost, 1)):
            return True
    return False


def _forecast_bridge_passes(kommun: Kommun, period: str, drift_total, net_cost) -> bool:
    """The finansförvaltning's forecast table (from the budgeted to the forecast result)
    prints the item that takes the driftredovisning's forecast to the RR's: the pensions and
    other central items forecast outside the frames, whose effect on the result is the net
    cost's difference with its sign turned."""
    for table in kommun.section_tables(period, "finance-forecast"):
        if table.key != "finans-prognos":
            continue
        effects = [row[-1] for row in table.rows if isinstance(row[-1], Decimal)]
        if any(close(drift_total - effect, net_cost, Decimal(1)) for effect in effects):
            return True
    return False


def test_the_driftredovisning_reconciles_with_the_income_statement(kommun: Kommun, period: str):
    drift = kommun.sheet(period, "drift")
    income = kommun.sheet(period, "resultatrakning")
    assert drift is not None and income is not None
    year = kommun.period(period).year
    total = drift.rows[-1][1]
    assert is_total(drift.rows[-1][0]), f"the driftredovisning has no total: {drift.rows[-1]}"
    net_cost = income.row("verksamhetens nettokostnad", "net operating cost")
    assert net_cost is not None, f"no verksamhetens nettokostnad in {income.labels()}"
    drift_columns = columns_by_concept(drift, year)
    income_columns = columns_by_concept(income, year)
    errors = []
    for name in ("outcome", "budget", "forecast"):
        if name not in drift_columns or name not in income_columns:
            continue
        ours = value(total, drift_columns[name])
        theirs = value(net_cost, income_columns[name])
        if ours is None and theirs is None:
            continue
        theirs_as_cost = None if theirs is None else -theirs
        if close(ours, theirs_as_cost, Decimal(2)):
            continue
        if name == "outcome" and _reconciliation_passes(
            kommun, period, ours or Decimal(0), theirs_as_cost or Decimal(0)
        ):
            continue
        if name == "forecast" and _forecast_bridge_passes(
            kommun, period, ours or Decimal(0), theirs_as_cost or Decimal(0)
        ):
            continue
        errors.append(
            f"{kommun.name} {period} {name}: driftredovisning {tkr(ours)} ≠ the RR's "
            f"verksamhetens nettokostnad {tkr(theirs_as_cost)} (difference "
            f"{tkr((ours or 0) - (theirs_as_cost or 0))}), and no reconciliation row says why"
        )
    assert not errors, "\n".join(errors)


# --- c. The PDF, the Excel and the pages print the same numbers ----------------------------

COMPARED_TABLES = ("resultatrakning", "balansrakning", "drift", "investeringar", "nyckeltal")


def pdf_excel_errors(kommun: Kommun, period: str, table_key: str, body: str | None = None):
    table = kommun.table(period, table_key, body)
    sheet = kommun.sheet(period, table_key, body)
    printed = outputs.pdf_rows(
        kommun.pdf_text(period, body), table.title, sheet.labels(), table.columns[0].header
    )
    kr_columns = [h.endswith(", kr") for h in sheet.headers]
    errors = []
    for (label, values), (_pdf_label, numbers) in zip(sheet.rows, printed, strict=True):
        expected = []
        for is_kr, amount in zip(kr_columns, values, strict=False):
            if amount is None:
                continue
            expected.append(amount / 1000 if is_kr else amount)
        shown = [n for n, _d in numbers]
        decimals = [d for _n, d in numbers]
        if len(shown) != len(expected) or not all(
            close(s, e, Decimal(5) / Decimal(10) ** (d + 1) + Decimal("0.0005"))
            for s, e, d in zip(shown, expected, decimals, strict=True)
        ):
            errors.append(f"{table_key} {label!r}: PDF {shown}, Excel {expected}")
    return errors


@pytest.mark.parametrize("table_key", COMPARED_TABLES)
def test_the_pdf_prints_the_excels_numbers(kommun: Kommun, period: str, table_key: str):
    if kommun.table(period, table_key) is None:
        pytest.fail(f"{kommun.name} {period}: the report has no table {table_key}")
    errors = pdf_excel_errors(kommun, period, table_key)
    assert not errors, f"{kommun.name} {period}:\n" + "\n".join(errors)


def test_a_committees_report_prints_the_same_in_the_pdf_and_excel(kommun: Kommun, period: str):
    """The report to a nämnd (the module's ``COMMITTEE``): every table of amounts reads the
    same in the PDF and in Excel, and its totals follow from its rows and columns."""
    body = kommun.committee
    year = kommun.period(period).year
    keys = [
        t.key
        for section in sections(kommun.document(period, body))
        for t in section.tables
        if t.sheet
        and any(c.kind == ColumnKind.KR for c in t.columns)
        # tables of figures; a table of texts and dates (åtgärdsplaner) prints numbers in
        # its words that are no cells of Excel's
        and sum(c.kind == ColumnKind.TEXT for c in t.columns) <= 2
        and not any(c.kind == ColumnKind.DATE for c in t.columns)
    ]
    assert keys, f"{kommun.name} {period}: the report to {body} has no table of amounts"
    errors = []
    for key in keys:
        errors += pdf_excel_errors(kommun, period, key, body)
        sheet = kommun.sheet(period, key, body)
        for column in outputs.numeric_columns(sheet):
            errors += [f"{key}, {sheet.headers[column]}: {e}"
                       for e in outputs.block_sum_errors(sheet.rows, column, ONE_KR)]  # fmt: skip
        errors += difference_errors(sheet, year, key)
    assert not errors, f"{kommun.name} {period}, the report to {body}:\n" + "\n".join(errors)


# The pages that show the report's tables for a period, by the caption of their table.
PAGES = {
    "resultatrakning": ("/ekonomi/{pk}/resultatrakning/", "Resultaträkning"),
    "balansrakning": ("/ekonomi/{pk}/balansrakning/", "Balansräkning"),
    "drift": ("/ekonomi/{pk}/", "Drift"),
    "nyckeltal": ("/ekonomi/{pk}/nyckeltal/", "Nyckeltal"),
    # A year's page: it shows the year as its latest period with a report does
    "investeringar": ("/ekonomi/investeringar/{year}/", "Investeringsprojekt"),
}


@pytest.mark.parametrize("table_key", list(PAGES))
def test_the_page_shows_the_excels_numbers(kommun: Kommun, period: str, table_key: str):
    sheet = kommun.sheet(period, table_key)
    assert sheet is not None
    the_period = kommun.period(period)
    url, caption = PAGES[table_key]
    if "{year}" in url:
        periods = [kommun.period(p) for p in kommun.reported_periods()]
        latest = max((p for p in periods if p.year == the_period.year), key=lambda p: p.ends_on)
        if latest != the_period:
            pytest.skip("the year's investment page shows the year's latest period only")
    url = url.format(pk=the_period.pk, year=the_period.year)
    page = outputs.html_table(kommun.page(url, "ekonom"), caption)
    sheet_columns = columns_by_concept(sheet, the_period.year)
    page_columns = columns_by_concept(page, the_period.year)
    shared = [c for c in sheet_columns if c in page_columns]
    if table_key == "nyckeltal":  # the key figures: by position, no unit of money
        shared = []
    errors, compared = [], 0
    for label, values in sheet.rows:
        if all(v is None for v in values):
            continue  # a heading: the page may draw it as a group row, or not at all
        # a key figure's name on the page may go on ("…, mål minst 2 %"); rows of amounts
        # are found by their whole label, so that "Summa" is not "Summa Kommunstyrelsen"
        row = page.row(label) if table_key == "nyckeltal" else page.exact(label)
        if row is None and is_total(label):
            continue  # a page may leave a grand total out
        if row is None:
            errors.append(f"{label!r} is not on the page")
            continue
        pairs = [(sheet_columns[c], page_columns[c], c) for c in shared]
        if table_key == "nyckeltal":
            ours = [v for v in values if v is not None]
            theirs = [v for v in row if v is not None]
            pairs = []
            for i, (a, b) in enumerate(zip(ours, theirs, strict=False)):
                compared += 1
                if not close(a, b, Decimal("0.051")):
                    errors.append(f"{label!r} value {i + 1}: Excel {a}, page {b}")
            continue
        for sheet_column, page_column, name in pairs:
            a, b = value(values, sheet_column), value(row, page_column)
            if a is None and b is None:
                continue
            compared += 1
            step = page.steps[page_column] if page_column < len(page.steps) else ONE_KR
            if not close(a, b, step / 2 + ONE_KR):
                errors.append(f"{label!r} {name}: Excel {tkr(a)}, page {tkr(b)}")
    assert compared, f"nothing compared: sheet {sheet.headers}, page {page.headers}"
    assert not errors, f"{kommun.name} {period} {table_key}:\n" + "\n".join(errors)


# --- d. The goal tree counts what the report counts ----------------------------------------

STATUS_ORDER = ("met", "partly", "not_met", "not_assessed")
GOAL_ROW = re.compile(r'<div class="goal-row[^"]*">(.*?)</div>', re.S)


def tree_counts(html: str, council: str) -> dict[str, int]:
    """The KF goals' statuses in the tree: rows owned by KF that carry a status."""
    counts = dict.fromkeys(STATUS_ORDER, 0)
    for row in GOAL_ROW.findall(html):
        status = re.search(r'class="status status--(\w+)"', row)
        meta = re.search(r'<span class="goal-row__meta">([^<]*)', row)
        if status is None or meta is None:
            continue
        owner = meta.group(1).split("·")[0].strip()
        if owner == council:
            counts[status.group(1)] = counts.get(status.group(1), 0) + 1
    return counts


def status_of_label(text: str) -> str | None:
    text = normalise_label(text)
    for status in GoalStatus:
        for language in ("sv", "en"):
            with translation.override(language):
                if text.startswith(normalise_label(str(status.label))):
                    return status.value
    return None


def report_counts(
    kommun: Kommun, period: str, council_names: set[str], body: str | None = None
) -> dict[str, int]:
    """The report's count of the goals of KF (or, with ``body``, of that nämnd, in its own
    report): its summary table's first row, or at year end its goal table's statuses."""
    shares = kommun.table(period, "goals-shares", body)
    if shares is not None:
        first = shares.rows[0]
        return dict(zip(STATUS_ORDER, (int(v) for v in first[1:5]), strict=True))
    fulfilment = kommun.table(period, "goals-fulfilment", body)
    assert fulfilment is not None, f"{kommun.name} {period}: the report counts no goals"
    headers = [normalise_label(c.header) for c in fulfilment.columns]
    owner = next(i for i, h in enumerate(headers) if h in ("ägare", "owner"))
    status = next(i for i, h in enumerate(headers) if h == "status")
    counts = dict.fromkeys(STATUS_ORDER, 0)
    for row in fulfilment.rows:
        if str(row[owner]) in council_names:
            key = status_of_label(str(row[status])) or "not_assessed"
            counts[key] += 1
    return counts


def assert_the_open_period_is_refused_to_a_politician(kommun, url: str, the_period) -> None:
    """A politician asking for an open period's statuses is shown a closed period's, and the
    switch does not offer the open one."""
    page = kommun.page(url, "politiker")
    # No switch at all where the year has no closed period yet.
    switch = page.split('id="f-period"')[1].split("</select>")[0] if 'id="f-period"' in page else ""
    assert f'<option value="{the_period.pk}"' not in switch, f"{the_period} offered: {url}"
    assert (
        'id="status-period"' in page
        and str(the_period).lower() not in page.split('id="status-period"')[1].split("</p>")[0]
    ), f"{the_period} named as the status period: {url}"


@pytest.mark.parametrize("reader", ["ekonom", "politiker"])
def test_the_goal_trees_counts_equal_the_reports(kommun: Kommun, period: str, reader: str):
    from apps.organisation.models import Unit

    the_period = kommun.period(period)
    url = f"/mal/?ar={the_period.year}&period={the_period.pk}"
    if reader == "politiker" and the_period.state != "closed":
        assert_the_open_period_is_refused_to_a_politician(kommun, url, the_period)
        return
    council = Unit.objects.get(kind="kf", valid_to=None)
    page = kommun.page(url, reader)
    tree = tree_counts(page, council.short_name)
    report = report_counts(kommun, period, {council.name, council.short_name})
    assert sum(tree.values()) > 0, f"{kommun.name} {period}: no KF goal in the tree"
    assert sum(tree.values()) == sum(report.values()), (tree, report)
    assert tree == report, f"{kommun.name} {period} as {reader}: tree {tree}, report {report}"


@pytest.mark.parametrize("reader", ["ekonom", "politiker"])
def test_a_committees_goal_counts_in_the_tree_equal_its_reports(
    kommun: Kommun, period: str, reader: str
):
    """The tree filtered on the nämnd counts its goals as the nämnd's own report does."""
    from apps.organisation.models import Unit

    the_period = kommun.period(period)
    body = Unit.objects.get(ansvarskod=kommun.committee, valid_to=None)
    url = f"/mal/?ar={the_period.year}&period={the_period.pk}&enhet={body.pk}"
    if reader == "politiker" and the_period.state != "closed":
        assert_the_open_period_is_refused_to_a_politician(kommun, url, the_period)
        return
    tree = tree_counts(kommun.page(url, reader), body.short_name)
    report = report_counts(kommun, period, {body.name, body.short_name}, kommun.committee)
    assert sum(tree.values()) > 0, f"{kommun.name} {period}: no goal of {body} in the tree"
    assert tree == report, (
        f"{kommun.name} {period} {body} as {reader}: tree {tree}, report {report}"
    )


# --- One figure, the same in every table of a report ---------------------------------------


def document_table(kommun: Kommun, period: str, table_key: str) -> PrintedTable | None:
    """A report table's rows as the PDF draws them (exact kronor), its total row last."""
    table = kommun.table(period, table_key)
    if table is None:
        return None
    rows = list(table.rows) + ([table.total] if table.total is not None else [])
    printed = [
        (str(row[0]), [v if isinstance(v, Decimal) else None for v in row[1:]]) for row in rows
    ]
    return PrintedTable([c.header for c in table.columns[1:]], printed, [])


# (table, row label starts, other table, its row label starts): the same figure twice. A
# label None is the table's total row.
SAME_FIGURES = (
    ("resultatrakning", ("årets resultat",), "ekonomi-i-siffror", ("årets resultat",)),
    ("resultatrakning", ("årets resultat",), "balanskrav", ("årets resultat",)),
    ("investeringar", None, "ekonomi-i-siffror", ("nettoinvesteringar", "net investments")),
    ("drift", None, "ekonomi-i-siffror", ("nämndernas budgetavvikelse",)),
)


def test_one_figure_reads_the_same_in_every_table_of_the_report(kommun: Kommun, period: str):
    year = kommun.period(period).year
    errors, compared = [], 0
    for key, label, other_key, other_label in SAME_FIGURES:
        table = document_table(kommun, period, key)
        other = document_table(kommun, period, other_key)
        if table is None or other is None:
            continue
        row = table.rows[-1][1] if label is None else table.row(*label)
        other_row = other.row(*other_label)
        if row is None or other_row is None:
            continue
        columns = columns_by_concept(table, year)
        other_columns = columns_by_concept(other, year)
        if (
            key == "drift"
        ):  # the nämnder's deviation is a forecast's (or, at year end, the outcome's)
            columns = {"forecast": columns.get("deviation", columns.get("deviation_outcome"))}
        for name in ("budget", "outcome", "forecast"):
            if name not in columns or name not in other_columns:
                continue
            a, b = value(row, columns[name]), value(other_row, other_columns[name])
            if a is None and b is None:
                continue
            compared += 1
            if not close(a, b, ONE_KR):
                errors.append(
                    f"{table.rows[-1][0] if label is None else label[0]} ({key}, {name}) "
                    f"{tkr(a)} ≠ {other_label[0]} ({other_key}) {tkr(b)}"
                )
    assert compared or kommun.table(period, "ekonomi-i-siffror") is None
    assert not errors, f"{kommun.name} {period}:\n" + "\n".join(errors)
