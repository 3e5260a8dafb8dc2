"""manage.py refresh_public_pages: after data changed outside the site."""

from django.core.management.base import BaseCommand

from amur_invest import page_cache


class Command(BaseCommand):
    help = (
        "Make every public page and remembered value in the cache stale, in "
        "every language: the next request builds it again. Saves through the "
        "site and the admin do this themselves; run it after changing data "
        "another way (SQL, a script without signals)."
    )

    def handle(self, *args, **options):
        page_cache.start_new_generation()
        self.stdout.write(self.style.SUCCESS("Public pages will be built afresh."))
