"""Status changes with their recorded history and the applicant's email."""

from django.conf import settings
from django.utils import translation

from amur_invest.system_text import kept_as_source
from partners.applications import emails
from partners.applications.models import Application, ApplicationStatusChange

Kind = ApplicationStatusChange.Kind


def staff_text(message, **params) -> str:
    """A reason the system writes into the history. Without `params` it is
    kept as its source text and shown in each reader's language
    (amur_invest.system_text). With `params` (a company, say) it is written
    out in the agency's language, the values read in that language too (a
    callable value is called then: `lambda: application.company_label`):
    a text with names filled in is in no catalogue."""
    if not params:
        return kept_as_source(message)
    with translation.override(settings.LANGUAGE_CODE):
        return str(message) % {
            name: str(value() if callable(value) else value)
            for name, value in params.items()
        }


def staff_user(by):
    # An anonymous request user counts as "the applicant or the system".
    if by is None or not getattr(by, "is_authenticated", False):
        return None
    return by


def on_whose_behalf(by, *, applicant, staff) -> str:
    """The default reason of a step both the applicant's page and the admin
    offer: whether the applicant took it, or a staff member."""
    return staff_text(staff if staff_user(by) else applicant)


def record(
    application: Application, *, to: str, by, reason: str, kind=Kind.STATUS
) -> ApplicationStatusChange:
    return application.status_changes.create(
        kind=kind,
        from_status=application.status,
        to_status=to,
        changed_by=staff_user(by),
        reason=reason,
    )


def change_status(
    application: Application, *, to: str, by, reason: str, extra_fields=()
) -> Application:
    """Move the application, keep the step in its history, email the applicant."""
    previous = application.status
    record(application, to=to, by=by, reason=reason)
    application.status = to
    application.save(update_fields=["status", "updated_at", *extra_fields])
    emails.queue_status_email(application=application, previous_status=previous)
    return application
