from django.apps import AppConfig


class RecordsConfig(AppConfig):
    name = "records"
    verbose_name = "Minutes sign-off and documents"

    def ready(self):
        from . import signals  # noqa: F401  (signed minutes guard)
