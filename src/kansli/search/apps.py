from django.apps import AppConfig


class SearchConfig(AppConfig):
    name = "kansli.search"
    verbose_name = "sök"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from . import signals

        signals.connect()
