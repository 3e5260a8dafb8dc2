"""Submitting a registration and confirming it by the emailed link.

Whoever sends the form gets the same answer ("check your email") and the same
email, whether or not the company has registered before: the form tells no
one who else has registered. A form post alone leaves no trace beyond the
registration itself, which is deleted after a week unless its email address
is confirmed; only a confirmed registration is matched to a company (or
creates one, unpublished).
"""

import datetime
import unicodedata
from dataclasses import dataclass

from django.conf import settings
from django.core import signing
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from missions import emails
from missions.models import Mission, OutgoingEmail, Registration, StatusChange
from missions.services.admission import is_competing
from missions.services.errors import (
    ExpiredLink,
    InvalidLink,
    RegistrationClosed,
    RegistrationError,
    TooManyDelegates,
    TooManyEmails,
)
from missions.services.history import change_status, staff_text
from missions.services.locking import lock_mission, seats_left
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
Kind = OutgoingEmail.Kind

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

# The same form sent twice within this time (a double click, a reload) sends
# the email once.
DOUBLE_SUBMIT_WINDOW = datetime.timedelta(minutes=2)


def _confirmation_max_age() -> int:
    return settings.MISSIONS_CONFIRMATION_MAX_AGE


def _emails_per_address_per_hour() -> int:
    return settings.MISSIONS_EMAILS_PER_ADDRESS_PER_HOUR


# Submission ------------------------------------------------------------------


def _check_can_register(mission: Mission, delegates: int) -> None:
    if not mission.is_registration_open:
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


def _company_fields(company: dict) -> dict:
    return {
        "inn": _normalised_inn(company["inn"]),
        "company_name": company["name"],
        "company_name_other": company.get("name_other", ""),
        "company_district": company.get("district"),
    }


def _new_consent(consent: ConsentRecord, email: str) -> Consent:
    return Consent.objects.create(
        purpose=Consent.Purpose.MISSION_REGISTRATION,
        text=consent.text,
        text_version=consent.version,
        language=consent.language,
        email=email,
        ip_address=consent.ip_address,
        user_agent=(consent.user_agent or "")[:500],
    )


def _create_pending(*, mission, fields, sectors, wanted_prefectures, consent):
    registration = Registration.objects.create(
        mission=mission,
        consent=_new_consent(consent, fields["email"]),
        status=Status.UNCONFIRMED,
        **fields,
    )
    registration.company_sectors.set(sectors)
    registration.wanted_prefectures.set(wanted_prefectures)
    StatusChange.objects.create(
        registration=registration,
        to_status=Status.UNCONFIRMED,
        reason=staff_text(_("Registered on the website.")),
    )
    return registration


def _refresh_pending(registration, *, fields, sectors, wanted_prefectures, consent):
    """The sender filled in the form again before confirming: keep what they
    sent last, and the consent they gave with it."""
    old_consent = registration.consent
    for name, value in fields.items():
        setattr(registration, name, value)
    registration.consent = _new_consent(consent, fields["email"])
    registration.save()
    registration.company_sectors.set(sectors)
    registration.wanted_prefectures.set(wanted_prefectures)
    if old_consent is not None:
        old_consent.delete()
    return registration


def _pending_registration(*, mission, fields, **related) -> tuple[Registration, bool]:
    """The sender's unconfirmed registration for this company, refreshed, or a
    new one: (registration, created). The database lets one pending
    registration per mission, INN and address exist; identical concurrent
    posts queue on it and the later ones refresh the first one's row."""
    rows = Registration.objects.select_for_update().filter(
        mission=mission,
        inn=fields["inn"],
        email=fields["email"],
        status=Status.UNCONFIRMED,
    )
    if (pending := rows.first()) is None:
        try:
            with transaction.atomic():
                return _create_pending(mission=mission, fields=fields, **related), True
        except IntegrityError:
            if (pending := rows.first()) is None:
                raise
    return _refresh_pending(pending, fields=fields, **related), False


def _sent_recently(registration: Registration, kind: str) -> bool:
    since = timezone.now() - DOUBLE_SUBMIT_WINDOW
    return registration.outgoing_emails.filter(
        kind=kind, created_at__gte=since
    ).exists()


def _check_email_budget(address: str) -> None:
    since = timezone.now() - datetime.timedelta(hours=1)
    sent = OutgoingEmail.objects.filter(
        recipient__iexact=address, created_at__gte=since
    )
    if sent.count() >= _emails_per_address_per_hour():
        raise TooManyEmails()


def _remind(registration: Registration) -> None:
    """The sender already has a confirmed registration for this company under
    the same address: the email goes to that address, so it tells its owner
    only about their own registration."""
    if _sent_recently(registration, Kind.ALREADY_REGISTERED):
        return
    _check_email_budget(registration.email)
    emails.queue_already_registered(registration=registration)


