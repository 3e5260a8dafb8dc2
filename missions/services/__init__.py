"""Registration workflows: every change of seats happens here, inside one
transaction holding the mission's row lock, so that no path can put more
delegates on a mission than it has seats, nor give one company seats twice.

Views, admin and commands call only the names exported here. What every
application has (submit, confirm, the company matched by INN, corrections,
withdrawal, erasure, history and emails) lives once in partners.applications;
`workflow` tells it what a registration adds (delegates, seats, first come).
The submodules: `registration` (submit and confirm), `admission` (staff
decisions, holds, withdrawal), `waitlist` (promotion when seats free up),
`changes` (the registrant's corrections), `seats` (a mission's seats),
`deletion` (superusers only), `privacy` (anonymisation and clean-up),
`errors`; `locking` holds the mission lock and the seat count.
"""

from missions.models import Registration
from missions.services.admission import (
    AdmissionResult,
    accept_registrations,
    decline_registration,
    hold_registration,
    is_competing,
    waitlist_registration,
    withdraw_registration,
)
from missions.services.changes import CHANGEABLE_FIELDS, change_registration
from missions.services.delegates import Person, name_delegates
from missions.services.deletion import delete_registration
from missions.services.errors import (
    ChangesClosed,
    ExpiredLink,
    InvalidLink,
    NotEnoughSeats,
    RegistrationClosed,
    RegistrationError,
    SeatsBelowAccepted,
    TooManyDelegates,
    TooManyEmails,
)
from missions.services.privacy import (
    PERSONAL_TEXT_FIELDS,
    anonymise_finished_missions,
    anonymise_registration,
    delete_stale_unconfirmed,
)
from missions.services.registration import (
    CONFIRMATION_SALT,
    REGISTRATION_FIELDS,
    ConsentRecord,
    confirm_registration,
    confirmation_signature,
    submit_registration,
)
from missions.services.seats import (
    accepted_delegates,
    save_mission,
    seats_below_accepted_message,
)

Status = Registration.Status

__all__ = [
    "CHANGEABLE_FIELDS",
    "CONFIRMATION_SALT",
    "PERSONAL_TEXT_FIELDS",
    "REGISTRATION_FIELDS",
    "AdmissionResult",
    "ChangesClosed",
    "ConsentRecord",
    "ExpiredLink",
    "InvalidLink",
    "NotEnoughSeats",
    "Person",
    "RegistrationClosed",
    "RegistrationError",
    "SeatsBelowAccepted",
    "Status",
    "TooManyDelegates",
    "TooManyEmails",
    "accept_registrations",
    "accepted_delegates",
    "anonymise_finished_missions",
    "anonymise_registration",
    "change_registration",
    "confirm_registration",
    "confirmation_signature",
    "decline_registration",
    "delete_registration",
    "delete_stale_unconfirmed",
    "hold_registration",
    "is_competing",
    "name_delegates",
    "save_mission",
    "seats_below_accepted_message",
    "submit_registration",
    "waitlist_registration",
    "withdraw_registration",
]
