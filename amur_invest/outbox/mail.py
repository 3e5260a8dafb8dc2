"""Keeping an email to send: the row in the caller's transaction, the task
after the commit. Every email of the site (applications, inquiries) goes
through `keep`.

Every public form emails the address typed into it, which anyone may type:
the forms share one hourly budget of emails per address
(`check_budget`), so that no form, nor all of them together, can be used to
flood a stranger's mailbox."""

import datetime
import functools

from django.conf import settings
from django.db import connection, models, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from amur_invest.outbox.models import OutgoingEmail
from amur_invest.outbox.tasks import send_email


class TooManyEmails(Exception):
    """Protects a mailbox (and the agency's mail reputation) from a flood of
    messages that anyone could trigger by typing an address into a form.
    str(error) is the translated sentence the form shows."""

    default_message = _(
        "We have already sent several emails to this address within the last "
        "hour. Please look for them, also in the spam folder, or try again later."
    )

    def __init__(self, message=None):
        super().__init__(message or self.default_message)


def check_budget(address: str) -> None:
    """Raise TooManyEmails when the site has already emailed this address
    the most an hour allows, whichever form (or staff step) it was.

    A public form calls it first in the transaction that keeps its email:
    the posts to one address then queue here until the one before has
    committed or rolled back, so that a burst of them at once is counted
    like posts one after another."""
    _lock_address(address)
    since = timezone.now() - datetime.timedelta(hours=1)
    sent = OutgoingEmail.objects.filter(
        recipient__iexact=address, created_at__gte=since
    )
    if sent.count() >= settings.APPLICATIONS_EMAILS_PER_ADDRESS_PER_HOUR:
        raise TooManyEmails()


def _lock_address(address: str) -> None:
    # A transaction-level advisory lock: released at commit or rollback, no
    # table to keep. SQLite (make run) serialises its writers anyway.
    if connection.vendor != "postgresql":
        return
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT pg_advisory_xact_lock(hashtext(%s))", [f"email:{address.lower()}"]
        )


def keep(
    *,
    owner: models.Model | None,
    kind: str,
    recipient: str,
    language: str,
    subject: str,
    body: str,
    reply_to: str = "",
) -> OutgoingEmail:
    """Keep the email for `owner` (it goes when the owner is deleted) and send
    it once the surrounding transaction commits. With `reply_to`, the
    recipient's answer goes to that address (a named person) rather than to
    the sender's."""
    with transaction.atomic():
        email = OutgoingEmail.objects.create(
            owner=owner,
            kind=kind,
            recipient=recipient,
            language=language,
            # A header cannot hold a line break, whatever a template or a
            # title contains.
            subject=" ".join(subject.split())[:300],
            body=body,
            reply_to=reply_to,
        )
        transaction.on_commit(functools.partial(enqueue, email.pk), robust=True)
    return email


def send_again(email: OutgoingEmail) -> OutgoingEmail:
    """A copy of a kept email, to the same recipient with the same text, kept
    and sent like a new one: the original stays as it went."""
    return keep(
        owner=email.owner,
        kind=email.kind,
        recipient=email.recipient,
        language=email.language,
        subject=email.subject,
        body=email.body,
        reply_to=email.reply_to,
    )


def enqueue(email_id: int) -> None:
    send_email.enqueue(email_id)
