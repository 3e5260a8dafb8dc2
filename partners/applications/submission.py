"""Submitting an application from the public form.

Whoever sends the form gets the same answer ("check your email") and an email
with the confirmation link, to the address the form names, whether or not the
company has applied from that address before: the page tells no one who has
applied, and only the address's owner reads in the email that the form was
sent again. Whether the company already has a confirmed application from the
address is settled when the link is opened (partners.applications.
confirmation), by the address's owner.

What one sender sent is never changed by another form post, confirmed or not:
anyone who knows a company's INN and its contact's address can send the form
in their name. A form sent again for the same company and address while the
first is still unconfirmed keeps nothing of itself: the first answers stay as
they were, the link to them goes again to the address already on file, and
the email says that the form was sent again. The owner of the address
confirms, then corrects the application on its page. Another address makes
an application of its own, which competes with the first once both are
confirmed (staff decide).

A form post alone leaves no trace beyond the application itself, which is
deleted after a week unless its email address is confirmed; only a confirmed
application is matched to a company.
"""

from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

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


def _sent_again(workflow, application):
    """The form was sent again for the same company and address before the
    first was confirmed: the application stays as the first sender left it
    (whoever sent it again may be a stranger), and its history says so."""
    application.status_changes.create(
        from_status=UNCONFIRMED,
        to_status=UNCONFIRMED,
        reason=staff_text(workflow.sent_again_reason),
    )
    return application


def _pending_application(workflow, *, parent, fields, **rest):
    """(application, sent_again): a new unconfirmed application, or the one
    the company already has from this address, unchanged. The database lets
    one pending application per parent, INN and address exist; identical
    concurrent posts queue on it and the later ones find the first one's
    row."""
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
            return created, False
        except IntegrityError:
            if (pending := rows.first()) is None:
                raise
    return _sent_again(workflow, pending), True


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
    (`mail.check_budget`), to the address the form names: the same company
    and address sending again before confirming gets a fresh link to the
    application first sent, unchanged, with a word that the form was sent
    again; once it is confirmed, a new one, whose link leads to the confirmed
    application. Returns the application the link is for. Raises
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
        pending, sent_again = _pending_application(
            workflow, parent=parent, fields=fields, related=related, consent=consent
        )
        emails.queue_confirmation(
            application=pending,
            signed=confirmation_signature(pending),
            sent_again=sent_again,
        )
        return pending
