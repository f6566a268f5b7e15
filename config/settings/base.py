"""Settings shared by every environment. Values come from the environment (django-environ)."""

from pathlib import Path

import environ
from celery.schedules import crontab

BASE_DIR = Path(__file__).resolve().parent.parent.parent
VAR_DIR = BASE_DIR / "var"

env = environ.Env()
environ.Env.read_env(BASE_DIR / ".env", overwrite=False)

SECRET_KEY = env("SECRET_KEY", default="")
DEBUG = env.bool("DEBUG", default=False)
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["127.0.0.1", "localhost"])
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])
SITE_URL = env("SITE_URL", default="http://127.0.0.1:8000").rstrip("/")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    # Full-text search on PostgreSQL; imports cleanly under SQLite (make run), which falls back.
    "django.contrib.postgres",
    "crispy_forms",
    "crispy_bootstrap5",
    "django_filters",
    "django_htmx",
    "simple_history",
    "template_partials",
    "axes",
    "pgtrigger",
    "partners",
    "meetings",
    "actions",
    "records",
    "notices",
    "drafting",
    "directory",
    "imports",
    "portal",
    "publication",
]

MIDDLEWARE = [
    "config.middleware.RejectNulBytesMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "csp.middleware.CSPMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    # Last, as django-axes asks: it turns a lockout raised during login into its page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"

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
                "partners.context_processors.navigation",
            ],
        },
    },
]

DATABASES = {
    "default": env.db("DATABASE_URL", default=f"sqlite:///{VAR_DIR / 'minutebook.sqlite3'}"),
}
DATABASES["default"]["ATOMIC_REQUESTS"] = True


def tune_postgres(database: dict) -> dict:
    """PostgreSQL's default random_page_cost (4) prices a random read for spinning disks; on
    SSD or cached data it costs about what a sequential one does. Left at 4, the planner reads
    whole tables of actions and owners rather than follow the indexes from a person's rows."""
    if database["ENGINE"].endswith("postgresql"):
        database.setdefault("OPTIONS", {})["options"] = "-c random_page_cost=1.1"
    return database


tune_postgres(DATABASES["default"])
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
AUTHENTICATION_BACKENDS = [
    # Counts failed passwords (log in and the signing password) and locks out for a while.
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
# Five wrong passwords lock that account, and separately that address, for 30 minutes.
# Unlock early: `python manage.py axes_reset_username <name>` or `axes_reset_ip <address>`.
AXES_FAILURE_LIMIT = env.int("AXES_FAILURE_LIMIT", default=5)
AXES_COOLOFF_TIME = env.float("AXES_COOLOFF_HOURS", default=0.5)
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]
AXES_LOCKOUT_TEMPLATE = "registration/locked_out.html"
AXES_RESET_ON_SUCCESS = True
AXES_VERBOSE = False
AXES_IPWARE_PROXY_COUNT = env.int("AXES_PROXY_COUNT", default=0)

# A strict Content-Security-Policy: our own scripts and styles only, no inline code.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "frame-ancestors": ["'none'"],
        "form-action": ["'self'"],
        "base-uri": ["'self'"],
        "object-src": ["'none'"],
    }
}

# Demo data (load_demo) may be loaded; production turns this off.
DEMO_DATA_ALLOWED = True

LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "login"

LANGUAGE_CODE = "en-gb"
TIME_ZONE = "Europe/London"
USE_I18N = True
USE_TZ = True
DATE_FORMAT = "j F Y"
SHORT_DATE_FORMAT = "j M Y"
DATETIME_FORMAT = "j F Y, H:i"
TIME_FORMAT = "H:i"
DATE_INPUT_FORMATS = ["%Y-%m-%d", "%d/%m/%Y", "%d/%m/%y", "%d %B %Y", "%d %b %Y"]

STATIC_URL = "static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = BASE_DIR / "staticfiles"
MEDIA_URL = "media/"
MEDIA_ROOT = env.path("MEDIA_ROOT", default=str(VAR_DIR / "media"))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedStaticFilesStorage"},
}
# Signing: the organisation's certificate and key as a PKCS#12 file (PAdES signatures on the
# signed PDFs). Without one, development and tests sign with a self-signed certificate made in
# this folder on first use; production sets no folder and so refuses to sign without one.
SIGNING_P12_PATH = env("SIGNING_P12_PATH", default="")
SIGNING_P12_PASSPHRASE = env("SIGNING_P12_PASSPHRASE", default="")
SIGNING_SELF_SIGNED_DIR = VAR_DIR / "signing"
# Papers: the largest upload we accept, in bytes.
PAPER_MAX_BYTES = env.int("PAPER_MAX_BYTES", default=20 * 1024 * 1024)
# Past minutes brought in for import (imports app): largest file, and longest pasted text.
IMPORT_MAX_BYTES = env.int("IMPORT_MAX_BYTES", default=10 * 1024 * 1024)
IMPORT_MAX_CHARS = env.int("IMPORT_MAX_CHARS", default=1_000_000)
DATA_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024

CRISPY_ALLOWED_TEMPLATE_PACKS = "bootstrap5"
CRISPY_TEMPLATE_PACK = "bootstrap5"

