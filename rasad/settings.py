"""Rasad settings, read from the environment.

Local defaults are safe for a developer's machine (SQLite, DEBUG on); production hardening is under
one switch, ``RASAD_ENV=production`` (see the README's table of variables).
https://docs.djangoproject.com/en/5.2/ref/settings/
"""

from __future__ import annotations

import os
from pathlib import Path

import dj_database_url
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent


def env_bool(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


# One switch for production hardening: https://docs.djangoproject.com/en/5.2/howto/deployment/checklist/
PRODUCTION = os.environ.get("RASAD_ENV", "development").lower() == "production"

# https://docs.djangoproject.com/en/5.2/ref/settings/#debug
DEBUG = env_bool("DEBUG", default=not PRODUCTION)

# https://docs.djangoproject.com/en/5.2/ref/settings/#secret-key
SECRET_KEY = os.environ.get("SECRET_KEY", "")
if not SECRET_KEY:
    if PRODUCTION:
        raise RuntimeError("SECRET_KEY must be set when RASAD_ENV=production")
    SECRET_KEY = "dev-only-insecure-key-do-not-use-in-production-0123456789abcdef"

# https://docs.djangoproject.com/en/5.2/ref/settings/#allowed-hosts
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "" if PRODUCTION else "localhost,127.0.0.1,[::1],testserver")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "django.contrib.humanize",
    "django.contrib.postgres",
    "django_htmx",
    "template_partials",
    "import_export",
    "axes",
    "ninja",
    # The audit log of privileged acts, read-only in the admin: https://django-auditlog.readthedocs.io/
    "auditlog",
    # Rasad's apps, bottom layer first: each imports only apps listed above it (make lint checks).
    "rasad.core",
    "rasad.access",
    "rasad.articles",
    "rasad.search",
    "rasad.imports",
    "rasad.library",
    "rasad.annotations",
    "rasad.contributions",
    "rasad.alerts",
    "rasad.demo",
    "rasad.api",
    "rasad.insights",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    # /api/: oversized bodies refused before anything reads them; Django's own 404/405 as Persian JSON.
    "rasad.api.middleware.ApiEdgeMiddleware",
    # whitenoise straight after SecurityMiddleware: https://whitenoise.readthedocs.io/en/stable/django.html
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    # The language of the reader's cookie only (rasad/core/preferences.py), not Accept-Language.
    "rasad.core.preferences.ReaderLanguageMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # The signed-in user is the actor of every audit log entry made during the request.
    "auditlog.middleware.AuditlogMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    # NUL and other control characters in paths, queries, forms and JSON: a Persian 400, before any view.
    "rasad.core.untrusted.UntrustedInputMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    # Content Security Policy with a per-request nonce, in every environment (see the block below).
    "rasad.core.csp.EveryResponseCSPMiddleware",
    # Reading figures: counts article pages and gate conversions once answered (rasad/insights).
    "rasad.insights.middleware.ReadingCounterMiddleware",
    # AxesMiddleware last: https://django-axes.readthedocs.io/en/latest/2_installation.html
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "rasad.urls"
WSGI_APPLICATION = "rasad.wsgi.application"

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
                "django.template.context_processors.i18n",
                # `csp_nonce` for {% htmx_script %} and any <script nonce="{{ csp_nonce }}">.
                "rasad.core.context_processors.csp_nonce",
                # `theme` and `text_size`: the reader's display preferences, from their cookies.
                "rasad.core.preferences.preferences",
                # The set of saved article ids, lazily, so cards show «ذخیره‌شده» without N+1 queries.
                "rasad.library.context_processors.saved_articles",
            ],
            "builtins": [
                "template_partials.templatetags.partials",
                "rasad.core.templatetags.persian",
            ],
        },
    },
]

# Database: SQLite file by default, PostgreSQL (psycopg 3) with DATABASE_URL=postgres://...
# https://github.com/jazzband/dj-database-url
DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL", f"sqlite:///{BASE_DIR / 'db.sqlite3'}"),
        conn_max_age=int(os.environ.get("CONN_MAX_AGE", "60")),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # Persistent connections buy nothing on SQLite and hold file locks across requests.
    DATABASES["default"]["CONN_MAX_AGE"] = 0
    DATABASES["default"].setdefault("OPTIONS", {})
    DATABASES["default"]["OPTIONS"].setdefault("timeout", 20)

