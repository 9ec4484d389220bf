from django.apps import AppConfig


class ReadingRoomConfig(AppConfig):
    name = "kansli.readingroom"
    verbose_name = "Läsrummet och kallelser"
    default_auto_field = "django.db.models.BigAutoField"
