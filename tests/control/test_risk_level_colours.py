"""The risk levels' colours are data an administrator sets; the CSP refuses style attributes,
so the pages take them from a stylesheet generated from the levels, each with a text colour
that stays readable on it. The level's name is always written out, never colour alone."""

from __future__ import annotations

import pytest

from apps.control.models import RiskLevel
from tests.control.factories import RiskFactory

pytestmark = pytest.mark.django_db

CSS = "/intern-kontroll/riskniva.css"


def test_the_stylesheet_has_each_levels_colour_and_a_readable_text_colour(client, politician):
    RiskLevel.objects.all().delete()
    light = RiskLevel.objects.create(name="Låg", min_value=1, max_value=9, colour="#c6efce")
    dark = RiskLevel.objects.create(name="Mycket hög", min_value=10, max_value=25, colour="#7b0000")
    client.force_login(politician)
    response = client.get(CSS)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/css")
    css = response.content.decode()
    assert f".risk-level--{light.pk} {{ background-color: #c6efce; color: #000000; }}" in css
    assert f".risk-level--{dark.pk} {{ background-color: #7b0000; color: #ffffff; }}" in css


def test_the_stylesheet_is_revalidated_and_unchanged_levels_give_304(client, politician):
    client.force_login(politician)
    first = client.get(CSS)
    again = client.get(CSS, headers={"if-none-match": first["ETag"]})
    assert again.status_code == 304
    RiskLevel.objects.update(colour="#123456")
    assert client.get(CSS, headers={"if-none-match": first["ETag"]}).status_code == 200


def test_an_outsider_may_not_read_it(client, outsider):
    client.force_login(outsider)
    assert client.get(CSS).status_code == 403


def test_the_pages_colour_levels_by_class_and_link_the_stylesheet(client, politician, org):
    RiskFactory(unit=org.namnd_a, year=2026, probability=5, consequence=5)
    highest = RiskLevel.objects.order_by("-min_value").first()
    client.force_login(politician)
    for path in (f"/intern-kontroll/enhet/{org.namnd_a.pk}/2026/",):
        content = client.get(path).content.decode()
        assert 'href="/intern-kontroll/riskniva.css"' in content
        assert "style=" not in content
        assert f'class="risk-level risk-level--{highest.pk}"' in content
