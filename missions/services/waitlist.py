"""Promotion from the waiting list when seats free up."""

from django.utils.translation import gettext_lazy as _

from missions.models import Mission, Registration
from missions.services.locking import seats_left
from partners.applications.decisions import is_competing
from partners.applications.history import change_status, staff_text

Status = Registration.Status


def promote_waitlisted(
    mission: Mission, *, by=None, reason: str = ""
) -> list[Registration]:
    """Give free seats to the waiting list in order of confirmation. A
    registration too big for the seats left is passed over, not blocking the
    smaller ones behind it; so is one whose company has another active
    registration (staff decide between those). Held registrations are never
    promoted. Call under the mission lock.

    The history of each move names the step that caused it: `by` took it
    (None: the registrant or the system) and `reason` says what it was, in
    the staff's language."""
    if mission.is_finished:
        return []
    left = seats_left(mission)
    promoted = []
    waiting = (
        Registration.objects.select_for_update()
        .filter(mission=mission, status=Status.WAITLISTED)
        .order_by("confirmed_at", "pk")
    )
    reason = reason or staff_text(
        _("A seat became free: promoted from the waiting list.")
    )
    for registration in waiting if left > 0 else ():
        if registration.delegates > left or is_competing(registration):
            continue
        registration.mission = mission
        change_status(registration, to=Status.ACCEPTED, by=by, reason=reason)
        promoted.append(registration)
        left -= registration.delegates
        if left == 0:
            break
    return promoted


def moved_up_reason(registration: Registration) -> str:
    """Why the waiting list moved after a step on `registration`, naming its
    company, in the staff's language."""
    if registration.status == Status.DECLINED:
        message = _(
            "Moved up from the waiting list: a seat became free when the "
            "registration of %(company)s was declined."
        )
    elif registration.status == Status.WITHDRAWN:
        message = _(
            "Moved up from the waiting list: a seat became free when the "
            "registration of %(company)s was withdrawn."
        )
    else:
        message = _(
            "Moved up from the waiting list: a seat became free when the "
            "registration of %(company)s was changed."
        )
    return staff_text(message, company=lambda: registration.company_label)
