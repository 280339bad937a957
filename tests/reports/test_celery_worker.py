"""A report made by a real Celery worker on Redis, as in production.

The worker is a process of its own, so it must see the test's data: this needs PostgreSQL
(committed data, ``transaction=True``) and a Redis server (``REDIS_TEST_URL``, by default
db 15 of a local one, flushed first). Where either is missing the tests skip, or fail under
REQUIRE_SERVICES=true.

Covered: a kommun delårsrapport requested through the service reaches the worker, ends done
and downloads as a PDF; with the broker down the request is stored within seconds and sent
when a worker starts; a worker killed in the middle of a report gives the task back and the
next worker makes it (late acknowledgement).
"""

from __future__ import annotations

import datetime as dt
import os
import signal
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from urllib.parse import quote, urlsplit, urlunsplit

import pytest
from django.conf import settings
from django.db import connection
from kombu import Connection, pools

from apps.periods.models import ReportingPeriod
from apps.reports import services
from apps.reports.content import ReportKind
from apps.reports.models import ReportRequest, RequestState
from styrmodell.celery import app as celery_app
from tests.conftest import services_required
from tests.factories import ReportingPeriodFactory

ROOT = Path(__file__).resolve().parents[2]
CELERY = ROOT / ".venv" / "bin" / "celery"


def _redis_url_of_this_process() -> str:
    """REDIS_TEST_URL, one database lower per xdist worker (gw1 uses db 14 when it is 15),
    so that two test processes never share a queue: each one's worker sees only its
    own test database."""
    url = os.environ.get("REDIS_TEST_URL", "redis://127.0.0.1:6379/15")
    worker = os.environ.get("PYTEST_XDIST_WORKER", "")
    if not worker.startswith("gw"):
        return url
    parts = urlsplit(url)
    db = max(int(parts.path.strip("/") or 0) - int(worker[2:]), 0)
    return urlunsplit(parts._replace(path=f"/{db}"))


REDIS_URL = _redis_url_of_this_process()
CLOSED_PORT_URL = "redis://127.0.0.1:6390/0"  # nothing listens there
DONE_WITHIN = 120  # seconds

# A worker started through this script instead of the `celery` command when a test needs
# to reach into it: REPORT_TEST_SLOW_PDF makes the PDF step wait (so the test can kill the
# worker while the report is in progress), and a short visibility timeout lets the next
# worker take back the task of a killed one in seconds instead of an hour. Test-only
# behaviour, set from outside; production code is untouched.
WORKER_SCRIPT = """
import os, sys, time
from styrmodell.celery import app
from celery.signals import worker_init

@worker_init.connect
def _slow_pdf(**_kwargs):
    import django
    django.setup()
    if not os.environ.get("REPORT_TEST_SLOW_PDF"):
        return
    from apps.reports import render
    original = render.render_pdf
    def slow(document, progress=None):
        if progress is not None:
            progress(10, "test: waiting to be killed")
        time.sleep(600)
        return original(document, progress)
    render.render_pdf = slow

app.conf.broker_transport_options = {
    **app.conf.broker_transport_options,
    "visibility_timeout": 3,
    "unacked_restore_interval": 1,
    "unacked_restore_throttle": 1,
}
app.worker_main(sys.argv[1:])
"""
WORKER_ARGS = [
    "worker", "-P", "solo", "-c", "1", "--without-heartbeat", "--without-mingle",
    "--without-gossip", "-l", "warning",
]  # fmt: skip


def _unavailable(reason: str) -> None:
    if services_required():
        pytest.fail(reason)
    pytest.skip(reason)


@pytest.fixture
def redis_url() -> str:
    """The test Redis, flushed; skip (or fail in CI) without it or without PostgreSQL."""
    if connection.vendor != "postgresql":
        _unavailable("A real worker needs PostgreSQL: it cannot see an in-memory SQLite test DB.")
    import redis

    client = redis.Redis.from_url(REDIS_URL, socket_connect_timeout=2, socket_timeout=5)
    try:
        client.flushdb()
    except redis.RedisError as error:
        _unavailable(f"No Redis at {REDIS_URL}: {error}")
    finally:
        client.close()
    return REDIS_URL


