from django.apps import AppConfig


class SigningConfig(AppConfig):
    name = "kansli.signing"
    default_auto_field = "django.db.models.BigAutoField"
