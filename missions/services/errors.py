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


class AlreadyRegistered(RegistrationError):
    """The company already has a registration for this mission. The service has
    already emailed the link to that registration's own address."""

    default_message = _(
        "This company has already registered for this mission. We have sent the "
        "link to its registration to the email address given in it."
    )


class InvalidLink(RegistrationError):
    default_message = _("This link is not valid.")


class ExpiredLink(RegistrationError):
    default_message = _("This confirmation link has expired. Please register again.")
