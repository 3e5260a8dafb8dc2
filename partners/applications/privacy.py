"""Erasing personal data: anonymisation on request or after the event, and
deletion of applications whose address was never confirmed."""

import datetime

from django.contrib.auth.models import AbstractBaseUser
from django.db import transaction
from django.utils import timezone

from partners.applications.history import Kind, on_whose_behalf, record
from partners.applications.locking import lock_application
from partners.applications.models import UNCONFIRMED, Application
from partners.applications.workflow import Workflow
from partners.models import Consent

# Erased from every kind of application; a workflow adds its own texts.
CONTACT_FIELDS = ("contact_name", "contact_position", "phone")


def personal_text_fields(workflow: Workflow) -> tuple[str, ...]:
    return (*CONTACT_FIELDS, *workflow.personal_text_fields)


def anonymise(
    *,
    workflow: Workflow,
    application: Application,
    by: AbstractBaseUser | None = None,
    reason: str = "",
) -> Application:
    """Erase the personal data; the company and the status stay. By the
    applicant on their page (by=None), or by staff in the admin, who may give
    the reason (the person's request, and how it came).

    The email becomes a placeholder in the reserved .invalid domain, so the
    row still passes validation and no mail can reach anyone; mails kept for
    this application are deleted, and the consent is marked withdrawn with its
    email erased (its time, text and version stay as evidence)."""
    with transaction.atomic():
        lock_application(application)
        if application.is_anonymised:
            return application
        erased = personal_text_fields(workflow)
        for name in erased:
            setattr(application, name, "")
        workflow.erase_personal_data(application)
        application.email = f"erased-{application.pk}@invalid"
        application.anonymised_at = timezone.now()
        application.save(
            update_fields=[*erased, "email", "anonymised_at", "updated_at"]
        )
        record(
            application,
            to=application.status,
            by=by,
            reason=reason
            or on_whose_behalf(
                by,
                applicant=workflow.erased_by_applicant,
                staff=workflow.erased_by_staff,
            ),
            kind=Kind.ERASURE,
        )
        _erase_consent(application)
        application.outgoing_emails.all().delete()
    return application


def _erase_consent(application: Application) -> None:
    consent = application.consent
    if consent is None:
        return
    consent.withdraw()
    consent.email = ""
    consent.save(update_fields=["email"])


def anonymise_finished(*, workflow: Workflow, days: int) -> int:
    """Anonymise applications for missions or exhibitions that ended more
    than `days` ago."""
    cutoff = timezone.localdate() - datetime.timedelta(days=days)
    due = workflow.model.objects.filter(
        **{f"{workflow.model.parent_field}__ends_on__lt": cutoff},
        anonymised_at__isnull=True,
    ).order_by("pk")
    count = 0
    for application in due.iterator():
        anonymise(workflow=workflow, application=application)
        count += 1
    return count


def delete_stale_unconfirmed(*, model: type[Application], days: int = 7) -> int:
    """Delete applications left unconfirmed for more than `days` days, with
    everything they brought: their consents, history and emails. No company
    was made for them (that happens at confirmation), so nothing stays.

    The consents go too: the person never confirmed the address, so keeping
    it (possibly typed by a stranger) would itself be holding personal data
    without purpose."""
    cutoff = timezone.now() - datetime.timedelta(days=days)
    with transaction.atomic():
        # Locking re-checks the status: an application confirmed at this very
        # moment is no longer unconfirmed and is left alone.
        stale = (
            model.objects.select_for_update()
            .filter(status=UNCONFIRMED, created_at__lt=cutoff)
            .order_by("pk")
        )
        return _delete_with_consents(model, stale)


def delete_unconfirmed(application: Application) -> None:
    """Delete one unconfirmed application as a stale one goes: with its
    consent, history and emails."""
    model = type(application)
    with transaction.atomic():
        _delete_with_consents(model, model.objects.filter(pk=application.pk))


def _delete_with_consents(model: type[Application], applications) -> int:
    rows = list(applications.values_list("pk", "consent_id"))
    model.objects.filter(pk__in=[pk for pk, _consent in rows]).delete()
    consent_ids = [consent for _pk, consent in rows if consent]
    still_used = {f"{model._meta.model_name}s__isnull": True}
    Consent.objects.filter(pk__in=consent_ids, **still_used).delete()
    return len(rows)