# Cache and sessions: Redis when REDIS_URL is set (several app servers share it), else local memory.
REDIS_URL = os.environ.get("REDIS_URL", "")
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "django_redis.cache.RedisCache",
            "LOCATION": REDIS_URL,
            "OPTIONS": {"CLIENT_CLASS": "django_redis.client.DefaultClient"},
        }
    }
    SESSION_ENGINE = "django.contrib.sessions.backends.cache"
else:
    # Room for the anonymous page cache (rasad/core/pagecache.py): ~1000 pages per worker.
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "OPTIONS": {"MAX_ENTRIES": int(os.environ.get("RASAD_LOCMEM_MAX_ENTRIES", "1000"))},
        }
    }

AUTHENTICATION_BACKENDS = [
    # django-axes first so locked-out users never reach the model backend.
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "articles:feed"
LOGOUT_REDIRECT_URL = "articles:feed"

# Login rate limiting: https://django-axes.readthedocs.io/en/latest/4_configuration.html
AXES_FAILURE_LIMIT = int(os.environ.get("AXES_FAILURE_LIMIT", "5"))
AXES_COOLOFF_TIME = float(os.environ.get("AXES_COOLOFF_HOURS", "0.25"))  # hours
# Either count locks: failures from one address across every username (spraying many accounts)
# and failures on one account from any address. Attempts are rows in the database (django-axes'
# database handler), so every app server sees the same counts; editors lift a lock-out in the
# admin (Axes → access attempts: delete) or with `manage.py axes_reset_ip` / `axes_reset_username`.
AXES_LOCKOUT_PARAMETERS = ["ip_address", "username"]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "registration/lockout.html"

# Internationalisation: Persian UI, Tehran time. Dates are stored as Gregorian and shown in Jalali.
# https://docs.djangoproject.com/en/5.2/topics/i18n/
LANGUAGE_CODE = "fa"
# English is the second interface language, chosen with the switch in the footer (a cookie; the
# URLs are the same in both). Accept-Language is not consulted: see rasad/core/preferences.py.
LANGUAGES = [("fa", _("فارسی")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "rasad" / "locale"]
TIME_ZONE = "Asia/Tehran"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "whitenoise.storage.CompressedManifestStaticFilesStorage"
            if PRODUCTION
            else "django.contrib.staticfiles.storage.StaticFilesStorage"
        )
    },
}
MEDIA_URL = "media/"
MEDIA_ROOT = BASE_DIR / "media"
# Original PDFs are full text: stored outside MEDIA_ROOT, with no URL, served only through the gate.
RASAD_PRIVATE_MEDIA_ROOT = Path(os.environ.get("RASAD_PRIVATE_MEDIA_ROOT", BASE_DIR / "private-media"))
# An import file's `pdf` paths are read from under this folder, nowhere else.
RASAD_IMPORT_PDF_ROOT = Path(os.environ.get("RASAD_IMPORT_PDF_ROOT", BASE_DIR / "import-pdfs"))
# A larger PDF is refused; so is one whose text or pages go past these (decompression bombs).
RASAD_PDF_MAX_BYTES = int(os.environ.get("RASAD_PDF_MAX_BYTES", str(20 * 1024 * 1024)))
RASAD_PDF_MAX_PAGES = int(os.environ.get("RASAD_PDF_MAX_PAGES", "2000"))
RASAD_PDF_MAX_TEXT = int(os.environ.get("RASAD_PDF_MAX_TEXT", str(5_000_000)))
RASAD_PDF_MAX_INFLATED = int(os.environ.get("RASAD_PDF_MAX_INFLATED", str(50 * 1024 * 1024)))
# Reading figures (rasad/insights): `0` turns counting off (the benchmark compares both).
RASAD_READING_STATS = os.environ.get("RASAD_READING_STATS", "1") not in {"0", "false", "False", ""}

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# E-mail: printed to the console unless an SMTP server is configured.
EMAIL_BACKEND = os.environ.get("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "Rasad <no-reply@rasad.local>")

# SMTP, when EMAIL_HOST is set: https://docs.djangoproject.com/en/5.2/topics/email/#smtp-backend
EMAIL_HOST = os.environ.get("EMAIL_HOST", "localhost")
EMAIL_PORT = int(os.environ.get("EMAIL_PORT", "25"))
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", False)
if "EMAIL_HOST" in os.environ and "EMAIL_BACKEND" not in os.environ:
    EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
EMAIL_TIMEOUT = 30
# The address readers are sent to from e-mails and feeds (no request to build it from).
RASAD_SITE_URL = os.environ.get("RASAD_SITE_URL", "http://127.0.0.1:8000").rstrip("/")

# ---------------------------------------------------------------------------------------------
# Background work: Celery. https://docs.celeryq.dev/en/stable/userguide/configuration.html
# Without a broker, tasks run in the calling process (``make run`` needs nothing but Python).
# ---------------------------------------------------------------------------------------------
CELERY_BROKER_URL = os.environ.get("CELERY_BROKER_URL", "")
CELERY_TASK_ALWAYS_EAGER = not CELERY_BROKER_URL
# The queue this deployment's tasks go to: two deployments (or test runs) may share one broker.
CELERY_TASK_DEFAULT_QUEUE = os.environ.get("CELERY_TASK_DEFAULT_QUEUE", "rasad")
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_RESULT_BACKEND = None  # tasks write their outcome to the database (admin), not to a result store
CELERY_TASK_IGNORE_RESULT = True
CELERY_TIMEZONE = "Asia/Tehran"
# A task is acknowledged after it ran, so a worker that dies mid-task leaves it to another worker;
# the tasks are idempotent (unique constraints) so running one twice sends nothing twice.
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
CELERY_WORKER_HIJACK_ROOT_LOGGER = False
# Periodic work, run by ``celery -A rasad beat`` (times in Tehran).
# https://docs.celeryq.dev/en/stable/userguide/periodic-tasks.html
from celery.schedules import crontab  # noqa: E402

CELERY_BEAT_SCHEDULE = {
    "match-new-articles": {"task": "rasad.alerts.tasks.match_new_articles", "schedule": 30.0},
    "retry-failed-emails": {"task": "rasad.alerts.tasks.retry_due_emails", "schedule": 300.0},
    "daily-digests": {"task": "rasad.alerts.tasks.send_daily_digests", "schedule": crontab(hour=7, minute=0)},
    "weekly-digests": {
        "task": "rasad.alerts.tasks.send_weekly_digests",
        "schedule": crontab(hour=7, minute=30, day_of_week="saturday"),
    },
    "team-weekly-digests": {
        "task": "rasad.alerts.tasks.send_team_digests",
        "schedule": crontab(hour=8, minute=0, day_of_week="saturday"),
    },
    "fetch-think-tank-feeds": {"task": "rasad.imports.tasks.fetch_think_tank_feeds", "schedule": crontab(minute=17)},
    "fold-reading-stats": {"task": "rasad.insights.fold_reading_stats", "schedule": 300.0},
    "check-links": {"task": "rasad.insights.check_links", "schedule": crontab(hour=4, minute=30)},
}
# Articles published (or imported) this many hours ago or less are matched against alerts.
RASAD_ALERTS_LOOKBACK_HOURS = int(os.environ.get("RASAD_ALERTS_LOOKBACK_HOURS", "48"))
# Retries of a failed e-mail before it is given up (backoff 1, 2, 4, 8… minutes).
RASAD_EMAIL_MAX_ATTEMPTS = int(os.environ.get("RASAD_EMAIL_MAX_ATTEMPTS", "6"))

# Feed page size: how many cards the feed and «بیشتر» load at a time.
RASAD_PAGE_SIZE = int(os.environ.get("RASAD_PAGE_SIZE", "12"))

# ---------------------------------------------------------------------------------------------
# Production, performance and scale-out. Everything hardening-related sits under the one
# switch `RASAD_ENV=production`; CSP, the page cache and the replica router apply everywhere so
# that what is tested is what runs.
# ---------------------------------------------------------------------------------------------

# Content Security Policy with django-csp 4: scripts only from our origin or carrying this
# request's nonce (`{% htmx_script %}` adds it); no inline styles, no eval. Enforced, not
# report-only, in every environment so a template that breaks it fails in development too.
# https://django-csp.readthedocs.io/en/latest/configuration.html
from csp.constants import NONCE, NONE, SELF  # noqa: E402

CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF, NONCE],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
        "base-uri": [SELF],
        "object-src": [NONE],
    },
}

