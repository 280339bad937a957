"""The register of styrdokument as the administrator uses it: add a document with its PDF,
find it in the revision list, open the PDF through the access-checked download."""

from __future__ import annotations

import re

from django.utils import timezone, translation
from playwright.sync_api import expect

from tests.browser.conftest import Visitor
from tests.documents.pdfs import minimal_pdf

TITLE = "Riktlinjer för visselblåsarfunktionen"


def t(text: str) -> str:
    with translation.override("sv"):
        return translation.gettext(text)


def field(visitor: Visitor, label: str):
    """The input labelled ``label`` (the label may go on with "(obligatoriskt)")."""
    return visitor.page.get_by_label(re.compile(rf"^{re.escape(t(label))}(\s|$)"))


def test_the_administrator_adds_a_document_with_a_pdf(visitor: Visitor, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    page = visitor.page
    today = timezone.localdate()
    visitor.login("admin")

    page.locator("header nav").get_by_role("link", name=t("Governance documents")).click()
    expect(page).to_have_url(re.compile(r"/styrdokument/$"))
    visitor.axe()
    page.get_by_role("link", name=t("Add a governance document")).first.click()
    expect(page).to_have_url(re.compile(r"/styrdokument/ny/$"))
    visitor.axe()

    field(visitor, "Kind").select_option("riktlinje")
    field(visitor, "Title").fill(TITLE)
    field(visitor, "Decided by").select_option(label="Kommunstyrelsen")
    field(visitor, "Decision date").fill(f"{today.year - 2}-03-01")
    field(visitor, "Paragraph").fill("§ 44")
    field(visitor, "Owner unit").select_option(label="Kommunstyrelsen")
    field(visitor, "Valid from").fill(f"{today.year - 2}-04-01")
    field(visitor, "Revise by").fill(f"{today.year}-12-31")
    field(visitor, "PDF file").set_input_files(
        {"name": "riktlinjer.pdf", "mimeType": "application/pdf", "buffer": minimal_pdf()}
    )
    field(visitor, "Reason for the change").fill("Beslut i kommunstyrelsen")
    page.get_by_role("button", name=t("Save")).click()

    expect(page.locator("h1")).to_have_text(TITLE)
    visitor.axe()
    expect(page.get_by_text("Beslut i kommunstyrelsen")).to_be_visible()
    download = page.get_by_role("link", name=t("Open the PDF"))
    expect(download).to_have_attribute("href", re.compile(r"^/styrdokument/\d+/pdf/$"))
    response = page.request.get(visitor.url(download.get_attribute("href")))
    assert response.ok and response.body().startswith(b"%PDF-")

    page.get_by_role("navigation", name=t("Breadcrumb")).get_by_role(
        "link", name=t("Governance documents")
    ).click()
    expect(page).to_have_url(re.compile(r"/styrdokument/$"))
    visitor.axe()
    page.get_by_role("link", name=t("Due for revision"), exact=True).click()
    expect(page).to_have_url(re.compile(r"/styrdokument/revidering/$"))
    visitor.axe()
    due = page.locator("section").filter(
        has=page.get_by_role("heading", name=re.compile(t("Due for revision this year")))
    )
    expect(due.get_by_role("link", name=TITLE)).to_be_visible()
