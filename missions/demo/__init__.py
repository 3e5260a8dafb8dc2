"""What the missions demo computes rather than states: each sample
registration's history and consent, and its delegates from the file's
[delegates] table. The rows themselves are in missions.toml
beside this module."""

from django.utils import translation

from missions.forms import CONSENT_VERSION, consent_text
from missions.models import Delegate, Registration, StatusChange
from partners.models import Consent

Status = Registration.Status


def sample_history(registration: Registration) -> None:
    """A plausible history for a sample registration, written once."""
    if registration.status_changes.exists():
        return
    steps = [("", Status.UNCONFIRMED)]
    if registration.status != Status.UNCONFIRMED:
        steps.append((Status.UNCONFIRMED, Status.SUBMITTED))
    if registration.status not in (Status.UNCONFIRMED, Status.SUBMITTED):
        steps.append((Status.SUBMITTED, registration.status))
    changed_at = registration.confirmed_at or registration.created_at
    StatusChange.objects.bulk_create(
        StatusChange(
            registration=registration,
            from_status=before,
            to_status=after,
            changed_at=changed_at,
            reason="Демонстрационная запись",
        )
        for before, after in steps
    )


def sample_consent(registration: Registration) -> None:
    """Sample registrations carry a consent as real ones do: the form's text in
    the registrant's language, from a documentation address (RFC 5737)."""
    if registration.consent_id:
        return
    with translation.override(registration.language):
        text = consent_text(registration.mission)
    registration.consent = Consent.objects.create(
        purpose=Consent.Purpose.MISSION_REGISTRATION,
        text=text,
        text_version=CONSENT_VERSION,
        language=registration.language,
        email=registration.email,
        given_at=registration.created_at,
        ip_address="192.0.2.10",
        user_agent="Sample data",
    )
    registration.save(update_fields=["consent"])


def sample_delegates(registration: Registration, document: dict) -> None:
    """The people of a sample registration, from the file's [delegates]
    table (by mission slug and INN), as the registrant names them: their
    number is the registration's number of delegates."""
    key = f"{registration.mission.slug}/{registration.inn}"
    people = document.get("delegates", {}).get(key)
    if people is None:
        return
    if len(people) != registration.delegates:
        raise ValueError(f"{key}: {len(people)} people for {registration.delegates}")
    registration.delegate_people.all().delete()
    Delegate.objects.bulk_create(
        Delegate(
            registration=registration,
            name_ru=name_ru,
            name_latin=name_latin,
            position=position,
            needs_interpreter=interpreter,
        )
        for name_ru, name_latin, position, interpreter in people
    )


def after_registration(registration: Registration, row: dict, document: dict) -> None:
    sample_history(registration)
    sample_consent(registration)
    sample_delegates(registration, document)


AFTER_SAVE = {Registration: after_registration}