# Anonymous pages (feed, listings, article pages) are cached whole for this many seconds and
# invalidated at once when content changes (rasad/core/pagecache.py); 0 turns the cache off.
RASAD_PAGE_CACHE_SECONDS = int(os.environ.get("RASAD_PAGE_CACHE_SECONDS", "60"))

# The benchmark's bare view (/bench/bare/) exists only when RASAD_BENCH=1.
RASAD_BENCH = env_bool("RASAD_BENCH", False)

# A read replica: reads go to it, writes and everything inside a transaction to the primary
# (rasad/db_router.py). https://docs.djangoproject.com/en/5.2/topics/db/multi-db/
DATABASE_REPLICA_URL = os.environ.get("DATABASE_REPLICA_URL", "")
if DATABASE_REPLICA_URL:
    DATABASES["replica"] = dj_database_url.parse(
        DATABASE_REPLICA_URL,
        conn_max_age=DATABASES["default"]["CONN_MAX_AGE"],
        conn_health_checks=True,
    )
    # Tests run against the primary only; the replica alias mirrors it.
    DATABASES["replica"]["TEST"] = {"MIRROR": "default"}
    DATABASE_ROUTERS = ["rasad.db_router.PrimaryReplicaRouter"]
    MIDDLEWARE.insert(
        MIDDLEWARE.index("django.contrib.sessions.middleware.SessionMiddleware"),
        "rasad.db_router.PrimaryAfterWriteMiddleware",
    )
    # Seconds a browser keeps reading from the primary after it wrote (covers replication lag).
    RASAD_REPLICA_PIN_SECONDS = int(os.environ.get("RASAD_REPLICA_PIN_SECONDS", "5"))

