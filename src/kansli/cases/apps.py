from django.apps import AppConfig


class CasesConfig(AppConfig):
    name = "kansli.cases"
    verbose_name = "Ärenden"
    default_auto_field = "django.db.models.BigAutoField"
