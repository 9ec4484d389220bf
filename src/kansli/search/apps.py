from django.apps import AppConfig


class SearchConfig(AppConfig):
    name = "kansli.search"
    default_auto_field = "django.db.models.BigAutoField"
