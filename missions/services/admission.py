"""Staff decisions on registrations, withdrawal, and promotion from the waiting list."""

from collections.abc import Iterable
from dataclasses import dataclass, field

from django.contrib.auth.models import AbstractBaseUser
from django.db import transaction
from django.utils.translation import gettext_lazy as _

from missions.models import Mission, Registration
from missions.services.errors import RegistrationError
from missions.services.history import _change_status, _staff_text, _staff_user
from missions.services.locking import _lock_mission, _lock_registration, _seats_left


@dataclass
class AdmissionResult:
    accepted: list[Registration] = field(default_factory=list)
    waitlisted: list[Registration] = field(default_factory=list)
    skipped: list[Registration] = field(default_factory=list)


Status = Registration.Status


def _promote_waitlisted(mission: Mission) -> list[Registration]:
    """Give freed seats to the waiting list in order of confirmation. A
    registration too big for the seats left is passed over, not blocking the
    smaller ones behind it. Call under the mission lock."""
    left = _seats_left(mission)
    promoted = []
    waiting = (
        Registration.objects.select_for_update()
        .filter(mission=mission, status=Status.WAITLISTED)
        .order_by("confirmed_at", "pk")
    )
    reason = _staff_text(_("A seat became free: promoted from the waiting list."))
    for registration in waiting if left > 0 else ():
        if registration.delegates > left:
            continue
        registration.mission = mission
        _change_status(registration, to=Status.ACCEPTED, by=None, reason=reason)
        promoted.append(registration)
        left -= registration.delegates
        if left == 0:
            break
    return promoted


def _admit_for_mission(*, mission_id, ids, by, reason, result) -> None:
    mission = _lock_mission(mission_id)
    left = _seats_left(mission)
    batch = (
        Registration.objects.select_for_update()
        .filter(mission_id=mission_id, pk__in=ids)
        .order_by("confirmed_at", "pk")
    )
    overflow = _staff_text(_("Not enough seats left to accept all delegates."))
    for registration in batch:
        registration.mission = mission
        if registration.status not in (Status.SUBMITTED, Status.WAITLISTED):
            result.skipped.append(registration)
        elif registration.delegates <= left:
            left -= registration.delegates
            _change_status(registration, to=Status.ACCEPTED, by=by, reason=reason)
            result.accepted.append(registration)
        else:
            if registration.status == Status.SUBMITTED:
                _change_status(
                    registration, to=Status.WAITLISTED, by=by, reason=overflow
                )
            result.waitlisted.append(registration)


def accept_registrations(
    *,
    registrations: Iterable[Registration],
    by: AbstractBaseUser | None,
    reason: str = "",
) -> AdmissionResult:
    """Accept in order of confirmation while seats last; waitlist the rest.

    A registration too big for the seats left is waitlisted (or stays on the
    list) while smaller ones after it may still be accepted. Registrations
    that are not submitted or waitlisted (unconfirmed, accepted, declined,
    withdrawn) come back in `skipped`, unchanged."""
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


def waitlist_registration(
    *, registration: Registration, by: AbstractBaseUser | None, reason: str = ""
) -> Registration:
    """submitted -> waitlisted, by staff."""
    with transaction.atomic():
        mission = _lock_mission(registration.mission_id)
        _lock_registration(registration)
        registration.mission = mission
        if registration.status != Status.SUBMITTED:
            raise RegistrationError(
                _("Only a submitted registration can be put on the waiting list.")
            )
        return _change_status(registration, to=Status.WAITLISTED, by=by, reason=reason)


def _end_registration(registration, *, to, by, reason, refusal) -> Registration:
    with transaction.atomic():
        mission = _lock_mission(registration.mission_id)
        _lock_registration(registration)
        registration.mission = mission
        if registration.status not in Registration.ACTIVE_STATUSES:
            raise RegistrationError(refusal)
        freed_seats = registration.status == Status.ACCEPTED
        _change_status(registration, to=to, by=by, reason=reason)
        if freed_seats:
            _promote_waitlisted(mission)
        return registration


def decline_registration(
    *, registration: Registration, by: AbstractBaseUser | None, reason: str = ""
) -> Registration:
    """Frees the seats of an accepted registration and promotes from the list."""
    return _end_registration(
        registration,
        to=Status.DECLINED,
        by=by,
        reason=reason,
        refusal=_(
            "Only a submitted, accepted or waitlisted registration can be declined."
        ),
    )


def withdraw_registration(
    *, registration: Registration, by: AbstractBaseUser | None = None, reason: str = ""
) -> Registration:
    """By the registrant (by=None) or staff; frees seats and promotes."""
    if not reason and _staff_user(by) is None:
        reason = _staff_text(_("Withdrawn by the registrant."))
    return _end_registration(
        registration,
        to=Status.WITHDRAWN,
        by=by,
        reason=reason,
        refusal=_("This registration can no longer be withdrawn."),
    )
