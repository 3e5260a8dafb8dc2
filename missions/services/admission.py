"""Staff decisions on registrations that hand out or keep back seats.

Two ways of not yet having a seat, kept apart on purpose:
- waitlisted: waiting for a free seat. The next freed seat goes to the first
  one on the list that fits, automatically, in order of confirmation.
- held: kept in reserve by a staff decision. Never promoted automatically;
  only staff accept it.

And one rule for companies: several registrations may name the same company
(anyone can type a company's INN), but only one of them holds seats. While a
company has more than one active registration for a mission, they compete:
none of them is accepted or promoted automatically, and staff decide.
"""

from collections.abc import Iterable
from dataclasses import dataclass, field

from django.contrib.auth.models import AbstractBaseUser
from django.db import transaction
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from missions.models import Registration
from missions.services.locking import lock_mission, seats_left
from missions.services.workflow import REGISTRATIONS
from partners.applications.decisions import company_holds_acceptance
from partners.applications.errors import ApplicationError
from partners.applications.history import change_status, staff_text
from partners.applications.locking import lock_both


@dataclass
class AdmissionResult:
    accepted: list[Registration] = field(default_factory=list)
    waitlisted: list[Registration] = field(default_factory=list)
    skipped: list[Registration] = field(default_factory=list)
    # Another registration of the same company already holds seats.
    taken_by_company: list[Registration] = field(default_factory=list)
    # Kept in reserve by staff and too big for the seats left: a hold stays
    # a hold, it does not become an automatic waiting-list entry.
    still_held: list[Registration] = field(default_factory=list)
    # The mission has ended or was cancelled.
    ended: list[Registration] = field(default_factory=list)


Status = Registration.Status
# Staff may accept a registration in any of these statuses.
ACCEPTABLE = frozenset({Status.SUBMITTED, Status.WAITLISTED, Status.HELD})


def _admit(registration, *, left, by, reason, result) -> int:
    """Accept one registration if it may and fits; return the seats it took."""
    if registration.status not in ACCEPTABLE:
        result.skipped.append(registration)
    elif company_holds_acceptance(registration):
        result.taken_by_company.append(registration)
    elif registration.delegates <= left:
        change_status(registration, to=Status.ACCEPTED, by=by, reason=reason)
        result.accepted.append(registration)
        return registration.delegates
    elif registration.status == Status.HELD:
        result.still_held.append(registration)
    else:
        if registration.status != Status.WAITLISTED:
            overflow = staff_text(_("Not enough seats left to accept all delegates."))
            change_status(registration, to=Status.WAITLISTED, by=by, reason=overflow)
        result.waitlisted.append(registration)
    return 0


def _admit_for_mission(*, mission_id, ids, by, reason, result) -> None:
    mission = lock_mission(mission_id)
    left = seats_left(mission)
    batch = (
        Registration.objects.select_for_update()
        .filter(mission_id=mission_id, pk__in=ids)
        .order_by("confirmed_at", "pk")
    )
    for registration in batch:
        registration.mission = mission
        if mission.is_finished:
            result.ended.append(registration)
            continue
        left -= _admit(registration, left=left, by=by, reason=reason, result=result)


def accept_registrations(
    *,
    registrations: Iterable[Registration],
    by: AbstractBaseUser | None,
    reason: str = "",
) -> AdmissionResult:
    """Accept in order of confirmation while seats last; waitlist the rest.

    A registration too big for the seats left goes to the waiting list (or
    stays there; one kept in reserve stays in reserve, in `still_held`) while
    smaller ones after it may still be accepted. Registrations of a mission
    that has ended or was cancelled come back in `ended`. One whose
    company already holds seats through another registration comes back in
    `taken_by_company`; one that is unconfirmed, accepted or ended comes back
    in `skipped`; both unchanged."""
    ids = [registration.pk for registration in registrations]
    rows = Registration.objects.filter(pk__in=ids)
    mission_ids = sorted(set(rows.values_list("mission_id", flat=True)))
    result = AdmissionResult()
    with transaction.atomic():
        # Missions are locked in id order, so two overlapping actions never
        # wait on each other crosswise.
        for mission_id in mission_ids:
            _admit_for_mission(
                mission_id=mission_id, ids=ids, by=by, reason=reason, result=result
            )
    return result


def refuse_ended(registration: Registration) -> None:
    if registration.has_ended:
        raise ApplicationError(REGISTRATIONS.ended_message)


def waitlist_registration(
    *, registration: Registration, by: AbstractBaseUser | None, reason: str = ""
) -> Registration:
    """submitted or held -> waitlisted, by staff: the registration then waits
    for a free seat and takes the next one that fits. Refused while it would
    fit the seats left: the registrant is told that all seats are taken, which
    must be true."""
    with transaction.atomic():
        mission = lock_both(registration)
        refuse_ended(registration)
        if registration.status not in (Status.SUBMITTED, Status.HELD):
            raise ApplicationError(
                _(
                    "Only a submitted registration or one kept in reserve can be "
                    "put on the waiting list."
                )
            )
        left = seats_left(mission)
        if registration.delegates <= left:
            raise ApplicationError(_free_seats_message(left))
        return change_status(registration, to=Status.WAITLISTED, by=by, reason=reason)


def _free_seats_message(left: int) -> str:
    return ngettext(
        "%(count)d seat is still free, so the waiting list would tell the "
        "company something untrue: accept the registration, or keep it in "
        "reserve.",
        "%(count)d seats are still free, so the waiting list would tell the "
        "company something untrue: accept the registration, or keep it in "
        "reserve.",
        left,
    ) % {"count": left}


def hold_registration(
    *, registration: Registration, by: AbstractBaseUser | None, reason: str = ""
) -> Registration:
    """submitted or waitlisted -> held: kept in reserve by staff, whatever the
    seats; never promoted automatically."""
    with transaction.atomic():
        lock_both(registration)
        refuse_ended(registration)
        if registration.status not in (Status.SUBMITTED, Status.WAITLISTED):
            raise ApplicationError(
                _("Only a submitted or waitlisted registration can be kept in reserve.")
            )
        return change_status(registration, to=Status.HELD, by=by, reason=reason)
