"""Investors' inquiries from the public site, who answers them, and by when."""

from django.conf import settings
from django.db import models
from django.db.models import Case, Q, Value, When
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from amur_invest.images import CheckedImageField
from amur_invest.lists import joined
from amur_invest.outbox.models import kept_mail
from amur_invest.text import many_lines, one_line
from partners.models import Consent, Language, Sector


def handler_photo_path(handler, filename: str) -> str:
    return f"inquiries/handlers/{filename}"


class InquiryHandler(models.Model):
    """A named member of the agency's staff who answers investors: the
    investor sees the name, title, photograph and direct address before
    sending and in the acknowledgement, and replies reach this person."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("staff user"),
        related_name="inquiry_handler",
        on_delete=models.PROTECT,
        help_text=_(
            "The staff account that works on the inquiries; a deactivated "
            "account receives no new ones."
        ),
    )
    name = models.CharField(
        pgettext_lazy("of a person", "name"), max_length=200, validators=[one_line]
    )
    title = models.CharField(
        _("position"),
        max_length=200,
        validators=[one_line],
        help_text=_("As investors read it, e.g. “Head of the Japan desk”."),
    )
    photo = CheckedImageField(
        _("photo"),
        upload_to=handler_photo_path,
        blank=True,
        shown_as=("",),
        help_text=_("A portrait; JPEG, PNG or WebP."),
    )
    email = models.EmailField(
        _("direct email"),
        help_text=_("Shown to investors; the acknowledgement's replies go here."),
    )
    is_sample = models.BooleanField(
        _("sample data"),
        default=False,
        help_text=_("A demonstration person, marked as such on public pages."),
    )

    class Meta:
        verbose_name = _("person who answers inquiries")
        verbose_name_plural = _("people who answer inquiries")
        ordering = ["name", "id"]

    def __str__(self):
        return self.name


class InquiryQuerySet(models.QuerySet):
    def awaiting_reply(self):
        return self.filter(status__in=Inquiry.AWAITING_REPLY)

    def overdue(self, today=None):
        today = today or timezone.localdate()
        return self.awaiting_reply().filter(reply_due_on__lt=today)

    def with_overdue_rank(self, today=None):
        """`overdue_rank` 0 for an overdue inquiry, 1 otherwise: staff lists
        sort by it so that the late ones come first."""
        today = today or timezone.localdate()
        late = Q(status__in=Inquiry.AWAITING_REPLY, reply_due_on__lt=today)
        return self.annotate(
            overdue_rank=Case(When(late, then=Value(0)), default=Value(1))
        )


class Inquiry(models.Model):
    """A question an investor sent through the contact form."""

    class Status(models.TextChoices):
        NEW = "new", pgettext_lazy("inquiry status", "new")
        IN_PROGRESS = "in_progress", pgettext_lazy("inquiry status", "in progress")
        ANSWERED = "answered", pgettext_lazy("inquiry status", "answered")
        CLOSED = "closed", pgettext_lazy("inquiry status", "closed")

    class SubjectKind(models.TextChoices):
        SECTOR = "sector", _("sector")
        COMPANY = "company", _("company")
        PROJECT = "project", _("investment project")
        SITE = "site", _("site for investors")
        EXHIBITOR = "exhibitor", _("exhibitor")

    # The agency owes a reply while an inquiry is in one of these.
    AWAITING_REPLY = (Status.NEW, Status.IN_PROGRESS)

    name = models.CharField(
        pgettext_lazy("of a person", "name"), max_length=200, validators=[one_line]
    )
    organization = models.CharField(
        _("organisation"), max_length=300, validators=[one_line]
    )
    email = models.EmailField(_("email"))
    phone = models.CharField(
        _("phone"), max_length=32, blank=True, validators=[one_line]
    )
    country = models.CharField(_("country"), max_length=100, validators=[one_line])
    message = models.TextField(_("message"), validators=[many_lines])
    subject_kind = models.CharField(
        _("about (kind)"), max_length=20, choices=SubjectKind.choices, blank=True
    )
    subject_key = models.SlugField(_("about (key)"), max_length=120, blank=True)
    subject_name = models.CharField(
        _("about"),
        max_length=300,
        blank=True,
        validators=[one_line],
        help_text=_("The name as the inquirer saw it on the site."),
    )
    sector = models.ForeignKey(
        Sector,
        verbose_name=_("sector"),
        related_name="inquiries",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        help_text=_("Decides who answers, by the routing table."),
    )
    language = models.CharField(
        _("language of the inquirer"), max_length=2, choices=Language.choices
    )
    consent = models.ForeignKey(
        Consent,
        verbose_name=_("consent"),
        related_name="inquiries",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
    )
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=Status.choices,
        default=Status.NEW,
        db_index=True,
    )
    reference = models.CharField(
        _("reference number"),
        max_length=20,
        unique=True,
        null=True,
        blank=True,
        editable=False,
    )
    handler = models.ForeignKey(
        InquiryHandler,
        verbose_name=_("answered by"),
        related_name="inquiries",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        help_text=_("The person the investor was told will answer."),
    )
    assignee = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("assignee"),
        related_name="assigned_inquiries",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
    )
    reply_due_on = models.DateField(_("reply due"))
    first_replied_at = models.DateTimeField(
        _("first reply sent"), null=True, blank=True, editable=False
    )
    escalated_at = models.DateTimeField(
        _("overdue notice sent"),
        null=True,
        blank=True,
        editable=False,
        help_text=_("When the agency managers were told the reply is late."),
    )
    staff_notes = models.TextField(
        _("staff notes"), blank=True, validators=[many_lines]
    )
    created_at = models.DateTimeField(_("received"), default=timezone.now)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)
    outgoing_emails = kept_mail()

    objects = InquiryQuerySet.as_manager()

    class Meta:
        verbose_name = _("investor inquiry")
        verbose_name_plural = _("investor inquiries")
        ordering = ["reply_due_on", "created_at"]
        indexes = [
            models.Index(
                fields=["reply_due_on"],
                condition=Q(status__in=["new", "in_progress"]),
                name="showcase_inquiry_open_due_idx",
            )
        ]

    def __str__(self):
        return f"{self.name}, {self.organization}"

    def make_reference(self) -> str:
        """AMR-<year received>-<number>, e.g. AMR-2026-00042."""
        return f"AMR-{timezone.localtime(self.created_at).year}-{self.pk:05d}"

    def get_admin_url(self) -> str:
        return reverse("admin:showcase_inquiry_change", args=[self.pk])

    @classmethod
    def email_kind_label(cls, kind: str) -> str | None:
        """What an email about an inquiry is, for staff reading the mail."""
        labels = {
            "inquiry_received": _("acknowledgement to the inquirer"),
            "inquiry_assigned": _("inquiry assigned to a staff member"),
            "inquiry_reply": _("reply to the inquirer"),
            "inquiry_overdue": _("overdue inquiry notice to the managers"),
        }
        return labels.get(kind)

    def is_overdue(self, today=None) -> bool:
        today = today or timezone.localdate()
        return self.status in self.AWAITING_REPLY and self.reply_due_on < today


class InquiryReply(models.Model):
    """A reply staff wrote in the admin and the site emailed to the
    inquirer, in the inquiry's language: part of the inquiry's history."""

    inquiry = models.ForeignKey(
        Inquiry,
        verbose_name=_("investor inquiry"),
        related_name="replies",
        on_delete=models.CASCADE,
    )
    body = models.TextField(_("reply"), validators=[many_lines])
    written_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("written by"),
        related_name="+",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
    )
    sent_at = models.DateTimeField(_("sent at"), default=timezone.now)

    class Meta:
        verbose_name = _("reply")
        verbose_name_plural = _("replies")
        ordering = ["sent_at", "id"]

    def __str__(self):
        return f"{self.inquiry}: {timezone.localtime(self.sent_at):%Y-%m-%d %H:%M}"


class InquiryStatusChange(models.Model):
    """One step of an inquiry: who moved it, when, with an optional note."""

    inquiry = models.ForeignKey(
        Inquiry,
        verbose_name=_("investor inquiry"),
        related_name="status_changes",
        on_delete=models.CASCADE,
    )
    from_status = models.CharField(
        _("from"), max_length=20, choices=Inquiry.Status.choices, blank=True
    )
    to_status = models.CharField(_("to"), max_length=20, choices=Inquiry.Status.choices)
    changed_at = models.DateTimeField(_("changed at"), default=timezone.now)
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("changed by"),
        related_name="+",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        help_text=_("Empty when the site made the change."),
    )
    note = models.TextField(_("note"), blank=True, validators=[many_lines])

    class Meta:
        verbose_name = _("status change")
        verbose_name_plural = _("status history")
        ordering = ["changed_at", "id"]

    def __str__(self):
        return f"{self.from_status or '—'} → {self.to_status}"


class InquiryRoute(models.Model):
    """Who answers which inquiries: a rule names what it matches (a sector,
    a kind of subject, the inquirer's language; an empty criterion matches
    anything) and the person. The rule matching the most criteria wins; the
    rule with none is the default, taking every inquiry no other claims."""

    sector = models.ForeignKey(
        Sector,
        verbose_name=_("sector"),
        related_name="inquiry_routes",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        help_text=_("Empty: any sector."),
    )
    subject_kind = models.CharField(
        _("about (kind)"),
        max_length=20,
        choices=Inquiry.SubjectKind.choices,
        blank=True,
        help_text=_("Empty: whatever the inquiry is about."),
    )
    language = models.CharField(
        _("language of the inquirer"),
        max_length=2,
        choices=Language.choices,
        blank=True,
        help_text=_("Empty: any language."),
    )
    handler = models.ForeignKey(
        InquiryHandler,
        verbose_name=_("answered by"),
        related_name="routes",
        on_delete=models.CASCADE,
    )

    class Meta:
        verbose_name = _("inquiry routing rule")
        verbose_name_plural = _("inquiry routing")
        constraints = [
            # NULLs never collide in a unique index: the sector counts as 0
            # when empty, so that two rules never match the same inquiries
            # (and there is one default).
            models.UniqueConstraint(
                Coalesce("sector", Value(0)),
                "subject_kind",
                "language",
                name="showcase_inquiry_route_one_per_criteria",
                violation_error_message=_(
                    "A rule for these criteria already exists; there is one "
                    "default rule (without criteria)."
                ),
            ),
        ]

    def __str__(self):
        return f"{self.criteria_display()} → {self.handler}"

    def criteria(self) -> list:
        return [
            value
            for value in (
                self.sector,
                self.get_subject_kind_display() if self.subject_kind else "",
                self.get_language_display() if self.language else "",
            )
            if value
        ]

    def criteria_display(self) -> str:
        return joined(self.criteria()) or str(_("default: all other inquiries"))

    def matches(self, *, sector_id, subject_kind: str, language: str) -> bool:
        return (
            (self.sector_id is None or self.sector_id == sector_id)
            and (not self.subject_kind or self.subject_kind == subject_kind)
            and (not self.language or self.language == language)
        )

    @property
    def weight(self) -> tuple[int, int, int]:
        """More criteria first; among equals, sector before subject before
        language."""
        given = (
            self.sector_id is not None,
            bool(self.subject_kind),
            bool(self.language),
        )
        return (sum(given), *given[:2])
