from django.apps import AppConfig


class OrganisationConfig(AppConfig):
    name = "kansli.organisation"
    verbose_name = "Organisation"
    default_auto_field = "django.db.models.BigAutoField"
