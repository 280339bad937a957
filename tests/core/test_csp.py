"""Every response carries a Content-Security-Policy that allows only the site's own scripts,
styles and images: no inline script, no style attribute, no framing. The templates are
written for it (no inline <script>, no style="…", no on…= handlers)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from django.http import HttpResponse
from django.test import RequestFactory

from apps.core.middleware import CONTENT_SECURITY_POLICY, ContentSecurityPolicyMiddleware

TEMPLATES = Path(__file__).resolve().parents[2] / "templates"
POLICY = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'self'; "
    "form-action 'self'; frame-ancestors 'none'"
)
PAGES = [
    "/",
    "/mal/",
    "/uppfoljning/",
    "/planer/",
    "/tillit/",
    "/ekonomi/",
    "/intern-kontroll/enhet/{unit}/2026/",
    "/intern-kontroll/enhet/{unit}/2026/kontrollplan/",
    "/styrdokument/",
    "/rapporter/",
    "/perioder/",
    "/organisation/",
    "/admin/",
]


def test_the_policy_is_the_strict_one():
    assert CONTENT_SECURITY_POLICY == POLICY
    assert "unsafe-inline" not in POLICY


@pytest.mark.parametrize("path", PAGES)
def test_every_apps_page_carries_the_policy(client, admin_user, org, path):
    client.force_login(admin_user)
    response = client.get(path.format(unit=org.namnd_a.pk))
    assert response.status_code < 500
    assert response.headers["Content-Security-Policy"] == POLICY


def test_the_login_page_and_a_missing_page_carry_it_too(client, db):
    assert client.get("/login/").headers["Content-Security-Policy"] == POLICY
    assert client.get("/finns-inte/").headers["Content-Security-Policy"] == POLICY


def test_a_policy_a_view_set_itself_is_kept():
    """The uploaded files' stricter policy (sandbox) is not replaced."""

    def view(request):
        response = HttpResponse("%PDF")
        response.headers["Content-Security-Policy"] = "default-src 'none'; sandbox"
        return response

    response = ContentSecurityPolicyMiddleware(view)(RequestFactory().get("/media/x.pdf"))
    assert response.headers["Content-Security-Policy"] == "default-src 'none'; sandbox"


def template_files() -> list[Path]:
    return sorted(
        p for p in TEMPLATES.rglob("*.html") if "pdf" not in p.relative_to(TEMPLATES).parts
    )


def offending(pattern: str) -> list[str]:
    found = []
    for path in template_files():
        for number, line in enumerate(path.read_text().splitlines(), 1):
            if re.search(pattern, line, re.IGNORECASE):
                found.append(f"{path.relative_to(TEMPLATES)}:{number}: {line.strip()[:120]}")
    return found


def test_no_template_has_an_inline_script():
    assert offending(r"<script(?![^>]*\bsrc=)[^>]*>") == []


def test_no_template_has_a_style_attribute_or_element():
    assert offending(r"\sstyle=|<style\b") == []


def test_no_template_has_an_event_handler_attribute_or_a_javascript_url():
    assert offending(r"\son[a-z]+=|javascript:|\shx-on") == []
