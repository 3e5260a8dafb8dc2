"""Registration workflows: every change of seats happens here, inside one
transaction holding the mission's row lock, so that no path can put more
delegates on a mission than it has seats.

Views, admin and commands call only the names exported here. The workflows
live in submodules: `registration` (submit and confirm), `admission` (staff
decisions, withdrawal, the waiting list), `privacy` (anonymisation and
clean-up), `errors`; `locking` and `history` hold the helpers they share.
"""

from missions.models import Registration
from missions.services.admission import (
    AdmissionResult,
    accept_registrations,
    decline_registration,
    waitlist_registration,
    withdraw_registration,
)
from missions.services.errors import (
    AlreadyRegistered,
    ExpiredLink,
    InvalidLink,
    RegistrationClosed,
    RegistrationError,
    TooManyDelegates,
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

Status = Registration.Status

__all__ = [
    "CONFIRMATION_SALT",
    "PERSONAL_TEXT_FIELDS",
    "REGISTRATION_FIELDS",
    "AdmissionResult",
    "AlreadyRegistered",
    "ConsentRecord",
    "ExpiredLink",
    "InvalidLink",
    "RegistrationClosed",
    "RegistrationError",
    "Status",
    "TooManyDelegates",
    "accept_registrations",
    "anonymise_finished_missions",
    "anonymise_registration",
    "confirm_registration",
    "confirmation_signature",
    "decline_registration",
    "delete_stale_unconfirmed",
    "submit_registration",
    "waitlist_registration",
    "withdraw_registration",
]