def _send_confirmation(registration: Registration, *, created: bool) -> None:
    if not created and _sent_recently(registration, Kind.CONFIRM):
        return
    _check_email_budget(registration.email)
    emails.queue_confirmation(
        registration=registration, signed=confirmation_signature(registration)
    )


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

    The same sender (INN and email) sending again gets a fresh link to the
    same registration, or, once confirmed, a reminder of it; a double submit
    emails once. Raises RegistrationClosed, TooManyDelegates, TooManyEmails.
    """
    fields = {
        name: registration[name] for name in REGISTRATION_FIELDS if name in registration
    }
    fields["email"] = fields["email"].strip().lower()
    _check_can_register(mission, int(fields.get("delegates", 1)))
    fields.update(_company_fields(company))
    with transaction.atomic():
        existing = Registration.objects.active().filter(
            mission=mission, inn=fields["inn"], email__iexact=fields["email"]
        )
        if confirmed := existing.order_by("confirmed_at").first():
            _remind(confirmed)
            return confirmed
        pending, created = _pending_registration(
            mission=mission,
            fields=fields,
            sectors=list(company.get("sectors", ())),
            wanted_prefectures=list(wanted_prefectures),
            consent=consent,
        )
        _send_confirmation(pending, created=created)
        return pending


# Confirmation ----------------------------------------------------------------


def confirmation_signature(registration: Registration) -> str:
    """The signed value used in the confirmation link (valid 72 hours)."""
    return signing.TimestampSigner(salt=CONFIRMATION_SALT).sign(registration.token)


def _token_from_signature(signed: str) -> tuple[str, bool]:
    """(token, expired). An expired link still names its registration."""
    signer = signing.TimestampSigner(salt=CONFIRMATION_SALT)
    try:
        return signer.unsign(signed, max_age=_confirmation_max_age()), False
    except signing.SignatureExpired:
        return signer.unsign(signed), True
    except signing.BadSignature:
        raise InvalidLink() from None


def _is_japanese(text: str) -> bool:
    scripts = ("CJK", "HIRAGANA", "KATAKANA")
    return any(unicodedata.name(ch, "").startswith(scripts) for ch in text)


def _new_company_names(registration: Registration) -> dict:
    names = {"name_ru": registration.company_name}
    other = registration.company_name_other
    if other:
        names["name_ja" if _is_japanese(other) else "name_en"] = other
    return names


def _free_slug(registration: Registration) -> str:
    slug = f"company-{registration.inn}"
    if Company.objects.filter(slug=slug).exists():
        # Staff corrected another company's INN and kept its old slug.
        slug = f"{slug}-{registration.pk}"
    return slug


def match_or_create_company(registration: Registration) -> Company:
    """The company with the registration's INN, unchanged; or a new one made
    from what the form said, unpublished until staff check it."""
    company = Company.objects.filter(inn=registration.inn).first()
    if company is not None:
        return company
    company, created = Company.objects.get_or_create(
        inn=registration.inn,
        defaults={
            **_new_company_names(registration),
            "slug": _free_slug(registration),
            "district": registration.company_district,
            "is_published": False,
        },
    )
    if created:
        company.sectors.set(registration.company_sectors.all())
    return company


def _admission_on_confirmation(mission: Mission, registration: Registration) -> str:
    if mission.admission_mode != Mission.AdmissionMode.FIRST_COME:
        return Status.SUBMITTED
    if is_competing(registration):
        # The company has registered before: staff decide which one counts.
        return Status.SUBMITTED
    if registration.delegates <= seats_left(mission):
        return Status.ACCEPTED
    return Status.WAITLISTED


def confirm_registration(*, signed: str) -> Registration:
    """unconfirmed -> submitted (first_come: -> accepted or waitlisted).
    Confirming twice is harmless, and so is the expired link of a
    registration already confirmed. Raises InvalidLink, ExpiredLink."""
    token, expired = _token_from_signature(signed)
    with transaction.atomic():
        rows = Registration.objects.filter(token=token)
        mission_id = rows.values_list("mission_id", flat=True).first()
        if mission_id is None:
            # Deleted as stale, or never existed.
            raise InvalidLink()
        mission = lock_mission(mission_id)
        registration = rows.select_for_update().get()
        registration.mission = mission
        if registration.status != Status.UNCONFIRMED:
            return registration
        if expired:
            raise ExpiredLink()
        # Registrations made before companies waited for confirmation
        # already have theirs.
        registration.company = registration.company or match_or_create_company(
            registration
        )
        # Under the mission lock, so confirmation times follow the order in
        # which seats are handed out.
        registration.confirmed_at = timezone.now()
        return change_status(
            registration,
            to=_admission_on_confirmation(mission, registration),
            by=None,
            reason=staff_text(_("Confirmed by the link in the email.")),
            extra_fields=["confirmed_at", "company"],
        )
