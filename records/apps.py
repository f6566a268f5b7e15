from django.apps import AppConfig


class RecordsConfig(AppConfig):
    name = "records"
    verbose_name = "Minutes sign-off and documents"

    def ready(self):
        from . import signals, triggers  # noqa: F401  (signed minutes guard)

        triggers.register()
