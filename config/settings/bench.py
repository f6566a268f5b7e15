"""Benchmarks (``make bench``): PostgreSQL, DEBUG off (as served), the floor view's URLs."""

import warnings

from .base import *  # noqa: F403
from .base import env, tune_postgres

# WhiteNoise warns when static files were not collected; the pages do not need them here.
warnings.filterwarnings("ignore", message="No directory at", category=UserWarning)

SECRET_KEY = "bench-only-not-secret"
DEBUG = False
DATABASES = {
    "default": env.db(
        "DATABASE_URL", default="postgres://postgres@127.0.0.1:5432/minutebook_bench"
    ),
}
DATABASES["default"]["ATOMIC_REQUESTS"] = True
tune_postgres(DATABASES["default"])
# Keep connections between requests, as a server with a connection pool does.
DATABASES["default"]["CONN_MAX_AGE"] = 600
ROOT_URLCONF = "bench.urls"
ALLOWED_HOSTS = ["127.0.0.1", "localhost", "testserver"]
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
CELERY_TASK_ALWAYS_EAGER = True
MEDIA_ROOT = env.path("MEDIA_ROOT", default="/tmp/minutebook-bench-media")
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": "WARNING"},
}
