"""Celery runs in process on the embedded default and on Redis when REDIS_URL is set."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

PROBE = (
    "import json, django; django.setup(); from django.conf import settings; "
    "from styrmodell.celery import app; "
    "print(json.dumps({'eager': app.conf.task_always_eager, 'broker': app.conf.broker_url, "
    "'acks_late': app.conf.task_acks_late, 'cache': settings.CACHES['default']['BACKEND']}))"
)


def probe(**env: str) -> dict:
    clean = {k: v for k, v in os.environ.items() if k not in {"DATABASE_URL", "REDIS_URL"}}
    clean.update(env, DJANGO_SETTINGS_MODULE="styrmodell.settings")
    result = subprocess.run(
        [sys.executable, "-c", PROBE],
        cwd=ROOT,
        env=clean,
        capture_output=True,
        text=True,
        check=True,
    )
    return json.loads(result.stdout.strip().splitlines()[-1])


def test_embedded_default_runs_tasks_in_process():
    conf = probe()
    assert conf["eager"] is True
    assert conf["broker"] == "memory://"


def test_with_redis_url_tasks_go_to_a_worker_on_redis():
    conf = probe(REDIS_URL="redis://127.0.0.1:6379/3")
    assert conf["eager"] is False
    assert conf["broker"] == "redis://127.0.0.1:6379/3"
    assert conf["acks_late"] is True
    assert conf["cache"] == "django.core.cache.backends.redis.RedisCache"
