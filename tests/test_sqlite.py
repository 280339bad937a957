"""On the embedded default (SQLite) two people saving at once both succeed: writers take the
write lock when their transaction begins and wait for each other, instead of one of them
getting "database is locked" (a 500) when it upgrades a read to a write."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings
from django.db import connection

BASE_DIR = Path(__file__).resolve().parent.parent

# Two threads each read a counter, wait a little while holding their transaction, then write
# the counter plus one: the read-then-write of a service inside transaction.atomic.
CONCURRENT_WRITERS = """
import threading, time
from django.db import connection, connections, transaction

with connection.cursor() as cursor:
    cursor.execute("CREATE TABLE counter (id integer primary key, value integer)")
    cursor.execute("INSERT INTO counter VALUES (1, 0)")
connection.close()

errors = []
barrier = threading.Barrier(2)

def writer():
    try:
        barrier.wait()
        with transaction.atomic():
            with connection.cursor() as cursor:
                cursor.execute("SELECT value FROM counter WHERE id = 1")
                value = cursor.fetchone()[0]
                time.sleep(0.3)
                cursor.execute("UPDATE counter SET value = %s WHERE id = 1", [value + 1])
    except Exception as error:
        errors.append(repr(error))
    finally:
        connections.close_all()

threads = [threading.Thread(target=writer) for _ in range(2)]
for thread in threads:
    thread.start()
for thread in threads:
    thread.join()
with connection.cursor() as cursor:
    cursor.execute("SELECT value FROM counter WHERE id = 1")
    print("value", cursor.fetchone()[0], "errors", errors)
"""


def test_two_concurrent_writers_on_a_sqlite_file_both_succeed(tmp_path):
    # Runs on the embedded default whatever database the suite itself uses.
    env = {k: v for k, v in os.environ.items() if k not in ("DATABASE_URL", "DEBUG")}
    env["DJANGO_SETTINGS_MODULE"] = "styrmodell.settings"
    env["DATABASE_URL"] = f"sqlite:///{tmp_path / 'concurrent.sqlite3'}"
    result = subprocess.run(
        [sys.executable, "manage.py", "shell", "--no-imports", "-c", CONCURRENT_WRITERS],
        cwd=BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "value 2 errors []"


@pytest.mark.skipif(
    connection.vendor != "sqlite", reason="these options belong to the SQLite backend only"
)
def test_sqlite_writers_begin_immediately_and_wait_for_the_lock():
    options = settings.DATABASES["default"]["OPTIONS"]
    assert options["transaction_mode"] == "IMMEDIATE"
    assert options["timeout"] >= 20
    assert "journal_mode=WAL" in options["init_command"]
