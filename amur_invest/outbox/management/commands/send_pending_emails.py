from django.core.management.base import BaseCommand

from amur_invest.outbox import delivery


class Command(BaseCommand):
    help = (
        "Send the kept emails that a failing mail server left unsent. Run it "
        "from cron every few minutes; each email waits longer after each failure."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--now",
            action="store_true",
            help="Try every unsent email now, without waiting for its next attempt.",
        )

    def handle(self, *args, now, **options):
        pending = delivery.pending_emails(due_only=not now)
        sent = failed = 0
        for email_id in pending.values_list("pk", flat=True):
            email = delivery.deliver(email_id)
            if email is None:
                continue
            if email.sent_at:
                sent += 1
            else:
                failed += 1
        self.stdout.write(f"Sent {sent} email(s); {failed} failed and wait.")
