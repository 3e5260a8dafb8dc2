"""What an investor can act on: sectors as the agency presents them, support
measures, sites for investors and investment projects."""

from decimal import Decimal
from urllib.parse import quote

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import (
    MaxValueValidator,
    MinValueValidator,
    RegexValidator,
)
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from amur_invest.images import CheckedImageField
from amur_invest.publishing import PublishedQuerySet
from amur_invest.text import many_lines, one_line
from partners.models import District, Sector
from showcase.invest.models.trade import CommodityGroup, Currency
from showcase.invest.models.verification import Verified, VerifiedQuerySet

# A Russian cadastral number: district 2 digits, area 2, quarter 6 or 7,
# then the plot's number (77:01:0004042:6653).
cadastral_number_format = RegexValidator(
    r"^\d{2}:\d{2}:\d{6,7}:\d{1,7}$",
    _("A cadastral number reads NN:NN:NNNNNNN:NN, e.g. 28:01:0130201:125."),
)


class SitePublishedQuerySet(PublishedQuerySet, VerifiedQuerySet):
    pass


class SectorProfile(models.Model):
    """The agency's public page of a sector: what it offers partners in Japan,
    a photograph, and which trade figures belong to it. Kept beside the
    partners app's Sector, which staff use for classifying companies."""

    sector = models.OneToOneField(
        Sector,
        verbose_name=_("sector"),
        related_name="profile",
        on_delete=models.CASCADE,
    )
    offer = models.TextField(
        _("what it offers partners in Japan"),
        blank=True,
        validators=[many_lines],
        help_text=_("A few paragraphs for the sector's page."),
    )
    commodity_group = models.CharField(
        _("commodity group of its exports"),
        max_length=20,
        choices=CommodityGroup.choices,
        blank=True,
        help_text=_("The trade figures shown on the sector's page."),
    )
    image = CheckedImageField(
        _("photograph"),
        upload_to="sectors/",
        blank=True,
        max_length=200,
        shown_as=("16:9", "4:3"),
    )
    image_alt = models.CharField(
        _("photograph description"),
        max_length=300,
        blank=True,
        validators=[one_line],
        help_text=_("What the photograph shows, for readers who cannot see it."),
    )

    class Meta:
        verbose_name = _("sector page")
        verbose_name_plural = _("sector pages")
        ordering = ["sector__position", "sector__slug"]

    def __str__(self):
        return str(self.sector)


class SupportMeasureQuerySet(PublishedQuerySet, VerifiedQuerySet):
    def for_sector(self, sector):
        """Measures named for the sector, and those open to every sector."""
        return self.filter(Q(sectors=sector) | Q(sectors__isnull=True)).distinct()


class SupportMeasure(Verified):
    """An incentive of the region or the federation, with its explicit terms."""

    class Level(models.TextChoices):
        FEDERAL = "federal", _("federal")
        REGIONAL = "regional", _("regional")
        MUNICIPAL = "municipal", _("municipal")

    class Kind(models.TextChoices):
        TAX = "tax", _("tax relief")
        SUBSIDY = "subsidy", _("subsidy or grant")
        LOAN = "loan", _("loan or guarantee")
        LAND = "land", _("land without auction")
        INFRASTRUCTURE = "infrastructure", _("infrastructure")
        SUPPORT = "support", _("advice and escort")

    name = models.CharField(_("name"), max_length=300, validators=[one_line])
    slug = models.SlugField(_("slug"), max_length=120, unique=True)
    level = models.CharField(_("level"), max_length=10, choices=Level.choices)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    eligibility = models.TextField(_("who qualifies"), validators=[many_lines])
    benefit = models.TextField(_("what is given"), validators=[many_lines])
    limit = models.CharField(
        _("up to how much"),
        max_length=300,
        blank=True,
        validators=[one_line],
        help_text=_(
            "E.g. “up to 50 million roubles” or “no profit tax for five years”."
        ),
    )
    legal_basis = models.CharField(
        _("legal basis"), max_length=300, validators=[one_line]
    )
    url = models.URLField(_("official page"), blank=True)
    sectors = models.ManyToManyField(
        Sector,
        verbose_name=_("sectors"),
        related_name="support_measures",
        blank=True,
        help_text=_("Leave empty when the measure is open to every sector."),
    )
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    is_published = models.BooleanField(_("published"), default=True)
    is_sample = models.BooleanField(_("sample data"), default=False)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    objects = SupportMeasureQuerySet.as_manager()

    class Meta:
        verbose_name = _("support measure")
        verbose_name_plural = _("support measures")
        ordering = ["position", "slug"]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return f"{reverse('showcase:support_list')}#{self.slug}"


