"""Exhibitions in Japan with the Amur pavilion, and the Amur companies that
take part in them.

A Participation is an application (partners.applications): the workflow
missions and exhibitions share (company matched by INN, consent, email
confirmation, the applicant's own page, staff review with reasons, history
and emails) drives it. What is the exhibition's own stays here: the stand,
the products shown, the public catalogue.
"""

import uuid
from pathlib import PurePosixPath

from django.db import models
from django.db.models import Count, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext

from amur_invest.images import CheckedImageField
from amur_invest.revisions import CalendarRevisionModel
from amur_invest.text import many_lines, one_line
from partners.applications.models import Application, ApplicationStatusChange
from partners.models import Sector
from partners.validators import validate_inn


class ExhibitionQuerySet(models.QuerySet):
    def upcoming(self, today=None):
        """Exhibitions that have not ended yet, the ongoing ones included."""
        return self.filter(ends_on__gte=today or timezone.localdate())

    def past(self, today=None):
        return self.filter(ends_on__lt=today or timezone.localdate())

    def with_exhibitor_count(self):
        """Annotate `exhibitor_count`: the accepted participations, the ones
        the public catalogue lists."""
        accepted = Q(participations__status=Participation.Status.ACCEPTED)
        return self.annotate(exhibitor_count=Count("participations", filter=accepted))


class Exhibition(CalendarRevisionModel):
    """An international exhibition in Japan where the Amur Region may have a
    pavilion."""

    class Status(models.TextChoices):
        UPCOMING = "upcoming", _("upcoming")
        ONGOING = "ongoing", _("under way")
        PAST = "past", _("held")
        CANCELLED = "cancelled", _("cancelled")

    name = models.CharField(_("name"), max_length=300, validators=[one_line])
    slug = models.SlugField(_("slug"), max_length=120, unique=True)
    edition = models.PositiveSmallIntegerField(
        _("edition"),
        null=True,
        blank=True,
        help_text=_("The number of this edition, e.g. 46 for the 46th."),
    )
    starts_on = models.DateField(_("starts on"))
    ends_on = models.DateField(_("ends on"))
    venue = models.CharField(
        _("venue"), max_length=300, blank=True, validators=[one_line]
    )
    city = models.CharField(_("city"), max_length=200, validators=[one_line])
    website = models.URLField(_("organiser's website"), blank=True)
    sectors = models.ManyToManyField(
        Sector, verbose_name=_("sectors"), related_name="exhibitions", blank=True
    )
    organiser = models.CharField(
        _("organiser"), max_length=300, blank=True, validators=[one_line]
    )
    pavilion_offer = models.TextField(
        _("what the Amur pavilion offers"),
        blank=True,
        validators=[many_lines],
        help_text=_(
            "For Amur companies and visitors: stands, samples, interpreters, "
            "the region's presentation."
        ),
    )
    is_cancelled = models.BooleanField(
        _("cancelled"),
        default=False,
        help_text=_("Kept on the site and in calendar feeds, marked as cancelled."),
    )
    applications_open = models.BooleanField(
        _("applications open"),
        default=False,
        help_text=_("Amur companies may apply for the pavilion."),
    )
    application_deadline = models.DateTimeField(
        _("application deadline"), null=True, blank=True
    )
    is_sample = models.BooleanField(
        _("sample data"),
        default=False,
        help_text=_("Demonstration record, not a real exhibition."),
    )
    pavilion_meetings = models.BooleanField(
        _("meetings at the pavilion"),
        default=False,
        help_text=_(
            "Japanese companies may sign up to meet the pavilion's companies; "
            "set the sessions, tables and interpreters under Meetings with "
            "Japanese partners."
        ),
    )

    objects = ExhibitionQuerySet.as_manager()

    class Meta:
        verbose_name = _("exhibition")
        verbose_name_plural = _("exhibitions")
        ordering = ["-starts_on", "slug"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_on__gte=models.F("starts_on")),
                name="exhibitions_exhibition_ends_after_start",
                violation_error_message=_(
                    "The exhibition cannot end before it starts."
                ),
            )
        ]
        indexes = [models.Index(fields=["starts_on", "ends_on"])]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("exhibitions:exhibition_detail", kwargs={"slug": self.slug})

    @property
    def title(self) -> str:
        """The name, under the word a mission uses for it: pages that show
        either (the meetings') need not ask which."""
        return self.name

    @property
    def place(self) -> str:
        """The venue and the city as the reader's language lists them:
        東京ビッグサイト、東京 in Japanese, Tokyo Big Sight, Tokyo in English."""
        parts = [part for part in (self.venue, self.city) if part]
        return pgettext("list separator", ", ").join(parts)

    def status_on(self, today) -> str:
        if self.is_cancelled:
            return self.Status.CANCELLED
        if today < self.starts_on:
            return self.Status.UPCOMING
        if today > self.ends_on:
            return self.Status.PAST
        return self.Status.ONGOING

    @property
    def status(self) -> str:
        """Follows the dates: nobody has to remember to close an exhibition."""
        return self.status_on(timezone.localdate())

    def get_status_display(self) -> str:
        return self.Status(self.status).label

    @property
    def is_accepting_applications(self) -> bool:
        if not self.applications_open or self.status != self.Status.UPCOMING:
            return False
        deadline = self.application_deadline
        return deadline is None or timezone.now() < deadline

    @property
    def is_finished(self) -> bool:
        return self.status in {self.Status.PAST, self.Status.CANCELLED}


