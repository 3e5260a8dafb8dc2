"""Sending the kept emails: one attempt at a time, retried with growing
pauses. The `send_email` task and the `send_pending_emails` command call it."""

import datetime
import logging

from django.core.mail import EmailMessage
from django.db import transaction
from django.utils import timezone

from amur_invest.outbox.models import OutgoingEmail

logger = logging.getLogger(__name__)

# After this many failed attempts an email waits for staff (last_error tells why).
MAX_ATTEMPTS = 10


def retry_delay(attempts: int) -> datetime.timedelta:
    """1, 2, 4, ... minutes after each failure, at most six hours."""
    return datetime.timedelta(minutes=min(2 ** max(attempts - 1, 0), 360))


def deliver(email_id: int) -> OutgoingEmail | None:
    """Send one kept email. Returns the row (sent or with the error), or None
    when it is gone, already sent, or being sent by another worker."""
    with transaction.atomic():
        email = (
            OutgoingEmail.objects.select_for_update(skip_locked=True)
            .filter(pk=email_id, sent_at__isnull=True)
            .first()
        )
        if email is None:
            return None
        email.attempts += 1
        try:
            EmailMessage(
                email.subject,
                email.body,
                to=[email.recipient],
                reply_to=[email.reply_to] if email.reply_to else None,
            ).send()
        except Exception as error:
            # Whatever the mail server or network did, the email stays for a
            # later attempt and the error is kept for staff.
            logger.warning("Email %s not sent: %r", email.pk, error)
            email.last_error = f"{type(error).__name__}: {error}"[:2000]
            email.next_attempt_at = timezone.now() + retry_delay(email.attempts)
        else:
            email.sent_at = timezone.now()
            email.last_error = ""
        email.save(
            update_fields=["attempts", "last_error", "next_attempt_at", "sent_at"]
        )
        return email


def pending_emails(*, due_only: bool = True):
    """Unsent emails that still have attempts left, oldest first."""
    pending = OutgoingEmail.objects.filter(
        sent_at__isnull=True, attempts__lt=MAX_ATTEMPTS
    )
    if due_only:
        pending = pending.filter(next_attempt_at__lte=timezone.now())
    return pending.order_by("next_attempt_at", "pk")
