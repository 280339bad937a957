"""Shared plumbing for the bench scripts: a throw-away database, Django, timing, output.

Every script prints one ``name: value unit`` line per figure, so runs can be compared with
diff or grep. Nothing here asserts on time.
"""

from __future__ import annotations

import contextlib
import gc
import os
import resource
import shutil
import statistics
import sys
import tempfile
import time
import warnings
from collections.abc import Callable, Iterator
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

BASE_DIR = Path(__file__).resolve().parent.parent
if str(BASE_DIR) not in sys.path:
    sys.path.insert(0, str(BASE_DIR))


def report(name: str, value: float | int | str, unit: str = "") -> None:
    """Print one figure as ``name: value unit``."""
    if isinstance(value, float):
        text = f"{value:.2f}" if unit == "ratio" else f"{value:.1f}"
    else:
        text = str(value)
    print(f"{name}: {text} {unit}".rstrip(), flush=True)


def note(text: str) -> None:
    """A line that is not a figure (what ran where); starts with # so tools can skip it."""
    print(f"# {text}", flush=True)


# --- A database of its own -----------------------------------------------------------------


def _is_postgres(url: str) -> bool:
    return url.split("://", 1)[0] in {"postgres", "postgresql"}


def _maintenance_conninfo(url: str) -> str:
    """The same server as ``url``, but the ``postgres`` maintenance database."""
    parts = urlsplit(url)
    return urlunsplit(("postgresql", parts.netloc, "/postgres", parts.query, ""))


def _drop_postgres_database(url: str, name: str) -> None:
    import psycopg
    from psycopg import sql

    with psycopg.connect(_maintenance_conninfo(url), autocommit=True) as conn:
        conn.execute(
            sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name))
        )


@contextlib.contextmanager
def temporary_database(name: str) -> Iterator[str]:
    """Point DATABASE_URL at a fresh, empty database for the length of the block.

    With a PostgreSQL DATABASE_URL: database ``name`` on that server, created and dropped
    through the ``postgres`` maintenance database (a leftover from an interrupted run is
    dropped first). Otherwise a SQLite file in a temporary directory. The developer's own
    database is never opened. Must run before ``django.setup()``. Yields the vendor.
    """
    original = os.environ.get("DATABASE_URL", "")
    if _is_postgres(original):
        import psycopg
        from psycopg import sql

        _drop_postgres_database(original, name)
        with psycopg.connect(_maintenance_conninfo(original), autocommit=True) as conn:
            conn.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
        parts = urlsplit(original)
        os.environ["DATABASE_URL"] = urlunsplit(
            (parts.scheme, parts.netloc, f"/{name}", parts.query, "")
        )
        try:
            yield "postgresql"
        finally:
            _close_django_connections()
            _drop_postgres_database(original, name)
            os.environ["DATABASE_URL"] = original
    else:
        directory = tempfile.mkdtemp(prefix=f"{name}-")
        os.environ["DATABASE_URL"] = f"sqlite:///{directory}/{name}.sqlite3"
        try:
            yield "sqlite"
        finally:
            _close_django_connections()
            shutil.rmtree(directory, ignore_errors=True)
            if original:
                os.environ["DATABASE_URL"] = original
            else:
                del os.environ["DATABASE_URL"]


def _close_django_connections() -> None:
    if "django.db" in sys.modules:
        from django.db import connections

        connections.close_all()


def setup_django(*, debug: bool = False) -> None:
    """``django.setup()`` with the project's settings.

    ``debug`` False turns DEBUG off after the settings are read, as in production: no query
    log, no template debug data. (The other settings DEBUG decides stay as in development,
    so that the test client is not redirected to HTTPS.)
    """
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "styrmodell.settings")
    import django
    from django.conf import settings

    # whitenoise warns that the collected static files are missing; pages do not need them.
    warnings.filterwarnings("ignore", message="No directory at", category=UserWarning)
    django.setup()
    if not debug:
        settings.DEBUG = False


def http_client():
    """A test client for timing: ALLOWED_HOSTS as in tests, templates rendered as in production.

    ``setup_test_environment()`` adds ``testserver`` to ALLOWED_HOSTS but also wraps every
    template render in a signal whose receiver (the client's) copies the context of each
    ``{% include %}``; on a page of a thousand rows that is thousands of copies that a real
    server never makes. The plain render is put back.
    """
    from django.template import Template
    from django.test import Client
    from django.test.utils import _TestState, setup_test_environment

    if not hasattr(_TestState, "saved_data"):
        setup_test_environment()
    Template._render = _TestState.saved_data.template_render
    return Client()


# --- Measuring -----------------------------------------------------------------------------


def interleaved_medians_ms(fns: dict[str, Callable[[], object]], repeat: int) -> dict[str, float]:
    """The median milliseconds of each of ``fns`` over ``repeat`` rounds.

    Each round runs every function once, after a garbage collection, so that a change in
    the machine's load strikes all of them alike and their ratios stay meaningful.
    """
    times: dict[str, list[float]] = {name: [] for name in fns}
    for _ in range(repeat):
        for name, fn in fns.items():
            gc.collect()
            start = time.perf_counter()
            fn()
            times[name].append((time.perf_counter() - start) * 1000)
    return {name: statistics.median(values) for name, values in times.items()}


def peak_rss_mb() -> float:
    """The process's peak resident memory so far (Linux reports kB, macOS bytes)."""
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak / (1024 * 1024) if sys.platform == "darwin" else peak / 1024


# In the cumulative listing: the project's own functions and where Django spends for them.
PROFILE_FOCUS = (
    r"/apps/|shortcuts.py:\d+\(render\)|compiler.py:\d+\(execute_sql\)|base.py:\d+\(from_db\)"
)


def profile_to_stderr(name: str, fn: Callable[[], object], top: int) -> None:
    """One run of ``fn`` under cProfile, on stderr: the ``top`` functions by own time, then
    the project's functions (and template rendering, SQL, model loading) by total time."""
    import cProfile
    import io
    import pstats
    import sysconfig

    profiler = cProfile.Profile()
    profiler.runcall(fn)
    out = io.StringIO()
    stats = pstats.Stats(profiler, stream=out)
    stats.sort_stats("tottime").print_stats(top)
    stats.sort_stats("cumulative").print_stats(PROFILE_FOCUS, top)
    text = out.getvalue()
    for prefix in (sysconfig.get_paths()["purelib"], str(BASE_DIR)):
        text = text.replace(prefix + "/", "")
    print(f"--- profile of {name} ---\n{text}", file=sys.stderr, flush=True)


def allocated_peak_mb(fn: Callable[[], object]) -> float:
    """Peak memory Python allocates while ``fn`` runs (tracemalloc, so slow: not timed)."""
    import tracemalloc

    gc.collect()
    tracemalloc.start()
    try:
        fn()
        _current, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    return peak / (1024 * 1024)
