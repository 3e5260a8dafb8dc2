"""Confirming an application by the emailed link, and matching its company.

Only a confirmed application is matched to a company by its INN, or creates
one (unpublished until staff check it): a stranger's form post makes no
company.

The form may have been sent again for a company that already has an active
application from the same address. The form post does not tell (see
partners.applications.submission); the link does, to the address's owner:
it leads to the application confirmed before, and the one sent again is
deleted unconfirmed."""

import unicodedata

from django.conf import settings
from django.core import signing
from django.db import transaction
from django.utils import timezone

from partners.applications.errors import ExpiredLink, InvalidLink
from partners.applications.history import change_status, staff_text
from partners.applications.locking import lock_parent_row
from partners.applications.models import UNCONFIRMED, Application
from partners.applications.privacy import delete_unconfirmed
from partners.applications.workflow import Workflow
from partners.models import Company


def confirmation_salt(model: type[Application]) -> str:
    # "missions.registration.confirm": a link for one kind of application
    # never confirms another.
    return f"{model._meta.label_lower}.confirm"


def confirmation_signature(application: Application) -> str:
    """The signed value used in the confirmation link (valid 72 hours)."""
    signer = signing.TimestampSigner(salt=confirmation_salt(type(application)))
    return signer.sign(application.token)


def _token_from_signature(model, signed: str) -> tuple[str, bool]:
    """(token, expired). An expired link still names its application."""
    signer = signing.TimestampSigner(salt=confirmation_salt(model))
    try:
        max_age = settings.APPLICATIONS_CONFIRMATION_MAX_AGE
        return signer.unsign(signed, max_age=max_age), False
    except signing.SignatureExpired:
        return signer.unsign(signed), True
    except signing.BadSignature:
        raise InvalidLink() from None


def written_in(text: str) -> str:
    """The language a name or a text is written in, by its script: Japanese
    (kana or kanji), Russian (Cyrillic), else English."""
    names = [unicodedata.name(ch, "") for ch in text]
    if any(name.startswith(("CJK", "HIRAGANA", "KATAKANA")) for name in names):
        return "ja"
    if any("CYRILLIC" in name for name in names):
        return "ru"
    return "en"


def _new_company_names(application: Application) -> dict:
    names = {"name_ru": application.company_name}
    other = application.company_name_other
    if other:
        names["name_ja" if written_in(other) == "ja" else "name_en"] = other
    return names


def _free_slug(application: Application) -> str:
    slug = f"company-{application.inn}"
    if Company.objects.filter(slug=slug).exists():
        # Staff corrected another company's INN and kept its old slug.
        slug = f"{slug}-{application.pk}"
    return slug


def match_or_create_company(application: Application) -> Company:
    """The company with the application's INN, unchanged; or a new one made
    from what the form said, unpublished until staff check it."""
    company = Company.objects.filter(inn=application.inn).first()
    if company is not None:
        return company
    company, created = Company.objects.get_or_create(
        inn=application.inn,
        defaults={
            **_new_company_names(application),
            "slug": _free_slug(application),
            "district": application.company_district,
            "is_published": False,
        },
    )
    if created:
        company.sectors.set(application.company_sectors.all())
    return company


def applied_before(application: Application) -> Application | None:
    """The active application the same company (by INN) sent from the same
    address for the same mission or exhibition, confirmed before."""
    model = type(application)
    return (
        model.objects.active()
        .filter(
            **{f"{model.parent_field}_id": application.parent_id},
            inn=application.inn,
            email__iexact=application.email,
        )
        .order_by("confirmed_at", "pk")
        .first()
    )


def confirm(*, workflow: Workflow, signed: str) -> Application:
    """unconfirmed -> what `workflow.status_on_confirmation` says (submitted
    by default), or the application the company already has from the same
    address (see `applied_before`). Confirming twice is harmless, and so is
    the expired link of an application already confirmed. Raises
    InvalidLink, ExpiredLink."""
    model = workflow.model
    token, expired = _token_from_signature(model, signed)
    with transaction.atomic():
        rows = model.objects.filter(token=token)
        parent_id = rows.values_list(f"{model.parent_field}_id", flat=True).first()
        if parent_id is None:
            # Deleted as stale, or never existed.
            raise InvalidLink()
        parent = lock_parent_row(model, parent_id)
        application = rows.select_for_update().get()
        setattr(application, model.parent_field, parent)
        if application.status != UNCONFIRMED:
            return application
        if expired:
            raise ExpiredLink(workflow.expired_link_message)
        if (earlier := applied_before(application)) is not None:
            delete_unconfirmed(application)
            return earlier
        # Applications made before companies waited for confirmation already
        # have theirs.
        application.company = application.company or match_or_create_company(
            application
        )
        # Under the parent's lock, so confirmation times follow the order in
        # which missions hand out seats.
        application.confirmed_at = timezone.now()
        return change_status(
            application,
            to=workflow.status_on_confirmation(application),
            by=None,
            reason=staff_text(workflow.confirmed_reason),
            extra_fields=["confirmed_at", "company"],
        )
