"""A session ends after SESSION_IDLE_TIMEOUT_MINUTES (default 480) without a request; each
request pushes the end forward, so a user who keeps working stays logged in."""

from __future__ import annotations

from datetime import timedelta

from django.conf import settings
from django.contrib.sessions.models import Session
from django.utils import timezone

EIGHT_HOURS = timedelta(hours=8)


def session_row(client) -> Session:
    return Session.objects.get(session_key=client.session.session_key)


def test_the_idle_timeout_is_eight_hours_and_ends_with_the_browser():
    assert settings.SESSION_COOKIE_AGE == 8 * 60 * 60
    assert settings.SESSION_EXPIRE_AT_BROWSER_CLOSE


def test_a_session_idle_past_the_timeout_is_logged_out(client, politician):
    client.force_login(politician)
    assert client.get("/").status_code == 200
    Session.objects.filter(session_key=client.session.session_key).update(
        expire_date=timezone.now() - timedelta(seconds=1)
    )
    response = client.get("/")
    assert response.status_code == 302
    assert response["Location"].startswith("/login/")


def test_a_request_pushes_the_end_of_the_session_forward(client, politician):
    client.force_login(politician)
    # Seven hours and 59 minutes idle: one minute left.
    Session.objects.filter(session_key=client.session.session_key).update(
        expire_date=timezone.now() + timedelta(minutes=1)
    )
    assert client.get("/").status_code == 200
    remaining = session_row(client).expire_date - timezone.now()
    assert EIGHT_HOURS - timedelta(minutes=1) < remaining <= EIGHT_HOURS


def test_a_new_session_lasts_eight_hours_not_two_weeks(client, politician):
    client.force_login(politician)
    client.get("/")
    remaining = session_row(client).expire_date - timezone.now()
    assert remaining <= EIGHT_HOURS


def test_the_session_cookie_has_no_expiry_so_it_ends_with_the_browser(client, politician):
    client.force_login(politician)
    response = client.get("/")
    cookie = response.cookies[settings.SESSION_COOKIE_NAME]
    assert cookie["max-age"] == ""
    assert cookie["expires"] == ""
