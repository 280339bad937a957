"""Every page names its icon, and /favicon.ico, which browsers ask for anyway, leads to it."""

from __future__ import annotations

from django.contrib.staticfiles import finders


def test_the_icon_is_a_static_file_that_pages_link_and_favicon_ico_redirects_to(client, db):
    assert finders.find("favicon.svg")
    response = client.get("/favicon.ico")
    assert response.status_code == 301
    assert response["Location"].endswith("favicon.svg")
    login = client.get("/login/").content.decode()
    assert '<link rel="icon" href="/static/favicon.svg" type="image/svg+xml">' in login
