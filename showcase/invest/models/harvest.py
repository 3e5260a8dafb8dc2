"""Wild harvest: what the northern districts can gather, and when. District
coordinators report for their own district only."""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.utils.dates import MONTHS
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from amur_invest.text import many_lines
from partners.models import District

# The group the partners migrations create for district staff.
DISTRICT_COORDINATOR_GROUP = "District coordinator"

MONTH_CHOICES = list(MONTHS.items())


class Product(models.TextChoices):
    LINGONBERRY = "lingonberry", _("lingonberry")
    BLUEBERRY = "blueberry", _("blueberry")
    HONEYSUCKLE = "honeysuckle", _("honeysuckle berry")
    CRANBERRY = "cranberry", _("cranberry")
    BIRD_CHERRY = "bird_cherry", _("bird cherry")
    MUSHROOMS = "mushrooms", _("mushrooms")
    FERN = "fern", _("bracken fern")
    PINE_NUTS = "pine_nuts", _("pine nuts")
    WILD_GARLIC = "wild_garlic", _("wild garlic")
    CHAGA = "chaga", _("chaga")
    HERBS = "herbs", _("medicinal herbs")


class DistrictCoordinator(models.Model):
    """A staff member who reports for one district. Staff in the district
    coordinator group without this link see no reports at all."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("staff member"),
        related_name="district_coordinator",
        on_delete=models.CASCADE,
    )
    district = models.ForeignKey(
        District,
        verbose_name=_("district"),
        related_name="coordinators",
        on_delete=models.PROTECT,
    )

    class Meta:
        verbose_name = _("district coordinator")
        verbose_name_plural = _("district coordinators")
        ordering = ["district__slug"]

    def __str__(self):
        return f"{self.user.get_username()} — {self.district}"


class WildHarvestReportQuerySet(models.QuerySet):
    def visible_to(self, user):
        """All reports for agency staff, one district's for its coordinator,
        none for a coordinator not yet linked to a district."""
        district = coordinated_district(user)
        if district is ALL_DISTRICTS:
            return self
        if district is None:
            return self.none()
        return self.filter(district=district)


class WildHarvestReport(models.Model):
    """How much of one wild product a district can gather in a year, and in
    which months."""

    district = models.ForeignKey(
        District,
        verbose_name=_("district"),
        related_name="wild_harvest_reports",
        on_delete=models.PROTECT,
    )
    product = models.CharField(_("product"), max_length=20, choices=Product.choices)
    year = models.PositiveSmallIntegerField(
        _("year"), validators=[MinValueValidator(2000), MaxValueValidator(2100)]
    )
    volume_tonnes = models.DecimalField(
        _("volume, tonnes"),
        max_digits=10,
        decimal_places=1,
        validators=[MinValueValidator(0)],
        help_text=_("What can be gathered in the year."),
    )
    month_from = models.PositiveSmallIntegerField(
        _("harvest from"), choices=MONTH_CHOICES
    )
    month_to = models.PositiveSmallIntegerField(_("harvest to"), choices=MONTH_CHOICES)
    processing_on_site = models.BooleanField(
        _("processed in the district"),
        default=False,
        help_text=_("Whether the district has a place to clean, freeze or dry it."),
    )
    notes = models.TextField(_("notes"), blank=True, validators=[many_lines])
    is_sample = models.BooleanField(_("sample data"), default=False)
    reported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("reported by"),
        related_name="wild_harvest_reports",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
    )
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    objects = WildHarvestReportQuerySet.as_manager()

    class Meta:
        verbose_name = _("wild-harvest report")
        verbose_name_plural = _("wild-harvest reports")
        ordering = ["-year", "district__slug", "product"]
        constraints = [
            models.UniqueConstraint(
                fields=["district", "product", "year"],
                name="showcase_harvest_one_per_product_year",
                violation_error_message=_(
                    "This district already has a report on this product for this year."
                ),
            ),
            models.CheckConstraint(
                condition=Q(month_from__lte=F("month_to")),
                name="showcase_harvest_months_in_order",
                violation_error_message=_("The harvest cannot end before it begins."),
            ),
        ]
        permissions = [
            ("import_wildharvestreport", _("Can import wild-harvest reports")),
            ("export_wildharvestreport", _("Can export wild-harvest reports")),
        ]

    def __str__(self):
        return f"{self.district} {self.year}: {self.get_product_display()}"

    @property
    def months(self) -> range:
        return range(self.month_from, self.month_to + 1)

    @property
    def season(self) -> str:
        """The months in running text: «июль – август», "July – August"."""
        return f"{month_in_text(self.month_from)} – {month_in_text(self.month_to)}"


def month_in_text(number: int) -> str:
    """A month's name inside a sentence: Russian writes it in lower case,
    while Django's names are capitalised for lists and menus."""
    name = str(MONTHS[number])
    return name.lower() if (get_language() or "").startswith("ru") else name


ALL_DISTRICTS = object()


def coordinated_district(user):
    """The district a user may report for: ALL_DISTRICTS for agency staff,
    the linked district for a district coordinator, None for a coordinator
    without one. The link decides, so a coordinator who is also in another
    group keeps the limits until the link is removed. Remembered on the user
    object: the admin asks several times a request."""
    if not hasattr(user, "_harvest_district"):
        user._harvest_district = _district_of(user)
    return user._harvest_district


def _district_of(user):
    if user.is_superuser:
        return ALL_DISTRICTS
    link = (
        DistrictCoordinator.objects.filter(user=user).select_related("district").first()
    )
    if link is not None:
        return link.district
    if user.groups.filter(name=DISTRICT_COORDINATOR_GROUP).exists():
        return None
    return ALL_DISTRICTS
