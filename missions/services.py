"""Registration workflows: every change of seats happens here, inside one
transaction holding the mission's row lock, so that no path can put more
delegates on a mission than it has seats.

INTERFACE CONTRACT (agreed between engineers; bodies are implemented by the
missions-core engineer). Views and admin call only these names.
"""

from dataclasses import dataclass, field

from django.contrib.auth.models import AbstractBaseUser
from django.utils.translation import gettext_lazy as _

from missions.models import Mission, Registration


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


@dataclass(frozen=True)
class ConsentRecord:
    """What the registrant agreed to, and from where."""

    text: str
    version: str
    language: str
    ip_address: str | None = None
    user_agent: str = ""


@dataclass
class AdmissionResult:
    accepted: list[Registration] = field(default_factory=list)
    waitlisted: list[Registration] = field(default_factory=list)
    skipped: list[Registration] = field(default_factory=list)


def submit_registration(
    *,
    mission: Mission,
    company: dict,
    registration: dict,
    wanted_prefectures=(),
    consent: ConsentRecord,
) -> Registration:
    """Create an unconfirmed registration and email the confirmation link.

    `company`: {"inn", "name", "district" (District or None), "sectors" (iterable)};
    an existing company is matched by INN and never duplicated.
    `registration`: the Registration fields from the form (contact_name,
    contact_position, email, phone, delegates, products, goals,
    wanted_partner_kinds, wanted_partners, language).
    Raises RegistrationClosed, TooManyDelegates, AlreadyRegistered.
    """
    raise NotImplementedError


def confirmation_signature(registration: Registration) -> str:
    """The signed value used in the confirmation link (valid 72 hours)."""
    raise NotImplementedError


def confirm_registration(*, signed: str) -> Registration:
    """unconfirmed -> submitted (first_come: -> accepted or waitlisted).
    Confirming twice is harmless. Raises InvalidLink, ExpiredLink."""
    raise NotImplementedError


def accept_registrations(
    *, registrations, by: AbstractBaseUser | None, reason: str = ""
) -> AdmissionResult:
    """Accept in order of confirmation while seats last; waitlist the rest."""
    raise NotImplementedError


def waitlist_registration(
    *, registration: Registration, by: AbstractBaseUser | None, reason: str = ""
) -> Registration:
    raise NotImplementedError


def decline_registration(
    *, registration: Registration, by: AbstractBaseUser | None, reason: str = ""
) -> Registration:
    """Frees the seats of an accepted registration and promotes from the list."""
    raise NotImplementedError


def withdraw_registration(
    *, registration: Registration, by: AbstractBaseUser | None = None, reason: str = ""
) -> Registration:
    """By the registrant (by=None) or staff; frees seats and promotes."""
    raise NotImplementedError


def anonymise_registration(
    *, registration: Registration, by: AbstractBaseUser | None = None
) -> Registration:
    """Erase the personal data; the company, delegates and status stay."""
    raise NotImplementedError


def anonymise_finished_missions(*, days: int) -> int:
    """Anonymise registrations of missions that ended more than `days` ago."""
    raise NotImplementedError


def delete_stale_unconfirmed(*, days: int = 7) -> int:
    """Delete registrations left unconfirmed for more than `days` days."""
    raise NotImplementedError
