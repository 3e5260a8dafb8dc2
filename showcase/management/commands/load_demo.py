"""Load the demo data set; running it again leaves the same database."""

import importlib

from django.core.management.base import BaseCommand
from django.db import transaction

from exhibitions import demo as exhibitions_demo
from partners import demo as partners_demo
from showcase import demo as showcase_demo
from showcase import demo_content, demo_events, demo_investment

# Apps whose demo module may not exist yet: each is loaded when present.
OPTIONAL_DEMO_MODULES = ["missions.demo"]


def optional_module(name: str):
    """Import a demo module, or None when that module does not exist. An import
    error inside an existing module still fails loudly."""
    try:
        return importlib.import_module(name)
    except ModuleNotFoundError as error:
        if error.name == name:
            return None
        raise


class Command(BaseCommand):
    help = "Load the Amur Invest demo data (sample companies, partners, missions)."

    def handle(self, *args, **options):
        with transaction.atomic():
            partners_demo.load()
            self.stdout.write("partners: demo data loaded")
            showcase_demo.load()
            self.stdout.write("showcase: agency contact details loaded")
            demo_investment.load()
            self.stdout.write("showcase: investment case and wild harvest loaded")
            for name in OPTIONAL_DEMO_MODULES:
                module = optional_module(name)
                if module is None:
                    continue
                module.load()
                self.stdout.write(f"{name.split('.')[0]}: demo data loaded")
            # The events link to missions and exhibitions: they come after both.
            exhibitions_demo.load()
            self.stdout.write("exhibitions: demo data loaded")
            demo_events.load()
            self.stdout.write("showcase: calendar events loaded")
            # After the missions: the Tokyo presentation links to its mission.
            demo_content.load()
            self.stdout.write("showcase: presentations and news loaded")
        self.stdout.write(self.style.SUCCESS("Demo data is ready."))
