"""Registrations for business missions: the shared application steps
(partners.applications) with what a registration adds, delegates and seats.

Every change of seats happens inside one transaction holding the mission's
row lock, so that no path can put more delegates on a mission than it has
seats, nor give one company seats twice. Views, admin and commands call only
the names exported here; the steps every application has are the thin calls
below, and the rest are a registration's own: `workflow` (what it tells the
shared steps), `errors`, `locking` (the mission lock and the seat count),
`waitlist` (promotion when seats free up), `admission` (staff decisions on
seats), `seats` (a mission's seats), `deletion` (superusers only).
"""

from django.contrib.auth.models import AbstractBaseUser

from missions.models import Mission, Registration
from missions.services.admission import (
    accept_registrations,
    hold_registration,
    waitlist_registration,
)
from missions.services.delegates import Person, name_delegates
from missions.services.deletion import delete_registration
from missions.services.errors import (
    NotEnoughSeats,
    RegistrationClosed,
    SeatsBelowAccepted,
    TooManyDelegates,
)
from missions.services.seats import (
    accepted_delegates,
    save_mission,
    seats_below_accepted_message,
)
from missions.services.workflow import (
    CHANGEABLE_FIELDS,
    REGISTRATION_FIELDS,
    REGISTRATION_ORDER,
    REGISTRATIONS,
)
from partners.applications import changes as shared_changes
from partners.applications import confirmation, decisions, privacy, submission
from partners.applications.submission import ConsentRecord

__all__ = [
    "CHANGEABLE_FIELDS",
    "REGISTRATION_FIELDS",
    "REGISTRATION_ORDER",
    "NotEnoughSeats",
    "Person",
    "RegistrationClosed",
    "SeatsBelowAccepted",
    "TooManyDelegates",
    "accept_registrations",
    "accepted_delegates",
    "anonymise_finished_missions",
    "anonymise_registration",
    "change_registration",
    "confirm_registration",
    "decline_registration",
    "delete_registration",
    "delete_stale_unconfirmed",
    "hold_registration",
    "name_delegates",
    "save_mission",
    "seats_below_accepted_message",
    "submit_registration",
    "waitlist_registration",
    "withdraw_registration",
]


def submit_registration(
    *,
    mission: Mission,
    company: dict,
    registration: dict,
    wanted_prefectures=(),
    consent: ConsentRecord,
) -> Registration:
    """Keep an unconfirmed registration and email the confirmation link (see
    partners.applications.submission.submit). `registration`: the fields of
    REGISTRATION_FIELDS. Raises RegistrationClosed, TooManyDelegates,
    TooManyEmails."""
    return submission.submit(
        workflow=REGISTRATIONS,
        parent=mission,
        related=wanted(wanted_prefectures),
        company=company,
        application=registration,
        consent=consent,
    )


def confirm_registration(*, signed: str) -> Registration:
    """unconfirmed -> submitted (first_come: -> accepted or waitlisted), the
    company matched by INN or created. Raises InvalidLink, ExpiredLink."""
    return confirmation.confirm(workflow=REGISTRATIONS, signed=signed)


def change_registration(
    *,
    registration: Registration,
    changes: dict,
    wanted_prefectures=None,
    by=None,
) -> list[str]:
    """The registrant's corrections until registration closes; return the
    names of the fields that changed. More delegates on an accepted
    registration need free seats (see the workflow's `check_changes`).
    Raises ChangesClosed, TooManyDelegates, NotEnoughSeats."""
    return shared_changes.change(
        workflow=REGISTRATIONS,
        application=registration,
        related=wanted(wanted_prefectures),
        changes=changes,
        by=by,
    )


def wanted(prefectures) -> dict | None:
    """The many-to-many rows the registrant fills (None: left as they are)."""
    return None if prefectures is None else {"wanted_prefectures": prefectures}


def decline_registration(
    *, registration: Registration, by: AbstractBaseUser | None, reason: str = ""
) -> Registration:
    """Frees the seats of an accepted registration and promotes from the list."""
    return decisions.decline(
        workflow=REGISTRATIONS, application=registration, by=by, reason=reason
    )


def withdraw_registration(
    *, registration: Registration, by: AbstractBaseUser | None = None, reason: str = ""
) -> Registration:
    """By the registrant (by=None) or staff; frees seats and promotes."""
    return decisions.withdraw(
        workflow=REGISTRATIONS, application=registration, by=by, reason=reason
    )


def anonymise_registration(
    *, registration: Registration, by: AbstractBaseUser | None = None, reason: str = ""
) -> Registration:
    """Erase the personal data; the company, delegates and status stay."""
    return privacy.anonymise(
        workflow=REGISTRATIONS, application=registration, by=by, reason=reason
    )


def anonymise_finished_missions(*, days: int) -> int:
    """Anonymise registrations of missions that ended more than `days` ago."""
    return privacy.anonymise_finished(workflow=REGISTRATIONS, days=days)


def delete_stale_unconfirmed(*, days: int = 7) -> int:
    """Delete registrations left unconfirmed for more than `days` days, with
    their consents, history and emails."""
    return privacy.delete_stale_unconfirmed(model=Registration, days=days)
