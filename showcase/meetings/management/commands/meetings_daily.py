import datetime

from django.core.management.base import BaseCommand
from django.utils import timezone

from showcase.meetings import services


class Command(BaseCommand):
    help = (
        "Once a day: lapse meeting requests left unanswered too long, and "
        "remind both sides of tomorrow's meetings by email."
    )

    def handle(self, *args, **options):
        lapsed = services.lapse_overdue()
        tomorrow = timezone.localdate() + datetime.timedelta(days=1)
        reminded = services.send_reminders(day=tomorrow)
        self.stdout.write(f"Lapsed {lapsed} request(s); sent {reminded} reminder(s).")
