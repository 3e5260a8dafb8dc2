from django.core.management.base import BaseCommand

from exhibitions.services import delete_stale_unconfirmed


class Command(BaseCommand):
    help = (
        "Delete applications for the pavilion whose email address was never "
        "confirmed, with their consents, after --days days (default 7)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--days", type=int, default=7)

    def handle(self, *args, days, **options):
        count = delete_stale_unconfirmed(days=max(days, 0))
        self.stdout.write(f"Deleted {count} unconfirmed application(s).")
