"""Exchange rates staff set, so that amounts kept in roubles (or another
currency) can also be read in yen and US dollars."""

from decimal import Decimal

from django.core.cache import cache
from django.core.validators import MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from showcase.invest.models.trade import Currency

RATES_CACHE_KEY = "showcase:exchange-rates"


class ExchangeRate(models.Model):
    """How many roubles one unit of a currency costs on a date. Pages convert
    at the latest rate of each currency and say of which date it is."""

    currency = models.CharField(
        _("currency"),
        max_length=3,
        choices=[(code, label) for code, label in Currency.choices if code != "RUB"],
    )
    roubles_per_unit = models.DecimalField(
        _("roubles per unit"),
        max_digits=12,
        decimal_places=6,
        validators=[MinValueValidator(Decimal("0.000001"))],
        help_text=_("E.g. 0.52 for the yen, 78.3 for the US dollar."),
    )
    set_on = models.DateField(
        _("rate of"), help_text=_("The date the rate is of, e.g. the central bank's.")
    )
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("exchange rate")
        verbose_name_plural = _("exchange rates")
        ordering = ["-set_on", "currency"]
        constraints = [
            models.UniqueConstraint(
                fields=["currency", "set_on"],
                name="showcase_exchangerate_one_a_day",
                violation_error_message=_(
                    "There is already a rate of this currency for this date."
                ),
            )
        ]

    def __str__(self):
        return f"{self.currency} {self.roubles_per_unit} ({self.set_on})"

    def save(self, *args, **kwargs):
        super().save(*args, **kwargs)
        cache.delete(RATES_CACHE_KEY)

    def delete(self, *args, **kwargs):
        deleted = super().delete(*args, **kwargs)
        cache.delete(RATES_CACHE_KEY)
        return deleted
