"""Tags for the investment case: charts from a dataset, numbers in the
reader's locale, and the link that asks the agency about a page's subject."""

from decimal import Decimal
from urllib.parse import quote

from django import template
from django.urls import reverse
from django.utils import formats
from django.utils.translation import gettext as _

from amur_invest import lists
from showcase.invest import money
from showcase.invest.charts import Dataset, bar_list_chart, column_chart, plain_number

register = template.Library()


@register.filter
def number(value, decimals=1):
    """A number as the reader's language writes it: 48 000,5 in Russian,
    48,000.5 in Japanese and English."""
    if value is None or value == "":
        return ""
    return formats.number_format(
        Decimal(value), int(decimals), use_l10n=True, force_grouping=True
    )


@register.filter
def amount(value):
    """A stored amount without the zeros its column adds: 8.00 ha is "8",
    12.50 is "12.5" (or "12,5"), in the reader's notation."""
    if value is None or value == "":
        return ""
    value = Decimal(value)
    places = max(0, -value.normalize().as_tuple().exponent)
    return number(value, min(places, 2))


@register.filter
def amount_plain(value):
    """A coordinate as every map reads it: full stop, no grouping, no
    trailing zeros (50.29063)."""
    if value is None or value == "":
        return ""
    return format(Decimal(value).normalize(), "f")


@register.filter
def joined(items) -> str:
    """Names joined as the reader's language lists them: commas in Russian
    and English, "、" in Japanese."""
    return lists.joined(items)


@register.filter
def percent(value):
    """A share in per cent, written as the reader's language does."""
    return _("%(number)s%%") % {"number": number(value, 1)}


@register.filter
def plain(value, decimals=1):
    """A number for machines (data attributes): full stop, no grouping."""
    return plain_number(Decimal(value), int(decimals))


@register.inclusion_tag("showcase/invest/charts/_figure.html")
def chart(
    dataset: Dataset,
    kind: str = "columns",
    csv_url: str = "",
    shares: bool = False,
    table_beside: bool = False,
):
    """A dataset as a figure: the SVG chart, its table and the CSV link.
    `kind` is "columns" (vertical bars, e.g. by year) or "bars" (horizontal
    bars under long labels, e.g. a structure)."""
    geometry = (
        column_chart(dataset)
        if kind == "columns"
        else bar_list_chart(dataset, shares=shares)
    )
    return {
        "dataset": dataset,
        "kind": kind,
        "geometry": geometry,
        "csv_url": csv_url,
        "shares": shares,
        "table_beside": table_beside,
        "id": f"chart-{dataset.name}",
    }


@register.simple_tag
def contact_about(subject: str) -> str:
    """The investor inquiry form with its subject filled ("project:<slug>")."""
    return f"{reverse('showcase:contact')}?about={quote(subject, safe=':')}"


@register.simple_tag(takes_context=True)
def in_other_currencies(context, amount, currency: str, scale: int = 1) -> str:
    """`amount` (times `scale`: 1_000_000 for a column in millions) in yen,
    US dollars or roubles at the rates staff set, with the rate's date; empty
    without rates. The rates are read once a request."""
    if amount in (None, ""):
        return ""
    request = context.get("request")
    rates = getattr(request, "_exchange_rates", None)
    if rates is None:
        rates = money.latest_rates()
        if request is not None:
            request._exchange_rates = rates
    found = money.conversions(Decimal(amount) * int(scale), currency, rates)
    return money.in_words(found) if found else ""
