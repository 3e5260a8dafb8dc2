"""Business missions to Japan and the registrations of Amur companies."""

import secrets

from django.conf import settings
from django.db import models
from django.db.models import Count, Q, Sum
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from amur_invest.text import many_lines, one_line
from partners.models import Company, Consent, Language, Organization, Prefecture, Sector


class MissionQuerySet(models.QuerySet):
    def open_for_registration(self, now=None):
        now = now or timezone.now()
        return self.filter(registration_open=True).filter(
            Q(registration_deadline__isnull=True) | Q(registration_deadline__gt=now)
        )

    def with_counts(self):
        """Annotate `delegates_accepted` and `count_<status>` for every
        registration status, so that a list of missions needs one query.

        The seat total is not called `seats_taken` because that name is the
        model method, which reads the annotation when it is there."""
        registration_status = "registrations__status"
        counts = {
            f"count_{status}": Count(
                "registrations", filter=Q(**{registration_status: status})
            )
            for status in Registration.Status.values
        }
        accepted = Q(**{registration_status: Registration.Status.ACCEPTED})
        return self.annotate(
            delegates_accepted=Coalesce(
                Sum("registrations__delegates", filter=accepted), 0
            ),
            **counts,
        )


class Mission(models.Model):
    """A business mission of Amur companies to Japan."""

    class AdmissionMode(models.TextChoices):
        REVIEW = "review", _("staff review")
        FIRST_COME = "first_come", _("first come, first served")

    class Status(models.TextChoices):
        PLANNED = "planned", _("planned")
        IN_PROGRESS = "in_progress", _("in progress")
        COMPLETED = "completed", _("completed")
        CANCELLED = "cancelled", _("cancelled")

    title = models.CharField(_("title"), max_length=300, validators=[one_line])
    slug = models.SlugField(_("slug"), max_length=120, unique=True)
    description = models.TextField(
        _("description"), blank=True, validators=[many_lines]
    )
    starts_on = models.DateField(_("starts on"))
    ends_on = models.DateField(_("ends on"))
    prefectures = models.ManyToManyField(
        Prefecture,
        verbose_name=_("destination prefectures"),
        related_name="missions",
        blank=True,
    )
    cities = models.CharField(
        _("destination cities"), max_length=300, blank=True, validators=[one_line]
    )
    sectors = models.ManyToManyField(
        Sector, verbose_name=_("sectors"), related_name="missions", blank=True
    )
    delegate_seats = models.PositiveIntegerField(
        _("delegate seats"),
        help_text=_("How many delegates the mission can take in all."),
    )
    max_delegates_per_company = models.PositiveSmallIntegerField(
        _("delegates per company at most"), default=3
    )
    admission_mode = models.CharField(
        _("admission"),
        max_length=20,
        choices=AdmissionMode.choices,
        default=AdmissionMode.REVIEW,
    )
    registration_open = models.BooleanField(_("registration open"), default=False)
    registration_deadline = models.DateTimeField(
        _("registration deadline"), null=True, blank=True
    )
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.PLANNED
    )
    results = models.TextField(_("results"), blank=True, validators=[many_lines])
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    objects = MissionQuerySet.as_manager()

    class Meta:
        verbose_name = _("business mission")
        verbose_name_plural = _("business missions")
        ordering = ["-starts_on"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_on__gte=models.F("starts_on")),
                name="missions_mission_ends_after_start",
                violation_error_message=_("The mission cannot end before it starts."),
            ),
            models.CheckConstraint(
                condition=Q(max_delegates_per_company__gte=1),
                name="missions_mission_at_least_one_delegate_per_company",
            ),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("missions:mission_detail", kwargs={"slug": self.slug})

    @property
    def is_registration_open(self) -> bool:
        if not self.registration_open:
            return False
        return (
            self.registration_deadline is None
            or timezone.now() < self.registration_deadline
        )

    @property
    def is_finished(self) -> bool:
        return self.status in {self.Status.COMPLETED, self.Status.CANCELLED}

    def seats_taken(self) -> int:
        # A mission from MissionQuerySet.with_counts() already carries the sum.
        if hasattr(self, "delegates_accepted"):
            return self.delegates_accepted
        accepted = self.registrations.filter(status=Registration.Status.ACCEPTED)
        return accepted.aggregate(total=Sum("delegates"))["total"] or 0

    def seats_left(self) -> int:
        return max(self.delegate_seats - self.seats_taken(), 0)


