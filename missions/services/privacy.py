"""Erasing personal data: anonymisation, deletion of stale unconfirmed rows."""

import datetime

from django.contrib.auth.models import AbstractBaseUser
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from missions.models import Registration, StatusChange
from missions.services.history import on_whose_behalf, record
from missions.services.locking import lock_registration
from partners.models import Consent

Status = Registration.Status

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


def anonymise_registration(
    *, registration: Registration, by: AbstractBaseUser | None = None
) -> Registration:
    """Erase the personal data; the company, delegates and status stay.

    The email becomes a placeholder in the reserved .invalid domain, so the
    row still passes validation and no mail can reach anyone; mails kept for
    this registration are deleted, and the consent is marked withdrawn with
    its email erased (its time, text and version stay as evidence)."""
    with transaction.atomic():
        lock_registration(registration)
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
        record(
            registration,
            to=registration.status,
            by=by,
            reason=on_whose_behalf(
                by,
                registrant=_("Personal data erased at the registrant's request."),
                staff=_("Personal data erased by a staff member."),
            ),
            kind=StatusChange.Kind.ERASURE,
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
    """Delete registrations left unconfirmed for more than `days` days, with
    everything they brought: their consents, history and emails. No company
    was made for them (that happens at confirmation), so nothing stays.

    The consents go too: the person never confirmed the address, so keeping
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
