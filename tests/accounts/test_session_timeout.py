"""A session ends after SESSION_IDLE_TIMEOUT_MINUTES (default 480) without a request; a
request pushes the end forward, so a user who keeps working stays logged in. The session is
written at most once a minute for this, not on every request."""

from __future__ import annotations

import time
from datetime import timedelta

from django.conf import settings
from django.contrib.sessions.models import Session
from django.utils import timezone

from apps.accounts.middleware import ACTIVITY_KEY

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


def last_active(client, *, seconds_ago: int, expires_in: timedelta) -> None:
    """Pretend the session was last used ``seconds_ago`` and ends in ``expires_in``."""
    session = client.session
    session[ACTIVITY_KEY] = int(time.time()) - seconds_ago
    session.save()
    Session.objects.filter(session_key=session.session_key).update(
        expire_date=timezone.now() + expires_in
    )


def test_a_request_pushes_the_end_of_the_session_forward(client, politician):
    client.force_login(politician)
    # Seven hours and 59 minutes idle: one minute left.
    last_active(client, seconds_ago=479 * 60, expires_in=timedelta(minutes=1))
    assert client.get("/").status_code == 200
    remaining = session_row(client).expire_date - timezone.now()
    assert EIGHT_HOURS - timedelta(minutes=1) < remaining <= EIGHT_HOURS


def test_requests_within_a_minute_do_not_write_the_session_again(client, politician):
    client.force_login(politician)
    last_active(client, seconds_ago=30, expires_in=timedelta(hours=7))
    client.get("/")
    remaining = session_row(client).expire_date - timezone.now()
    assert remaining < timedelta(hours=7)  # not saved: the expiry stayed where it was


def test_a_fresh_login_needs_no_session_write_on_its_first_page(client, politician):
    client.force_login(politician)
    Session.objects.filter(session_key=client.session.session_key).update(
        expire_date=timezone.now() + timedelta(hours=7)
    )
    client.get("/")
    assert session_row(client).expire_date - timezone.now() < timedelta(hours=7)


def test_a_new_session_lasts_eight_hours_not_two_weeks(client, politician):
    client.force_login(politician)
    client.get("/")
    remaining = session_row(client).expire_date - timezone.now()
    assert remaining <= EIGHT_HOURS


def test_the_session_cookie_has_no_expiry_so_it_ends_with_the_browser(client, politician):
    response = client.post("/login/", {"username": "politiker", "password": "secret-pass-123"})
    assert response.status_code == 302
    cookie = response.cookies[settings.SESSION_COOKIE_NAME]
    assert cookie["max-age"] == ""
    assert cookie["expires"] == ""
