"""Trade figures: the rows the investment case computes its numbers from."""

from django.core.cache import cache
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from amur_invest.text import one_line


class Flow(models.TextChoices):
    EXPORT = "export", _("exports")
    IMPORT = "import", _("imports")


class CommodityGroup(models.TextChoices):
    """Groups of goods as the agency reports them, close to the chapters of the
    customs nomenclature. Code-defined, so charts can name them in every
    language."""

    FOOD = "food", _("food products")
    ANIMAL_FEED = "animal_feed", _("animal feed")
    SOYBEANS = "soybeans", _("soybeans and soy products")
    TIMBER = "timber", _("timber and wood products")
    HONEY = "honey", _("honey")
    WILD_HARVEST = "wild_harvest", _("wild berries, mushrooms and nuts")
    MACHINERY = "machinery", _("machinery and equipment")
    VEHICLES = "vehicles", _("vehicles and parts")
    CHEMICALS = "chemicals", _("chemical products")
    OTHER = "other", _("other goods")


class Currency(models.TextChoices):
    USD = "USD", _("US dollars")
    RUB = "RUB", _("roubles")
    JPY = "JPY", _("yen")
    EUR = "EUR", _("euros")


class TradeFigureQuerySet(models.QuerySet):
    def with_country(self, country: str):
        return self.filter(partner_country=country)

    def in_currency(self, currency: str):
        return self.filter(currency=currency)


class TradeFigure(models.Model):
    """One year's trade of the region with one country in one commodity group
    and direction, as the customs statistics give it. Totals, growth and
    structure are computed from these rows (showcase.invest.figures.trade)."""

    year = models.PositiveSmallIntegerField(
        _("year"), validators=[MinValueValidator(1990), MaxValueValidator(2100)]
    )
    partner_country = models.CharField(
        _("partner country"),
        max_length=2,
        default="JP",
        validators=[one_line],
        help_text=_("Two-letter ISO code: JP, CN, KR, ..."),
    )
    flow = models.CharField(_("flow"), max_length=6, choices=Flow.choices)
    commodity_group = models.CharField(
        _("commodity group"), max_length=20, choices=CommodityGroup.choices
    )
    value = models.DecimalField(
        _("value, thousands"),
        max_digits=14,
        decimal_places=1,
        validators=[MinValueValidator(0)],
        help_text=_("In thousands of the currency, as customs statistics give it."),
    )
    currency = models.CharField(
        _("currency"), max_length=3, choices=Currency.choices, default=Currency.USD
    )
    source = models.CharField(
        _("source"),
        max_length=300,
        blank=True,
        validators=[one_line],
        help_text=_("Where the figure comes from, e.g. the Far Eastern customs."),
    )
    is_sample = models.BooleanField(
        _("sample data"),
        default=False,
        help_text=_("Demonstration figure, not official statistics."),
    )
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    objects = TradeFigureQuerySet.as_manager()

    class Meta:
        verbose_name = _("trade figure")
        verbose_name_plural = _("trade figures")
        ordering = ["-year", "partner_country", "flow", "commodity_group"]
        constraints = [
            models.UniqueConstraint(
                fields=[
                    "year",
                    "partner_country",
                    "flow",
                    "commodity_group",
                    "currency",
                ],
                name="showcase_tradefigure_one_per_group",
                violation_error_message=_(
                    "There is already a figure for this year, country, flow, "
                    "commodity group and currency."
                ),
            )
        ]
        permissions = [
            ("import_tradefigure", _("Can import trade figures")),
            ("export_tradefigure", _("Can export trade figures")),
        ]

    def __str__(self):
        return (
            f"{self.year} {self.partner_country} {self.get_flow_display()}: "
            f"{self.get_commodity_group_display()}"
        )

    def clean(self):
        self.partner_country = (self.partner_country or "").strip().upper()


TRADE_YEARS_CACHE_KEY = "showcase:trade-years"


class TradeYearQuerySet(models.QuerySet):
    def complete(self):
        return self.filter(is_complete=True)


class TradeYear(models.Model):
    """A year of trade figures as staff vouch for it: whether its figures are
    complete and may be shown, where they come from and when they were taken.
    Public pages show a year's figures only once staff publish it as complete;
    figures of a year still being gathered stay in the admin."""

    year = models.PositiveSmallIntegerField(
        _("year"),
        unique=True,
        validators=[MinValueValidator(1990), MaxValueValidator(2100)],
    )
    is_complete = models.BooleanField(
        _("complete, shown on the site"),
        default=False,
        help_text=_(
            "Tick when the year's figures are final: only complete years appear "
            "on public pages, charts and downloads."
        ),
    )
    source = models.CharField(
        _("source"),
        max_length=300,
        validators=[one_line],
        help_text=_(
            "Where the figures come from, as the reader should see it, e.g. the "
            "Far Eastern Customs Administration, foreign trade statistics."
        ),
    )
    taken_on = models.DateField(
        _("date taken"), help_text=_("When the figures were taken from the source.")
    )
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    objects = TradeYearQuerySet.as_manager()

    class Meta:
        verbose_name = _("trade year")
        verbose_name_plural = _("trade years")
        ordering = ["-year"]

    def __str__(self):
        return str(self.year)

    def save(self, *args, **kwargs):
        super().save(*args, **kwargs)
        cache.delete(TRADE_YEARS_CACHE_KEY)

    def delete(self, *args, **kwargs):
        deleted = super().delete(*args, **kwargs)
        cache.delete(TRADE_YEARS_CACHE_KEY)
        return deleted

    @classmethod
    def by_year(cls) -> dict[int, "TradeYear"]:
        """Every trade year, by year: a few dozen rows that every chart
        reads for its sources, kept in the cache until one changes."""
        years = cache.get(TRADE_YEARS_CACHE_KEY)
        if years is None:
            years = {item.year: item for item in cls.objects.all()}
            cache.set(TRADE_YEARS_CACHE_KEY, years, timeout=3600)
        return years
