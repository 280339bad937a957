"""Settings come from the environment, strictly: production passes the deploy checks, and a
typo or a missing secret stops the process instead of running with a silent default.

Each test runs ``manage.py check`` in a fresh process, since settings are read at import.
"""

from __future__ import annotations

import os
import secrets
import string
import subprocess
import sys
from pathlib import Path

import pytest

BASE_DIR = Path(__file__).resolve().parent.parent

# Everything settings.py reads; the parent's values (e.g. CI's DATABASE_URL) must not leak in.
SETTINGS_VARIABLES = (
    "DEBUG", "SECRET_KEY", "ALLOWED_HOSTS", "CSRF_TRUSTED_ORIGINS", "DATABASE_URL", "REDIS_URL",
    "MEDIA_ROOT", "STATIC_ROOT", "SECURE_SSL_REDIRECT", "TRUST_X_FORWARDED_PROTO",
    "SECURE_HSTS_SECONDS", "SECURE_HSTS_INCLUDE_SUBDOMAINS", "SECURE_HSTS_PRELOAD",
    "SESSION_COOKIE_SECURE", "CSRF_COOKIE_SECURE", "LOG_LEVEL",
    "LOGIN_FAILURE_LIMIT", "LOGIN_COOLOFF_MINUTES", "TRUST_X_FORWARDED_FOR",
    "SESSION_IDLE_TIMEOUT_MINUTES", "EMAIL_HOST", "EMAIL_PORT", "EMAIL_HOST_USER",
    "EMAIL_HOST_PASSWORD", "EMAIL_USE_TLS", "DEFAULT_FROM_EMAIL",
)  # fmt: skip


def random_secret_key() -> str:
    alphabet = string.ascii_letters + string.digits + "!@#%^&*(-_=+)"
    return "".join(secrets.choice(alphabet) for _ in range(60))


def manage(*args: str, **environment: str) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k not in SETTINGS_VARIABLES}
    env["DJANGO_SETTINGS_MODULE"] = "styrmodell.settings"
    env.update(environment)
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


@pytest.fixture
def production(tmp_path) -> dict[str, str]:
    return {
        "DEBUG": "false",
        "SECRET_KEY": random_secret_key(),
        "ALLOWED_HOSTS": "styrmodell.example.se",
        "DATABASE_URL": f"sqlite:///{tmp_path / 'production.sqlite3'}",
    }


def test_production_environment_passes_the_deploy_checks(production):
    result = manage("check", "--deploy", "--fail-level", "WARNING", **production)
    output = result.stdout + result.stderr
    assert result.returncode == 0, output
    assert "no issues" in output


def test_embedded_default_needs_no_environment():
    result = manage("check")
    assert result.returncode == 0, result.stderr
    assert "no issues" in result.stdout


def test_debug_typo_stops_the_process_and_names_debug():
    result = manage("check", DEBUG="ture")
    assert result.returncode != 0
    assert "ImproperlyConfigured" in result.stderr
    assert "DEBUG='ture' is not a boolean" in result.stderr


def test_debug_typo_in_production_is_not_taken_as_false(production):
    result = manage("check", **{**production, "DEBUG": "flase"})
    assert result.returncode != 0
    assert "DEBUG='flase'" in result.stderr


def test_production_without_secret_key_fails(production):
    del production["SECRET_KEY"]
    result = manage("check", **production)
    assert result.returncode != 0
    assert "SECRET_KEY must be set when DEBUG is false" in result.stderr


def test_production_with_blank_secret_key_fails(production):
    result = manage("check", **{**production, "SECRET_KEY": "   "})
    assert result.returncode != 0
    assert "SECRET_KEY must be set" in result.stderr


def test_production_without_allowed_hosts_fails(production):
    del production["ALLOWED_HOSTS"]
    result = manage("check", **production)
    assert result.returncode != 0
    assert "ALLOWED_HOSTS must be set when DEBUG is false" in result.stderr


def test_database_url_with_unknown_scheme_fails(production):
    result = manage("check", **{**production, "DATABASE_URL": "mysql://db/styrmodell"})
    assert result.returncode != 0
    assert "DATABASE_URL must start with" in result.stderr


def test_allowed_hosts_with_empty_item_fails(production):
    result = manage("check", **{**production, "ALLOWED_HOSTS": "styrmodell.example.se,"})
    assert result.returncode != 0
    assert "ALLOWED_HOSTS" in result.stderr
    assert "empty item" in result.stderr


