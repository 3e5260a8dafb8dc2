"""Registration workflows: every change of seats happens here, inside one
transaction holding the mission's row lock, so that no path can put more
delegates on a mission than it has seats.

INTERFACE CONTRACT (agreed between engineers; bodies are implemented by the
missions-core engineer). Views and admin call only these names.
"""

import datetime
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.conf import settings
from django.contrib.auth.models import AbstractBaseUser
from django.core import signing
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Sum
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _

from missions import emails
from missions.models import Mission, Registration, StatusChange
from partners.models import Company, Consent
from partners.validators import normalize_inn


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

# Personal data erased by anonymisation. Delegates, company, status, the
# wanted prefectures and partner kinds stay: reports count them.
PERSONAL_TEXT_FIELDS = (
    "contact_name",
    "contact_position",
    "phone",
    "products",
    "goals",
    "wanted_partners",
)


# Helpers ---------------------------------------------------------------------


def _confirmation_max_age() -> int:
    return settings.MISSIONS_CONFIRMATION_MAX_AGE


def _staff_text(message) -> str:
    """A reason the system writes into the history, in the staff's language."""
    with translation.override(settings.LANGUAGE_CODE):
        return str(message)


def _staff_user(by):
    # An anonymous request user counts as "the registrant or the system".
    if by is None or not getattr(by, "is_authenticated", False):
        return None
    return by


def _lock_mission(mission_id) -> Mission:
    """Lock the mission row. Every path that changes seats takes this lock
    first and the registration locks after it: one order everywhere, so
    concurrent requests queue up instead of deadlocking or overselling."""
    return Mission.objects.select_for_update().get(pk=mission_id)


def _lock_registration(registration: Registration) -> Registration:
    """Lock the row and reload the caller's instance with what is committed."""
    locked = Registration.objects.select_for_update().filter(pk=registration.pk)
    list(locked.values_list("pk", flat=True))
    registration.refresh_from_db()
    return registration


def _seats_left(mission: Mission) -> int:
    """Seats left, counted in the database: call it under the mission lock."""
    accepted = Registration.objects.filter(mission=mission, status=Status.ACCEPTED)
    taken = accepted.aggregate(total=Sum("delegates"))["total"] or 0
    return mission.delegate_seats - taken


def _record(registration: Registration, *, to: str, by, reason: str) -> None:
    StatusChange.objects.create(
        registration=registration,
        from_status=registration.status,
        to_status=to,
        changed_by=_staff_user(by),
        reason=reason,
    )


def _change_status(
    registration: Registration, *, to: str, by, reason: str, extra_fields=()
) -> Registration:
    """Move the registration, keep the step in its history, email the registrant."""
    previous = registration.status
    _record(registration, to=to, by=by, reason=reason)
    registration.status = to
    registration.save(update_fields=["status", "updated_at", *extra_fields])
    emails.queue_status_email(registration=registration, previous_status=previous)
    return registration


def _promote_waitlisted(mission: Mission) -> list[Registration]:
    """Give freed seats to the waiting list in order of confirmation. A
    registration too big for the seats left is passed over, not blocking the
    smaller ones behind it. Call under the mission lock."""
    left = _seats_left(mission)
    promoted = []
    waiting = (
        Registration.objects.select_for_update()
        .filter(mission=mission, status=Status.WAITLISTED)
        .order_by("confirmed_at", "pk")
    )
    reason = _staff_text(_("A seat became free: promoted from the waiting list."))
    for registration in waiting if left > 0 else ():
        if registration.delegates > left:
            continue
        registration.mission = mission
        _change_status(registration, to=Status.ACCEPTED, by=None, reason=reason)
        promoted.append(registration)
        left -= registration.delegates
        if left == 0:
            break
    return promoted


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


# Staff decisions and withdrawal ----------------------------------------------


def _admit_for_mission(*, mission_id, ids, by, reason, result) -> None:
    mission = _lock_mission(mission_id)
    left = _seats_left(mission)
    batch = (
        Registration.objects.select_for_update()
        .filter(mission_id=mission_id, pk__in=ids)
        .order_by("confirmed_at", "pk")
    )
    overflow = _staff_text(_("Not enough seats left to accept all delegates."))
    for registration in batch:
        registration.mission = mission
        if registration.status not in (Status.SUBMITTED, Status.WAITLISTED):
            result.skipped.append(registration)
        elif registration.delegates <= left:
            left -= registration.delegates
            _change_status(registration, to=Status.ACCEPTED, by=by, reason=reason)
            result.accepted.append(registration)
        else:
            if registration.status == Status.SUBMITTED:
                _change_status(
                    registration, to=Status.WAITLISTED, by=by, reason=overflow
                )
            result.waitlisted.append(registration)


