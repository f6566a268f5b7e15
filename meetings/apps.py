from django.apps import AppConfig


class MeetingsConfig(AppConfig):
    name = "meetings"
    verbose_name = "Meetings and minutes"

    def ready(self):
        from . import signals  # noqa: F401  (signed minutes guard)
