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
    "rasad.core",
    "rasad.articles",
    "rasad.access",
    "rasad.search",
    "rasad.ingestion",
    "rasad.library",
    "rasad.annotations",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    # whitenoise straight after SecurityMiddleware: https://whitenoise.readthedocs.io/en/stable/django.html
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
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
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

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
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "registration/lockout.html"

# Internationalisation: Persian UI, Tehran time. Dates are stored as Gregorian and shown in Jalali.
# https://docs.djangoproject.com/en/5.2/topics/i18n/
LANGUAGE_CODE = "fa"
LANGUAGES = [("fa", _("فارسی")), ("en", _("انگلیسی"))]
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

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# E-mail: printed to the console unless an SMTP server is configured.
EMAIL_BACKEND = os.environ.get("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "Rasad <no-reply@rasad.local>")

# Feed page size: how many cards the feed and «بیشتر» load at a time.
RASAD_PAGE_SIZE = int(os.environ.get("RASAD_PAGE_SIZE", "12"))

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "INFO")},
}

if PRODUCTION:
    # https://docs.djangoproject.com/en/5.2/ref/settings/#secure-ssl-redirect
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
    SECURE_HSTS_SECONDS = int(os.environ.get("SECURE_HSTS_SECONDS", "31536000"))
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_CONTENT_TYPE_NOSNIFF = True
    SECURE_REFERRER_POLICY = "same-origin"

# --- Ingestion (imports and think-tank feeds) ---
# Feeds are fetched with a timeout and a size cap, and never from private/loopback addresses unless
# this is on (tests serve feeds on 127.0.0.1). https://owasp.org/www-community/attacks/Server_Side_Request_Forgery
RASAD_FEEDS_ALLOW_PRIVATE = env_bool("RASAD_FEEDS_ALLOW_PRIVATE", False)
RASAD_FEEDS_TIMEOUT = float(os.environ.get("RASAD_FEEDS_TIMEOUT", "15"))
RASAD_FEEDS_MAX_BYTES = int(os.environ.get("RASAD_FEEDS_MAX_BYTES", str(5 * 1024 * 1024)))
# Similar-article suggestions are computed for at most this many articles right after an import.
RASAD_IMPORT_SUGGEST_LIMIT = int(os.environ.get("RASAD_IMPORT_SUGGEST_LIMIT", "500"))
# Spreadsheet exports: cells starting with = + - @ are prefixed with ' (formula injection).
IMPORT_EXPORT_ESCAPE_FORMULAE_ON_EXPORT = False  # we prefix with ' ourselves, see rasad/ingestion/resources.py
