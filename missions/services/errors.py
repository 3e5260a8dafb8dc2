"""The refusals the registration workflows raise, with user-facing messages."""

from django.utils.translation import gettext_lazy as _


class RegistrationError(Exception):
    """A refusal the registrant or staff must read: str(error) is a translated,
    user-facing message."""

    default_message = _("The registration could not be processed.")

    def __init__(self, message=None):
        super().__init__(message or self.default_message)


class RegistrationClosed(RegistrationError):
    default_message = _("Registration for this mission is closed.")


class TooManyDelegates(RegistrationError):
    default_message = _("Too many delegates for one company.")


class NotEnoughSeats(RegistrationError):
    default_message = _("There are not enough free seats for more delegates.")


class ChangesClosed(RegistrationError):
    default_message = _(
        "This registration can no longer be changed here: registration for the "
        "mission has closed or the registration has ended. Please write to the "
        "agency."
    )


class TooManyEmails(RegistrationError):
    """Protects a mailbox (and the agency's mail reputation) from a flood of
    messages that anyone could trigger by typing an address into the form."""

    default_message = _(
        "We have already sent several emails to this address within the last "
        "hour. Please look for them, also in the spam folder, or try again later."
    )


class SeatsBelowAccepted(RegistrationError):
    default_message = _(
        "The mission cannot have fewer seats than the delegates already accepted."
    )


class InvalidLink(RegistrationError):
    default_message = _("This link is not valid.")


class ExpiredLink(RegistrationError):
    default_message = _("This confirmation link has expired. Please register again.")
