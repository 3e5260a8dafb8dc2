"""Investors' inquiries from the public site, who answers them, and by when."""

from django.conf import settings
from django.db import models
from django.db.models import Case, Q, Value, When
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from amur_invest.outbox.models import kept_mail
from amur_invest.text import many_lines, one_line
from partners.models import Consent, Language, Sector


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
    assignee = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("assignee"),
        related_name="assigned_inquiries",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
    )
    reply_due_on = models.DateField(_("reply due"))
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

    def get_admin_url(self) -> str:
        return reverse("admin:showcase_inquiry_change", args=[self.pk])

    @classmethod
    def email_kind_label(cls, kind: str) -> str | None:
        """What an email about an inquiry is, for staff reading the mail."""
        labels = {
            "inquiry_received": _("acknowledgement to the inquirer"),
            "inquiry_assigned": _("inquiry assigned to a staff member"),
        }
        return labels.get(kind)

    def is_overdue(self, today=None) -> bool:
        today = today or timezone.localdate()
        return self.status in self.AWAITING_REPLY and self.reply_due_on < today


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
    """Who answers inquiries about a sector. The row without a sector is the
    default: it takes every inquiry no other row claims."""

    sector = models.ForeignKey(
        Sector,
        verbose_name=_("sector"),
        related_name="inquiry_routes",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        help_text=_("Leave empty for the default assignee."),
    )
    assignee = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("assignee"),
        related_name="inquiry_routes",
        on_delete=models.CASCADE,
    )

    class Meta:
        verbose_name = _("inquiry routing rule")
        verbose_name_plural = _("inquiry routing")
        constraints = [
            models.UniqueConstraint(
                fields=["sector"],
                name="showcase_inquiry_route_one_per_sector",
                violation_error_message=_("This sector already has an assignee."),
            ),
            # NULLs never collide in a unique index: the default row is
            # kept single by an index on a constant over the rows without
            # a sector.
            models.UniqueConstraint(
                Coalesce("sector", Value(0)),
                condition=Q(sector__isnull=True),
                name="showcase_inquiry_route_one_default",
                violation_error_message=_("There is already a default assignee."),
            ),
        ]

    def __str__(self):
        sector = self.sector or _("all other inquiries")
        return f"{sector} → {self.assignee}"
