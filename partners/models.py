"""Who the agency works with: Amur companies, Japanese organisations, the
prefectures and their people, and what was agreed with them."""

import hashlib

from django.conf import settings
from django.core.validators import RegexValidator
from django.db import models
from django.db.models import F, Q
from django.db.models.signals import m2m_changed, post_delete, pre_delete
from django.dispatch import receiver
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from amur_invest.publishing import PublishedQuerySet
from amur_invest.text import many_lines, one_line
from partners.localized import localized
from partners.search import company_search_text, search_terms, search_text_changed
from partners.validators import (
    normalize_inn,
    normalize_ogrn,
    validate_corporate_number,
    validate_inn,
    validate_ogrn,
)


class Language(models.TextChoices):
    """Languages a person can be written to in."""

    RUSSIAN = "ru", "Русский"
    JAPANESE = "ja", "日本語"
    ENGLISH = "en", "English"


class District(models.Model):
    """A municipal or city district of the Amur Region."""

    class Kind(models.TextChoices):
        CITY_OKRUG = "city_okrug", _("city district")
        MUNICIPAL_OKRUG = "municipal_okrug", _("municipal district (okrug)")
        MUNICIPAL_RAYON = "municipal_rayon", _("municipal district (rayon)")

    name = models.CharField(_("name"), max_length=200, validators=[one_line])
    slug = models.SlugField(_("slug"), max_length=100, unique=True)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    centre = models.CharField(
        _("administrative centre"), max_length=200, blank=True, validators=[one_line]
    )

    class Meta:
        verbose_name = _("district")
        verbose_name_plural = _("districts")
        ordering = ["slug"]

    def __str__(self):
        return self.name


class Sector(models.Model):
    """A branch of the economy: food, animal feed, forestry, honey, ..."""

    name = models.CharField(_("name"), max_length=200, validators=[one_line])
    slug = models.SlugField(_("slug"), max_length=100, unique=True)
    description = models.TextField(
        _("description"), blank=True, validators=[many_lines]
    )
    position = models.PositiveSmallIntegerField(
        pgettext_lazy("order in a list", "position"), default=0
    )
    search_keywords = models.CharField(
        _("search keywords"),
        max_length=500,
        blank=True,
        validators=[one_line],
        help_text=_(
            "Other words people search this sector's companies by, in any "
            "language and script, separated by commas: "
            "мёд, honey, はちみつ, ハチミツ, 蜂蜜."
        ),
    )

    class Meta:
        verbose_name = _("sector")
        verbose_name_plural = _("sectors")
        ordering = ["position", "slug"]

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        super().save(*args, **kwargs)
        # Its companies are found by its names and keywords.
        self.companies.all().refresh_search_text()


class CompanyQuerySet(PublishedQuerySet):
    def search(self, query: str | None):
        """Companies whose names, products, identifiers or sectors (names
        and keywords, any language) hold every word of `query`, compared as
        partners.search folds text."""
        companies = self
        for term in search_terms(query):
            companies = companies.filter(search_text__contains=term)
        return companies

    def refresh_search_text(self) -> None:
        companies = list(self.prefetch_related("sectors"))
        changed = []
        for company in companies:
            text = company.build_search_text()
            if text != company.search_text:
                company.search_text = text
                changed.append(company)
        Company.objects.bulk_update(changed, ["search_text"], batch_size=500)
        if changed:
            search_text_changed.send(Company, pks=[company.pk for company in changed])


