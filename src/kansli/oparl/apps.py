from django.apps import AppConfig


class OparlConfig(AppConfig):
    name = "kansli.oparl"
    default_auto_field = "django.db.models.BigAutoField"
