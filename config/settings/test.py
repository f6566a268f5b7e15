"""Tests: real PostgreSQL and Redis (see Makefile `test`)."""

import os
import tempfile
from pathlib import Path

from .base import *  # noqa: F403
from .base import CELERY_BROKER_TRANSPORT_OPTIONS, REDIS_URL, env, tune_postgres

SECRET_KEY = "test-only-not-secret"
DATABASES = {
    "default": env.db("DATABASE_URL", default="postgres://postgres@127.0.0.1:5432/minutebook"),
}
DATABASES["default"]["ATOMIC_REQUESTS"] = True
tune_postgres(DATABASES["default"])
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
# Subprocesses started by tests (a Celery worker, the send_reminders command) send through a
# real SMTP server on loopback when the test passes EMAIL_URL.
if env("EMAIL_URL", default=""):
    vars().update(env.email_url("EMAIL_URL"))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
MEDIA_ROOT = env.path("MEDIA_ROOT", default="/tmp/minutebook-test-media")
SIGNING_SELF_SIGNED_DIR = Path(tempfile.gettempdir()) / "minutebook-test-signing"
CELERY_TASK_ALWAYS_EAGER = False
# Workers started by the fault tests look for a dead worker's tasks every second (the test
# sets CELERY_VISIBILITY_TIMEOUT short), so they are handed on within seconds, not minutes.
CELERY_BROKER_TRANSPORT_OPTIONS = {
    **CELERY_BROKER_TRANSPORT_OPTIONS,
    "unacked_restore_interval": 1,
    "unacked_restore_throttle": 1,
}

# `make test` runs the suite in two processes (pytest-xdist). Each has its own test database
# (pytest-django adds the worker's suffix) and here its own Redis database, media and signing
# directories. A process a test starts (a Celery worker, a sender) inherits this one's
# settings through the environment, and is not moved again.
_WORKER = os.environ.get("PYTEST_XDIST_WORKER", "")
if _WORKER and os.environ.get("MINUTEBOOK_TEST_WORKER") != _WORKER:
    _index = int(_WORKER.removeprefix("gw") or 0)
    _base, _, _db = REDIS_URL.rpartition("/")
    REDIS_URL = f"{_base}/{(int(_db or 0) - _index) % 16}"
    CELERY_BROKER_URL = CELERY_RESULT_BACKEND = REDIS_URL
    MEDIA_ROOT = f"{MEDIA_ROOT}-{_WORKER}"
    os.environ.update(REDIS_URL=REDIS_URL, MEDIA_ROOT=MEDIA_ROOT, MINUTEBOOK_TEST_WORKER=_WORKER)
if _WORKER:
    SIGNING_SELF_SIGNED_DIR = Path(tempfile.gettempdir()) / f"minutebook-test-signing-{_WORKER}"
