"""The abstract application and its status history.

`Application` holds what every kind of application has: the contact, what the
form said about the company until the address is confirmed, the company
matched then, the consent, the secret token, staff notes and anonymisation. A
concrete model (missions' Registration, exhibitions' Participation) adds the
thing applied for, its own `Status` and what is its own.

A concrete `Status` has at least UNCONFIRMED, SUBMITTED, ACCEPTED, DECLINED and
WITHDRAWN, with those values: the shared steps move applications between them.
"""

import secrets

from django.apps import apps
from django.conf import settings
from django.db import models
from django.db.models import Case, Count, OuterRef, Subquery, When
from django.db.models.functions import Coalesce
from django.dispatch import receiver
from django.urls import reverse
from django.utils import timezone
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from amur_invest.folding import fold
from amur_invest.outbox.models import kept_mail
from amur_invest.text import many_lines, one_line
from partners.models import Company, Consent, District, Language, Sector
from partners.search import search_text_changed
from partners.validators import validate_inn

UNCONFIRMED = "unconfirmed"
SUBMITTED = "submitted"
ACCEPTED = "accepted"
DECLINED = "declined"
WITHDRAWN = "withdrawn"


class EmailKind(models.TextChoices):
    """Emails every kind of application sends, besides one per status
    (`status_<status>`). The stored values keep the names they were given
    when only missions had applications."""

    CONFIRM = "confirm", _("confirmation link")
    # No longer sent (the confirmation link leads to an application the
    # company already has); named for the emails kept from before.
    ALREADY_APPLIED = "already_registered", _("link to an existing application")
    CHANGED = "registration_changed", _("application corrected")


class ApplicationQuerySet(models.QuerySet):
    def active(self):
        return self.filter(status__in=self.model.ACTIVE_STATUSES)

    def competitors_of(self, application):
        """The other active applications of the same company for the same
        mission or exhibition: only one of them can be the company's real one."""
        if application.company_id is None:
            return self.none()
        parent = application.parent_field
        return (
            self.active()
            .filter(
                **{f"{parent}_id": application.parent_id},
                company_id=application.company_id,
            )
            .exclude(pk=application.pk)
        )

    def with_competitors(self):
        """Annotate `competitors`: how many other active applications the same
        company has for the same mission or exhibition (0 for an unconfirmed
        one), in the same query as the list."""
        model, parent = self.model, self.model.parent_field
        others = (
            model.objects.filter(
                **{parent: OuterRef(parent)},
                company=OuterRef("company"),
                status__in=model.ACTIVE_STATUSES,
            )
            .exclude(pk=OuterRef("pk"))
            .order_by()
            .values(parent)
            .annotate(count=Count("pk"))
            .values("count")
        )
        return self.annotate(
            competitors=Case(
                When(
                    status__in=model.ACTIVE_STATUSES,
                    company__isnull=False,
                    then=Coalesce(Subquery(others), 0),
                ),
                default=0,
                output_field=models.IntegerField(),
            )
        )


