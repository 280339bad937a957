"""Settings for styrmodell, read from the environment.

With no environment at all the app runs on the embedded default: a SQLite file next to
the code, Celery tasks run in process, DEBUG on. Production sets at least DEBUG=false,
SECRET_KEY, ALLOWED_HOSTS, DATABASE_URL and REDIS_URL (see README.md).
"""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

from styrmodell.lib.env import Env, EnvError

BASE_DIR = Path(__file__).resolve().parent.parent
env = Env()

try:
    DEBUG = env.bool("DEBUG", default=True)

    SECRET_KEY = env.str("SECRET_KEY")
    if SECRET_KEY is None:
        if not DEBUG:
            raise EnvError("SECRET_KEY must be set when DEBUG is false")
        SECRET_KEY = "dev-only-insecure-key-never-used-in-production-0123456789abcdef"

    ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", ["127.0.0.1", "localhost"] if DEBUG else [])
    if not DEBUG and not ALLOWED_HOSTS:
        raise EnvError("ALLOWED_HOSTS must be set when DEBUG is false")
    CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", [])

    DATABASE_URL = env.url(
        "DATABASE_URL",
        schemes=("sqlite", "postgres", "postgresql"),
        default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
    )
    REDIS_URL = env.url("REDIS_URL", schemes=("redis", "rediss"))
    MEDIA_ROOT = Path(env.str("MEDIA_ROOT", str(BASE_DIR / "media")))
    STATIC_ROOT = Path(env.str("STATIC_ROOT", str(BASE_DIR / "staticfiles")))

    # Behind a TLS-terminating proxy (docker-compose, a load balancer) the app is told so.
    SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=not DEBUG)
    if env.bool("TRUST_X_FORWARDED_PROTO", default=False):
        SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", 0 if DEBUG else 31_536_000, minimum=0)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = env.bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", default=not DEBUG)
    SECURE_HSTS_PRELOAD = env.bool("SECURE_HSTS_PRELOAD", default=not DEBUG)
    SESSION_COOKIE_SECURE = env.bool("SESSION_COOKIE_SECURE", default=not DEBUG)
    CSRF_COOKIE_SECURE = env.bool("CSRF_COOKIE_SECURE", default=not DEBUG)
    # Seconds a report may take before it is stopped and recorded as failed.
    REPORT_TIME_LIMIT = env.int("REPORT_TIME_LIMIT", 600, minimum=60)
    # The largest outcome file (CSV or XLSX) the import takes, in MB: a year's ledger per
    # ansvar and account of a large kommun (a few hundred thousand rows) is well below 20.
    OUTCOME_UPLOAD_MAX_MB = env.int("OUTCOME_UPLOAD_MAX_MB", 20, minimum=1)
    LOG_LEVEL = env.choice("LOG_LEVEL", ("DEBUG", "INFO", "WARNING", "ERROR"), "INFO")
    # Login throttling (django-axes): failures per username and, separately, per client IP.
    LOGIN_FAILURE_LIMIT = env.int("LOGIN_FAILURE_LIMIT", 5, minimum=1)
    LOGIN_COOLOFF_MINUTES = env.int("LOGIN_COOLOFF_MINUTES", 15, minimum=1)
    # Only behind a proxy that sets X-Forwarded-For: otherwise any client could pick its "IP".
    TRUST_X_FORWARDED_FOR = env.bool("TRUST_X_FORWARDED_FOR", default=False)
    # A session ends after this long without a request (and when the browser closes).
    SESSION_IDLE_TIMEOUT_MINUTES = env.int("SESSION_IDLE_TIMEOUT_MINUTES", 480, minimum=5)
    # Password reset mails: SMTP when EMAIL_HOST is set, otherwise printed to the log.
    EMAIL_HOST = env.str("EMAIL_HOST")
    EMAIL_PORT = env.int("EMAIL_PORT", 587, minimum=1)
    EMAIL_HOST_USER = env.str("EMAIL_HOST_USER", "")
    EMAIL_HOST_PASSWORD = env.str("EMAIL_HOST_PASSWORD", "")
    EMAIL_USE_TLS = env.bool("EMAIL_USE_TLS", default=True)
    DEFAULT_FROM_EMAIL = env.str("DEFAULT_FROM_EMAIL")
    if EMAIL_HOST and not DEFAULT_FROM_EMAIL:
        raise EnvError("DEFAULT_FROM_EMAIL must be set when EMAIL_HOST is set")
    if (EMAIL_HOST_USER or EMAIL_HOST_PASSWORD) and not EMAIL_HOST:
        raise EnvError("EMAIL_HOST_USER and EMAIL_HOST_PASSWORD need EMAIL_HOST")
except EnvError as error:
    raise ImproperlyConfigured(str(error)) from None

