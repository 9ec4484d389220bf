from django.apps import AppConfig


class DispatchConfig(AppConfig):
    name = "kansli.dispatch"
    verbose_name = "Expediering"
    default_auto_field = "django.db.models.BigAutoField"
