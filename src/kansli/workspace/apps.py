from django.apps import AppConfig


class WorkspaceConfig(AppConfig):
    name = "kansli.workspace"
    verbose_name = "Handläggning"
    default_auto_field = "django.db.models.BigAutoField"
