import os

from celery import Celery
from django.core.exceptions import ImproperlyConfigured

# A worker must say which settings it runs: falling back to the local ones would run a
# production queue with DEBUG on and a known secret key.
if not os.environ.get("DJANGO_SETTINGS_MODULE"):
    raise ImproperlyConfigured(
        "Set DJANGO_SETTINGS_MODULE (config.settings.production on servers, "
        "config.settings.local for make run) before starting Celery."
    )

app = Celery("minutebook")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()
