"""Login throttling (django-axes) on both login forms, /login/ and /admin/login/: after
LOGIN_FAILURE_LIMIT (5) failures for a username, or from one address, even the right
password is refused with a Swedish message until the cool-off ends or an administrator
unlocks."""

from __future__ import annotations

import pytest
from axes.models import AccessAttempt, AccessFailureLog
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest
from django.test import override_settings

from apps.accounts import services
from apps.accounts.throttling import client_ip

PASSWORD = "secret-pass-123"  # tests/factories.py's UserFactory
LOCKED = (
    "För många misslyckade inloggningsförsök. Försök igen om 15 minuter "
    "eller be en administratör att låsa upp kontot."
)
ADMIN_SITE_LOGIN = "/admin/login/?next=/admin/"


def log_in(client, username: str, password: str, *, url: str = "/login/", ip: str = "127.0.0.1"):
    return client.post(url, {"username": username, "password": password}, REMOTE_ADDR=ip)


def fail(client, username: str, times: int = 5, **where) -> None:
    for _ in range(times):
        log_in(client, username, "wrong-password", **where)


def is_logged_in(client) -> bool:
    return "_auth_user_id" in client.session


def test_four_failures_then_the_right_password_logs_in(client, editor_a):
    fail(client, "redaktor_a", times=4)
    response = log_in(client, "redaktor_a", PASSWORD)
    assert response.status_code == 302
    assert is_logged_in(client)


def test_the_fifth_failure_already_says_the_account_is_locked(client, editor_a):
    fail(client, "redaktor_a", times=3)
    assert log_in(client, "redaktor_a", "wrong-password").status_code == 200  # the fourth
    response = log_in(client, "redaktor_a", "wrong-password")
    assert response.status_code == 429
    assert LOCKED in response.content.decode()


def test_after_five_failures_the_right_password_is_refused_with_a_swedish_message(client, editor_a):
    fail(client, "redaktor_a")
    response = log_in(client, "redaktor_a", PASSWORD)
    assert response.status_code == 429
    assert not is_logged_in(client)
    page = response.content.decode()
    assert LOCKED in page
    assert 'role="alert"' in page  # read out at once, as the login page's other errors
    assert 'name="username"' in page  # the login page itself, not a bare error page


def test_a_locked_username_stays_locked_from_another_address(client, editor_a):
    for n in range(5):
        log_in(client, "redaktor_a", "wrong-password", ip=f"10.0.0.{n + 1}")
    response = log_in(client, "redaktor_a", PASSWORD, ip="10.0.1.1")
    assert response.status_code == 429
    assert not is_logged_in(client)


def test_one_address_trying_many_usernames_is_locked_out(client, editor_a):
    for name in ["anna", "bertil", "cesar", "david", "erik"]:
        log_in(client, name, "wrong-password", ip="10.0.0.7")
    response = log_in(client, "redaktor_a", PASSWORD, ip="10.0.0.7")
    assert response.status_code == 429
    assert LOCKED in response.content.decode()
    # The same user from elsewhere is not locked: only that address is.
    assert log_in(client, "redaktor_a", PASSWORD, ip="10.0.0.8").status_code == 302


def test_the_admin_login_is_throttled_too(client, admin_user):
    fail(client, "admin", url=ADMIN_SITE_LOGIN)
    response = log_in(client, "admin", PASSWORD, url=ADMIN_SITE_LOGIN)
    assert response.status_code == 429
    assert LOCKED in response.content.decode()
    assert not is_logged_in(client)


def test_failures_on_one_form_count_on_the_other(client, admin_user):
    fail(client, "admin", times=3, url=ADMIN_SITE_LOGIN)
    fail(client, "admin", times=2)
    assert log_in(client, "admin", PASSWORD, url=ADMIN_SITE_LOGIN).status_code == 429


def test_failures_are_kept_in_the_database_for_every_worker(client, editor_a):
    fail(client, "redaktor_a", times=2)
    assert AccessAttempt.objects.get(username="redaktor_a").failures_since_start == 2
    assert AccessFailureLog.objects.filter(username="redaktor_a").count() == 2


