"""Status changes with their recorded history and the registrant's email."""

from django.conf import settings
from django.utils import translation

from missions import emails
from missions.models import Registration, StatusChange


def _staff_text(message) -> str:
    """A reason the system writes into the history, in the staff's language."""
    with translation.override(settings.LANGUAGE_CODE):
        return str(message)


def _staff_user(by):
    # An anonymous request user counts as "the registrant or the system".
    if by is None or not getattr(by, "is_authenticated", False):
        return None
    return by


def _record(registration: Registration, *, to: str, by, reason: str) -> None:
    StatusChange.objects.create(
        registration=registration,
        from_status=registration.status,
        to_status=to,
        changed_by=_staff_user(by),
        reason=reason,
    )


def _change_status(
    registration: Registration, *, to: str, by, reason: str, extra_fields=()
) -> Registration:
    """Move the registration, keep the step in its history, email the registrant."""
    previous = registration.status
    _record(registration, to=to, by=by, reason=reason)
    registration.status = to
    registration.save(update_fields=["status", "updated_at", *extra_fields])
    emails.queue_status_email(registration=registration, previous_status=previous)
    return registration
