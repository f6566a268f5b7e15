"""Tests: real PostgreSQL and Redis (see Makefile `test`)."""

import tempfile
from pathlib import Path

from .base import *  # noqa: F403
from .base import CELERY_BROKER_TRANSPORT_OPTIONS, env, tune_postgres

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
