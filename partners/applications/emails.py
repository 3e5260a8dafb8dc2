"""Emails to applicants: rendered in the applicant's language from the
templates of the application's app (`<email_templates>/<kind>_subject.txt`
and `_body.txt`), kept and sent by the outbox (amur_invest.outbox).

Every email carries the link to the applicant's own page, so that any one of
them is enough to follow, correct, withdraw or erase the application, and
ends with the agency's contact details in the applicant's language.

Until the address is confirmed, whoever typed it may be a stranger: the
confirmation email repeats nothing of the form beyond a short name to greet
(`amur_invest.text.greeting_name`), and names no company.

Emails are plain text: subjects and bodies (.txt templates, which the Jinja2
engine never escapes) keep "O'Neill & Co" as typed (a text email shows `&#x27;`
literally)."""

from django.conf import settings
from django.template.loader import get_template
from django.urls import reverse
from django.utils import translation

from amur_invest.agency.models import AgencyContact
from amur_invest.outbox import mail
from amur_invest.outbox.models import OutgoingEmail
from amur_invest.site_url import site_url
from amur_invest.text import greeting_name
from partners.applications.models import UNCONFIRMED, Application, EmailKind

CONFIRM = EmailKind.CONFIRM
CHANGED = EmailKind.CHANGED


def absolute_url(path: str) -> str:
    return f"{site_url()}{path}"


def applicant_page_url(application: Application) -> str:
    """The applicant's own page, under the applicant's language prefix."""
    with translation.override(application.language):
        return absolute_url(application.get_applicant_url())


def confirmation_url(application: Application, signed: str) -> str:
    with translation.override(application.language):
        path = reverse(application.confirm_url_name, kwargs={"signed": signed})
    return absolute_url(path)


def _plain_text(template_name: str, context: dict) -> str:
    # The Jinja2 engine does not escape .txt templates.
    return get_template(template_name).render(context)


def named_company(application: Application) -> str:
    """The company's name in the applicant's language, when it has one; none
    while the address is unconfirmed, as a stranger may have typed both."""
    if application.status == UNCONFIRMED:
        return ""
    return application.company_label


def render(*, kind: str, application: Application, context: dict) -> tuple[str, str]:
    """(subject, text body) of one email kind in the applicant's language."""
    context = {
        "application": application,
        # The templates of each app name the application and its parent in
        # their own words: `registration` and `mission`, `participation` and
        # `exhibition`.
        application._meta.model_name: application,
        application.parent_field: application.parent,
        "page_url": applicant_page_url(application),
        "site_url": absolute_url("/"),
        "agency": AgencyContact.load(),
        **context,
    }
    folder = application.email_templates
    context["greeting_name"] = greeting_name(application.contact_name)
    with translation.override(application.language):
        context["company_name"] = named_company(application)
        subject = _plain_text(f"{folder}/{kind}_subject.txt", context)
        body = _plain_text(f"{folder}/{kind}_body.txt", context)
    return " ".join(subject.split()), body.strip() + "\n"


def queue(
    *,
    kind: str,
    application: Application,
    context: dict | None = None,
    recipient: str | None = None,
) -> OutgoingEmail | None:
    """Keep the email and send it once the surrounding transaction commits.
    Nothing goes to an erased address, nor to an application staff entered
    without one."""
    address = recipient or application.email
    if application.is_anonymised or not address:
        return None
    subject, body = render(kind=kind, application=application, context=context or {})
    return mail.keep(
        owner=application,
        kind=kind,
        recipient=address,
        language=application.language,
        subject=subject,
        body=body,
    )


def queue_confirmation(
    *, application: Application, signed: str, sent_again: bool = False
):
    """The link, to the address on the application. `sent_again`: the form
    was sent again before the link was opened; the email says that the
    answers sent first are kept (see partners.applications.submission)."""
    return queue(
        kind=CONFIRM,
        application=application,
        context={
            "confirmation_url": confirmation_url(application, signed),
            "valid_hours": settings.APPLICATIONS_CONFIRMATION_MAX_AGE // 3600,
            "sent_again": sent_again,
        },
    )


def queue_changed(
    *,
    application: Application,
    changed: list,
    previous_email: str,
    counted: tuple = (),
):
    """What the applicant (or staff on their page) corrected. When the email
    address itself changed, the previous address hears of it too, so that a
    change nobody asked for does not go unnoticed. The `counted` fields (a
    number the template states itself, like the delegates) are not listed
    among the labels; the template hears `<name>_changed` instead."""
    model = type(application)
    labels = [
        model._meta.get_field(name).verbose_name
        for name in changed
        if name not in counted
    ]
    context = {
        "changed_labels": labels,
        **{f"{name}_changed": name in changed for name in counted},
    }
    queued = [queue(kind=CHANGED, application=application, context=context)]
    if previous_email.lower() != application.email.lower():
        queued.append(
            queue(
                kind=CHANGED,
                application=application,
                context=context,
                recipient=previous_email,
            )
        )
    return queued


def queue_status_email(*, application: Application, previous_status: str):
    return queue(
        kind=f"status_{application.status}",
        application=application,
        context={
            "previous_status": previous_status,
            # A mission's waiting list moved: the email says so.
            "promoted": previous_status == "waitlisted",
        },
    )
