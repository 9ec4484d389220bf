from django.apps import AppConfig


class MeetingsConfig(AppConfig):
    name = "kansli.meetings"
    verbose_name = "Sammanträden"
    default_auto_field = "django.db.models.BigAutoField"
