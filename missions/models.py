"""Business missions to Japan and the registrations of Amur companies."""

from django.conf import settings
from django.db import models
from django.db.models import Count, F, OuterRef, Q, Subquery, Sum
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from amur_invest.text import many_lines, one_line
from missions.validators import latin_letters
from partners.applications.models import Application, ApplicationStatusChange
from partners.models import Organization, Prefecture, Sector


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

        Each number is a subquery over one mission's registrations in one
        status, read from the index on (mission, status, delegates) alone:
        joining and grouping every registration of every mission took most
        of a second at 100 missions and 100,000 registrations.

        The seat total is not called `seats_taken` because that name is the
        model method, which reads the annotation when it is there."""
        counts = {
            f"count_{status}": _per_mission(status, Count("status"))
            for status in Registration.Status.values
        }
        return self.annotate(
            delegates_accepted=_per_mission(
                Registration.Status.ACCEPTED, Sum("delegates")
            ),
            **counts,
        )

    def with_seats_taken(self):
        """Annotate `delegates_accepted` alone, for public pages."""
        return self.annotate(
            delegates_accepted=_per_mission(
                Registration.Status.ACCEPTED, Sum("delegates")
            )
        )


def _per_mission(status: str, aggregate):
    """The aggregate over the outer mission's registrations in `status`, 0
    when it has none."""
    rows = (
        Registration.objects.filter(mission=OuterRef("pk"), status=status)
        .order_by()
        .values("mission")
        .annotate(total=aggregate)
        .values("total")
    )
    return Coalesce(Subquery(rows), 0)


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
    def sequence(self) -> int:
        """The revision of the mission in a calendar (iCalendar SEQUENCE).
        Missions keep no revision counter: the seconds between creation and
        the last save grow with every save, which is what SEQUENCE must do."""
        return max(int((self.updated_at - self.created_at).total_seconds()), 0)

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


class Registration(Application):
    """An Amur company's registration of interest in a mission (see
    partners.applications for what every application has)."""

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

    parent_field = "mission"
    applicant_url_name = "missions:registration_detail"
    confirm_url_name = "missions:registration_confirm"
    email_templates = "missions/email"

    mission = models.ForeignKey(
        Mission,
        verbose_name=_("mission"),
        related_name="registrations",
        on_delete=models.PROTECT,
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
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=Status.choices,
        default=Status.UNCONFIRMED,
        db_index=True,
    )

    class Meta:
        verbose_name = _("registration")
        verbose_name_plural = _("registrations")
        ordering = ["mission", "confirmed_at", "created_at"]
        # Seats taken and the waiting list are sums and counts of one
        # mission's registrations in one status, asked on every mission page.
        indexes = [
            models.Index(
                fields=["mission", "status", "delegates"],
                name="registration_seats_idx",
            ),
            # The admin's list, newest first.
            models.Index(
                F("created_at").desc(), F("id").desc(), name="registration_newest_idx"
            ),
        ]
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

    @property
    def takes_changes(self) -> bool:
        return self.mission.is_registration_open

    @property
    def has_ended(self) -> bool:
        return self.mission.is_finished

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


class Delegate(models.Model):
    """A person the registration sends to Japan. The hosts' lists name them in
    Latin letters as in the passport; the agency reads the Russian name.

    Personal data like the contact person's: given under the registrant's
    consent, erased with the registration's personal data (on request, or
    after the mission), and watched by the audit trail."""

    registration = models.ForeignKey(
        Registration,
        verbose_name=_("registration"),
        related_name="delegate_people",
        on_delete=models.CASCADE,
    )
    name_ru = models.CharField(
        _("name in Russian"), max_length=200, validators=[one_line]
    )
    name_latin = models.CharField(
        _("name in Latin letters, as in the passport"),
        max_length=200,
        validators=[one_line, latin_letters],
    )
    position = models.CharField(
        _("position"), max_length=200, blank=True, validators=[one_line]
    )
    needs_interpreter = models.BooleanField(_("needs an interpreter"), default=False)

    class Meta:
        verbose_name = pgettext_lazy("a person", "delegate")
        verbose_name_plural = pgettext_lazy("the people named", "delegates")
        ordering = ["registration", "id"]

    def __str__(self):
        return self.name_latin or self.name_ru


class StatusChange(ApplicationStatusChange):
    """One step in a registration's life (see ApplicationStatusChange)."""

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

    class Meta(ApplicationStatusChange.Meta):
        pass


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
