"""Submitting an application from the public form.

Whoever sends the form gets the same answer ("check your email") and the same
email, whether or not the company has applied before: the form tells no one
who else has applied. A form post alone leaves no trace beyond the
application itself, which is deleted after a week unless its email address is
confirmed; only a confirmed application is matched to a company.
"""

import datetime
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from partners.applications import emails, mail
from partners.applications.confirmation import confirmation_signature
from partners.applications.errors import ApplicationError
from partners.applications.history import staff_text
from partners.applications.models import UNCONFIRMED, Application
from partners.applications.workflow import Workflow
from partners.models import Consent
from partners.validators import normalize_inn


@dataclass(frozen=True)
class ConsentRecord:
    """What the person agreed to, and from where."""

    text: str
    version: str
    language: str
    ip_address: str | None = None
    user_agent: str = ""


# The same form sent twice within this time (a double click, a reload) sends
# the email once.
DOUBLE_SUBMIT_WINDOW = datetime.timedelta(minutes=2)


def _normalised_inn(value: str) -> str:
    try:
        return normalize_inn(value)
    except ValidationError as error:
        raise ApplicationError(error.messages[0]) from None


def company_fields(company: dict) -> dict:
    """What the form said about the company, as application fields."""
    return {
        "inn": _normalised_inn(company["inn"]),
        "company_name": company["name"],
        "company_name_other": company.get("name_other", ""),
        "company_district": company.get("district"),
    }


def new_consent(consent: ConsentRecord, *, purpose: str, email: str) -> Consent:
    return Consent.objects.create(
        purpose=purpose,
        text=consent.text,
        text_version=consent.version,
        language=consent.language,
        email=email,
        ip_address=consent.ip_address,
        user_agent=(consent.user_agent or "")[:500],
    )


def _set_related(application: Application, related: dict) -> None:
    for name, values in related.items():
        getattr(application, name).set(values)


def _create_pending(workflow, *, parent, fields, related, consent):
    application = workflow.model.objects.create(
        **{workflow.model.parent_field: parent},
        consent=new_consent(
            consent, purpose=workflow.consent_purpose, email=fields["email"]
        ),
        status=UNCONFIRMED,
        **fields,
    )
    _set_related(application, related)
    application.status_changes.create(
        to_status=UNCONFIRMED, reason=staff_text(workflow.submitted_reason)
    )
    return application


def _refresh_pending(workflow, application, *, fields, related, consent):
    """The sender filled in the form again before confirming: keep what they
    sent last, and the consent they gave with it."""
    old_consent = application.consent
    for name, value in fields.items():
        setattr(application, name, value)
    application.consent = new_consent(
        consent, purpose=workflow.consent_purpose, email=fields["email"]
    )
    application.save()
    _set_related(application, related)
    if old_consent is not None:
        old_consent.delete()
    return application


def _pending_application(workflow, *, parent, fields, **rest) -> tuple:
    """The sender's unconfirmed application for this company, refreshed, or a
    new one: (application, created). The database lets one pending
    application per parent, INN and address exist; identical concurrent posts
    queue on it and the later ones refresh the first one's row."""
    rows = (
        workflow.model.objects.select_for_update()
        .filter(
            **{workflow.model.parent_field: parent},
            inn=fields["inn"],
            email=fields["email"],
            status=UNCONFIRMED,
        )
        # Never the default ordering: see partners.applications.locking.
        .order_by("pk")
    )
    if (pending := rows.first()) is None:
        try:
            with transaction.atomic():
                created = _create_pending(
                    workflow, parent=parent, fields=fields, **rest
                )
                return created, True
        except IntegrityError:
            if (pending := rows.first()) is None:
                raise
    return _refresh_pending(workflow, pending, fields=fields, **rest), False


def _sent_recently(application: Application, kind: str) -> bool:
    since = timezone.now() - DOUBLE_SUBMIT_WINDOW
    return application.outgoing_emails.filter(kind=kind, created_at__gte=since).exists()


def _remind(application: Application) -> None:
    """The sender already has a confirmed application for this company under
    the same address: the email goes to that address, so it tells its owner
    only about their own application."""
    if _sent_recently(application, emails.ALREADY_APPLIED):
        return
    mail.check_budget(application.email)
    emails.queue_already_applied(application=application)


def _send_confirmation(application: Application, *, created: bool) -> None:
    if not created and _sent_recently(application, emails.CONFIRM):
        return
    mail.check_budget(application.email)
    emails.queue_confirmation(
        application=application, signed=confirmation_signature(application)
    )


def submit(
    *,
    workflow: Workflow,
    parent,
    company: dict,
    application: dict,
    related: dict | None = None,
    consent: ConsentRecord,
) -> Application:
    """Keep an unconfirmed application and email the confirmation link.

    `company`: {"inn", "name" (Russian), "name_other" (optional, English or
    Japanese), "district" (District or None), "sectors" (iterable)}: kept on
    the application until it is confirmed. `application`: the fields from the
    form (see `Workflow.submitted_fields`); `related`: {many-to-many field:
    rows} (see `Workflow.related_fields`).

    The same sender (INN and email) sending again gets a fresh link to the
    same application, or, once confirmed, a reminder of it; a double submit
    emails once. Raises ApplicationsClosed, TooManyEmails, and what the
    workflow's `check_submission` raises."""
    fields = {
        name: application[name]
        for name in workflow.submitted_fields
        if name in application
    }
    fields["email"] = fields["email"].strip().lower()
    workflow.check_submission(parent, fields)
    fields.update(company_fields(company))
    related = {
        "company_sectors": list(company.get("sectors", ())),
        **{name: list(rows) for name, rows in (related or {}).items()},
    }
    with transaction.atomic():
        existing = workflow.model.objects.active().filter(
            **{workflow.model.parent_field: parent},
            inn=fields["inn"],
            email__iexact=fields["email"],
        )
        if confirmed := existing.order_by("confirmed_at").first():
            _remind(confirmed)
            return confirmed
        pending, created = _pending_application(
            workflow, parent=parent, fields=fields, related=related, consent=consent
        )
        _send_confirmation(pending, created=created)
        return pending
