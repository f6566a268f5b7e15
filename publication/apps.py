from django.apps import AppConfig


class PublicationConfig(AppConfig):
    name = "publication"
    verbose_name = "Public portal and open data"

    def ready(self):
        # Tombstones for the open data API as the lower apps write (see the module).
        from . import signals  # noqa: F401