class Participation(Application):
    """An Amur company at an exhibition: its application, then its stand.

    unconfirmed --email link--> submitted --staff--> accepted | declined;
    submitted or accepted --company or staff--> withdrawn.
    Only accepted participations appear in the public exhibitor catalogue.
    Staff may also enter a participation received by other means: it starts
    submitted, with the company staff chose.
    """

    class Status(models.TextChoices):
        UNCONFIRMED = "unconfirmed", _("awaiting email confirmation")
        SUBMITTED = "submitted", _("submitted")
        ACCEPTED = "accepted", _("accepted")
        DECLINED = "declined", _("declined")
        WITHDRAWN = "withdrawn", _("withdrawn")

    # Confirmed applications that have not ended: two of them for one
    # company compete, and staff decide. An unconfirmed one does not count: a
    # stranger who types a company's public INN must never block the company.
    ACTIVE_STATUSES = frozenset({Status.SUBMITTED, Status.ACCEPTED})

    parent_field = "exhibition"
    searched_fields = (*Application.searched_fields, "stand")
    applicant_url_name = "exhibitions:application_detail"
    confirm_url_name = "exhibitions:application_confirm"
    email_templates = "exhibitions/email"

    exhibition = models.ForeignKey(
        Exhibition,
        verbose_name=_("exhibition"),
        related_name="participations",
        on_delete=models.PROTECT,
    )
    # A participation staff entered for a known company has no form behind
    # it: what the form said, and the contact, may be empty.
    inn = models.CharField(
        _("INN given in the form"),
        max_length=12,
        blank=True,
        validators=[validate_inn],
    )
    company_name = models.CharField(
        _("company name in Russian, as given"),
        max_length=300,
        blank=True,
        validators=[one_line],
    )
    contact_name = models.CharField(
        _("contact person"), max_length=200, blank=True, validators=[one_line]
    )
    email = models.EmailField(_("email"), blank=True)
    # What the company asked for, in its own words; staff write the
    # catalogue's texts in three languages from them.
    products_to_show = models.TextField(
        _("products to show, as the company wrote"),
        blank=True,
        validators=[many_lines],
    )
    volumes_offered = models.TextField(
        _("volumes, as the company wrote"), blank=True, validators=[many_lines]
    )
    certifications_held = models.TextField(
        _("certifications, as the company wrote"),
        blank=True,
        validators=[many_lines],
    )
    stand_wishes = models.TextField(
        _("wishes for the stand"),
        blank=True,
        validators=[many_lines],
        help_text=_("Space, equipment, samples, an interpreter, sharing a stand."),
    )
    # The catalogue, as staff prepare it for buyers.
    stand = models.CharField(
        _("stand"),
        max_length=50,
        blank=True,
        validators=[one_line],
        help_text=_("As in the exhibition's floor plan, e.g. 5E-23."),
    )
    pavilion = models.CharField(
        _("pavilion"),
        max_length=200,
        blank=True,
        validators=[one_line],
        help_text=_("The hall or national pavilion the stand is in."),
    )
    products_shown = models.TextField(
        _("products shown"), blank=True, validators=[many_lines]
    )
    certifications = models.TextField(
        _("certifications"),
        blank=True,
        validators=[many_lines],
        help_text=_("HACCP, ISO 22000, organic, halal, Japanese standards..."),
    )
    volumes = models.TextField(
        _("volumes available"),
        blank=True,
        validators=[many_lines],
        help_text=_("What the company can supply, e.g. up to 40 tonnes a year."),
    )
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=Status.choices,
        # Staff entering an application received by other means need no
        # email confirmation; the public form creates unconfirmed rows.
        default=Status.SUBMITTED,
        db_index=True,
    )

    class Meta:
        verbose_name = _("participation")
        verbose_name_plural = _("participations")
        ordering = ["exhibition", "company__slug"]
        constraints = [
            # Several applications may name one company (a stranger may know
            # its INN); staff decide between them, and only one is accepted.
            models.UniqueConstraint(
                fields=["exhibition", "company"],
                condition=Q(status="accepted"),
                name="exhibitions_participation_one_accepted_per_company",
                violation_error_message=_(
                    "This company already takes part in this exhibition."
                ),
            ),
            # Sending the same form again refreshes the pending application
            # instead of adding another.
            models.UniqueConstraint(
                fields=["exhibition", "inn", "email"],
                condition=Q(status="unconfirmed"),
                name="exhibitions_participation_one_pending_per_sender",
            ),
            models.CheckConstraint(
                condition=Q(status="unconfirmed") | Q(company__isnull=False),
                name="exhibitions_participation_confirmed_has_company",
            ),
        ]
        permissions = [
            ("import_participation", _("Can import participations")),
            ("export_participation", _("Can export participations")),
        ]

    def __str__(self):
        return f"{self.company_label} — {self.exhibition}"

    # Not get_absolute_url: see Application.get_applicant_url.
    def catalogue_url(self) -> str:
        """The public exhibitor page; it exists while the participation is
        accepted. The applicant's own page is `get_applicant_url()`."""
        return reverse(
            "exhibitions:exhibitor_detail",
            kwargs={"slug": self.exhibition.slug, "company": self.company.slug},
        )

    @property
    def is_public(self) -> bool:
        return self.status == self.Status.ACCEPTED

    @property
    def takes_changes(self) -> bool:
        return self.exhibition.is_accepting_applications

    @property
    def has_ended(self) -> bool:
        return self.exhibition.is_finished