# Logging: readable lines in development, one JSON object per line on stdout in production
# (journald, Docker and log shippers take it as is). https://docs.djangoproject.com/en/5.2/topics/logging/
LOG_LEVEL = os.environ.get("LOG_LEVEL", "INFO")
LOG_FORMAT = os.environ.get("LOG_FORMAT", "json" if PRODUCTION else "text")
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {
        "json": {"()": "rasad.core.logging.JsonFormatter"},
        "text": {"format": "%(asctime)s %(levelname)s %(name)s: %(message)s"},
    },
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "stream": "ext://sys.stdout",
            "formatter": "json" if LOG_FORMAT == "json" else "text",
        }
    },
    "root": {"handlers": ["console"], "level": LOG_LEVEL},
    "loggers": {
        # Requests that failed with 5xx are logged with their traceback by django.request.
        "django.request": {"level": "WARNING"},
        "django.db.backends": {"level": os.environ.get("DB_LOG_LEVEL", "WARNING")},
        # django-axes announces its version at every start; lockouts are still logged (WARNING).
        "axes": {"level": "WARNING"},
    },
}


if PRODUCTION:
    # https://docs.djangoproject.com/en/5.2/howto/deployment/checklist/
    # nginx terminates TLS and says so in X-Forwarded-Proto (rasad/deploy/nginx.conf.sample).
    # https://docs.djangoproject.com/en/5.2/ref/settings/#secure-proxy-ssl-header
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    # The reader's address for django-axes is the one nginx adds to X-Forwarded-For, not nginx's own
    # (else one address would lock every reader out). https://django-axes.readthedocs.io/en/latest/4_configuration.html
    AXES_IPWARE_PROXY_COUNT = int(os.environ.get("RASAD_PROXY_COUNT", "1"))
    AXES_IPWARE_META_PRECEDENCE_ORDER = ["HTTP_X_FORWARDED_FOR", "REMOTE_ADDR"]
    # https://docs.djangoproject.com/en/5.2/ref/settings/#secure-ssl-redirect
    SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
    # The load balancer's health check may speak plain HTTP to the app server.
    SECURE_REDIRECT_EXEMPT = [r"^healthz$"]
    # https://docs.djangoproject.com/en/5.2/ref/middleware/#http-strict-transport-security
    SECURE_HSTS_SECONDS = int(os.environ.get("SECURE_HSTS_SECONDS", "31536000"))
    SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", True)
    SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", True)
    # https://docs.djangoproject.com/en/5.2/ref/settings/#session-cookie-secure
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SESSION_COOKIE_HTTPONLY = True
    SECURE_CONTENT_TYPE_NOSNIFF = True
    SECURE_REFERRER_POLICY = "same-origin"
    SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
    X_FRAME_OPTIONS = "DENY"
    # Compressed, content-hashed static files served by whitenoise with far-future caching
    # (the STORAGES entry above switches to CompressedManifestStaticFilesStorage).
    # https://whitenoise.readthedocs.io/en/stable/django.html
    WHITENOISE_MAX_AGE = 31536000
    # Templates compiled once per worker process.
    # https://docs.djangoproject.com/en/5.2/ref/templates/api/#django.template.loaders.cached.Loader
    # (Django enables the cached loader when DEBUG is off.)
    if not ALLOWED_HOSTS:
        raise RuntimeError("ALLOWED_HOSTS must be set when RASAD_ENV=production")

