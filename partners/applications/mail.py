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


def enqueue(email_id: int) -> None:
    send_email.enqueue(email_id)
