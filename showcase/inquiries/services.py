"""Investor inquiries: taken in from the contact form, routed to the staff
member who answers, given the reply date the agency promises, and moved
through their statuses with every step kept.

Every status change goes through `change_status`, which locks the row and
records who made the change and when."""

import datetime
from dataclasses import dataclass

from django.conf import settings
from django.contrib.auth.models import AbstractBaseUser
from django.core.validators import slug_re
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from amur_invest.outbox import mail
from amur_invest.system_text import kept_as_source
from exhibitions.models import Participation
from partners.applications.submission import ConsentRecord
from partners.models import Company, Consent, Sector
from showcase.inquiries import emails
from showcase.inquiries.models import (
    Inquiry,
    InquiryHandler,
    InquiryReply,
    InquiryRoute,
    InquiryStatusChange,
)
from showcase.invest.models import InvestmentProject, InvestmentSite

Status = Inquiry.Status
SubjectKind = Inquiry.SubjectKind

# The fields of an inquiry the public form fills; anything else is ignored.
INQUIRY_FIELDS = ("name", "organization", "email", "phone", "country", "message")

SATURDAY = 5


def add_working_days(start: datetime.date, days: int) -> datetime.date:
    """The date `days` working days (Monday to Friday) after `start`.

    Public holidays are not counted out: the promise errs on the early side."""
    day = start
    while days > 0:
        day += datetime.timedelta(days=1)
        if day.weekday() < SATURDAY:
            days -= 1
    return day


def reply_deadline(received: datetime.date | None = None) -> datetime.date:
    """The date by which the agency promises a reply to an inquiry received
    on `received` (today in the agency's time zone)."""
    received = received or timezone.localdate()
    return add_working_days(received, settings.INQUIRY_REPLY_WORKING_DAYS)


# What an inquiry is about -----------------------------------------------------


@dataclass(frozen=True)
class Subject:
    """What an inquiry is about, from `?about=<kind>:<key>` on the form."""

    kind: str
    key: str
    name: str
    sector: Sector | None


def first_sector(thing) -> Sector | None:
    """The sector of a project (`sector`) or the first of a company's
    (`sectors`), for routing."""
    sector = getattr(thing, "sector", None)
    if isinstance(sector, Sector):
        return sector
    sectors = getattr(thing, "sectors", None)
    return sectors.order_by("position", "slug").first() if sectors else None


def sector_subject(key: str) -> Subject | None:
    sector = Sector.objects.filter(slug=key).first()
    return sector and Subject(SubjectKind.SECTOR, key, sector.name, sector)


def company_subject(key: str) -> Subject | None:
    company = Company.objects.published().filter(slug=key).first()
    return company and Subject(
        SubjectKind.COMPANY, key, company.name, first_sector(company)
    )


def project_subject(key: str) -> Subject | None:
    project = InvestmentProject.objects.published().filter(slug=key).first()
    return project and Subject(
        SubjectKind.PROJECT, key, str(project), first_sector(project)
    )


def site_subject(key: str) -> Subject | None:
    site = InvestmentSite.objects.published().filter(slug=key).first()
    return site and Subject(SubjectKind.SITE, key, str(site), None)


def exhibitor_subject(key: str) -> Subject | None:
    """An Amur exhibitor at an exhibition, by its participation's number: a
    buyer asks to meet the company there."""
    if not key.isdigit():
        return None
    participation = (
        Participation.objects.filter(pk=key, status=Participation.Status.ACCEPTED)
        .select_related("company", "exhibition")
        .first()
    )
    if participation is None:
        return None
    name = f"{participation.company.name} — {participation.exhibition.name}"
    return Subject(
        SubjectKind.EXHIBITOR, key, name, first_sector(participation.company)
    )


SUBJECT_RESOLVERS = {
    SubjectKind.SECTOR: sector_subject,
    SubjectKind.COMPANY: company_subject,
    SubjectKind.PROJECT: project_subject,
    SubjectKind.SITE: site_subject,
    SubjectKind.EXHIBITOR: exhibitor_subject,
}


def resolve_subject(about: str) -> Subject | None:
    """`sector:honey` → the honey sector; anything unknown → None, and the
    form simply has no subject. Only slug characters reach the database."""
    kind, _colon, key = (about or "").partition(":")
    resolver = SUBJECT_RESOLVERS.get(kind.strip())
    key = key.strip()
    if resolver is None or len(key) > 120 or not slug_re.fullmatch(key):
        return None
    return resolver(key)


# Intake and routing -----------------------------------------------------------


def handler_for(
    *, sector: Sector | None, subject_kind: str = "", language: str = ""
) -> InquiryHandler | None:
    """The person the routing rules name for an inquiry: of the rules whose
    every criterion matches, the one with the most criteria (the default
    rule has none). Rules naming a person whose staff account is inactive
    are passed over. None when no rule matches: staff then see the inquiry
    unassigned."""
    rules = InquiryRoute.objects.filter(handler__user__is_active=True).select_related(
        "handler__user"
    )
    matching = [
        rule
        for rule in rules
        if rule.matches(
            sector_id=sector.pk if sector else None,
            subject_kind=subject_kind,
            language=language,
        )
    ]
    best = max(matching, key=lambda rule: rule.weight, default=None)
    return best.handler if best else None


