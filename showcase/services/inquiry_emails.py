"""Emails about inquiries, through the site's one outgoing-mail mechanism:
an OutgoingEmail row (missions) in the same transaction as the inquiry, sent
by missions' `send_email` task once the transaction commits.

The acknowledgement never repeats the message: anyone may type any address
into the form, and the site must not carry a stranger's text to it."""

import functools

from django.conf import settings
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import translation

from missions.models import OutgoingEmail
from missions.tasks import send_email
from showcase.models import AgencyContact, Inquiry


def render(kind: str, context: dict, language: str) -> tuple[str, str]:
    """(subject, body) of templates showcase/contact/email/<kind>_*.txt."""
    with translation.override(language):
        context = {"agency": AgencyContact.load(), **context}
        subject = render_to_string(
            f"showcase/contact/email/{kind}_subject.txt", context
        )
        body = render_to_string(f"showcase/contact/email/{kind}_body.txt", context)
    # A header cannot hold a line break, whatever a name contains.
    return " ".join(subject.split())[:300], body.strip() + "\n"


def queue(*, kind: str, recipient: str, language: str, context: dict) -> OutgoingEmail:
    subject, body = render(kind, context, language)
    email = OutgoingEmail.objects.create(
        registration=None,
        kind=kind,
        recipient=recipient,
        language=language,
        subject=subject,
        body=body,
    )
    transaction.on_commit(functools.partial(enqueue, email.pk), robust=True)
    return email


def enqueue(email_id: int) -> None:
    send_email.enqueue(email_id)


def queue_acknowledgement(*, inquiry: Inquiry) -> OutgoingEmail:
    """To the inquirer, in their language: received, and the reply date."""
    return queue(
        kind="inquiry_received",
        recipient=inquiry.email,
        language=inquiry.language,
        context={
            "inquiry": inquiry,
            "working_days": settings.INQUIRY_REPLY_WORKING_DAYS,
            "site_url": settings.SITE_URL,
        },
    )


def queue_assignment(*, inquiry: Inquiry) -> OutgoingEmail | None:
    """To the assignee, in the staff's language, with the admin link."""
    assignee = inquiry.assignee
    if assignee is None or not assignee.email:
        return None
    return queue(
        kind="inquiry_assigned",
        recipient=assignee.email,
        language=settings.LANGUAGE_CODE,
        context={
            "inquiry": inquiry,
            "assignee": assignee,
            "admin_url": f"{settings.SITE_URL}{inquiry.get_admin_url()}",
        },
    )
