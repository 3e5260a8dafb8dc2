"""Tell the agency managers about investor inquiries past their reply date."""

from django.core.management.base import BaseCommand

from showcase.inquiries.services import escalate_overdue


class Command(BaseCommand):
    help = (
        "Email the agency managers about each inquiry past its reply date with "
        "no reply, once per inquiry. Run it daily (cron or a systemd timer)."
    )

    def handle(self, *args, **options):
        escalated = escalate_overdue()
        self.stdout.write(f"{len(escalated)} overdue inquiries escalated.")
