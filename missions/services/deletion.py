"""Deleting a registration: for superusers only, and never without a trace.

A registration with a history ends through decline or withdrawal, which tell
the registrant and keep the record. Deletion is left for what should never
have existed (a test entry, a duplicate typed by staff); it keeps a
DeletedRegistration with who, when, why and the registration's history, and
any seats it held go to the waiting list as after a withdrawal."""

from django.conf import settings
from django.contrib.auth.models import AbstractBaseUser
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _

from missions.models import DeletedRegistration, Registration
from missions.services.waitlist import promote_waitlisted
from partners.applications.history import staff_text
from partners.applications.locking import lock_both


def _history(registration: Registration) -> list[dict]:
    changes = registration.status_changes.select_related("changed_by")
    return [
        {
            "at": timezone.localtime(change.changed_at).isoformat(),
            "kind": change.kind,
            "from": change.from_status,
            "to": change.to_status,
            "by": change.changed_by.get_username() if change.changed_by else "",
            "reason": change.reason,
        }
        for change in changes
    ]


def _audit(registration: Registration, *, by, reason: str) -> DeletedRegistration:
    return DeletedRegistration.objects.create(
        mission=registration.mission,
        registration_pk=registration.pk,
        inn=registration.inn,
        company_name=registration.company_label,
        status=registration.status,
        delegates=registration.delegates,
        confirmed_at=registration.confirmed_at,
        registered_at=registration.created_at,
        history=_history(registration),
        deleted_by=by,
        reason=reason,
    )


def delete_registration(
    *, registration: Registration, by: AbstractBaseUser, reason: str = ""
) -> DeletedRegistration:
    """Delete the registration with its history and emails, keep the audit
    record, and give freed seats to the waiting list."""
    with transaction.atomic():
        mission = lock_both(registration)
        audit = _audit(registration, by=by, reason=reason)
        with translation.override(settings.LANGUAGE_CODE):
            company = registration.company_label
        registration.delete()
        reason = staff_text(
            _(
                "Moved up from the waiting list: a seat became free when the "
                "registration of %(company)s was deleted."
            ),
            company=company,
        )
        promote_waitlisted(mission, by=by, reason=reason)
        return audit
