"""Submitting a registration and confirming it by the emailed link: the
shared application steps (partners.applications) with the registration's
workflow, which checks delegates and hands seats out on a first-come
mission."""

from missions.models import Mission, Registration
from missions.services.workflow import REGISTRATION_FIELDS, REGISTRATIONS
from partners.applications import confirmation, submission
from partners.applications.confirmation import (
    confirmation_salt,
    confirmation_signature,
    match_or_create_company,
)
from partners.applications.submission import ConsentRecord

__all__ = [
    "CONFIRMATION_SALT",
    "REGISTRATION_FIELDS",
    "ConsentRecord",
    "confirm_registration",
    "confirmation_signature",
    "match_or_create_company",
    "submit_registration",
]

CONFIRMATION_SALT = confirmation_salt(Registration)


def submit_registration(
    *,
    mission: Mission,
    company: dict,
    registration: dict,
    wanted_prefectures=(),
    consent: ConsentRecord,
) -> Registration:
    """Keep an unconfirmed registration and email the confirmation link.

    `company`: {"inn", "name" (Russian), "name_other" (optional, English or
    Japanese), "district" (District or None), "sectors" (iterable)}: kept on
    the registration until it is confirmed. `registration`: the Registration
    fields from the form (see REGISTRATION_FIELDS).

    Every post emails a link (see partners.applications.submission.submit):
    the same sender (INN and email) sending again gets a fresh link to the
    same registration, or, once confirmed, one that leads back to it.
    Raises RegistrationClosed, TooManyDelegates, TooManyEmails.
    """
    return submission.submit(
        workflow=REGISTRATIONS,
        parent=mission,
        company=company,
        application=registration,
        related={"wanted_prefectures": wanted_prefectures},
        consent=consent,
    )


def confirm_registration(*, signed: str) -> Registration:
    """unconfirmed -> submitted (first_come: -> accepted or waitlisted), or
    the registration the company already has from the same address.
    Confirming twice is harmless, and so is the expired link of a
    registration already confirmed. Raises InvalidLink, ExpiredLink."""
    return confirmation.confirm(workflow=REGISTRATIONS, signed=signed)
