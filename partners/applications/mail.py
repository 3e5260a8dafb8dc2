"""Keeping an email to send: the row in the caller's transaction, the task
after the commit. Every email of the site (applications, inquiries) goes
through `keep`."""

import functools

from django.db import models, transaction

from partners.applications.models import OutgoingEmail
from partners.applications.tasks import send_email


def keep(
    *,
    owner: models.Model | None,
    kind: str,
    recipient: str,
    language: str,
    subject: str,
    body: str,
) -> OutgoingEmail:
    """Keep the email for `owner` (it goes when the owner is deleted) and send
    it once the surrounding transaction commits."""
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
    )


def enqueue(email_id: int) -> None:
    send_email.enqueue(email_id)