def _use_broker(url: str) -> None:
    """Point this process's producer at ``url``, dropping connections to the former one."""
    pools.reset()  # closes every pooled connection and forgets the pools
    celery_app._pool = None
    celery_app.amqp._producer_pool = None
    celery_app.conf.broker_url = url
    wanted = Connection(url)
    with celery_app.producer_or_acquire() as producer:  # what apply_async publishes with
        used = producer.connection
        where = (used.transport_cls, used.hostname or "localhost", used.port, used.virtual_host)
    assert where == (
        wanted.transport_cls, wanted.hostname or "localhost", wanted.port, wanted.virtual_host
    )  # fmt: skip


@pytest.fixture
def broker(redis_url) -> Iterator[Callable[[str], None]]:
    """Tasks go to a broker instead of running in process; the test chooses which URL."""
    saved = celery_app.conf.broker_url, celery_app.conf.task_always_eager
    celery_app.conf.task_always_eager = False
    _use_broker(redis_url)
    yield _use_broker
    _use_broker(saved[0])
    celery_app.conf.task_always_eager = saved[1]


def _database_url() -> str:
    db = connection.settings_dict
    auth = quote(db["USER"] or "", safe="")
    if db["PASSWORD"]:
        auth += ":" + quote(db["PASSWORD"], safe="")
    host = db["HOST"] or "127.0.0.1"
    port = f":{db['PORT']}" if db["PORT"] else ""
    return f"postgres://{auth}@{host}{port}/{db['NAME']}"


class Workers:
    def __init__(self, redis_url: str, log_dir: Path) -> None:
        self.redis_url = redis_url
        self.log_dir = log_dir
        self.running: list[subprocess.Popen] = []
        self.killed: list[subprocess.Popen] = []

    def start(self, *, slow_pdf: bool = False, via_script: bool = False) -> subprocess.Popen:
        """A worker; ``via_script`` starts it through WORKER_SCRIPT (``slow_pdf`` implies it)."""
        env = {k: v for k, v in os.environ.items() if k not in {"DJANGO_ALLOW_ASYNC_UNSAFE"}}
        env.update(
            DATABASE_URL=_database_url(),
            REDIS_URL=self.redis_url,
            MEDIA_ROOT=str(settings.MEDIA_ROOT),
            DJANGO_SETTINGS_MODULE="styrmodell.settings",
        )
        if slow_pdf:
            env["REPORT_TEST_SLOW_PDF"] = "1"
        if slow_pdf or via_script:
            command = [sys.executable, "-c", WORKER_SCRIPT, *WORKER_ARGS]
        else:
            command = [str(CELERY), "-A", "styrmodell", *WORKER_ARGS]
        log = (self.log_dir / f"worker-{len(self.running)}.log").open("wb")
        process = subprocess.Popen(command, cwd=ROOT, env=env, stdout=log, stderr=log)
        self.running.append(process)
        return process

    def kill(self, process: subprocess.Popen) -> None:
        self.killed.append(process)
        process.kill()
        process.wait(timeout=10)

    def died(self) -> subprocess.Popen | None:
        """A worker that exited by itself (not one the test killed)."""
        for process in self.running:
            if process not in self.killed and process.poll() is not None:
                return process
        return None

    def logs(self) -> str:
        return "\n".join(p.read_text(errors="replace") for p in sorted(self.log_dir.glob("*")))

    def stop_all(self) -> None:
        for process in self.running:
            if process.poll() is None:
                process.send_signal(signal.SIGTERM)
        for process in self.running:
            try:
                process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()


@pytest.fixture
def workers(broker, redis_url, tmp_path) -> Iterator[Workers]:
    log_dir = tmp_path / "worker-logs"
    log_dir.mkdir()
    started = Workers(redis_url, log_dir)
    yield started
    started.stop_all()


