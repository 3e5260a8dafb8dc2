"""Business missions to Japan and the registrations of Amur companies."""

import secrets

from django.conf import settings
from django.db import models
from django.db.models import Case, Count, OuterRef, Q, Subquery, Sum, When
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from amur_invest.text import many_lines, one_line
from partners.models import (
    Company,
    Consent,
    District,
    Language,
    Organization,
    Prefecture,
    Sector,
)
from partners.validators import validate_inn


class MissionQuerySet(models.QuerySet):
    """A mission's phase follows its dates: no one has to remember to move a
    mission from "upcoming" to "completed"."""

    def upcoming(self, today=None):
        today = today or timezone.localdate()
        return self.filter(cancelled=False, starts_on__gt=today)

    def in_progress(self, today=None):
        today = today or timezone.localdate()
        return self.filter(cancelled=False, starts_on__lte=today, ends_on__gte=today)

    def completed(self, today=None):
        today = today or timezone.localdate()
        return self.filter(cancelled=False, ends_on__lt=today)

    def open_for_registration(self, now=None):
        now = now or timezone.now()
        return (
            self.upcoming(timezone.localdate(now))
            .filter(registration_open=True)
            .filter(
                Q(registration_deadline__isnull=True) | Q(registration_deadline__gt=now)
            )
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
        """The phase of a mission, computed from its dates (see `status`)."""

        PLANNED = "planned", pgettext_lazy("mission status", "upcoming")
        IN_PROGRESS = "in_progress", pgettext_lazy("mission status", "in progress")
        COMPLETED = "completed", pgettext_lazy("mission status", "completed")
        CANCELLED = "cancelled", pgettext_lazy("mission status", "cancelled")

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
    cancelled = models.BooleanField(
        _("cancelled"),
        default=False,
        help_text=_(
            "A cancelled mission takes no registrations. Whether a mission is "
            "upcoming, in progress or completed follows from its dates."
        ),
    )
    results = models.TextField(_("results"), blank=True, validators=[many_lines])
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    objects = MissionQuerySet.as_manager()

    class Meta:
        verbose_name = _("business mission")
        verbose_name_plural = _("business missions")
        ordering = ["-starts_on"]
        permissions = [
            (
                "manage_admission",
                _(
                    "Can change seats, admission, registration dates and "
                    "cancellation of a mission"
                ),
            ),
        ]
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
    def status(self) -> str:
        """upcoming, in progress or completed by today's date; or cancelled."""
        if self.cancelled:
            return self.Status.CANCELLED
        today = timezone.localdate()
        if today < self.starts_on:
            return self.Status.PLANNED
        if today <= self.ends_on:
            return self.Status.IN_PROGRESS
        return self.Status.COMPLETED

    def get_status_display(self) -> str:
        return self.Status(self.status).label

    @property
    def has_started(self) -> bool:
        return self.cancelled or timezone.localdate() >= self.starts_on

    @property
    def is_registration_open(self) -> bool:
        """Open by the staff's flag, before the deadline, and never once the
        mission has started or was cancelled."""
        if not self.registration_open or self.has_started:
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


class RegistrationQuerySet(models.QuerySet):
    def active(self):
        return self.filter(status__in=Registration.ACTIVE_STATUSES)

    def competitors_of(self, registration: "Registration"):
        """The other active registrations of the same company for the same
        mission: only one of them can be the company's real one."""
        if registration.company_id is None:
            return self.none()
        return (
            self.active()
            .filter(
                mission_id=registration.mission_id, company_id=registration.company_id
            )
            .exclude(pk=registration.pk)
        )

    def with_competitors(self):
        """Annotate `competitors`: how many other active registrations the same
        company has for the same mission (0 for an unconfirmed one), in the
        same query as the list."""
        others = (
            Registration.objects.filter(
                mission=OuterRef("mission"),
                company=OuterRef("company"),
                status__in=Registration.ACTIVE_STATUSES,
            )
            .exclude(pk=OuterRef("pk"))
            .order_by()
            .values("mission")
            .annotate(count=Count("pk"))
            .values("count")
        )
        return self.annotate(
            competitors=Case(
                When(
                    status__in=Registration.ACTIVE_STATUSES,
                    company__isnull=False,
                    then=Coalesce(Subquery(others), 0),
                ),
                default=0,
                output_field=models.IntegerField(),
            )
        )


class Registration(models.Model):
    """An Amur company's registration of interest in a mission.

    What the form said about the company stays on the registration (INN, names,
    district, sectors): a stranger's unconfirmed form post creates no company.
    The company is matched by INN, or created unpublished, when the email
    address is confirmed."""

    class Status(models.TextChoices):
        UNCONFIRMED = "unconfirmed", _("awaiting email confirmation")
        SUBMITTED = "submitted", _("submitted")
        ACCEPTED = "accepted", _("accepted")
        WAITLISTED = "waitlisted", _("on the waiting list")
        HELD = "held", _("in reserve")
        DECLINED = "declined", _("declined")
        WITHDRAWN = "withdrawn", _("withdrawn")

    # Confirmed registrations that have not ended: the registrant or staff may
    # still withdraw or decline them, and two of them for one company compete.
    ACTIVE_STATUSES = frozenset(
        {Status.SUBMITTED, Status.ACCEPTED, Status.WAITLISTED, Status.HELD}
    )

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
        null=True,
        blank=True,
        help_text=_("Matched by INN, or created, when the email is confirmed."),
    )
    inn = models.CharField(
        _("INN given in the form"), max_length=12, validators=[validate_inn]
    )
    company_name = models.CharField(
        _("company name in Russian, as given"),
        max_length=300,
        validators=[one_line],
    )
    company_name_other = models.CharField(
        _("company name in English or Japanese, as given"),
        max_length=300,
        blank=True,
        validators=[one_line],
    )
    company_district = models.ForeignKey(
        District,
        verbose_name=_("district, as given"),
        related_name="+",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
    )
    company_sectors = models.ManyToManyField(
        Sector, verbose_name=_("sectors, as given"), related_name="+", blank=True
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

    objects = RegistrationQuerySet.as_manager()

    class Meta:
        verbose_name = _("registration")
        verbose_name_plural = _("registrations")
        ordering = ["mission", "confirmed_at", "created_at"]
        constraints = [
            # Several registrations may name one company (a stranger may know
            # its INN); staff decide between them, and only one holds seats.
            models.UniqueConstraint(
                fields=["mission", "company"],
                condition=Q(status="accepted"),
                name="missions_registration_one_accepted_per_company",
                violation_error_message=_(
                    "Another registration of this company already holds seats "
                    "on this mission."
                ),
            ),
            # Sending the same form again refreshes the pending registration
            # instead of adding another.
            models.UniqueConstraint(
                fields=["mission", "inn", "email"],
                condition=Q(status="unconfirmed"),
                name="missions_registration_one_pending_per_sender",
            ),
            models.CheckConstraint(
                condition=Q(status="unconfirmed") | Q(company__isnull=False),
                name="missions_registration_confirmed_has_company",
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
        return f"{self.company_label} — {self.mission}"

    def get_absolute_url(self):
        return reverse("missions:registration_detail", kwargs={"token": self.token})

    @property
    def company_label(self) -> str:
        """The company's name: the matched company's once confirmed (in the
        active language), the name typed in the form before."""
        if self.company_id is not None:
            return str(self.company.name)
        return self.company_name

    @property
    def is_anonymised(self) -> bool:
        return self.anonymised_at is not None

    @property
    def can_withdraw(self) -> bool:
        """The registrant's page offers withdrawal only while it means something:
        a confirmed registration of a mission that has not ended."""
        return self.status in self.ACTIVE_STATUSES and not self.mission.is_finished

    @property
    def can_edit(self) -> bool:
        """The registrant may correct a confirmed registration until
        registration for the mission closes (its deadline, or the start of the
        mission). Before confirming, they simply send the form again."""
        return (
            self.status in self.ACTIVE_STATUSES
            and not self.is_anonymised
            and self.mission.is_registration_open
        )

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
    """One step in a registration's life: who moved it, when and why. Steps
    that keep the status (the registrant corrected the details, personal data
    was erased) are kept here too, so that the history is complete."""

    class Kind(models.TextChoices):
        STATUS = "status", _("status change")
        DETAILS = "details", _("details changed")
        ERASURE = "erasure", _("personal data erased")

    registration = models.ForeignKey(
        Registration,
        verbose_name=_("registration"),
        related_name="status_changes",
        on_delete=models.CASCADE,
    )
    kind = models.CharField(
        _("kind of step"), max_length=20, choices=Kind.choices, default=Kind.STATUS
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
        if self.kind != self.Kind.STATUS:
            return str(self.get_kind_display())
        before = self.get_from_status_display() if self.from_status else "—"
        return f"{before} → {self.get_to_status_display()}"


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

    class Kind(models.TextChoices):
        CONFIRM = "confirm", _("confirmation link")
        ALREADY_REGISTERED = "already_registered", _("link to an existing registration")
        CHANGED = "registration_changed", _("registration corrected")
        SUBMITTED = "status_submitted", _("registration confirmed")
        ACCEPTED = "status_accepted", _("accepted into the delegation")
        WAITLISTED = "status_waitlisted", _("on the waiting list")
        HELD = "status_held", _("kept in reserve")
        DECLINED = "status_declined", _("registration declined")
        WITHDRAWN = "status_withdrawn", _("registration withdrawn")

    registration = models.ForeignKey(
        Registration,
        verbose_name=_("registration"),
        related_name="outgoing_emails",
        # The body carries personal data: it goes with the registration.
        on_delete=models.CASCADE,
        null=True,
        blank=True,
    )
    kind = models.CharField(_("kind"), max_length=40, choices=Kind.choices)
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


class DeletedRegistration(models.Model):
    """What remains of a registration a superuser deleted: who deleted it,
    when and why, and the registration's decisions and history without the
    contact person's personal data. Django's admin log keeps only the name of
    a deleted row; staff must still be able to tell what happened to a
    company's registration."""

    mission = models.ForeignKey(
        Mission,
        verbose_name=_("mission"),
        related_name="deleted_registrations",
        on_delete=models.PROTECT,
    )
    registration_pk = models.PositiveBigIntegerField(_("registration number"))
    inn = models.CharField(_("INN"), max_length=12)
    company_name = models.CharField(_("company"), max_length=300, validators=[one_line])
    status = models.CharField(
        _("status when deleted"), max_length=20, choices=Registration.Status.choices
    )
    delegates = models.PositiveSmallIntegerField(_("delegates"))
    confirmed_at = models.DateTimeField(_("confirmed at"), null=True, blank=True)
    registered_at = models.DateTimeField(_("registered at"))
    history = models.JSONField(_("status history"), default=list)
    deleted_at = models.DateTimeField(_("deleted at"), default=timezone.now)
    deleted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("deleted by"),
        related_name="+",
        on_delete=models.SET_NULL,
        null=True,
    )
    reason = models.TextField(_("reason"), blank=True, validators=[many_lines])

    class Meta:
        verbose_name = _("deleted registration")
        verbose_name_plural = _("deleted registrations")
        ordering = ["-deleted_at", "-id"]

    def __str__(self):
        return f"{self.company_name} — {self.mission}"