def test_an_administrator_unlocks_in_the_admin_and_the_user_logs_in(client, admin_user, editor_a):
    from django.test import Client

    fail(client, "redaktor_a")
    assert log_in(client, "redaktor_a", PASSWORD).status_code == 429

    administrator = Client()
    administrator.force_login(admin_user)
    listing = administrator.get("/admin/axes/accessattempt/")
    assert listing.status_code == 200
    assert "redaktor_a" in listing.content.decode()
    ids = [str(pk) for pk in AccessAttempt.objects.values_list("pk", flat=True)]
    response = administrator.post(
        "/admin/axes/accessattempt/", {"action": "unlock", "_selected_action": ids}
    )
    assert response.status_code == 302
    assert not AccessAttempt.objects.exists()

    assert log_in(client, "redaktor_a", PASSWORD).status_code == 302
    assert is_logged_in(client)


def test_deleting_the_attempt_in_the_admin_unlocks(client, admin_user, editor_a):
    from django.test import Client

    fail(client, "redaktor_a")
    attempt = AccessAttempt.objects.get()
    administrator = Client()
    administrator.force_login(admin_user)
    response = administrator.post(
        f"/admin/axes/accessattempt/{attempt.pk}/delete/", {"post": "yes"}
    )
    assert response.status_code == 302
    assert log_in(client, "redaktor_a", PASSWORD).status_code == 302


def test_an_editor_cannot_see_or_clear_the_attempts(client, editor_a, editor_b):
    fail(client, "redaktor_b")
    client.force_login(editor_a)
    assert client.get("/admin/axes/accessattempt/").status_code == 302  # to the admin login
    with pytest.raises(PermissionDenied):
        services.login_lockout_clear(actor=editor_a, attempts=AccessAttempt.objects.all())
    assert AccessAttempt.objects.exists()


def test_the_attempts_are_read_only_in_the_admin(client, admin_user, editor_a):
    fail(client, "redaktor_a", times=1)
    attempt = AccessAttempt.objects.get()
    client.force_login(admin_user)
    assert client.get("/admin/axes/accessattempt/add/").status_code == 403
    assert client.get("/admin/axes/accessfailurelog/").status_code == 200
    response = client.post(
        f"/admin/axes/accessattempt/{attempt.pk}/change/",
        {"username": "someone-else", "failures_since_start": "0"},
    )
    assert response.status_code == 403
    attempt.refresh_from_db()
    assert attempt.failures_since_start == 1


def test_the_client_address_is_the_peer_unless_the_proxy_is_trusted():
    request = HttpRequest()
    request.META = {"REMOTE_ADDR": "172.18.0.5", "HTTP_X_FORWARDED_FOR": "1.2.3.4, 203.0.113.9"}
    assert client_ip(request) == "172.18.0.5"
    with override_settings(TRUST_X_FORWARDED_FOR=True):
        # The right-most entry is the one our proxy added; the client wrote the rest.
        assert client_ip(request) == "203.0.113.9"
        request.META = {"REMOTE_ADDR": "172.18.0.5"}
        assert client_ip(request) == "172.18.0.5"


@override_settings(TRUST_X_FORWARDED_FOR=True)
def test_behind_a_trusted_proxy_each_client_is_counted_on_its_own(client, editor_a):
    for n in range(5):
        client.post(
            "/login/",
            {"username": f"guess{n}", "password": "x"},
            REMOTE_ADDR="172.18.0.5",
            HTTP_X_FORWARDED_FOR="198.51.100.1",
        )
    other_client = client.post(
        "/login/",
        {"username": "redaktor_a", "password": PASSWORD},
        REMOTE_ADDR="172.18.0.5",
        HTTP_X_FORWARDED_FOR="198.51.100.2",
    )
    assert other_client.status_code == 302


def test_the_test_clients_login_needs_the_request_axes_counts_on(client, editor_a):
    """Django's Client.login() calls authenticate() without a request; AxesBackend needs one.

    force_login() is what the suite uses; client.login() works when given a request.
    """
    assert client.login(request=HttpRequest(), username="redaktor_a", password=PASSWORD)
