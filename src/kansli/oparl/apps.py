from django.apps import AppConfig


class OparlConfig(AppConfig):
    name = "kansli.oparl"
    verbose_name = "OParl (öppna data)"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from . import tracking

        tracking.connect()
