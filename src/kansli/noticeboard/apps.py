from django.apps import AppConfig


class NoticeboardConfig(AppConfig):
    name = "kansli.noticeboard"
    verbose_name = "Anslagstavla"
    default_auto_field = "django.db.models.BigAutoField"
