from django.apps import AppConfig


class RemindersConfig(AppConfig):
    name = "kansli.reminders"
    verbose_name = "Påminnelser"
    default_auto_field = "django.db.models.BigAutoField"
