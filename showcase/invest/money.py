"""Amounts in the currencies a Japanese investor reckons in: an amount kept
in roubles (or yen, dollars, euros) converted at the latest rate staff set
for each currency, with the date of that rate."""

import datetime
from dataclasses import dataclass
from decimal import Decimal

from django.core.cache import cache
from django.utils import formats
from django.utils.translation import gettext, pgettext

from amur_invest.large_numbers import money
from showcase.invest.models import ExchangeRate
from showcase.invest.models.money import RATES_CACHE_KEY

RUB = "RUB"
# What a reader is shown beside an amount, in this order; never the
# amount's own currency.
SHOWN_IN = ("JPY", "USD", RUB)


@dataclass(frozen=True)
class Rate:
    roubles_per_unit: Decimal
    set_on: datetime.date


@dataclass(frozen=True)
class Conversion:
    """An amount as another currency's reader writes it, e.g. "43億円"."""

    currency: str
    text: str
    rate_of: datetime.date


def latest_rates() -> dict[str, Rate]:
    """{currency: its latest rate}, kept in the cache until a rate changes."""
    rates = cache.get(RATES_CACHE_KEY)
    if rates is None:
        rates = {}
        for currency, per_unit, set_on in ExchangeRate.objects.order_by(
            "-set_on"
        ).values_list("currency", "roubles_per_unit", "set_on"):
            rates.setdefault(currency, Rate(per_unit, set_on))
        cache.set(RATES_CACHE_KEY, rates, timeout=3600)
    return rates


def conversions(
    amount: Decimal, currency: str, rates: dict[str, Rate]
) -> list[Conversion]:
    """`amount` of `currency` in the other currencies readers know, as far
    as there are rates for both ends; the text in the active language."""
    if currency == RUB:
        roubles, rouble_date = Decimal(amount), None
    elif currency in rates:
        roubles = Decimal(amount) * rates[currency].roubles_per_unit
        rouble_date = rates[currency].set_on
    else:
        return []
    found = []
    for target in SHOWN_IN:
        if target == currency:
            continue
        if target == RUB:
            found.append(Conversion(RUB, money(roubles, RUB), rouble_date))
        elif target in rates:
            rate = rates[target]
            date = min(filter(None, (rate.set_on, rouble_date)))
            found.append(
                Conversion(target, money(roubles / rate.roubles_per_unit, target), date)
            )
    return found


def in_words(found: list[Conversion]) -> str:
    """ "≈ 43億円、≈ 3,000万米ドル（2026年12月1日のレート）": the rate's date
    once when every conversion used rates of one date, else after each."""

    def about(conversion: Conversion) -> str:
        # The sign reads the same in every language.
        return f"≈ {conversion.text}"

    def at_rate(text: str, date: datetime.date) -> str:
        return gettext("%(amounts)s (rate of %(date)s)") % {
            "amounts": text,
            "date": formats.date_format(date, "DATE_FORMAT"),
        }

    separator = pgettext("list separator", ", ")
    dates = {conversion.rate_of for conversion in found}
    if len(dates) == 1:
        return at_rate(separator.join(about(c) for c in found), dates.pop())
    return separator.join(at_rate(about(c), c.rate_of) for c in found)
