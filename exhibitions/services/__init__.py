"""Participations in the Amur pavilion: the shared application steps
(partners.applications) with what a participation adds.

A participation holds no seats: staff accept or decline each application,
with a reason the company reads in its own language. When staff accept one,
the catalogue gets the company's own words where staff have written nothing
yet, in the language they are written in; staff then translate them. Views,
admin and commands call only the names exported here; the steps every
application has are the thin calls below, and `workflow` tells the shared
steps what a participation is.
"""

from django.conf import settings
from django.contrib.auth.models import AbstractBaseUser
from django.db import transaction
from django.utils.translation import gettext_lazy as _

from exhibitions.models import Exhibition, Participation
from exhibitions.services.workflow import (
    CHANGEABLE_FIELDS,
    PARTICIPATION_FIELDS,
    PARTICIPATIONS,
)
from partners.applications import changes as shared_changes
from partners.applications import confirmation, decisions, privacy, submission
from partners.applications.confirmation import written_in
from partners.applications.history import staff_text, staff_user
from partners.applications.submission import ConsentRecord

__all__ = [
    "CHANGEABLE_FIELDS",
    "PARTICIPATION_FIELDS",
    "accept_participation",
    "anonymise_finished_exhibitions",
    "anonymise_participation",
    "change_participation",
    "confirm_participation",
    "decline_participation",
    "delete_stale_unconfirmed",
    "record_staff_entry",
    "submit_participation",
    "withdraw_participation",
]

# Catalogue field: the applicant's words it starts from.
CATALOGUE_FROM_APPLICATION = {
    "products_shown": "products_to_show",
    "volumes": "volumes_offered",
    "certifications": "certifications_held",
}


def submit_participation(
    *,
    exhibition: Exhibition,
    company: dict,
    participation: dict,
    consent: ConsentRecord,
) -> Participation:
    """Keep an unconfirmed application and email the confirmation link (see
    partners.applications.submission.submit). Raises ApplicationsClosed,
    TooManyEmails."""
    return submission.submit(
        workflow=PARTICIPATIONS,
        parent=exhibition,
        company=company,
        application=participation,
        consent=consent,
    )


def confirm_participation(*, signed: str) -> Participation:
    """unconfirmed -> submitted, the company matched by INN or created.
    Raises InvalidLink, ExpiredLink."""
    return confirmation.confirm(workflow=PARTICIPATIONS, signed=signed)


def change_participation(
    *, participation: Participation, changes: dict, by=None
) -> list[str]:
    """The applicant's corrections until applications close. Raises
    ChangesClosed."""
    return shared_changes.change(
        workflow=PARTICIPATIONS, application=participation, changes=changes, by=by
    )


def lacks_japanese(participation: Participation) -> bool:
    """Whether the Japanese catalogue would show this participant in another
    language: a catalogue text, or the company's name, written in Russian or
    English only."""
    if not participation.company.name_ja:
        return True
    return any(
        (getattr(participation, f"{shown}_ru") or getattr(participation, f"{shown}_en"))
        and not getattr(participation, f"{shown}_ja")
        for shown in CATALOGUE_FROM_APPLICATION
    )


def fill_catalogue(participation: Participation) -> list[str]:
    """Copy the applicant's words into the catalogue fields staff have left
    empty in every language, into the column of the language they are
    written in. Returns the columns filled."""
    filled = []
    for shown, offered in CATALOGUE_FROM_APPLICATION.items():
        text = getattr(participation, offered).strip()
        columns = [f"{shown}_{code}" for code, _name in settings.LANGUAGES]
        if not text or any(getattr(participation, column) for column in columns):
            continue
        column = f"{shown}_{written_in(text)}"
        setattr(participation, column, text)
        filled.append(column)
    return filled


def accept_participation(
    *,
    participation: Participation,
    by: AbstractBaseUser | None,
    reason: str = "",
) -> Participation:
    """submitted -> accepted; the company is emailed in its language and
    appears in the public catalogue. Refused when another application of the
    same company is accepted already."""
    with transaction.atomic():
        decisions.accept(
            workflow=PARTICIPATIONS, application=participation, by=by, reason=reason
        )
        if filled := fill_catalogue(participation):
            participation.save(update_fields=[*filled, "updated_at"])
        return participation


def decline_participation(
    *,
    participation: Participation,
    by: AbstractBaseUser | None,
    reason: str = "",
) -> Participation:
    return decisions.decline(
        workflow=PARTICIPATIONS, application=participation, by=by, reason=reason
    )


def withdraw_participation(
    *,
    participation: Participation,
    by: AbstractBaseUser | None = None,
    reason: str = "",
) -> Participation:
    """By the applicant (by=None) or staff."""
    return decisions.withdraw(
        workflow=PARTICIPATIONS, application=participation, by=by, reason=reason
    )


def anonymise_participation(
    *,
    participation: Participation,
    by: AbstractBaseUser | None = None,
    reason: str = "",
) -> Participation:
    return privacy.anonymise(
        workflow=PARTICIPATIONS, application=participation, by=by, reason=reason
    )


def anonymise_finished_exhibitions(*, days: int) -> int:
    """Anonymise participations in exhibitions that ended more than `days`
    ago."""
    return privacy.anonymise_finished(workflow=PARTICIPATIONS, days=days)


def delete_stale_unconfirmed(*, days: int = 7) -> int:
    return privacy.delete_stale_unconfirmed(model=Participation, days=days)


def record_staff_entry(
    *, participation: Participation, by: AbstractBaseUser | None
) -> None:
    """A participation staff entered by hand starts its history, so that the
    history says where it came from."""
    participation.status_changes.create(
        to_status=participation.status,
        changed_by=staff_user(by),
        reason=staff_text(_("Entered by a staff member.")),
    )
