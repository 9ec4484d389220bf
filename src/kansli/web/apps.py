from django.apps import AppConfig


class WebConfig(AppConfig):
    name = "kansli.web"
    verbose_name = "Webbplats"
    default_auto_field = "django.db.models.BigAutoField"
