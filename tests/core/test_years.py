"""A year in a URL is four digits within the years the product plans for (2000–2100):
anything else is not found (404), never a server error."""

from __future__ import annotations

import re

import pytest
from django.urls import URLPattern, URLResolver, get_resolver

from apps.core.views import year_from

BAD_YEARS = ["0", "0000", "1999", "2101", "10000", "99999999999999999999"]


def routes(resolver: URLResolver | None = None, prefix: str = "") -> list[str]:
    found = []
    for pattern in (resolver or get_resolver()).url_patterns:
        route = prefix + str(pattern.pattern)
        if isinstance(pattern, URLResolver):
            found += routes(pattern, route)
        elif isinstance(pattern, URLPattern):
            found.append(route)
    return found


def year_routes() -> list[str]:
    return [route for route in routes() if re.search(r"<(int|year):year>", route)]


def test_every_route_with_a_year_takes_it_through_the_year_converter():
    assert year_routes(), "no route takes a year"
    assert [route for route in year_routes() if "<int:year>" in route] == []


@pytest.mark.parametrize("year", BAD_YEARS)
def test_a_year_out_of_range_in_any_url_is_not_found(client, admin_user, org, year):
    client.force_login(admin_user)
    for route in year_routes():
        url = "/" + re.sub(r"<(int|year):year>", year, route)
        url = re.sub(r"<int:\w+>", str(org.namnd_a.pk), url)
        assert client.get(url).status_code == 404, url


def test_a_year_in_range_is_served(client, admin_user, org):
    client.force_login(admin_user)
    assert client.get(f"/intern-kontroll/enhet/{org.namnd_a.pk}/2026/").status_code == 200


@pytest.mark.parametrize("raw", ["1999", "2101", "10000", "٢٠٣١", "２０３１", "2026.0", " 2026"])
def test_a_year_out_of_range_in_the_query_string_gives_the_current_year(rf, raw):
    from django.utils import timezone

    assert year_from(rf.get("/", {"ar": raw})) == timezone.localdate().year


def test_a_year_in_the_query_string_is_read(rf):
    assert year_from(rf.get("/", {"ar": "2031"})) == 2031


@pytest.mark.parametrize("action", ["goal-²", "goal-١٢", "goal-"])
def test_an_id_in_a_submit_button_that_is_not_ascii_digits_is_not_found(action):
    from django.http import Http404

    from apps.core.views import action_pk

    with pytest.raises(Http404):
        action_pk(action, "goal-")


def test_a_unit_id_in_the_query_string_that_is_not_ascii_digits_is_ignored(client, admin_user, org):
    client.force_login(admin_user)
    assert client.get("/mal/", {"enhet": "²"}).status_code in (200, 404)
    assert client.get("/rapporter/1/versioner/", {"enhet": "²"}).status_code == 404