class InvestmentSite(Verified):
    """A land plot or premises offered to investors, with what an investor
    weighs: where it is, on what terms, at what tariffs and how far from the
    border crossing and the railway."""

    class Terms(models.TextChoices):
        LEASE = "lease", _("lease")
        SALE = "sale", _("sale")
        LEASE_OR_SALE = "lease_or_sale", _("lease or sale")

    class PriceUnit(models.TextChoices):
        PER_SQUARE_METRE = "m2", _("roubles per m²")
        PER_YEAR = "year", _("roubles per year")

    class Kind(models.TextChoices):
        LAND = "land", _("land plot")
        PREMISES = "premises", _("premises")

    class AreaUnit(models.TextChoices):
        HECTARE = "ha", _("ha")
        SQUARE_METRE = "m2", _("m²")

    class Ownership(models.TextChoices):
        FEDERAL = "federal", _("federal property")
        REGIONAL = "regional", _("regional property")
        MUNICIPAL = "municipal", _("municipal property")
        PRIVATE = "private", _("private property")

    INFRASTRUCTURE = ("has_power", "has_gas", "has_water", "has_road", "has_rail")

    name = models.CharField(_("name"), max_length=300, validators=[one_line])
    slug = models.SlugField(_("slug"), max_length=120, unique=True)
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices)
    district = models.ForeignKey(
        District,
        verbose_name=_("district"),
        related_name="investment_sites",
        on_delete=models.PROTECT,
    )
    address = models.CharField(
        _("location"), max_length=300, blank=True, validators=[one_line]
    )
    area = models.DecimalField(
        _("area"),
        max_digits=12,
        decimal_places=2,
        validators=[MinValueValidator(Decimal("0.01"))],
    )
    area_unit = models.CharField(
        _("unit of area"), max_length=2, choices=AreaUnit.choices
    )
    ownership = models.CharField(
        _("ownership"), max_length=10, choices=Ownership.choices
    )
    has_power = models.BooleanField(_("power supply"), default=False)
    has_gas = models.BooleanField(_("gas"), default=False)
    has_water = models.BooleanField(_("water"), default=False)
    has_road = models.BooleanField(_("road access"), default=False)
    has_rail = models.BooleanField(_("railway siding"), default=False)
    infrastructure_notes = models.TextField(
        _("infrastructure details"),
        blank=True,
        validators=[many_lines],
        help_text=_("Capacities and distances: 2 MW at 10 kV, rail siding 1 km..."),
    )
    description = models.TextField(
        _("description"), blank=True, validators=[many_lines]
    )
    investment_map_url = models.URLField(
        _("on the federal investment map"),
        blank=True,
        help_text=_("The site's page on the Investment Map of Russia, if it is there."),
    )
    latitude = models.DecimalField(
        _("latitude"),
        max_digits=8,
        decimal_places=5,
        null=True,
        blank=True,
        validators=[MinValueValidator(-90), MaxValueValidator(90)],
        help_text=_("Decimal degrees, e.g. 50.29063."),
    )
    longitude = models.DecimalField(
        _("longitude"),
        max_digits=8,
        decimal_places=5,
        null=True,
        blank=True,
        validators=[MinValueValidator(-180), MaxValueValidator(180)],
        help_text=_("Decimal degrees, e.g. 127.52717."),
    )
    cadastral_number = models.CharField(
        _("cadastral number"),
        max_length=30,
        blank=True,
        validators=[cadastral_number_format],
    )
    terms = models.CharField(
        _("terms"), max_length=15, choices=Terms.choices, blank=True
    )
    price = models.DecimalField(
        _("price"),
        max_digits=14,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(0)],
    )
    price_unit = models.CharField(
        _("price unit"), max_length=4, choices=PriceUnit.choices, blank=True
    )
    utility_tariffs = models.TextField(
        _("utility tariffs"),
        blank=True,
        validators=[many_lines],
        help_text=_("Power, gas, water and heat at this site, with their units."),
    )
    border_crossing_km = models.DecimalField(
        _("to the border crossing, km"),
        max_digits=7,
        decimal_places=1,
        null=True,
        blank=True,
        validators=[MinValueValidator(0)],
    )
    railway_km = models.DecimalField(
        _("to the railway, km"),
        max_digits=7,
        decimal_places=1,
        null=True,
        blank=True,
        validators=[MinValueValidator(0)],
    )
    is_published = models.BooleanField(_("published"), default=True)
    is_sample = models.BooleanField(_("sample data"), default=False)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    objects = SitePublishedQuerySet.as_manager()

    class Meta:
        verbose_name = _("site for investors")
        verbose_name_plural = _("sites for investors")
        ordering = ["slug"]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("showcase:site_detail", kwargs={"slug": self.slug})

    def clean(self):
        super().clean()
        errors = {}
        if (self.latitude is None) != (self.longitude is None):
            errors["longitude"] = _("Give both the latitude and the longitude.")
        if (self.price is None) != (not self.price_unit):
            errors["price_unit"] = _("Give the price together with its unit.")
        if errors:
            raise ValidationError(errors)

    @property
    def has_position(self) -> bool:
        return self.latitude is not None and self.longitude is not None

    @property
    def federal_map_url(self) -> str:
        """The site's page on the federal investment map, or a search there
        by its cadastral number."""
        if self.investment_map_url:
            return self.investment_map_url
        if self.cadastral_number:
            # str.replace, not format: an address may hold other braces.
            return settings.INVESTMENT_MAP_SEARCH_URL.replace(
                "{query}", quote(self.cadastral_number)
            )
        return ""

    @property
    def infrastructure(self) -> list[str]:
        """The names of the utilities the site has, in the active language."""
        return [
            self._meta.get_field(name).verbose_name
            for name in self.INFRASTRUCTURE
            if getattr(self, name)
        ]


