from django.apps import AppConfig


class NoticesConfig(AppConfig):
    name = "notices"
    verbose_name = "Meeting notices"

    def ready(self):
        from . import receivers  # noqa: F401  (records' lifecycle events: see receivers.py)