@pytest.fixture
def tertial_2(org) -> ReportingPeriod:
    return ReportingPeriodFactory(
        kind="tertial2",
        name="Tertial 2",
        starts_on=dt.date(2026, 1, 1),
        ends_on=dt.date(2026, 8, 31),
        state="open",
    )


def wait_for(
    pk: int, states: set[str], workers: Workers, timeout: float = DONE_WITHIN, **extra
) -> ReportRequest:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        request = ReportRequest.objects.get(pk=pk)
        if request.state in states and all(getattr(request, k) >= v for k, v in extra.items()):
            return request
        died = workers.died()
        if died is not None:
            pytest.fail(f"A worker exited ({died.returncode}):\n{workers.logs()}")
        time.sleep(0.25)
    pytest.fail(
        f"Request {pk} is {request.state} ({request.progress} %, {request.stage!r}, "
        f"error {request.error!r}) after {timeout} s, not {states}.\n{workers.logs()}"
    )


def assert_pdf_downloads(client, user, request: ReportRequest) -> None:
    client.force_login(user)
    response = client.get(f"/rapporter/bestallning/{request.pk}/pdf/")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert b"".join(response.streaming_content).startswith(b"%PDF")


@pytest.mark.django_db(transaction=True)
def test_a_worker_on_redis_makes_the_kommuns_interim_report(
    workers, tertial_2, economist, client
) -> None:
    workers.start()

    request = services.report_request(actor=economist, kind=ReportKind.INTERIM, period=tertial_2)

    request.refresh_from_db()
    assert request.dispatched_at is not None  # the broker took it
    done = wait_for(request.pk, {RequestState.DONE, RequestState.FAILED}, workers)
    assert done.state == RequestState.DONE, done.error
    assert (done.progress, done.attempts) == (100, 1)
    assert done.pages >= 1 and done.pdf_sha256 and done.xlsx_sha256
    assert_pdf_downloads(client, economist, done)


@pytest.mark.django_db(transaction=True)
def test_with_the_broker_down_the_request_waits_and_goes_when_a_worker_starts(
    workers, broker, redis_url, tertial_2, economist, client
) -> None:
    broker(CLOSED_PORT_URL)

    start = time.monotonic()
    request = services.report_request(actor=economist, kind=ReportKind.INTERIM, period=tertial_2)
    took = time.monotonic() - start

    assert took < 15, f"report_request hung for {took:.1f} s with the broker down"
    request.refresh_from_db()
    assert (request.state, request.dispatched_at) == (RequestState.QUEUED, None)

    # The broker is back; the worker that starts sends what waited (its worker_ready).
    broker(redis_url)
    workers.start()
    done = wait_for(request.pk, {RequestState.DONE, RequestState.FAILED}, workers)
    assert done.state == RequestState.DONE, done.error
    assert done.dispatched_at is not None
    assert services.dispatch_pending() == 0  # nothing left waiting
    assert_pdf_downloads(client, economist, done)


@pytest.mark.django_db(transaction=True)
def test_a_report_whose_worker_is_killed_is_made_by_the_next_worker(
    workers, tertial_2, economist, client
) -> None:
    doomed = workers.start(slow_pdf=True)
    request = services.report_request(actor=economist, kind=ReportKind.INTERIM, period=tertial_2)
    running = wait_for(request.pk, {RequestState.RUNNING}, workers, progress=35)
    assert running.attempts == 1

    workers.kill(doomed)  # SIGKILL in the middle of the PDF: no acknowledgement, no clean-up
    assert ReportRequest.objects.get(pk=request.pk).state == RequestState.RUNNING

    # The next worker takes the unacknowledged task back once its visibility timeout passed.
    workers.start(via_script=True)
    done = wait_for(request.pk, {RequestState.DONE, RequestState.FAILED}, workers)
    assert done.state == RequestState.DONE, done.error
    assert done.attempts == 2
    assert_pdf_downloads(client, economist, done)