class SizeBand(models.TextChoices):
    """Bands of the investment a project needs, in roubles. Projects priced in
    another currency are sorted into a band with the rough rates of
    BAND_RATES; the page always shows a project's own figure."""

    SMALL = "small", _("up to 100 million roubles")
    MEDIUM = "medium", _("100 million to 1 billion roubles")
    LARGE = "large", _("over 1 billion roubles")


# Roubles per unit of each currency, at about their 2020 level. Only used to
# sort a project into a size band, so a rough rate is enough and a change of
# rate needs no data migration.
BAND_RATES = {
    Currency.RUB: Decimal(1),
    Currency.USD: Decimal(75),
    Currency.EUR: Decimal(85),
    Currency.JPY: Decimal("0.7"),
}

# Lower and upper limits of each band, millions of roubles.
SIZE_BAND_LIMITS = {
    SizeBand.SMALL: (None, Decimal(100)),
    SizeBand.MEDIUM: (Decimal(100), Decimal(1000)),
    SizeBand.LARGE: (Decimal(1000), None),
}


class InvestmentProjectQuerySet(PublishedQuerySet):
    def in_size_band(self, band: str):
        low, high = SIZE_BAND_LIMITS[band]
        query = Q()
        for currency, roubles in BAND_RATES.items():
            condition = Q(currency=currency)
            if low is not None:
                condition &= Q(investment_size__gte=low / roubles)
            if high is not None:
                condition &= Q(investment_size__lt=high / roubles)
            query |= condition
        return self.filter(query)

    def for_cards(self):
        """What a project card shows, in a fixed number of queries."""
        return self.select_related("sector", "district")


class InvestmentProject(models.Model):
    """A project looking for a partner or an investor."""

    class Stage(models.TextChoices):
        IDEA = "idea", _("idea")
        BUSINESS_PLAN = "business_plan", _("business plan ready")
        DESIGN = "design", _("design documents ready")
        CONSTRUCTION = "construction", _("under construction")
        EXPANSION = "expansion", _("operating, expanding")

    title = models.CharField(_("title"), max_length=300, validators=[one_line])
    slug = models.SlugField(_("slug"), max_length=120, unique=True)
    sector = models.ForeignKey(
        Sector,
        verbose_name=_("sector"),
        related_name="investment_projects",
        on_delete=models.PROTECT,
    )
    district = models.ForeignKey(
        District,
        verbose_name=_("district"),
        related_name="investment_projects",
        on_delete=models.PROTECT,
    )
    summary = models.CharField(
        _("summary"),
        max_length=300,
        blank=True,
        validators=[one_line],
        help_text=_("One sentence for the catalogue card."),
    )
    description = models.TextField(_("description"), validators=[many_lines])
    investment_size = models.DecimalField(
        _("investment needed, millions"),
        max_digits=12,
        decimal_places=1,
        validators=[MinValueValidator(Decimal("0.1"))],
    )
    currency = models.CharField(
        _("currency"), max_length=3, choices=Currency.choices, default=Currency.RUB
    )
    stage = models.CharField(_("stage"), max_length=20, choices=Stage.choices)
    partner_sought = models.TextField(
        _("what is sought from a partner"), validators=[many_lines]
    )
    site = models.ForeignKey(
        InvestmentSite,
        verbose_name=_("site"),
        related_name="projects",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
    )
    support_measures = models.ManyToManyField(
        SupportMeasure,
        verbose_name=_("support measures"),
        related_name="projects",
        blank=True,
    )
    image = CheckedImageField(
        _("photograph"),
        upload_to="projects/",
        blank=True,
        max_length=200,
        shown_as=("16:9",),
    )
    image_alt = models.CharField(
        _("photograph description"),
        max_length=300,
        blank=True,
        validators=[one_line],
        help_text=_("What the photograph shows, for readers who cannot see it."),
    )
    is_published = models.BooleanField(_("published"), default=False)
    is_sample = models.BooleanField(_("sample data"), default=False)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    objects = InvestmentProjectQuerySet.as_manager()

    class Meta:
        verbose_name = _("investment project")
        verbose_name_plural = _("investment projects")
        ordering = ["-created_at", "-id"]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("showcase:project_detail", kwargs={"slug": self.slug})