def accept_registrations(
    *,
    registrations: Iterable[Registration],
    by: AbstractBaseUser | None,
    reason: str = "",
) -> AdmissionResult:
    """Accept in order of confirmation while seats last; waitlist the rest.

    A registration too big for the seats left is waitlisted (or stays on the
    list) while smaller ones after it may still be accepted. Registrations
    that are not submitted or waitlisted (unconfirmed, accepted, declined,
    withdrawn) come back in `skipped`, unchanged."""
    ids = [registration.pk for registration in registrations]
    rows = Registration.objects.filter(pk__in=ids)
    mission_ids = sorted(set(rows.values_list("mission_id", flat=True)))
    result = AdmissionResult()
    with transaction.atomic():
        # Missions are locked in id order, so two overlapping actions never
        # wait on each other crosswise.
        for mission_id in mission_ids:
            _admit_for_mission(
                mission_id=mission_id, ids=ids, by=by, reason=reason, result=result
            )
    return result


def waitlist_registration(
    *, registration: Registration, by: AbstractBaseUser | None, reason: str = ""
) -> Registration:
    """submitted -> waitlisted, by staff."""
    with transaction.atomic():
        mission = _lock_mission(registration.mission_id)
        _lock_registration(registration)
        registration.mission = mission
        if registration.status != Status.SUBMITTED:
            raise RegistrationError(
                _("Only a submitted registration can be put on the waiting list.")
            )
        return _change_status(registration, to=Status.WAITLISTED, by=by, reason=reason)


def _end_registration(registration, *, to, by, reason, refusal) -> Registration:
    with transaction.atomic():
        mission = _lock_mission(registration.mission_id)
        _lock_registration(registration)
        registration.mission = mission
        if registration.status not in Registration.ACTIVE_STATUSES:
            raise RegistrationError(refusal)
        freed_seats = registration.status == Status.ACCEPTED
        _change_status(registration, to=to, by=by, reason=reason)
        if freed_seats:
            _promote_waitlisted(mission)
        return registration


def decline_registration(
    *, registration: Registration, by: AbstractBaseUser | None, reason: str = ""
) -> Registration:
    """Frees the seats of an accepted registration and promotes from the list."""
    return _end_registration(
        registration,
        to=Status.DECLINED,
        by=by,
        reason=reason,
        refusal=_(
            "Only a submitted, accepted or waitlisted registration can be declined."
        ),
    )


def withdraw_registration(
    *, registration: Registration, by: AbstractBaseUser | None = None, reason: str = ""
) -> Registration:
    """By the registrant (by=None) or staff; frees seats and promotes."""
    if not reason and _staff_user(by) is None:
        reason = _staff_text(_("Withdrawn by the registrant."))
    return _end_registration(
        registration,
        to=Status.WITHDRAWN,
        by=by,
        reason=reason,
        refusal=_("This registration can no longer be withdrawn."),
    )


# Personal data ---------------------------------------------------------------


def anonymise_registration(
    *, registration: Registration, by: AbstractBaseUser | None = None
) -> Registration:
    """Erase the personal data; the company, delegates and status stay.

    The email becomes a placeholder in the reserved .invalid domain, so the
    row still passes validation and no mail can reach anyone; mails kept for
    this registration are deleted, and the consent is marked withdrawn with
    its email erased (its time, text and version stay as evidence)."""
    with transaction.atomic():
        _lock_registration(registration)
        if registration.is_anonymised:
            return registration
        for name in PERSONAL_TEXT_FIELDS:
            setattr(registration, name, "")
        registration.email = f"erased-{registration.pk}@invalid"
        registration.anonymised_at = timezone.now()
        registration.save(
            update_fields=[
                *PERSONAL_TEXT_FIELDS,
                "email",
                "anonymised_at",
                "updated_at",
            ]
        )
        _record(
            registration,
            to=registration.status,
            by=by,
            reason=_staff_text(_("Personal data erased.")),
        )
        _erase_consent(registration)
        registration.outgoing_emails.all().delete()
    return registration


def _erase_consent(registration: Registration) -> None:
    consent = registration.consent
    if consent is None:
        return
    consent.withdraw()
    consent.email = ""
    consent.save(update_fields=["email"])


def anonymise_finished_missions(*, days: int) -> int:
    """Anonymise registrations of missions that ended more than `days` ago."""
    cutoff = timezone.localdate() - datetime.timedelta(days=days)
    due = Registration.objects.filter(
        mission__ends_on__lt=cutoff, anonymised_at__isnull=True
    ).order_by("pk")
    count = 0
    for registration in due.iterator():
        anonymise_registration(registration=registration)
        count += 1
    return count


def delete_stale_unconfirmed(*, days: int = 7) -> int:
    """Delete registrations left unconfirmed for more than `days` days.

    Their consents go too: the person never confirmed the address, so keeping
    it (possibly typed by a stranger) would itself be holding personal data
    without purpose."""
    cutoff = timezone.now() - datetime.timedelta(days=days)
    with transaction.atomic():
        # Locking re-checks the status: a registration confirmed at this very
        # moment is no longer unconfirmed and is left alone.
        stale = Registration.objects.select_for_update().filter(
            status=Status.UNCONFIRMED, created_at__lt=cutoff
        )
        rows = list(stale.values_list("pk", "consent_id"))
        Registration.objects.filter(pk__in=[pk for pk, _consent in rows]).delete()
        consent_ids = [consent for _pk, consent in rows if consent]
        Consent.objects.filter(pk__in=consent_ids, registrations__isnull=True).delete()
    return len(rows)
