"""Emails to registrants: rendered in the registrant's language, kept as
OutgoingEmail rows, sent by a task after the transaction commits.

Every email carries the link to the registrant's own page, so that any one of
them is enough to follow, withdraw or erase the registration."""

import datetime
import functools
import logging

from django.conf import settings
from django.core.mail import EmailMessage
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation

from missions.models import OutgoingEmail, Registration

logger = logging.getLogger(__name__)

# After this many failed attempts an email waits for staff (last_error tells why).
MAX_ATTEMPTS = 10


def absolute_url(path: str) -> str:
    from amur_invest.site_url import site_url

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


def render(*, kind: str, registration: Registration, context: dict) -> tuple[str, str]:
    """(subject, text body) of one email kind in the registrant's language."""
    context = {
        "registration": registration,
        "mission": registration.mission,
        "company": registration.company,
        "page_url": registration_page_url(registration),
        "site_url": settings.SITE_URL,
        **context,
    }
    with translation.override(registration.language):
        subject = render_to_string(f"missions/email/{kind}_subject.txt", context)
        body = render_to_string(f"missions/email/{kind}_body.txt", context)
    # A header cannot hold a line break, whatever a template or title contains.
    return " ".join(subject.split()), body.strip() + "\n"


def queue(
    *, kind: str, registration: Registration, context: dict | None = None
) -> OutgoingEmail | None:
    """Keep the email and send it once the surrounding transaction commits."""
    if registration.is_anonymised:
        return None
    subject, body = render(kind=kind, registration=registration, context=context or {})
    with transaction.atomic():
        email = OutgoingEmail.objects.create(
            registration=registration,
            kind=kind,
            recipient=registration.email,
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


def queue_already_registered(*, registration: Registration, signed: str | None):
    """The link to an existing registration, for someone who tried to register
    the same company again; a fresh confirmation link while unconfirmed."""
    context = {"valid_hours": _confirmation_hours()}
    if signed:
        context["confirmation_url"] = confirmation_url(registration, signed)
    return queue(kind="already_registered", registration=registration, context=context)


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
