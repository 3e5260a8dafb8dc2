from django.conf import settings
from django.core.management.base import BaseCommand

from missions.services import anonymise_finished_missions


class Command(BaseCommand):
    help = (
        "Erase the personal data of registrations for missions that ended more "
        "than --days days ago (default: MISSIONS_ANONYMISE_AFTER_DAYS, 365). "
        "Companies, delegate counts and statuses stay for reports."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--days",
            type=int,
            default=settings.MISSIONS_ANONYMISE_AFTER_DAYS,
            help="Days after the end of a mission.",
        )

    def handle(self, *args, days, **options):
        if days < 0:
            self.stderr.write("--days cannot be negative.")
            return
        count = anonymise_finished_missions(days=days)
        self.stdout.write(f"Anonymised {count} registration(s).")