class Company(models.Model):
    """An Amur company: an exporter, a mission delegate, an exhibitor."""

    inn = models.CharField(
        _("INN"),
        max_length=12,
        unique=True,
        validators=[validate_inn],
        help_text=_("10 digits for an organisation, 12 for an entrepreneur."),
    )
    ogrn = models.CharField(
        _("OGRN"),
        max_length=15,
        blank=True,
        validators=[validate_ogrn],
        help_text=_("13 digits (OGRN) or 15 digits (OGRNIP)."),
    )
    name = models.CharField(_("name"), max_length=300, validators=[one_line])
    slug = models.SlugField(_("slug"), max_length=120, unique=True)
    district = models.ForeignKey(
        District,
        verbose_name=_("district"),
        related_name="companies",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
    )
    sectors = models.ManyToManyField(
        Sector, verbose_name=_("sectors"), related_name="companies", blank=True
    )
    products = models.TextField(_("products"), blank=True, validators=[many_lines])
    description = models.TextField(
        _("description"), blank=True, validators=[many_lines]
    )
    website = models.URLField(_("website"), blank=True)
    email = models.EmailField(_("email"), blank=True)
    phone = models.CharField(
        _("phone"), max_length=32, blank=True, validators=[one_line]
    )
    is_published = models.BooleanField(
        _("published in the exporters catalogue"), default=False
    )
    is_sample = models.BooleanField(
        _("sample data"),
        default=False,
        help_text=_("Demonstration record, not a real company."),
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)
    # Denormalised for search, kept up to date on save and on sector changes
    # (see partners.search for why and how it is folded).
    search_text = models.TextField(_("search text"), blank=True, editable=False)

    objects = CompanyQuerySet.as_manager()

    class Meta:
        verbose_name = _("Amur company")
        verbose_name_plural = _("Amur companies")
        ordering = ["slug"]
        # The catalogue sorts published companies by name in the reader's
        # language and the home page shows the newest: with thousands of
        # companies each would sort the whole table on every page view.
        indexes = [
            *(
                models.Index(
                    localized("name", code),
                    F("slug"),
                    condition=Q(is_published=True),
                    name=f"company_catalogue_{code}_idx",
                )
                for code in ("ru", "ja", "en")
            ),
            models.Index(
                F("created_at").desc(),
                F("id").desc(),
                condition=Q(is_published=True),
                name="company_newest_idx",
            ),
            # The sitemap's date of its companies section.
            models.Index(
                "updated_at",
                condition=Q(is_published=True),
                name="company_changed_idx",
            ),
        ]
        permissions = [
            # Content editors may polish the public texts of a company but not
            # its identifiers and contact data, which come from registrations.
            (
                "change_company_records",
                _("Can change company identifiers and contact data"),
            ),
            # Checked by django-import-export ("<code>_<model_name>").
            ("import_company", _("Can import Amur companies")),
            ("export_company", _("Can export Amur companies")),
        ]

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        text = self.build_search_text()
        # A new company has nothing that copies its text yet.
        changed = self.pk is not None and text != self.search_text
        self.search_text = text
        if (update_fields := kwargs.get("update_fields")) is not None:
            kwargs["update_fields"] = {*update_fields, "search_text"}
        super().save(*args, **kwargs)
        if changed:
            search_text_changed.send(Company, pks=[self.pk])

    def get_absolute_url(self):
        return reverse("partners:company_detail", kwargs={"slug": self.slug})

    def clean(self):
        # Store identifiers as digits only, whatever spacing staff typed.
        if self.inn:
            self.inn = normalize_inn(self.inn)
        if self.ogrn:
            self.ogrn = normalize_ogrn(self.ogrn)

    def build_search_text(self) -> str:
        sectors = self.sectors.all() if self.pk else []
        return company_search_text(self, sectors)

    def refresh_search_text(self) -> None:
        text = self.build_search_text()
        changed = text != self.search_text
        self.search_text = text
        Company.objects.filter(pk=self.pk).update(search_text=text)
        if changed:
            search_text_changed.send(Company, pks=[self.pk])


class Prefecture(models.Model):
    """One of the 47 prefectures of Japan, coded by JIS X 0401."""

    class Region(models.TextChoices):
        HOKKAIDO = "hokkaido", _("Hokkaido")
        TOHOKU = "tohoku", _("Tohoku")
        KANTO = "kanto", _("Kanto")
        CHUBU = "chubu", _("Chubu")
        KANSAI = "kansai", _("Kansai")
        CHUGOKU = "chugoku", _("Chugoku")
        SHIKOKU = "shikoku", _("Shikoku")
        KYUSHU_OKINAWA = "kyushu_okinawa", _("Kyushu and Okinawa")

    code = models.CharField(
        _("code"),
        max_length=2,
        unique=True,
        validators=[
            RegexValidator(
                r"^(0[1-9]|[1-3][0-9]|4[0-7])$",
                _("A prefecture code is two digits from 01 to 47."),
            )
        ],
    )
    name = models.CharField(_("name"), max_length=100, validators=[one_line])
    region = models.CharField(_("region"), max_length=20, choices=Region.choices)

    class Meta:
        verbose_name = _("prefecture")
        verbose_name_plural = _("prefectures")
        ordering = ["code"]
        permissions = [
            ("import_prefecture", _("Can import prefectures")),
            ("export_prefecture", _("Can export prefectures")),
        ]

    def __str__(self):
        return self.name