INSTALLED_APPS = [
    "apps.core",
    "apps.accounts",
    "apps.organisation",
    "apps.periods",
    "apps.goals",
    "apps.followup",
    "apps.plans",
    "apps.trust",
    "apps.economy",
    "apps.consolidation",
    "apps.personnel",
    "apps.control",
    "apps.documents",
    "apps.reports",
    "apps.demo",
    "django.contrib.admin",
    "axes",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django_htmx",
    "mptt",
    "simple_history",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "apps.core.middleware.ContentSecurityPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "apps.accounts.middleware.SessionActivityMiddleware",  # the idle timeout
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    # Last, as django-axes asks: it turns a locked-out login into the lockout response.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "styrmodell.urls"
WSGI_APPLICATION = "styrmodell.wsgi.application"
ASGI_APPLICATION = "styrmodell.asgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "apps.core.context_processors.site",
            ],
        },
    },
]

DATABASES = {"default": dj_database_url.parse(DATABASE_URL, conn_max_age=60)}
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # Writers take the lock when their transaction begins and wait up to 20 s for it, instead
    # of failing with "database is locked" when a read turns into a write; WAL lets readers
    # go on while one writes.
    DATABASES["default"]["OPTIONS"] = {
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "accounts.User"
# AxesBackend first: it refuses a locked-out username or IP before the password is checked.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "start"
LOGOUT_REDIRECT_URL = "login"

LANGUAGE_CODE = "sv"
LANGUAGES = [("sv", "Svenska")]
LOCALE_PATHS = [BASE_DIR / "locale"]
USE_I18N = True
TIME_ZONE = "Europe/Stockholm"
USE_TZ = True
FORMAT_MODULE_PATH = ["styrmodell.formats"]

STATIC_URL = "static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "media/"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}

# Idle timeout: activity moves the session's expiry forward, saved at most once a minute
# (apps/accounts/middleware.py); closing the browser ends the session too.
SESSION_COOKIE_AGE = SESSION_IDLE_TIMEOUT_MINUTES * 60
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = True  # htmx sends the token from the page, not the cookie
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"

if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
        }
    }
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

# Celery: a real worker on Redis when REDIS_URL is set, otherwise tasks run in process.
CELERY_BROKER_URL = REDIS_URL or "memory://"
CELERY_RESULT_BACKEND = None
CELERY_TASK_ALWAYS_EAGER = REDIS_URL is None
# Without a broker a report is made in a background thread of the web process
# (apps.reports.in_process), not in the request: the page answers at once and shows progress.
REPORTS_IN_PROCESS = REDIS_URL is None
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TASK_TIME_LIMIT = 15 * 60
CELERY_TASK_SOFT_TIME_LIMIT = 14 * 60
CELERY_TIMEZONE = TIME_ZONE
# A web request must never hang on a broker that is down: fail the publish within seconds.
CELERY_BROKER_CONNECTION_TIMEOUT = 2
CELERY_BROKER_TRANSPORT_OPTIONS = {"socket_connect_timeout": 2, "socket_timeout": 5}
CELERY_TASK_PUBLISH_RETRY_POLICY = {"max_retries": 1, "interval_start": 0, "interval_step": 0.5}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s: %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": LOG_LEVEL},
    # WeasyPrint logs every layout step at INFO; its warnings still show.
    # (Its page-by-page progress goes only to the reports' own handler: apps/reports/render.py.)
    "loggers": {
        "weasyprint": {"level": "WARNING"},
        "weasyprint.progress": {"level": "INFO", "propagate": False},
        "fontTools": {"level": "WARNING"},
        # One INFO line per login attempt; lockouts are warnings and still show.
        "axes": {"level": "WARNING"},
    },
}

EMAIL_BACKEND = (
    "django.core.mail.backends.smtp.EmailBackend"
    if EMAIL_HOST
    else "django.core.mail.backends.console.EmailBackend"
)
if DEFAULT_FROM_EMAIL is None:
    DEFAULT_FROM_EMAIL = "styrmodell@localhost"
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# django-axes: attempts in the database, shared by every gunicorn worker.
AXES_HANDLER = "axes.handlers.database.AxesDatabaseHandler"
AXES_FAILURE_LIMIT = LOGIN_FAILURE_LIMIT
AXES_COOLOFF_TIME = timedelta(minutes=LOGIN_COOLOFF_MINUTES)
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]  # each on its own, not the pair
AXES_LOCKOUT_CALLABLE = "apps.accounts.throttling.lockout_response"
AXES_CLIENT_IP_CALLABLE = "apps.accounts.throttling.client_ip"
AXES_ENABLE_ACCESS_FAILURE_LOG = True
AXES_ENABLE_ADMIN = False  # registered on the product's admin site instead (apps/accounts/admin.py)

SIMPLE_HISTORY_HISTORY_CHANGE_REASON_USE_TEXT_FIELD = True
SIMPLE_HISTORY_REVERT_DISABLED = True
