"""Submitting an application from the public form.

Whoever sends the form gets the same answer ("check your email"), the same
email (the confirmation link) and the same work done, whether or not the
company has applied from that address before: neither the page, nor the
mail, nor the time the answer takes tells anyone who has applied. Whether the
company already has an application from the address is settled when the link
is opened (partners.applications.confirmation), by the address's owner.

A form post alone leaves no trace beyond the application itself, which is
deleted after a week unless its email address is confirmed; only a confirmed
application is matched to a company.
"""

from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from amur_invest.outbox import mail
from partners.applications import emails
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


def _consent_fields(consent: ConsentRecord, *, purpose: str, email: str) -> dict:
    return {
        "purpose": purpose,
        "text": consent.text,
        "text_version": consent.version,
        "language": consent.language,
        "email": email,
        "ip_address": consent.ip_address,
        "user_agent": (consent.user_agent or "")[:500],
    }


def new_consent(consent: ConsentRecord, *, purpose: str, email: str) -> Consent:
    return Consent.objects.create(
        **_consent_fields(consent, purpose=purpose, email=email)
    )


def _replace_consent(
    kept_id: int | None, consent: ConsentRecord, *, purpose: str, email: str
) -> Consent:
    """The consent given with the form sent again, in the row of the one it
    replaces: what the person agreed to before went with the data sent
    before."""
    fields = _consent_fields(consent, purpose=purpose, email=email)
    if kept_id is None:
        return Consent.objects.create(**fields)
    replaced = Consent(pk=kept_id, given_at=timezone.now(), **fields)
    replaced.save(force_update=True)
    return replaced


def _set_related(application: Application, related: dict, *, clear=False) -> None:
    for name, values in related.items():
        getattr(application, name).set(values, clear=clear)


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


def _refresh_pending(workflow, application, *, parent, fields, related, consent):
    """The sender filled in the form again before confirming: keep what they
    sent last, and the consent they gave with it. The steps mirror those of
    a new application (a consent, the row, its sectors, a line of history),
    so that the answer takes as long either way."""
    setattr(application, workflow.model.parent_field, parent)
    for name, value in fields.items():
        setattr(application, name, value)
    with transaction.atomic():
        application.consent = _replace_consent(
            application.consent_id,
            consent,
            purpose=workflow.consent_purpose,
            email=fields["email"],
        )
        application.save()
        _set_related(application, related, clear=True)
        application.status_changes.create(
            from_status=UNCONFIRMED,
            to_status=UNCONFIRMED,
            reason=staff_text(workflow.submitted_reason),
        )
    return application


def _pending_application(workflow, *, parent, fields, **rest) -> Application:
    """The sender's unconfirmed application for this company, refreshed, or a
    new one. The database lets one pending application per parent, INN and
    address exist; identical concurrent posts queue on it and the later ones
    refresh the first one's row."""
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
                return _create_pending(workflow, parent=parent, fields=fields, **rest)
        except IntegrityError:
            if (pending := rows.first()) is None:
                raise
    return _refresh_pending(workflow, pending, parent=parent, fields=fields, **rest)


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

    Every accepted post emails one link, within the address's hourly budget
    (`mail.check_budget`): the same sender (INN and email) sending again gets
    a fresh link to the same unconfirmed application; once it is confirmed, a
    new one, whose link leads to the confirmed application. Raises
    ApplicationsClosed, TooManyEmails, and what the workflow's
    `check_submission` raises."""
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
        mail.check_budget(fields["email"])
        pending = _pending_application(
            workflow, parent=parent, fields=fields, related=related, consent=consent
        )
        emails.queue_confirmation(
            application=pending, signed=confirmation_signature(pending)
        )
        return pending
