"""Emails about inquiries, through the site's one outgoing-mail mechanism
(amur_invest.outbox.mail): an OutgoingEmail row kept for the inquiry in the
same transaction, sent by the one `send_email` task once the transaction
commits, and deleted with the inquiry.

Anyone may type any address into the form, and the site must not carry a
stranger's text to it: the acknowledgement repeats nothing the inquirer
typed but a short name to greet (`amur_invest.text.greeting_name`), never
the message. The inquiry is kept only if the address's hourly budget of
emails allows the acknowledgement (`mail.check_budget`)."""

from django.conf import settings
from django.template.loader import render_to_string
from django.utils import translation

from amur_invest.agency.models import AgencyContact
from amur_invest.outbox import mail
from amur_invest.outbox.models import OutgoingEmail
from amur_invest.text import greeting_name
from showcase.inquiries.models import Inquiry


def render(kind: str, context: dict, language: str) -> tuple[str, str]:
    """(subject, body) of templates showcase/inquiries/email/<kind>_*.txt."""
    with translation.override(language):
        context = {"agency": AgencyContact.load(), **context}
        subject = render_to_string(
            f"showcase/inquiries/email/{kind}_subject.txt", context
        )
        body = render_to_string(f"showcase/inquiries/email/{kind}_body.txt", context)
    # A header cannot hold a line break, whatever a name contains.
    return " ".join(subject.split())[:300], body.strip() + "\n"


def queue(
    *, inquiry: Inquiry, kind: str, recipient: str, language: str, context: dict
) -> OutgoingEmail:
    subject, body = render(kind, context, language)
    return mail.keep(
        owner=inquiry,
        kind=kind,
        recipient=recipient,
        language=language,
        subject=subject,
        body=body,
    )


def queue_acknowledgement(*, inquiry: Inquiry) -> OutgoingEmail:
    """To the inquirer, in their language: received, and the reply date."""
    return queue(
        inquiry=inquiry,
        kind="inquiry_received",
        recipient=inquiry.email,
        language=inquiry.language,
        context={
            "inquiry": inquiry,
            "greeting_name": greeting_name(inquiry.name),
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
        inquiry=inquiry,
        kind="inquiry_assigned",
        recipient=assignee.email,
        language=settings.LANGUAGE_CODE,
        context={
            "inquiry": inquiry,
            "assignee": assignee,
            "admin_url": f"{settings.SITE_URL}{inquiry.get_admin_url()}",
        },
    )
