from django.core.management.base import BaseCommand
from django.utils import timezone

from kansli.reminders.checks import collect
from kansli.reminders.tasks import daily_reminders, send_reminders


class Command(BaseCommand):
    help = (
        "Påminnelser om missade tidsgränser. --schedule lägger det dagliga jobbet i kön "
        "(körs av `kansli db_worker`); --send skickar dagens påminnelser direkt; utan flagga listas de."
    )

    def add_arguments(self, parser):
        group = parser.add_mutually_exclusive_group()
        group.add_argument("--schedule", action="store_true", help="lägg det dagliga jobbet i kön")
        group.add_argument("--send", action="store_true", help="skicka dagens påminnelser nu")

    def handle(self, *args, schedule=False, send=False, **options):
        if schedule:
            result = daily_reminders.enqueue(reschedule=True)
            self.stdout.write(f"Det dagliga påminnelsejobbet ligger i kön ({result.id}). Starta arbetaren med `kansli db_worker`.")
            return
        if send:
            sent = send_reminders(timezone.localdate())
            self.stdout.write(f"{len(sent)} påminnelser skickade.")
            return
        reminders = collect(timezone.localdate())
        if not reminders:
            self.stdout.write("Inga missade tidsgränser.")
        for r in reminders:
            self.stdout.write(f"{r.due:%Y-%m-%d}  {r.body.name}: {r.message}")
