"""Large amounts of money written as readers of each language write them,
rounded to two significant digits because they are estimates ("≈"):

    ja  43億円, 3,000万米ドル      (myriads: 万 10^4, 億 10^8, 兆 10^12)
    en  ¥4.3 billion, US$30 million
    ru  4,3 млрд иен, 30 млн долл. США

The words come from the message catalogues, except the Japanese myriads,
which only Japanese uses."""

from decimal import ROUND_HALF_UP, Decimal

from django.utils import formats
from django.utils.translation import get_language, pgettext

SIGNIFICANT_DIGITS = 2
MYRIADS = ((Decimal(10**12), "兆"), (Decimal(10**8), "億"), (Decimal(10**4), "万"))


def western_scales():
    return (
        (Decimal(10**12), pgettext("large number", "%(number)s trillion")),
        (Decimal(10**9), pgettext("large number", "%(number)s billion")),
        (Decimal(10**6), pgettext("large number", "%(number)s million")),
    )


def currency_pattern(currency: str) -> str:
    patterns = {
        "JPY": pgettext("amount", "¥%(amount)s"),
        "USD": pgettext("amount", "US$%(amount)s"),
        "EUR": pgettext("amount", "€%(amount)s"),
        "RUB": pgettext("amount", "%(amount)s roubles"),
    }
    return patterns[currency]


def significant(value: Decimal, digits: int = SIGNIFICANT_DIGITS) -> Decimal:
    """`value` rounded to `digits` significant digits, never below a unit's
    tenth: 4.34 -> 4.3, 43.4 -> 43, 4349 -> 4300."""
    if not value:
        return Decimal(0)
    exponent = value.adjusted() - digits + 1
    quantum = Decimal(1).scaleb(max(exponent, -1))
    return value.quantize(quantum, rounding=ROUND_HALF_UP)


def written(value: Decimal) -> str:
    """A rounded number in the active language's notation: a decimal only
    where it says something (4.3, but 43 and 4)."""
    places = 1 if value != value.to_integral_value() else 0
    return formats.number_format(value, places, use_l10n=True, force_grouping=True)


def scaled(value: Decimal) -> str:
    """The number with its scale word: "43億", "4.3 billion", "4,3 млрд"."""
    # Rounded first, so that 996 million is "1 billion", not "1,000 million".
    value = significant(abs(Decimal(value)))
    if (get_language() or "").startswith("ja"):
        for size, word in MYRIADS:
            if value >= size:
                return f"{written(value / size)}{word}"
        return written(value)
    for size, pattern in western_scales():
        if value >= size:
            return pattern % {"number": written(value / size)}
    return written(value)


def money(value: Decimal, currency: str) -> str:
    """An amount of a currency, rounded and scaled: "43億円", "¥4.3 billion"."""
    return currency_pattern(currency) % {"amount": scaled(value)}
