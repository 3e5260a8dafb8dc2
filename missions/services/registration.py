"""Submitting a registration and confirming it by the emailed link."""

from dataclasses import dataclass

from django.conf import settings
from django.core import signing
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from missions import emails
from missions.models import Mission, Registration, StatusChange
from missions.services.errors import (
    AlreadyRegistered,
    ExpiredLink,
    InvalidLink,
    RegistrationClosed,
    RegistrationError,
    TooManyDelegates,
)
from missions.services.history import _change_status, _staff_text
from missions.services.locking import _lock_mission, _seats_left
from partners.models import Company, Consent
from partners.validators import normalize_inn


@dataclass(frozen=True)
class ConsentRecord:
    """What the registrant agreed to, and from where."""

    text: str
    version: str
    language: str
    ip_address: str | None = None
    user_agent: str = ""


Status = Registration.Status

CONFIRMATION_SALT = "missions.registration.confirm"

# The fields of a registration the public form may fill; anything else in the
# `registration` dict (status, token, staff notes) is ignored.
REGISTRATION_FIELDS = (
    "contact_name",
    "contact_position",
    "email",
    "phone",
    "delegates",
    "products",
    "goals",
    "wanted_partner_kinds",
    "wanted_partners",
    "language",
)


def _confirmation_max_age() -> int:
    return settings.MISSIONS_CONFIRMATION_MAX_AGE


# Submission ------------------------------------------------------------------


def _check_can_register(mission: Mission, delegates: int) -> None:
    if not mission.is_registration_open or mission.is_finished:
        raise RegistrationClosed()
    if delegates < 1:
        raise RegistrationError(_("At least one delegate must travel."))
    if delegates > mission.max_delegates_per_company:
        raise TooManyDelegates(
            _("At most %(limit)d delegates per company can join this mission.")
            % {"limit": mission.max_delegates_per_company}
        )


def _normalised_inn(value: str) -> str:
    try:
        return normalize_inn(value)
    except ValidationError as error:
        raise RegistrationError(error.messages[0]) from None


def _match_or_create_company(*, inn: str, data: dict) -> Company:
    """The company with this INN, or a new unpublished one: staff check a new
    company before it appears in the public catalogue."""
    company, created = Company.objects.get_or_create(
        inn=inn,
        defaults={
            "name_ru": data["name"],
            "slug": f"company-{inn}",
            "district": data.get("district"),
            "is_published": False,
        },
    )
    if created and data.get("sectors"):
        company.sectors.set(data["sectors"])
    return company


def _create_registration(
    *, mission, company, fields, wanted_prefectures, consent
) -> Registration:
    consent_row = Consent.objects.create(
        purpose=Consent.Purpose.MISSION_REGISTRATION,
        text=consent.text,
        text_version=consent.version,
        language=consent.language,
        email=fields.get("email", ""),
        ip_address=consent.ip_address,
        user_agent=(consent.user_agent or "")[:500],
    )
    registration = Registration.objects.create(
        mission=mission,
        company=company,
        consent=consent_row,
        status=Status.UNCONFIRMED,
        **fields,
    )
    registration.wanted_prefectures.set(wanted_prefectures)
    StatusChange.objects.create(
        registration=registration,
        to_status=Status.UNCONFIRMED,
        reason=_staff_text(_("Registered on the website.")),
    )
    return registration


def _register_or_find_existing(
    *, mission, company_data, fields, wanted_prefectures, consent
) -> tuple[Registration, bool]:
    """(registration, created). The unique constraint decides between
    identical concurrent submissions; the losers find the winner's row."""
    inn = _normalised_inn(company_data["inn"])
    with transaction.atomic():
        company = _match_or_create_company(inn=inn, data=company_data)
        existing = Registration.objects.filter(mission=mission, company=company)
        if registration := existing.first():
            return registration, False
        try:
            with transaction.atomic():
                registration = _create_registration(
                    mission=mission,
                    company=company,
                    fields=fields,
                    wanted_prefectures=wanted_prefectures,
                    consent=consent,
                )
        except IntegrityError:
            # Another request registered the same company a moment ago.
            if registration := existing.first():
                return registration, False
            raise
        emails.queue_confirmation(
            registration=registration, signed=confirmation_signature(registration)
        )
        return registration, True


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
    fields = {
        name: registration[name] for name in REGISTRATION_FIELDS if name in registration
    }
    _check_can_register(mission, int(fields.get("delegates", 1)))
    result, created = _register_or_find_existing(
        mission=mission,
        company_data=company,
        fields=fields,
        wanted_prefectures=list(wanted_prefectures),
        consent=consent,
    )
    if not created:
        # The link goes to the address in the existing registration, never to
        # whoever filled in the form now.
        emails.queue_already_registered(
            registration=result, signed=_signature_if_unconfirmed(result)
        )
        raise AlreadyRegistered()
    return result


def _signature_if_unconfirmed(registration: Registration) -> str | None:
    if registration.status == Status.UNCONFIRMED:
        return confirmation_signature(registration)
    return None


# Confirmation ----------------------------------------------------------------


def confirmation_signature(registration: Registration) -> str:
    """The signed value used in the confirmation link (valid 72 hours)."""
    return signing.TimestampSigner(salt=CONFIRMATION_SALT).sign(registration.token)


def _token_from_signature(signed: str) -> str:
    signer = signing.TimestampSigner(salt=CONFIRMATION_SALT)
    try:
        return signer.unsign(signed, max_age=_confirmation_max_age())
    except signing.SignatureExpired:
        raise ExpiredLink() from None
    except signing.BadSignature:
        raise InvalidLink() from None


def _admission_on_confirmation(mission: Mission, registration: Registration) -> str:
    if mission.admission_mode != Mission.AdmissionMode.FIRST_COME:
        return Status.SUBMITTED
    if registration.delegates <= _seats_left(mission):
        return Status.ACCEPTED
    return Status.WAITLISTED


def confirm_registration(*, signed: str) -> Registration:
    """unconfirmed -> submitted (first_come: -> accepted or waitlisted).
    Confirming twice is harmless. Raises InvalidLink, ExpiredLink."""
    token = _token_from_signature(signed)
    with transaction.atomic():
        rows = Registration.objects.filter(token=token)
        mission_id = rows.values_list("mission_id", flat=True).first()
        if mission_id is None:
            # Deleted as stale, or never existed.
            raise InvalidLink()
        mission = _lock_mission(mission_id)
        registration = rows.select_for_update().get()
        registration.mission = mission
        if registration.status != Status.UNCONFIRMED:
            return registration
        # Under the mission lock, so confirmation times follow the order in
        # which seats are handed out.
        registration.confirmed_at = timezone.now()
        return _change_status(
            registration,
            to=_admission_on_confirmation(mission, registration),
            by=None,
            reason=_staff_text(_("Confirmed by the link in the email.")),
            extra_fields=["confirmed_at"],
        )
