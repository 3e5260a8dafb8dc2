"""manage.py purge_audit_trail: forget audit entries past their keeping time."""

from django.conf import settings
from django.core.management.base import BaseCommand

from amur_invest.staff.audit import purge


class Command(BaseCommand):
    help = "Delete audit entries older than AUDIT_RETENTION_DAYS (run daily)."

    def handle(self, *args, **options):
        deleted = purge(days=settings.AUDIT_RETENTION_DAYS)
        self.stdout.write(
            f"{deleted} audit entries older than {settings.AUDIT_RETENTION_DAYS} days deleted."
        )
