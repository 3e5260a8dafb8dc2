"""Emails to registrants: rendered in the registrant's language, kept as
OutgoingEmail rows, sent by a task after the transaction commits.

Every email carries the link to the registrant's own page, so that any one of
them is enough to follow, correct, withdraw or erase the registration, and
ends with the agency's contact details in the registrant's language.

Emails are plain text: subjects and bodies are rendered with autoescaping
off, so that "O'Neill & Co" stays as typed (a text email shows `&#x27;`
literally)."""

import datetime
import functools
import logging

from django.conf import settings
from django.core.mail import EmailMessage
from django.db import transaction
from django.template import Context
from django.template.loader import get_template
from django.urls import reverse
from django.utils import timezone, translation

from amur_invest.site_url import site_url
from missions.models import OutgoingEmail, Registration

logger = logging.getLogger(__name__)

# After this many failed attempts an email waits for staff (last_error tells why).
MAX_ATTEMPTS = 10


def absolute_url(path: str) -> str:
    return f"{site_url()}{path}"


def registration_page_url(registration: Registration) -> str:
    """The registrant's own page, under the registrant's language prefix."""
    with translation.override(registration.language):
        path = reverse(
            "missions:registration_detail", kwargs={"token": registration.token}
        )
    return absolute_url(path)


def confirmation_url(registration: Registration, signed: str) -> str:
    with translation.override(registration.language):
        path = reverse("missions:registration_confirm", kwargs={"signed": signed})
    return absolute_url(path)


def _plain_text(template_name: str, context: dict) -> str:
    template = get_template(template_name).template
    return template.render(Context(context, autoescape=False))


def _agency():
    # Read through the showcase app, which owns the agency's details: they
    # are the same in the footer of every page and at the end of every email.
    from showcase.models import AgencyContact

    return AgencyContact.load()


def render(*, kind: str, registration: Registration, context: dict) -> tuple[str, str]:
    """(subject, text body) of one email kind in the registrant's language."""
    context = {
        "registration": registration,
        "mission": registration.mission,
        "page_url": registration_page_url(registration),
        "site_url": absolute_url("/"),
        "agency": _agency(),
        **context,
    }
    with translation.override(registration.language):
        # The company's name in the registrant's language, when it has one.
        context["company_name"] = registration.company_label
        subject = _plain_text(f"missions/email/{kind}_subject.txt", context)
        body = _plain_text(f"missions/email/{kind}_body.txt", context)
    # A header cannot hold a line break, whatever a template or title contains.
    return " ".join(subject.split()), body.strip() + "\n"


def queue(
    *,
    kind: str,
    registration: Registration,
    context: dict | None = None,
    recipient: str | None = None,
) -> OutgoingEmail | None:
    """Keep the email and send it once the surrounding transaction commits."""
    if registration.is_anonymised:
        return None
    subject, body = render(kind=kind, registration=registration, context=context or {})
    with transaction.atomic():
        email = OutgoingEmail.objects.create(
            registration=registration,
            kind=kind,
            recipient=recipient or registration.email,
            language=registration.language,
            subject=subject[:300],
            body=body,
        )
        transaction.on_commit(functools.partial(_enqueue, email.pk), robust=True)
    return email


def _enqueue(email_id: int) -> None:
    from missions.tasks import send_email

    send_email.enqueue(email_id)


def queue_confirmation(*, registration: Registration, signed: str):
    return queue(
        kind="confirm",
        registration=registration,
        context={
            "confirmation_url": confirmation_url(registration, signed),
            "valid_hours": _confirmation_hours(),
        },
    )


def queue_already_registered(*, registration: Registration):
    """The link to an existing confirmed registration, for its own address
    that someone (most likely its owner) typed into the form again."""
    return queue(kind=OutgoingEmail.Kind.ALREADY_REGISTERED, registration=registration)


def queue_changed(*, registration: Registration, changed: list, previous_email: str):
    """What the registrant (or staff on their page) corrected. When the email
    address itself changed, the previous address hears of it too, so that a
    change nobody asked for does not go unnoticed."""
    labels = [
        Registration._meta.get_field(name).verbose_name
        for name in changed
        if name != "delegates"
    ]
    context = {"changed_labels": labels, "delegates_changed": "delegates" in changed}
    queued = [
        queue(
            kind=OutgoingEmail.Kind.CHANGED, registration=registration, context=context
        )
    ]
    if previous_email.lower() != registration.email.lower():
        queued.append(
            queue(
                kind=OutgoingEmail.Kind.CHANGED,
                registration=registration,
                context=context,
                recipient=previous_email,
            )
        )
    return queued


def queue_status_email(*, registration: Registration, previous_status: str):
    return queue(
        kind=f"status_{registration.status}",
        registration=registration,
        context={
            "previous_status": previous_status,
            "promoted": previous_status == Registration.Status.WAITLISTED,
        },
    )


def _confirmation_hours() -> int:
    max_age = settings.MISSIONS_CONFIRMATION_MAX_AGE
    return max_age // 3600


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
            EmailMessage(email.subject, email.body, to=[email.recipient]).send()
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
