from django.apps import AppConfig


class DelegationConfig(AppConfig):
    name = "kansli.delegation"
    verbose_name = "Delegation"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from . import signals  # noqa: F401