def staff_text(message) -> str:
    """A note the site writes into the history: kept as its source text and
    shown in each reader's language (amur_invest.system_text)."""
    return kept_as_source(message)


def keep_consent(consent: ConsentRecord, email: str) -> Consent:
    return Consent.objects.create(
        purpose=Consent.Purpose.INQUIRY,
        text=consent.text,
        text_version=consent.version,
        language=consent.language,
        email=email,
        ip_address=consent.ip_address,
        user_agent=(consent.user_agent or "")[:500],
    )


def submit_inquiry(
    *,
    fields: dict,
    subject: Subject | None,
    language: str,
    consent: ConsentRecord,
) -> Inquiry:
    """Keep the inquiry and its consent with a reference number, route it to
    the person the rules name, and email the inquirer the reference, the
    person and the promised reply date, and the person the inquiry.
    Raises TooManyEmails when the public forms have already emailed the
    inquirer's address the most an hour allows."""
    values = {name: fields[name] for name in INQUIRY_FIELDS if name in fields}
    sector = subject.sector if subject else None
    subject_kind = subject.kind if subject else ""
    handler = handler_for(sector=sector, subject_kind=subject_kind, language=language)
    with transaction.atomic():
        mail.check_budget(values["email"])
        inquiry = Inquiry.objects.create(
            **values,
            subject_kind=subject_kind,
            subject_key=subject.key if subject else "",
            subject_name=subject.name[:300] if subject else "",
            sector=sector,
            language=language,
            consent=keep_consent(consent, values.get("email", "")),
            handler=handler,
            assignee=handler.user if handler else None,
            reply_due_on=reply_deadline(),
        )
        inquiry.reference = inquiry.make_reference()
        inquiry.save(update_fields=["reference"])
        InquiryStatusChange.objects.create(
            inquiry=inquiry,
            to_status=Status.NEW,
            note=staff_text(_("Received on the website.")),
        )
        emails.queue_acknowledgement(inquiry=inquiry)
        emails.queue_assignment(inquiry=inquiry)
    return inquiry


# Status --------------------------------------------------------------------


def staff_user(by):
    # An anonymous request user counts as "the site".
    if by is None or not getattr(by, "is_authenticated", False):
        return None
    return by


def change_status(
    *, inquiry: Inquiry, to: str, by: AbstractBaseUser | None, note: str = ""
) -> Inquiry:
    """Move the inquiry to `to` and keep the step with who and when. Moving it
    to the status it already has changes nothing."""
    with transaction.atomic():
        locked = Inquiry.objects.select_for_update().get(pk=inquiry.pk)
        if locked.status == to:
            return locked
        InquiryStatusChange.objects.create(
            inquiry=locked,
            from_status=locked.status,
            to_status=to,
            changed_by=staff_user(by),
            note=note,
        )
        locked.status = to
        locked.save(update_fields=["status", "updated_at"])
    inquiry.status = to
    return locked


# Replies and overdue inquiries ------------------------------------------------


def send_reply(*, inquiry: Inquiry, body: str, by: AbstractBaseUser) -> InquiryReply:
    """Keep the reply in the inquiry's history, email it to the inquirer in
    the inquiry's language over the answering person's signature, note the
    time of the first reply, and mark the inquiry answered."""
    with transaction.atomic():
        locked = Inquiry.objects.select_for_update().get(pk=inquiry.pk)
        reply = InquiryReply.objects.create(
            inquiry=locked, body=body.strip(), written_by=staff_user(by)
        )
        emails.queue_reply(inquiry=locked, reply=reply)
        if locked.first_replied_at is None:
            locked.first_replied_at = reply.sent_at
            locked.save(update_fields=["first_replied_at", "updated_at"])
        change_status(
            inquiry=locked,
            to=Status.ANSWERED,
            by=by,
            note=staff_text(_("Reply sent by email.")),
        )
    inquiry.status = Status.ANSWERED
    inquiry.first_replied_at = locked.first_replied_at
    return reply


def escalate_overdue(*, today: datetime.date | None = None) -> list[Inquiry]:
    """Email the agency managers about each inquiry past its reply date with
    no reply, once per inquiry; returns the inquiries escalated."""
    managers = emails.manager_addresses()
    escalated = []
    if not managers:
        # Nobody to tell yet: the inquiries are escalated once someone is.
        return escalated
    for inquiry in Inquiry.objects.overdue(today).filter(escalated_at__isnull=True):
        with transaction.atomic():
            locked = (
                Inquiry.objects.select_for_update(skip_locked=True, of=("self",))
                .filter(pk=inquiry.pk, escalated_at__isnull=True)
                .select_related("handler")
                .first()
            )
            if locked is None:
                continue
            for address in managers:
                emails.queue_overdue_notice(inquiry=locked, recipient=address)
            locked.escalated_at = timezone.now()
            locked.save(update_fields=["escalated_at"])
            escalated.append(locked)
    return escalated
