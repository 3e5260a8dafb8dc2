"""The refusals only a registration has, with user-facing messages; the
shared application steps raise `ApplicationError` and its other kinds
(partners.applications.errors), and one `except ApplicationError` catches
every refusal."""

from django.utils.translation import gettext_lazy as _

from partners.applications.errors import ApplicationError, ApplicationsClosed


class RegistrationClosed(ApplicationsClosed):
    default_message = _("Registration for this mission is closed.")


class TooManyDelegates(ApplicationError):
    default_message = _("Too many delegates for one company.")


class NotEnoughSeats(ApplicationError):
    default_message = _("There are not enough free seats for more delegates.")


class SeatsBelowAccepted(ApplicationError):
    default_message = _(
        "The mission cannot have fewer seats than the delegates already accepted."
    )