MESSAGE_TAGS = {40: "danger"}

# E-mail: EMAIL_URL like smtp://user:pass@host:587/?tls=True ; console by default.
vars().update(env.email_url("EMAIL_URL", default="consolemail://"))
DEFAULT_FROM_EMAIL = env("DEFAULT_FROM_EMAIL", default="Minutebook <minutebook@localhost>")

# Redis and Celery
REDIS_URL = env("REDIS_URL", default="redis://127.0.0.1:6379/0")
CELERY_BROKER_URL = env("CELERY_BROKER_URL", default=REDIS_URL)
CELERY_RESULT_BACKEND = env("CELERY_RESULT_BACKEND", default=REDIS_URL)
CELERY_TASK_SERIALIZER = "json"
CELERY_RESULT_SERIALIZER = "json"
CELERY_ACCEPT_CONTENT = ["json"]
CELERY_TIMEZONE = TIME_ZONE
CELERY_TASK_TIME_LIMIT = 10 * 60
CELERY_TASK_SOFT_TIME_LIMIT = 9 * 60
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
# A broker that is down must not take a web request with it: fail fast, the sweep catches up.
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
# Redis that is down answers at once (connection refused); Redis that hangs (overloaded, paused,
# a network that drops packets) is given up on after a second per step, so queuing from a web
# request fails within about two seconds and the page says so. The visibility timeout is how
# long a task taken by a worker that then died stays invisible before Redis hands it to
# another worker (longer than a task may run, so a slow task is not run twice at once).
CELERY_BROKER_TRANSPORT_OPTIONS = {
    "max_retries": 1,
    "interval_start": 0,
    "interval_step": 0.2,
    "socket_connect_timeout": 1,
    "socket_timeout": 1,
    "visibility_timeout": env.int("CELERY_VISIBILITY_TIMEOUT", default=30 * 60),
}
CELERY_BROKER_CONNECTION_TIMEOUT = 1
CELERY_RESULT_BACKEND_TRANSPORT_OPTIONS = {"socket_connect_timeout": 1, "socket_timeout": 5}
# Reminder tasks acknowledge late and are re-queued if their worker dies (see actions.tasks).
CELERY_TASK_ACKS_ON_FAILURE_OR_TIMEOUT = True
# People per reminder batch: one task, one SMTP connection, a fixed number of queries.
REMINDER_BATCH_SIZE = env.int("REMINDER_BATCH_SIZE", default=200)
REMINDER_HOUR = env.int("REMINDER_HOUR", default=7)
REMINDER_MINUTE = env.int("REMINDER_MINUTE", default=30)
CELERY_BEAT_SCHEDULE = {
    "actions.send_reminders": {
        "task": "actions.send_reminders",
        "schedule": crontab(hour=REMINDER_HOUR, minute=REMINDER_MINUTE),
    },
    "actions.send_overdue_summaries": {
        "task": "actions.send_overdue_summaries",
        "schedule": crontab(hour=REMINDER_HOUR, minute=REMINDER_MINUTE, day_of_week="mon"),
    },
}
# Meeting notices (notices app): agendas, draft and signed minutes, the chair's requests.
NOTICE_BATCH_SIZE = env.int("NOTICE_BATCH_SIZE", default=200)
# Scheduled agendas go, and the morning digest and daily checks run, at this time (London).
NOTICE_HOUR = env.int("NOTICE_HOUR", default=7)
NOTICE_MINUTE = env.int("NOTICE_MINUTE", default=0)
# The day accuracy comments are due by, offered when circulating (the secretariat may choose
# another, up to the next meeting); those who have not opened the draft are reminded this
# many days before it.
NOTICE_COMMENT_DAYS = env.int("NOTICE_COMMENT_DAYS", default=14)
NOTICE_COMMENT_REMINDER_DAYS = env.int("NOTICE_COMMENT_REMINDER_DAYS", default=3)
# A mail server that fails: retry after 1, 2, 4... minutes, six times, then show it failed.
NOTICE_RETRY_SECONDS = env.int("NOTICE_RETRY_SECONDS", default=60)
NOTICE_MAX_RETRIES = env.int("NOTICE_MAX_RETRIES", default=6)
# An unfinished batch not tried for this long is queued again (its task was lost).
NOTICE_STALLED_MINUTES = env.int("NOTICE_STALLED_MINUTES", default=10)
CELERY_BEAT_SCHEDULE.update(
    {
        "notices.sweep": {"task": "notices.sweep", "schedule": crontab(minute="*/5")},
        "notices.daily": {
            "task": "notices.daily",
            "schedule": crontab(hour=NOTICE_HOUR, minute=NOTICE_MINUTE),
        },
    }
)
# Signed update links in reminders stop working after this many days.
ACTION_LINK_MAX_AGE_DAYS = env.int("ACTION_LINK_MAX_AGE_DAYS", default=21)

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env("LOG_LEVEL", default="INFO")},
    # WeasyPrint logs every layout step and page at INFO: dozens of lines for each PDF.
    "loggers": {
        "weasyprint.progress": {"level": "WARNING"},
        # django-axes logs every successful login and reset at INFO.
        "axes": {"level": "WARNING"},
    },
}
