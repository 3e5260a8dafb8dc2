"""Status changes with their recorded history and the registrant's email."""

from django.conf import settings
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from missions import emails
from missions.models import Registration, StatusChange


def staff_text(message) -> str:
    """A reason the system writes into the history, in the staff's language."""
    with translation.override(settings.LANGUAGE_CODE):
        return str(message)


def staff_user(by):
    # An anonymous request user counts as "the registrant or the system".
    if by is None or not getattr(by, "is_authenticated", False):
        return None
    return by


def on_whose_behalf(by, *, registrant, staff) -> str:
    """The default reason of a step the registrant's page offers: whether the
    registrant took it, or a staff member signed in to the admin."""
    return staff_text(staff if staff_user(by) else registrant)


def record(
    registration: Registration,
    *,
    to: str,
    by,
    reason: str,
    kind=StatusChange.Kind.STATUS,
) -> StatusChange:
    return StatusChange.objects.create(
        registration=registration,
        kind=kind,
        from_status=registration.status,
        to_status=to,
        changed_by=staff_user(by),
        reason=reason,
    )


def change_status(
    registration: Registration, *, to: str, by, reason: str, extra_fields=()
) -> Registration:
    """Move the registration, keep the step in its history, email the registrant."""
    previous = registration.status
    record(registration, to=to, by=by, reason=reason)
    registration.status = to
    registration.save(update_fields=["status", "updated_at", *extra_fields])
    emails.queue_status_email(registration=registration, previous_status=previous)
    return registration


WITHDRAWN_BY_REGISTRANT = _("Withdrawn by the registrant.")
WITHDRAWN_BY_STAFF = _("Withdrawn by a staff member on the company's behalf.")
