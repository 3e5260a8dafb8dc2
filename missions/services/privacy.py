"""Erasing the personal data of registrations: the shared steps
(partners.applications.privacy) with the registration's workflow."""

from django.contrib.auth.models import AbstractBaseUser

from missions.models import Registration
from missions.services.workflow import REGISTRATIONS
from partners.applications import privacy

# Personal data erased by anonymisation. Delegates, company, status, the
# wanted prefectures and partner kinds stay: reports count them.
PERSONAL_TEXT_FIELDS = privacy.personal_text_fields(REGISTRATIONS)


def anonymise_registration(
    *,
    registration: Registration,
    by: AbstractBaseUser | None = None,
    reason: str = "",
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
