"""In CI (REQUIRE_SERVICES=true) the suite must really run on PostgreSQL and reach Redis."""

from __future__ import annotations

import os

import pytest
import redis
from django.db import connection

from tests.conftest import services_required

pytestmark = pytest.mark.skipif(
    not services_required(), reason="only where REQUIRE_SERVICES=true (CI)"
)


def test_the_suite_runs_on_postgresql(db):
    assert connection.vendor == "postgresql"


def test_redis_answers():
    url = os.environ.get("REDIS_TEST_URL", "redis://127.0.0.1:6379/15")
    client = redis.Redis.from_url(url, socket_connect_timeout=2)
    assert client.ping() is True
    client.set("styrmodell-ci-check", "ok", ex=10)
    assert client.get("styrmodell-ci-check") == b"ok"