class Organization(models.Model):
    """A partner organisation, most often Japanese."""

    class Kind(models.TextChoices):
        COMPANY = "company", _("company")
        PREFECTURAL_GOVERNMENT = "prefectural_government", _("prefectural government")
        MUNICIPAL_GOVERNMENT = "municipal_government", _("municipal government")
        ASSOCIATION = "association", _("association")
        CHAMBER = "chamber", _("chamber of commerce")
        UNIVERSITY = "university", _("university")
        PUBLIC_BODY = "public_body", _("public body")
        OTHER = "other", _("other")

    name = models.CharField(_("name"), max_length=300, validators=[one_line])
    kind = models.CharField(_("kind"), max_length=30, choices=Kind.choices)
    corporate_number = models.CharField(
        _("corporate number (法人番号)"),
        max_length=13,
        blank=True,
        validators=[validate_corporate_number],
        help_text=_("Japanese organisations: 13 digits, the first a check digit."),
    )
    country = models.CharField(
        _("country"),
        max_length=2,
        default="JP",
        help_text=_("Two-letter ISO code: JP, RU, ..."),
        validators=[one_line],
    )
    prefecture = models.ForeignKey(
        Prefecture,
        verbose_name=_("prefecture"),
        related_name="organizations",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
    )
    city = models.CharField(
        _("city"), max_length=200, blank=True, validators=[one_line]
    )
    sectors = models.ManyToManyField(
        Sector, verbose_name=_("sectors"), related_name="organizations", blank=True
    )
    website = models.URLField(_("website"), blank=True)
    notes = models.TextField(_("staff notes"), blank=True, validators=[many_lines])
    is_sample = models.BooleanField(_("sample data"), default=False)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")
        ordering = ["id"]
        permissions = [
            ("import_organization", _("Can import organisations")),
            ("export_organization", _("Can export organisations")),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["corporate_number"],
                condition=~Q(corporate_number=""),
                name="partners_organization_corporate_number_unique",
                violation_error_message=_(
                    "An organisation with this corporate number already exists."
                ),
            )
        ]

    def __str__(self):
        return self.name


class Contact(models.Model):
    """A person at a partner organisation or prefectural office. Staff only."""

    organization = models.ForeignKey(
        Organization,
        verbose_name=_("organisation"),
        related_name="contacts",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
    )
    prefecture = models.ForeignKey(
        Prefecture,
        verbose_name=_("prefecture"),
        related_name="contacts",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
    )
    name_latin = models.CharField(
        _("name in Latin script"), max_length=200, validators=[one_line]
    )
    name_native = models.CharField(
        _("name in Japanese or Russian script"),
        max_length=200,
        blank=True,
        validators=[one_line],
    )
    position = models.CharField(
        _("position"), max_length=200, blank=True, validators=[one_line]
    )
    department = models.CharField(
        _("department"), max_length=200, blank=True, validators=[one_line]
    )
    email = models.EmailField(_("email"), blank=True)
    phone = models.CharField(
        _("phone"), max_length=32, blank=True, validators=[one_line]
    )
    preferred_language = models.CharField(
        _("preferred language"),
        max_length=2,
        choices=Language.choices,
        default=Language.JAPANESE,
    )
    notes = models.TextField(_("staff notes"), blank=True, validators=[many_lines])
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("contact person")
        verbose_name_plural = _("contact persons")
        ordering = ["name_latin"]
        permissions = [
            ("import_contact", _("Can import contact persons")),
            ("export_contact", _("Can export contact persons")),
        ]
        constraints = [
            # Imports match contacts by email, so a filled email is unique.
            models.UniqueConstraint(
                fields=["email"],
                condition=~Q(email=""),
                name="partners_contact_email_unique",
                violation_error_message=_("A contact with this email already exists."),
            )
        ]

    def __str__(self):
        if self.name_native:
            return f"{self.name_latin} ({self.name_native})"
        return self.name_latin

    def clean(self):
        # Imports match contacts by email: one spelling per address.
        self.email = (self.email or "").strip().lower()


class Interaction(models.Model):
    """A dated meeting, call, letter or visit, and what comes next."""

    class Kind(models.TextChoices):
        MEETING = "meeting", _("meeting")
        CALL = "call", _("call")
        VIDEO_CONFERENCE = "video_conference", _("video conference")
        LETTER = "letter", _("letter")
        EMAIL = "email", _("email")
        VISIT = "visit", _("visit")

    happened_on = models.DateField(_("date"))
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    organization = models.ForeignKey(
        Organization,
        verbose_name=_("organisation"),
        related_name="interactions",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
    )
    contact = models.ForeignKey(
        Contact,
        verbose_name=_("contact person"),
        related_name="interactions",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
    )
    summary = models.TextField(_("summary"), validators=[many_lines])
    next_step = models.TextField(_("next step"), blank=True, validators=[many_lines])
    due_on = models.DateField(_("next step due"), null=True, blank=True)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("author"),
        related_name="interactions",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("interaction")
        verbose_name_plural = _("interactions")
        ordering = ["-happened_on", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(organization__isnull=False) | Q(contact__isnull=False),
                name="partners_interaction_has_counterpart",
                violation_error_message=_(
                    "Name the organisation or the contact person."
                ),
            )
        ]

    def __str__(self):
        return f"{self.happened_on:%Y-%m-%d} {self.get_kind_display()}"


