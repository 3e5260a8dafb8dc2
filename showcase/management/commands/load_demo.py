"""Load the demo data set; running it again leaves the same database."""

from django.conf import settings
from django.core.management.base import BaseCommand

from showcase import demo


class Command(BaseCommand):
    help = "Load the Amur Invest demo data (sample companies, partners, missions)."

    def handle(self, *args, **options):
        for path in demo.load():
            self.stdout.write(f"{path.relative_to(settings.BASE_DIR)}: loaded")
        self.stdout.write(self.style.SUCCESS("Demo data is ready."))
