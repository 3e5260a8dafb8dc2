"""The refusals the registration workflows raise, with user-facing messages.

The shared application steps raise `ApplicationError` and its kinds; here
that is `RegistrationError`, so that one `except` catches every refusal."""

from django.utils.translation import gettext_lazy as _

from partners.applications.errors import ApplicationError as RegistrationError
from partners.applications.errors import (
    ApplicationsClosed,
    ChangesClosed,
    ExpiredLink,
    InvalidLink,
    TooManyEmails,
)

__all__ = [
    "ChangesClosed",
    "ExpiredLink",
    "InvalidLink",
    "NotEnoughSeats",
    "RegistrationClosed",
    "RegistrationError",
    "SeatsBelowAccepted",
    "TooManyDelegates",
    "TooManyEmails",
]


class RegistrationClosed(ApplicationsClosed):
    default_message = _("Registration for this mission is closed.")


class TooManyDelegates(RegistrationError):
    default_message = _("Too many delegates for one company.")


class NotEnoughSeats(RegistrationError):
    default_message = _("There are not enough free seats for more delegates.")


class SeatsBelowAccepted(RegistrationError):
    default_message = _(
        "The mission cannot have fewer seats than the delegates already accepted."
    )