class TwinRelation(models.Model):
    """A twin-city relation between an Amur municipality and a Japanese one."""

    class Status(models.TextChoices):
        PROPOSED = "proposed", _("proposed")
        NEGOTIATING = "negotiating", _("negotiating")
        SIGNED = "signed", _("signed")
        SUSPENDED = "suspended", _("suspended")

    amur_district = models.ForeignKey(
        District,
        verbose_name=_("Amur municipality"),
        related_name="twin_relations",
        on_delete=models.PROTECT,
    )
    japanese_municipality = models.CharField(
        _("Japanese municipality"),
        max_length=200,
        blank=True,
        help_text=_("Leave empty when the partner is the prefecture itself."),
        validators=[one_line],
    )
    prefecture = models.ForeignKey(
        Prefecture,
        verbose_name=_("prefecture"),
        related_name="twin_relations",
        on_delete=models.PROTECT,
    )
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.PROPOSED
    )
    proposed_on = models.DateField(_("proposed on"), null=True, blank=True)
    signed_on = models.DateField(_("signed on"), null=True, blank=True)
    notes = models.TextField(_("notes"), blank=True, validators=[many_lines])

    class Meta:
        verbose_name = _("twin-city relation")
        verbose_name_plural = _("twin-city relations")
        ordering = ["amur_district__slug", "prefecture__code"]

    def __str__(self):
        partner = self.japanese_municipality or self.prefecture
        return f"{self.amur_district} — {partner}"


class Consent(models.Model):
    """What a person agreed to on a public form: the exact text and its version,
    when, from where. Federal Law 152-FZ asks the operator to be able to show it."""

    class Purpose(models.TextChoices):
        MISSION_REGISTRATION = "mission_registration", _("mission registration")
        EXHIBITION_APPLICATION = "exhibition_application", _("exhibition application")
        INQUIRY = "inquiry", _("investor inquiry")
        MEETING_SIGNUP = "meeting_signup", _("sign-up to meet a delegation")

    purpose = models.CharField(_("purpose"), max_length=30, choices=Purpose.choices)
    text = models.TextField(_("text agreed to"))
    text_version = models.CharField(_("text version"), max_length=20)
    text_hash = models.CharField(
        _("SHA-256 of the text"), max_length=64, editable=False
    )
    language = models.CharField(_("language"), max_length=2, choices=Language.choices)
    email = models.EmailField(_("email of the person"), blank=True)
    given_at = models.DateTimeField(_("given at"), default=timezone.now)
    ip_address = models.GenericIPAddressField(
        _("client address"), null=True, blank=True
    )
    user_agent = models.CharField(_("browser"), max_length=500, blank=True)
    withdrawn_at = models.DateTimeField(_("withdrawn at"), null=True, blank=True)

    class Meta:
        verbose_name = _("consent to personal data processing")
        verbose_name_plural = _("consents to personal data processing")
        ordering = ["-given_at"]

    def __str__(self):
        return (
            f"{self.get_purpose_display()} {self.text_version} {self.given_at:%Y-%m-%d}"
        )

    def save(self, *args, **kwargs):
        self.text_hash = hashlib.sha256(self.text.encode()).hexdigest()
        super().save(*args, **kwargs)

    def withdraw(self):
        self.withdrawn_at = timezone.now()
        self.save(update_fields=["withdrawn_at"])


# A company's search text holds its sectors' names and keywords: keep it up
# to date when its sectors change from either side, or a sector goes.


@receiver(m2m_changed, sender=Company.sectors.through)
def sectors_of_companies_changed(sender, instance, action, reverse, pk_set, **kwargs):
    if action == "pre_clear" and reverse:
        instance._companies_before_clear = list(
            instance.companies.values_list("pk", flat=True)
        )
    if action not in {"post_add", "post_remove", "post_clear"}:
        return
    if not reverse:
        instance.refresh_search_text()
        return
    if action == "post_clear":
        pk_set = getattr(instance, "_companies_before_clear", [])
    Company.objects.filter(pk__in=pk_set).refresh_search_text()


@receiver(pre_delete, sender=Sector)
def remember_companies_of_a_sector(sender, instance, **kwargs):
    instance._companies_before_delete = list(
        instance.companies.values_list("pk", flat=True)
    )


@receiver(post_delete, sender=Sector)
def refresh_companies_of_a_deleted_sector(sender, instance, **kwargs):
    pks = getattr(instance, "_companies_before_delete", [])
    Company.objects.filter(pk__in=pks).refresh_search_text()