def test_deploy_check_warns_when_production_turns_security_off(production):
    result = manage(
        "check", "--deploy", "--fail-level", "WARNING", **production, SECURE_SSL_REDIRECT="false"
    )
    assert result.returncode != 0
    assert "security.W008" in result.stdout + result.stderr


def setting_values(*names: str, **environment: str) -> list[str]:
    """The settings' values as the app reads them from ``environment``, one per line."""
    code = "from django.conf import settings; " + "; ".join(
        f"print(settings.{name})" for name in names
    )
    result = manage("shell", "--no-imports", "-c", code, **environment)
    assert result.returncode == 0, result.stderr
    return result.stdout.splitlines()


def test_login_throttling_defaults_to_five_failures_and_fifteen_minutes():
    limit, cool_off, backends = setting_values(
        "AXES_FAILURE_LIMIT", "AXES_COOLOFF_TIME", "AUTHENTICATION_BACKENDS[0]"
    )
    assert (limit, cool_off, backends) == ("5", "0:15:00", "axes.backends.AxesBackend")


def test_login_throttling_is_read_from_the_environment():
    values = setting_values(
        "AXES_FAILURE_LIMIT", "AXES_COOLOFF_TIME", "TRUST_X_FORWARDED_FOR",
        LOGIN_FAILURE_LIMIT="10", LOGIN_COOLOFF_MINUTES="60", TRUST_X_FORWARDED_FOR="true",
    )  # fmt: skip
    assert values == ["10", "1:00:00", "True"]


@pytest.mark.parametrize(
    ("name", "value", "message"),
    [
        ("LOGIN_FAILURE_LIMIT", "fem", "LOGIN_FAILURE_LIMIT='fem' is not a whole number"),
        ("LOGIN_FAILURE_LIMIT", "0", "LOGIN_FAILURE_LIMIT=0 is below the minimum 1"),
        ("LOGIN_COOLOFF_MINUTES", "15m", "LOGIN_COOLOFF_MINUTES='15m' is not a whole number"),
        ("TRUST_X_FORWARDED_FOR", "ja", "TRUST_X_FORWARDED_FOR='ja' is not a boolean"),
        ("SESSION_IDLE_TIMEOUT_MINUTES", "8h", "SESSION_IDLE_TIMEOUT_MINUTES='8h' is not a whole"),
        ("SESSION_IDLE_TIMEOUT_MINUTES", "1", "SESSION_IDLE_TIMEOUT_MINUTES=1 is below"),
        ("EMAIL_PORT", "smtp", "EMAIL_PORT='smtp' is not a whole number"),
        ("EMAIL_USE_TLS", "kanske", "EMAIL_USE_TLS='kanske' is not a boolean"),
        ("EMAIL_HOST", "smtp.kommun.se", "DEFAULT_FROM_EMAIL must be set when EMAIL_HOST is set"),
        ("EMAIL_HOST_USER", "styrmodell", "EMAIL_HOST_PASSWORD need EMAIL_HOST"),
    ],
)
def test_a_bad_login_session_or_mail_setting_stops_the_process(name, value, message):
    result = manage("check", **{name: value})
    assert result.returncode != 0
    assert "ImproperlyConfigured" in result.stderr
    assert message in result.stderr


def test_the_idle_timeout_sets_the_session_age():
    assert setting_values("SESSION_COOKIE_AGE") == ["28800"]
    assert setting_values("SESSION_COOKIE_AGE", SESSION_IDLE_TIMEOUT_MINUTES="60") == ["3600"]


def test_mail_is_printed_to_the_log_without_a_mail_server():
    assert setting_values("EMAIL_BACKEND") == ["django.core.mail.backends.console.EmailBackend"]


def test_mail_goes_by_smtp_when_a_mail_server_is_set():
    values = setting_values(
        "EMAIL_BACKEND", "EMAIL_HOST", "EMAIL_PORT", "EMAIL_USE_TLS", "DEFAULT_FROM_EMAIL",
        EMAIL_HOST="smtp.kommun.se", EMAIL_PORT="25", EMAIL_USE_TLS="false",
        DEFAULT_FROM_EMAIL="styrmodell@kommun.se",
    )  # fmt: skip
    assert values == [
        "django.core.mail.backends.smtp.EmailBackend", "smtp.kommun.se", "25", "False",
        "styrmodell@kommun.se",
    ]  # fmt: skip