class StatusChange(ApplicationStatusChange):
    """One step in a participation's life (see ApplicationStatusChange)."""

    participation = models.ForeignKey(
        Participation,
        verbose_name=_("participation"),
        related_name="status_changes",
        on_delete=models.CASCADE,
    )
    from_status = models.CharField(
        _("from"), max_length=20, choices=Participation.Status.choices, blank=True
    )
    to_status = models.CharField(
        _("to"), max_length=20, choices=Participation.Status.choices
    )

    class Meta(ApplicationStatusChange.Meta):
        pass


def product_photo_path(product, filename: str) -> str:
    """A generated name: what staff called the file never reaches the URL."""
    suffix = PurePosixPath(filename).suffix.lower()
    return f"exhibitions/products/{uuid.uuid4().hex}{suffix}"


class ParticipationProduct(models.Model):
    """A product an exhibitor shows, with its photograph."""

    participation = models.ForeignKey(
        Participation,
        verbose_name=_("participation"),
        related_name="products",
        on_delete=models.CASCADE,
    )
    name = models.CharField(_("name"), max_length=200, validators=[one_line])
    description = models.TextField(
        _("description"), blank=True, validators=[many_lines]
    )
    photo = CheckedImageField(
        _("photo"),
        upload_to=product_photo_path,
        blank=True,
        shown_as=("4:3",),
        help_text=_("JPEG, PNG or WebP; the site makes the smaller sizes."),
    )
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        verbose_name = _("product shown")
        verbose_name_plural = _("products shown")
        ordering = ["participation", "position", "id"]

    def __str__(self):
        return self.name
