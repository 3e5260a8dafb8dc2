from django.conf import settings
from django.core.management.base import BaseCommand

from exhibitions.services import anonymise_finished_exhibitions


class Command(BaseCommand):
    help = (
        "Erase the contact data of applications for exhibitions that ended more "
        "than --days days ago (default: EXHIBITIONS_ANONYMISE_AFTER_DAYS, 365). "
        "Companies, what they showed and statuses stay for the catalogue and "
        "reports."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--days",
            type=int,
            default=settings.EXHIBITIONS_ANONYMISE_AFTER_DAYS,
            help="Days after the end of an exhibition.",
        )

    def handle(self, *args, days, **options):
        if days < 0:
            self.stderr.write("--days cannot be negative.")
            return
        count = anonymise_finished_exhibitions(days=days)
        self.stdout.write(f"Anonymised {count} participation(s).")
