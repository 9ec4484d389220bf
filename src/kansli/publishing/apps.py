from django.apps import AppConfig


class PublishingConfig(AppConfig):
    name = "kansli.publishing"
    default_auto_field = "django.db.models.BigAutoField"