class Registration(models.Model):
    """An Amur company's registration of interest in a mission."""

    class Status(models.TextChoices):
        UNCONFIRMED = "unconfirmed", _("awaiting email confirmation")
        SUBMITTED = "submitted", _("submitted")
        ACCEPTED = "accepted", _("accepted")
        WAITLISTED = "waitlisted", _("on the waiting list")
        DECLINED = "declined", _("declined")
        WITHDRAWN = "withdrawn", _("withdrawn")

    # Statuses from which the registrant or staff may still withdraw or
    # decline: a confirmed registration that has not ended.
    ACTIVE_STATUSES = frozenset({Status.SUBMITTED, Status.ACCEPTED, Status.WAITLISTED})

    mission = models.ForeignKey(
        Mission,
        verbose_name=_("mission"),
        related_name="registrations",
        on_delete=models.PROTECT,
    )
    company = models.ForeignKey(
        Company,
        verbose_name=_("company"),
        related_name="registrations",
        on_delete=models.PROTECT,
    )
    contact_name = models.CharField(
        _("contact person"), max_length=200, validators=[one_line]
    )
    contact_position = models.CharField(
        _("position"), max_length=200, blank=True, validators=[one_line]
    )
    email = models.EmailField(_("email"))
    phone = models.CharField(
        _("phone"), max_length=32, blank=True, validators=[one_line]
    )
    delegates = models.PositiveSmallIntegerField(_("delegates"), default=1)
    products = models.TextField(
        _("products to present"), blank=True, validators=[many_lines]
    )
    goals = models.TextField(_("goals"), blank=True, validators=[many_lines])
    wanted_prefectures = models.ManyToManyField(
        Prefecture,
        verbose_name=_("prefectures to meet"),
        related_name="+",
        blank=True,
    )
    wanted_partner_kinds = models.JSONField(
        _("kinds of partner to meet"), default=list, blank=True
    )
    wanted_partners = models.TextField(
        _("partners to meet"), blank=True, validators=[many_lines]
    )
    language = models.CharField(
        _("correspondence language"),
        max_length=2,
        choices=Language.choices,
        default=Language.RUSSIAN,
    )
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=Status.choices,
        default=Status.UNCONFIRMED,
        db_index=True,
    )
    # The order of confirmation decides seats in first_come mode and the order
    # of the waiting list in both modes.
    confirmed_at = models.DateTimeField(_("confirmed at"), null=True, blank=True)
    token = models.CharField(
        _("secret link token"),
        max_length=64,
        unique=True,
        default=secrets.token_urlsafe,
        editable=False,
    )
    consent = models.ForeignKey(
        Consent,
        verbose_name=_("consent"),
        related_name="registrations",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
    )
    staff_notes = models.TextField(
        _("staff notes"), blank=True, validators=[many_lines]
    )
    anonymised_at = models.DateTimeField(_("anonymised at"), null=True, blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("registration")
        verbose_name_plural = _("registrations")
        ordering = ["mission", "confirmed_at", "created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["mission", "company"],
                name="missions_registration_one_per_company",
                violation_error_message=_(
                    "This company has already registered for this mission."
                ),
            ),
            models.CheckConstraint(
                condition=Q(delegates__gte=1),
                name="missions_registration_at_least_one_delegate",
            ),
        ]
        permissions = [
            ("export_registration", _("Can export registrations")),
        ]

    def __str__(self):
        return f"{self.company} — {self.mission}"

    def get_absolute_url(self):
        return reverse("missions:registration_detail", kwargs={"token": self.token})

    @property
    def is_anonymised(self) -> bool:
        return self.anonymised_at is not None

    @property
    def can_withdraw(self) -> bool:
        """The registrant's page offers withdrawal only while it means something:
        a confirmed registration of a mission that has not ended."""
        return self.status in self.ACTIVE_STATUSES and not self.mission.is_finished

    @property
    def waitlist_position(self) -> int | None:
        """1-based place on the mission's waiting list, in order of confirmation."""
        if self.status != self.Status.WAITLISTED or self.confirmed_at is None:
            return None
        ahead = Registration.objects.filter(
            mission_id=self.mission_id, status=self.Status.WAITLISTED
        ).filter(
            Q(confirmed_at__lt=self.confirmed_at)
            | Q(confirmed_at=self.confirmed_at, pk__lt=self.pk)
        )
        return ahead.count() + 1


