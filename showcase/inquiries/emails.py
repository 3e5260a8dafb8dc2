"""Emails about inquiries, through the site's one outgoing-mail mechanism
(amur_invest.outbox.mail): an OutgoingEmail row kept for the inquiry in the
same transaction, sent by the one `send_email` task once the transaction
commits, and deleted with the inquiry.

Anyone may type any address into the form, and the site must not carry a
stranger's text to it: the acknowledgement repeats nothing the inquirer
typed but a short name to greet (`amur_invest.text.greeting_name`), never
the message. The inquiry is kept only if the address's hourly budget of
emails allows the acknowledgement (`mail.check_budget`).

The acknowledgement and the replies name the person who answers, and the
inquirer's answer to them goes to that person (Reply-To)."""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.template.loader import render_to_string
from django.utils import translation

from amur_invest.agency.models import AgencyContact
from amur_invest.outbox import mail
from amur_invest.outbox.models import OutgoingEmail
from amur_invest.site_url import site_url
from amur_invest.text import greeting_name
from showcase.inquiries.models import Inquiry, InquiryReply

# The staff group told about inquiries that are late (created by a partners
# migration).
MANAGERS_GROUP = "Agency manager"


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
    *,
    inquiry: Inquiry,
    kind: str,
    recipient: str,
    language: str,
    context: dict,
    reply_to: str = "",
) -> OutgoingEmail:
    subject, body = render(kind, context, language)
    return mail.keep(
        owner=inquiry,
        kind=kind,
        recipient=recipient,
        language=language,
        subject=subject,
        body=body,
        reply_to=reply_to,
    )


def handler_address(inquiry: Inquiry) -> str:
    return inquiry.handler.email if inquiry.handler else ""


def queue_acknowledgement(*, inquiry: Inquiry) -> OutgoingEmail:
    """To the inquirer, in their language: received, its reference, who
    answers and by when; a reply to it reaches that person."""
    return queue(
        inquiry=inquiry,
        kind="inquiry_received",
        recipient=inquiry.email,
        language=inquiry.language,
        context={
            "inquiry": inquiry,
            "handler": inquiry.handler,
            "greeting_name": greeting_name(inquiry.name),
            "working_days": settings.INQUIRY_REPLY_WORKING_DAYS,
            "site_url": site_url(),
        },
        reply_to=handler_address(inquiry),
    )


def queue_reply(*, inquiry: Inquiry, reply: InquiryReply) -> OutgoingEmail:
    """The reply staff wrote, to the inquirer, framed and signed in the
    inquiry's language."""
    return queue(
        inquiry=inquiry,
        kind="inquiry_reply",
        recipient=inquiry.email,
        language=inquiry.language,
        context={
            "inquiry": inquiry,
            "reply": reply,
            "handler": inquiry.handler,
            "greeting_name": greeting_name(inquiry.name),
            "site_url": site_url(),
        },
        reply_to=handler_address(inquiry),
    )


def manager_addresses() -> list[str]:
    """The addresses of the active agency managers."""
    managers = get_user_model().objects.filter(
        is_active=True, groups__name=MANAGERS_GROUP
    )
    return sorted(
        {address for address in managers.values_list("email", flat=True) if address}
    )


def queue_overdue_notice(*, inquiry: Inquiry, recipient: str) -> OutgoingEmail:
    """To an agency manager, in the staff's language: the inquiry is late."""
    return queue(
        inquiry=inquiry,
        kind="inquiry_overdue",
        recipient=recipient,
        language=settings.LANGUAGE_CODE,
        context={
            "inquiry": inquiry,
            "admin_url": f"{site_url()}{inquiry.get_admin_url()}",
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
            "admin_url": f"{site_url()}{inquiry.get_admin_url()}",
        },
    )