# --- Access and subscriptions (rasad.access) -----------------------------------------------------
# Days of full access an approved contribution («رصد») earns its contributor.
RASAD_CONTRIBUTION_CREDIT_DAYS = int(os.environ.get("RASAD_CONTRIBUTION_CREDIT_DAYS", "30"))
# How to ask for a subscription while there is no online payment (shown on the guide page).
RASAD_SUBSCRIPTION_CONTACT = os.environ.get("RASAD_SUBSCRIPTION_CONTACT", "subscriptions@rasad.local")
# User-dependent pages say so to caches: Cache-Control: private, Vary: Cookie.
MIDDLEWARE += ["rasad.access.middleware.PrivateCacheMiddleware"]


# --- Ingestion (imports and think-tank feeds) ---
# Feeds are fetched with a timeout and a size cap, and never from private/loopback addresses unless
# this is on (tests serve feeds on 127.0.0.1). https://owasp.org/www-community/attacks/Server_Side_Request_Forgery
RASAD_FEEDS_ALLOW_PRIVATE = env_bool("RASAD_FEEDS_ALLOW_PRIVATE", False)
RASAD_FEEDS_TIMEOUT = float(os.environ.get("RASAD_FEEDS_TIMEOUT", "15"))
RASAD_FEEDS_MAX_BYTES = int(os.environ.get("RASAD_FEEDS_MAX_BYTES", str(5 * 1024 * 1024)))
# Similar-article suggestions are computed for at most this many articles right after an import.
RASAD_IMPORT_SUGGEST_LIMIT = int(os.environ.get("RASAD_IMPORT_SUGGEST_LIMIT", "500"))
# Spreadsheet exports: cells starting with = + - @ are prefixed with ' (formula injection).
IMPORT_EXPORT_ESCAPE_FORMULAE_ON_EXPORT = False  # we prefix with ' ourselves, see rasad/imports/resources.py


# --- API (/api/v1/, rasad.api) ---
# Requests per token (or signed-in user) per window; counted in the cache, so in Redis and shared
# by every app server when REDIS_URL is set. https://datatracker.ietf.org/doc/html/rfc6585#section-4
RASAD_API_RATE_LIMIT = int(os.environ.get("RASAD_API_RATE_LIMIT", "300"))
RASAD_API_RATE_WINDOW = int(os.environ.get("RASAD_API_RATE_WINDOW", "60"))
# Larger request bodies get 413 before they are read (an annotation with its note is a few KB).
RASAD_API_MAX_BODY_BYTES = int(os.environ.get("RASAD_API_MAX_BODY_BYTES", str(64 * 1024)))
# Annotations per AnnotationPage of an article's Web Annotation container.
RASAD_ANNOTATION_PAGE_SIZE = int(os.environ.get("RASAD_ANNOTATION_PAGE_SIZE", "20"))


# --- Limits on untrusted input (README, «Limits») ---
# JSON nested deeper than this is refused: in request bodies (rasad/core/untrusted.py) and in
# imported files (rasad/imports/limits.py). Python's parser would otherwise recurse into a crash.
RASAD_JSON_MAX_DEPTH = int(os.environ.get("RASAD_JSON_MAX_DEPTH", "32"))
# Import files (command, admin upload, feeds): checked before and while they are parsed.
RASAD_IMPORT_MAX_BYTES = int(os.environ.get("RASAD_IMPORT_MAX_BYTES", str(50 * 1024 * 1024)))
RASAD_IMPORT_MAX_UNCOMPRESSED_BYTES = int(os.environ.get("RASAD_IMPORT_MAX_UNCOMPRESSED_BYTES", str(100 * 1024 * 1024)))
RASAD_IMPORT_MAX_COMPRESSION_RATIO = int(os.environ.get("RASAD_IMPORT_MAX_COMPRESSION_RATIO", "100"))
RASAD_IMPORT_MAX_ROWS = int(os.environ.get("RASAD_IMPORT_MAX_ROWS", "200000"))
RASAD_IMPORT_MAX_TITLE_CHARS = 300
RASAD_IMPORT_MAX_SUMMARY_CHARS = int(os.environ.get("RASAD_IMPORT_MAX_SUMMARY_CHARS", "20000"))
RASAD_IMPORT_MAX_BODY_CHARS = int(os.environ.get("RASAD_IMPORT_MAX_BODY_CHARS", str(1024 * 1024)))
# Django's own caps on form bodies: https://docs.djangoproject.com/en/5.2/ref/settings/#data-upload-max-memory-size
DATA_UPLOAD_MAX_MEMORY_SIZE = int(os.environ.get("DATA_UPLOAD_MAX_MEMORY_SIZE", str(2_621_440)))
# Larger uploads are spooled to a temporary file rather than held in memory.
FILE_UPLOAD_MAX_MEMORY_SIZE = 2_621_440