class StatusChange(models.Model):
    """One step in a registration's life: who moved it, when and why."""

    registration = models.ForeignKey(
        Registration,
        verbose_name=_("registration"),
        related_name="status_changes",
        on_delete=models.CASCADE,
    )
    from_status = models.CharField(
        _("from"), max_length=20, choices=Registration.Status.choices, blank=True
    )
    to_status = models.CharField(
        _("to"), max_length=20, choices=Registration.Status.choices
    )
    changed_at = models.DateTimeField(_("changed at"), default=timezone.now)
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("changed by"),
        related_name="+",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        help_text=_("Empty when the registrant or the system made the change."),
    )
    reason = models.TextField(_("reason"), blank=True, validators=[many_lines])

    class Meta:
        verbose_name = _("status change")
        verbose_name_plural = _("status changes")
        ordering = ["changed_at", "id"]

    def __str__(self):
        return f"{self.from_status or '—'} → {self.to_status}"


class ProgrammeItem(models.Model):
    """One entry of a mission's programme."""

    class Kind(models.TextChoices):
        B2B_MEETING = "b2b", _("B2B meeting")
        PRESENTATION = "presentation", _("presentation")
        SITE_VISIT = "site_visit", _("site visit")
        RECEPTION = "reception", _("reception")
        OTHER = "other", _("other")

    mission = models.ForeignKey(
        Mission,
        verbose_name=_("mission"),
        related_name="programme",
        on_delete=models.CASCADE,
    )
    starts_at = models.DateTimeField(_("starts at"))
    ends_at = models.DateTimeField(_("ends at"), null=True, blank=True)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    title = models.CharField(_("title"), max_length=300, validators=[one_line])
    place = models.CharField(
        _("place"), max_length=300, blank=True, validators=[one_line]
    )
    counterpart = models.ForeignKey(
        Organization,
        verbose_name=_("counterpart"),
        related_name="programme_items",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
    )

    class Meta:
        verbose_name = _("programme item")
        verbose_name_plural = _("programme")
        ordering = ["starts_at", "id"]

    def __str__(self):
        return self.title


class OutgoingEmail(models.Model):
    """One email to one person, kept until it is sent.

    The registration is saved first and the email row in the same transaction;
    a task sends it after the commit. When the mail server fails, the row stays
    unsent with the error, and a later attempt (the task's own retry, or the
    `send_pending_emails` command) sends it: no mail is lost and no
    registration waits for a mail server."""

    registration = models.ForeignKey(
        Registration,
        verbose_name=_("registration"),
        related_name="outgoing_emails",
        # The body carries personal data: it goes with the registration.
        on_delete=models.CASCADE,
        null=True,
        blank=True,
    )
    kind = models.CharField(_("kind"), max_length=40)
    recipient = models.EmailField(_("recipient"))
    language = models.CharField(_("language"), max_length=2, choices=Language.choices)
    subject = models.CharField(_("subject"), max_length=300)
    body = models.TextField(_("text"))
    created_at = models.DateTimeField(_("created"), default=timezone.now)
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    next_attempt_at = models.DateTimeField(_("next attempt"), default=timezone.now)
    last_error = models.TextField(_("last error"), blank=True)
    sent_at = models.DateTimeField(_("sent at"), null=True, blank=True)

    class Meta:
        verbose_name = _("outgoing email")
        verbose_name_plural = _("outgoing emails")
        ordering = ["-created_at", "-id"]
        indexes = [
            models.Index(
                fields=["next_attempt_at"],
                condition=Q(sent_at__isnull=True),
                name="missions_email_unsent_idx",
            )
        ]

    def __str__(self):
        return f"{self.recipient}: {self.subject}"
