"""WeasyPrint fetches nothing but data: URLs and the application's own static and media
files: a report's HTML (a logo, a goal's text) cannot make the server read a local file or
call another host (issue 12)."""

from __future__ import annotations

import contextlib
import re
import socket
import zlib
from unittest import mock

import pytest
from django.conf import settings
from weasyprint.urls import URLFetcher

from apps.reports import render

FONT = settings.BASE_DIR / "static" / "fonts" / "LiberationSans-Regular.ttf"
HOSTILE = """<!doctype html><html lang="sv"><head><meta charset="utf-8"><title>x</title>
<link rel="stylesheet" href="file:///etc/passwd">
<style>body { background: url("http://127.0.0.1:9/bg.png"); font-family: "Report Sans" }
@font-face { font-family: "Report Sans"; src: url("fonts/LiberationSans-Regular.ttf") }</style>
</head><body><p>Målet</p>
<img src="http://127.0.0.1:9/x.png" alt="a"><img src="https://example.com/y.png" alt="b">
<img src="file:///etc/passwd" alt="c"><img src="fonts/../../README.md" alt="d">
<img src="data:image/gif;base64,R0lGODlhAQABAAAAACw=" alt="e"></body></html>"""


@pytest.fixture
def no_network(monkeypatch):
    def refuse(*args, **kwargs):
        raise AssertionError(f"a connection was attempted: {args}")

    monkeypatch.setattr(socket, "create_connection", refuse)
    monkeypatch.setattr(socket.socket, "connect", refuse)


class TestTheFetcher:
    @pytest.mark.parametrize(
        "url",
        [
            "http://127.0.0.1:9/x.png",
            "https://example.com/y.png",
            "ftp://example.com/z",
            "file:///etc/passwd",
            f"file://{FONT.parent}/../../README.md",
            f"file://{FONT.parent}/%2e%2e/%2e%2e/README.md",
            f"file://example.com{FONT}",
        ],
    )
    def test_refuses_other_hosts_and_files_outside_static_and_media(self, url, no_network):
        with pytest.raises(ValueError):
            render.LocalFetcher().fetch(url)

    def test_reads_static_and_media_files_and_data_urls(self, settings, tmp_path):
        settings.MEDIA_ROOT = tmp_path
        (tmp_path / "logo").mkdir()
        (tmp_path / "logo" / "vapen.png").write_bytes(b"\x89PNG")
        fetcher = render.LocalFetcher()
        assert fetcher.fetch(f"file://{FONT}").read() == FONT.read_bytes()
        assert fetcher.fetch(f"file://{tmp_path}/logo/vapen.png").read() == b"\x89PNG"
        assert fetcher.fetch("data:text/plain;base64,aGVq").read() == b"hej"


def test_a_hostile_page_renders_without_fetching_and_still_embeds_the_font(no_network):
    fetched = []
    real_fetch = URLFetcher.fetch

    def spy(self, url, headers=None):
        fetched.append(url)
        return real_fetch(self, url, headers)

    with mock.patch.object(URLFetcher, "fetch", spy):
        pdf, pages = render.pdf_from_html(HOSTILE)
    assert pages == 1
    assert [url for url in fetched if not url.startswith("data:")] == []
    assert b"root:" not in pdf
    # the vendored Liberation Sans, loaded from static through the fetcher and embedded as a subset
    assert re.search(rb"/FontName /[A-Z]{6}\+Report-Sans", unpacked(pdf))
    assert b"/FontFile2" in unpacked(pdf)


def unpacked(pdf: bytes) -> bytes:
    """The PDF with its compressed streams (object streams too) inflated."""
    parts = [pdf]
    for stream in re.findall(rb"stream\r?\n(.*?)endstream", pdf, re.S):
        with contextlib.suppress(zlib.error):
            parts.append(zlib.decompress(stream))
    return b"\n".join(parts)
