"""docker-compose.yml describes the production shape; docker itself does not run here."""

from __future__ import annotations

from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent


def load_compose() -> dict:
    return yaml.safe_load((ROOT / "docker-compose.yml").read_text())


def test_compose_names_the_production_services():
    services = load_compose()["services"]
    assert {"db", "redis", "migrate", "web", "worker"} <= set(services)
    assert services["db"]["image"].startswith("postgres:")
    assert services["redis"]["image"].startswith("redis:")


def test_web_runs_gunicorn_and_worker_runs_celery():
    services = load_compose()["services"]
    web = services["web"]["command"]
    assert web[:2] == ["gunicorn", "styrmodell.wsgi"]
    assert "0.0.0.0:8000" in web
    worker = services["worker"]["command"]
    assert worker[:4] == ["celery", "-A", "styrmodell", "worker"]
    assert services["migrate"]["command"] == ["python", "manage.py", "migrate", "--noinput"]


def test_app_services_run_on_postgresql_and_redis_in_production_mode():
    services = load_compose()["services"]
    for name in ("web", "worker", "migrate"):
        env = services[name]["environment"]
        assert env["DEBUG"] == "false", name
        assert env["DATABASE_URL"].startswith("postgres://") and "@db:5432/" in env["DATABASE_URL"]
        assert env["REDIS_URL"] == "redis://redis:6379/0"
        assert env["SECRET_KEY"].startswith("${SECRET_KEY:?"), "the secret must come from outside"
        assert "ALLOWED_HOSTS" in env


def test_generated_files_live_on_a_volume_shared_by_web_and_worker():
    compose = load_compose()
    assert "media" in compose["volumes"]
    for name in ("web", "worker"):
        service = compose["services"][name]
        assert "media:/app/media" in service["volumes"]
        assert service["environment"]["MEDIA_ROOT"] == "/app/media"


def test_web_waits_for_migrations_and_static_files_are_served_by_the_app():
    services = load_compose()["services"]
    assert services["web"]["depends_on"]["migrate"]["condition"] == "service_completed_successfully"
    dockerfile = (ROOT / "Dockerfile").read_text()
    assert "collectstatic" in dockerfile
    settings = (ROOT / "styrmodell" / "settings.py").read_text()
    assert "whitenoise.middleware.WhiteNoiseMiddleware" in settings
