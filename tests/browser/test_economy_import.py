"""The ekonom imports outcome, as in the issue: a file with errors first (the row errors are
shown, nothing is imported), then a good one (the result, and the file in the history).

Exempelkommun's units carry the ansvarskoder of the example files (1000 KS, 2000/2100/2110
BUN, 3000/3100 SN). Tertial 1 2026 is closed, so the files are for May to July.
"""

from __future__ import annotations

import re
from pathlib import Path

from django.utils import translation
from openpyxl import load_workbook
from playwright.sync_api import expect

from apps.economy import kommun_bas
from apps.economy.models import AccountMapping, OutcomeImport, OutcomeRow, StatementLine
from tests.browser.conftest import Visitor

EXAMPLES = Path(__file__).resolve().parents[2] / "apps" / "economy" / "examples"
WITH_ERRORS = EXAMPLES / "utfall_med_fel.csv"
GOOD = EXAMPLES / "utfall_2026-05_2026-06_windows-1252.csv"


def t(text: str) -> str:
    with translation.override("sv"):
        return translation.gettext(text)


def upload(visitor: Visitor, path: Path, reason: str) -> None:
    page = visitor.page
    visitor.goto("/ekonomi/utfall/")
    page.get_by_label(t("File from the financial system")).set_input_files(str(path))
    page.locator("input[name=year]").fill("2026")
    page.get_by_label(t("Reason for the import")).fill(reason)
    page.get_by_role("button", name=t("Upload and choose columns")).click()
    expect(page).to_have_url(visitor.url("/ekonomi/utfall/kolumner/"))
    visitor.axe()
    # The columns are proposed from the file's header names.
    expect(page.locator("select[name=account]")).to_have_value("Konto")
    expect(page.locator("table.outcome-preview tbody tr")).to_have_count(
        min(10, len(path.read_bytes().splitlines()) - 1)
    )


def test_the_ekonom_imports_a_file_with_errors_then_a_good_one(
    visitor: Visitor, settings, tmp_path
) -> None:
    settings.MEDIA_ROOT = tmp_path  # the uploads wait there between the steps
    kommun_bas.install(StatementLine, AccountMapping)  # a flush after another test takes it
    page = visitor.page
    visitor.login("ekonom")
    before = OutcomeImport.objects.count()
    may = OutcomeRow.objects.filter(year=2026, month=5)
    may_before = sorted(may.values_list("pk", flat=True))  # the demo's May, imported already

    upload(visitor, WITH_ERRORS, "Utfall maj, första försöket")
    page.get_by_role("button", name=t("Import"), exact=True).click()
    errors = page.locator("table.row-errors tbody tr")
    expect(errors).to_have_count(6)
    visitor.axe()
    expect(page.get_by_role("alert")).to_contain_text(t("Nothing was imported"))
    first = errors.first
    expect(first.get_by_role("rowheader")).to_have_text("3")
    expect(first).to_contain_text("9999")
    assert OutcomeImport.objects.count() == before
    assert sorted(may.values_list("pk", flat=True)) == may_before

    page.get_by_role("button", name=t("Cancel the import")).click()
    expect(page).to_have_url(visitor.url("/ekonomi/utfall/"))
    visitor.axe()

    upload(visitor, GOOD, "Utfall maj–juni från huvudboken")
    page.get_by_role("button", name=t("Import"), exact=True).click()
    expect(page).to_have_url(re.compile(r"/ekonomi/utfall/\d+/$"))
    visitor.axe()
    expect(page.locator(".outcome-rows")).to_have_text("30")
    record = OutcomeImport.objects.get(file_name=GOOD.name)
    assert (record.row_count, record.imported_by.username) == (30, "ekonom")
    assert record.reason == "Utfall maj–juni från huvudboken"

    page.get_by_role("link", name=t("All imports")).click()
    visitor.axe()
    # This import's own row (the demo's May and June imports name it as replacing them).
    history = page.locator("table.outcome-history tbody tr").filter(has_text=record.checksum[:12])
    expect(history).to_have_count(1)
    expect(history).to_contain_text(record.checksum[:12])
    expect(history).to_contain_text("Erik Ekström")

    # On to the nämnder's overview of the open period, a drill-down, and the Excel export.
    page.locator("header nav").get_by_role("link", name=t("Economy"), exact=True).click()
    expect(page.locator("h1")).to_contain_text("Tertial 2 2026")
    visitor.axe()
    bun = "Barn- och utbildningsnämnden"
    header = page.get_by_role("rowheader", name=re.compile(rf"^{bun}"))
    page.locator("main table tbody tr").filter(has=header).get_by_role(
        "link", name=bun, exact=True
    ).click()
    expect(page.locator("h1")).to_have_text(bun)
    visitor.axe()
    with page.expect_download() as download_info:
        page.get_by_role("link", name=t("Export to Excel")).click()
    path = tmp_path / download_info.value.suggested_filename
    download_info.value.save_as(path)
    rows = list(load_workbook(path).active.iter_rows(values_only=True))
    assert rows[-1][0] == t("Total") and isinstance(rows[-1][3], (int, float))