class Application(models.Model):
    """An Amur company's application, from the public form on.

    What the form said about the company stays on the application (INN, names,
    district, sectors): a stranger's unconfirmed form post creates no company.
    The company is matched by INN, or created unpublished, when the email
    address is confirmed.

    A subclass sets `parent_field` (the foreign key to what is applied for),
    `applicant_url_name` (its secret-link page), `confirm_url_name`,
    `email_templates` (a template folder), and defines
    `status`, `Status`, `ACTIVE_STATUSES`, `takes_changes` and `has_ended`."""

    parent_field = ""
    applicant_url_name = ""
    confirm_url_name = ""
    email_templates = ""

    company = models.ForeignKey(
        Company,
        verbose_name=_("company"),
        related_name="%(class)ss",
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
    language = models.CharField(
        _("correspondence language"),
        max_length=2,
        choices=Language.choices,
        default=Language.RUSSIAN,
    )
    # The order of confirmation is the order staff see and, for missions,
    # the order in which seats are handed out.
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
        related_name="%(class)ss",
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
    # What staff search the list by, folded as amur_invest.folding folds
    # (case, ё and е, katakana and hiragana): the application's own
    # `searched_fields` and the matched company's search text, kept in step
    # on save and when the company's text changes. One column, so that one
    # trigram index (PostgreSQL) answers a search of 100,000 applications.
    # The database's own default keeps a row written without it (by older
    # code, or a migration's historical model) valid.
    search_text = models.TextField(
        _("search text"), blank=True, default="", db_default="", editable=False
    )
    outgoing_emails = kept_mail()

    # The application's own fields staff search by; a subclass may add its own.
    searched_fields = (
        "inn",
        "company_name",
        "company_name_other",
        "contact_name",
        "email",
    )

    objects = ApplicationQuerySet.as_manager()

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        update_fields = kwargs.get("update_fields")
        sources = {*self.searched_fields, "company", "company_id"}
        if update_fields is None or sources.intersection(update_fields):
            self.search_text = self.build_search_text()
            if update_fields is not None:
                kwargs["update_fields"] = {*update_fields, "search_text"}
        super().save(*args, **kwargs)

    def build_search_text(self) -> str:
        return application_search_text(
            self, self.company.search_text if self.company_id else ""
        )

    @classmethod
    def email_kind_label(cls, kind: str) -> str | None:
        """What an email of this kind is, for staff."""
        status = kind.removeprefix("status_")
        if kind.startswith("status_") and status in cls.Status.values:
            return format_lazy(_("status: {}"), cls.Status(status).label)
        return EmailKind(kind).label if kind in EmailKind.values else None

    # No get_absolute_url, in any subclass: Django's "view on site"
    # (/admin/r/<type>/<id>/) sends any staff member to it, and the secret
    # link is the applicant's credential. Emails and the applicant's own
    # pages ask for it by this name.
    def get_applicant_url(self) -> str:
        """The applicant's own page, reached by the secret link."""
        return reverse(self.applicant_url_name, kwargs={"token": self.token})

    @property
    def parent(self):
        """The mission or exhibition applied for."""
        return getattr(self, self.parent_field)

    @property
    def parent_id(self):
        return getattr(self, f"{self.parent_field}_id")

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
    def takes_changes(self) -> bool:
        """Whether the mission or exhibition still takes applications."""
        raise NotImplementedError

    @property
    def has_ended(self) -> bool:
        """Whether the mission or exhibition is over or cancelled."""
        raise NotImplementedError

    @property
    def can_withdraw(self) -> bool:
        """The applicant's page offers withdrawal only while it means
        something: a confirmed application whose event has not ended."""
        return self.status in self.ACTIVE_STATUSES and not self.has_ended

    @property
    def can_edit(self) -> bool:
        """The applicant may correct a confirmed application until
        applications close (the deadline, or the start of the event). Before
        confirming, they simply send the form again."""
        return (
            self.status in self.ACTIVE_STATUSES
            and not self.is_anonymised
            and self.takes_changes
        )


def application_search_text(application, company_text: str, fields=None) -> str:
    """The application's own searched fields (`fields`, by default its
    model's), folded, then its company's search text (folded already).
    Reads plain attributes only, so that data migrations can use it on
    historical models with the fields named."""
    names = fields or application.searched_fields
    own = (str(getattr(application, name) or "") for name in names)
    return fold(" ".join([*own, company_text]))


def application_models() -> list[type[Application]]:
    return [model for model in apps.get_models() if issubclass(model, Application)]


@receiver(search_text_changed)
def follow_the_companies(sender, pks, **kwargs):
    """The applications of companies whose search text changed take the new
    text: a renamed company is found in every list under its new name."""
    for model in application_models():
        applications = list(
            model.objects.filter(company__in=pks).select_related("company")
        )
        for application in applications:
            application.search_text = application.build_search_text()
        model.objects.bulk_update(applications, ["search_text"], batch_size=500)


class ApplicationStatusChange(models.Model):
    """One step in an application's life: who moved it, when and why. Steps
    that keep the status (the applicant corrected the details, personal data
    was erased) are kept here too, so that the history is complete.

    A subclass adds the foreign key to its application (related name
    `status_changes`) and `from_status` and `to_status` with its choices."""

    class Kind(models.TextChoices):
        STATUS = "status", _("status change")
        DETAILS = "details", _("details changed")
        ERASURE = "erasure", _("personal data erased")

    kind = models.CharField(
        _("kind of step"), max_length=20, choices=Kind.choices, default=Kind.STATUS
    )
    changed_at = models.DateTimeField(_("changed at"), default=timezone.now)
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("changed by"),
        related_name="+",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        help_text=_("Empty when the applicant or the system made the change."),
    )
    reason = models.TextField(_("reason"), blank=True, validators=[many_lines])

    class Meta:
        abstract = True
        verbose_name = _("status change")
        verbose_name_plural = _("status changes")
        ordering = ["changed_at", "id"]

    def __str__(self):
        if self.kind != self.Kind.STATUS:
            return str(self.get_kind_display())
        before = self.get_from_status_display() if self.from_status else "—"
        return f"{before} → {self.get_to_status_display()}"
