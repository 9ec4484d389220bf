"""Django settings. Configuration comes from the environment:

- ``KANSLI_HOME``: data directory (SQLite database, uploaded files, keys); default ``./var``.
- ``DATABASE_URL``: e.g. ``postgres://postgres@127.0.0.1:5432/kansli``; default SQLite in KANSLI_HOME.
- ``KANSLI_DEBUG``: "1" for development error pages.
- ``KANSLI_ALLOWED_HOSTS``: comma-separated host names.
- ``KANSLI_SMTP_HOST``/``_PORT``/``_USER``/``_PASSWORD``/``_TLS``, ``KANSLI_FROM_EMAIL``: outgoing e-mail.
"""

from __future__ import annotations

import os
from pathlib import Path

import dj_database_url

from kansli.home import data_dir, secret_key

BASE_DIR = Path(__file__).resolve().parent
DATA_DIR = data_dir()

SECRET_KEY = secret_key()
DEBUG = os.environ.get("KANSLI_DEBUG") == "1"
ALLOWED_HOSTS = os.environ.get("KANSLI_ALLOWED_HOSTS", "127.0.0.1,localhost,testserver").split(",")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "kansli.audit",
    "kansli.organisation",
    "kansli.cases",
    "kansli.meetings",
    "kansli.noticeboard",
    "kansli.web",
    "kansli.workspace",
    "kansli.signing",
    "kansli.search",
    "kansli.oparl",
    "kansli.publishing",
    "kansli.delegation",
    "kansli.dispatch",
    "kansli.reminders",
    "kansli.readingroom",
    "django_tasks",
    "django_tasks_db",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "kansli.audit.middleware.CurrentUserMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
]

ROOT_URLCONF = "kansli.urls"
WSGI_APPLICATION = "kansli.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "kansli.workspace.context.workspace_nav",
            ],
        },
    },
]

DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{DATA_DIR / 'kansli.sqlite3'}", conn_max_age=60
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL and a busy timeout let the web server and a worker share the file safely.
    DATABASES["default"]["OPTIONS"] = {
        "timeout": 20,
        "transaction_mode": "IMMEDIATE",
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
    }
    # A file, not memory, so that tests with several threads share one test database.
    DATABASES["default"]["TEST"] = {"NAME": str(DATA_DIR / "test.sqlite3")}

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
]

LANGUAGE_CODE = "sv"
LANGUAGES = [("sv", "Svenska")]
TIME_ZONE = "Europe/Stockholm"
USE_I18N = True
USE_TZ = True
LOCALE_PATHS = [BASE_DIR / "locale"]

STATIC_URL = "static/"
STATIC_ROOT = DATA_DIR / "static"
STATIC_ROOT.mkdir(exist_ok=True)
MEDIA_ROOT = DATA_DIR / "files"
MEDIA_URL = "files/"
WHITENOISE_USE_FINDERS = True  # serve app static files without a collectstatic step

LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"

# Outgoing e-mail (expediering, kallelser): a real SMTP server. The demo writes to the console.
EMAIL_BACKEND = os.environ.get("KANSLI_EMAIL_BACKEND", "django.core.mail.backends.smtp.EmailBackend")
EMAIL_HOST = os.environ.get("KANSLI_SMTP_HOST", "localhost")
EMAIL_PORT = int(os.environ.get("KANSLI_SMTP_PORT", "25"))
EMAIL_HOST_USER = os.environ.get("KANSLI_SMTP_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("KANSLI_SMTP_PASSWORD", "")
EMAIL_USE_TLS = os.environ.get("KANSLI_SMTP_TLS") == "1"
EMAIL_TIMEOUT = 30
DEFAULT_FROM_EMAIL = os.environ.get("KANSLI_FROM_EMAIL", "kansli@localhost")

# Background jobs (the daily reminders): Django's task API with the database worker,
# started with `kansli db_worker`.
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}
