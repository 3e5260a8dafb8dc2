"""Trade with Japan by year, its growth and the structure of exports, all
computed from TradeFigure rows of the years staff published as complete
(TradeYear); each row of a dataset says where its year's figures come from."""

from dataclasses import dataclass, replace
from decimal import Decimal

from django.db.models import Count, Q, Sum
from django.utils.text import capfirst
from django.utils.translation import gettext as _

from showcase.invest.charts import Dataset, Provenance, Row
from showcase.invest.models import (
    CommodityGroup,
    Currency,
    Flow,
    TradeFigure,
    TradeYear,
)

JAPAN = "JP"
# Customs statistics give foreign trade in US dollars; rows in another
# currency are kept but never summed with these.
REPORTING_CURRENCY = Currency.USD
THOUSANDS_PER_MILLION = Decimal(1000)
RATIO_PLACES = Decimal("0.1")


@dataclass(frozen=True)
class YearTrade:
    """One year's trade with a country, in thousands of the currency."""

    year: int
    exports: Decimal
    imports: Decimal
    provenance: Provenance | None = None

    @property
    def turnover(self) -> Decimal:
        return self.exports + self.imports


@dataclass(frozen=True)
class TradeHistory:
    years: list[YearTrade]
    is_sample: bool

    def __bool__(self) -> bool:
        return bool(self.years)

    def year(self, year: int) -> YearTrade | None:
        return next((item for item in self.years if item.year == year), None)

    def growth(self, year: int | None = None) -> "Growth | None":
        """How many times trade in `year` (the latest complete year by
        default) exceeds the year before; None without both years."""
        if not self.years:
            return None
        current = self.year(year) if year else self.years[-1]
        previous = self.year(current.year - 1) if current else None
        if current is None or previous is None:
            return None
        return Growth(
            year=current.year,
            base_year=previous.year,
            turnover=ratio(current.turnover, previous.turnover),
            exports=ratio(current.exports, previous.exports),
            is_sample=self.is_sample,
            turnover_fall=fall(current.turnover, previous.turnover),
            exports_fall=fall(current.exports, previous.exports),
        )


@dataclass(frozen=True)
class Growth:
    """`year` against `base_year`: a rise as a ratio ("1.9 times"), and a
    fall also as the percentage lost (`*_fall`), since "0.9 times" is no way
    to say that trade fell in any language."""

    year: int
    base_year: int
    turnover: Decimal | None
    exports: Decimal | None
    is_sample: bool
    turnover_fall: int | None = None
    exports_fall: int | None = None


def ratio(current: Decimal, previous: Decimal) -> Decimal | None:
    """current / previous to one decimal place, as the agency states growth
    ("1.9 times"); None when there is nothing to compare with."""
    if not previous:
        return None
    return (current / previous).quantize(RATIO_PLACES)


def fall(current: Decimal, previous: Decimal) -> int | None:
    """How many percent `current` is below `previous`, rounded; None when it
    is not below (or by less than half a percent)."""
    if not previous or current >= previous:
        return None
    return round((previous - current) / previous * 100) or None


def published_figures(country: str):
    """The figures public pages may show: of complete years, in the reporting
    currency."""
    return (
        TradeFigure.objects.with_country(country)
        .in_currency(REPORTING_CURRENCY)
        .filter(year__in=TradeYear.objects.complete().values("year"))
    )


def provenance(trade_year: TradeYear | None, is_sample: bool) -> Provenance:
    if trade_year is None:
        return Provenance("", None, is_sample)
    return Provenance(trade_year.source, trade_year.taken_on, is_sample)


def trade_history(*, country: str = JAPAN) -> TradeHistory:
    """Exports and imports of every complete year, oldest first, in one
    query (the years' sources come from the cache)."""
    totals = list(
        published_figures(country)
        .values("year")
        .annotate(
            exports=Sum("value", filter=Q(flow=Flow.EXPORT), default=Decimal(0)),
            imports=Sum("value", filter=Q(flow=Flow.IMPORT), default=Decimal(0)),
            samples=Count("id", filter=Q(is_sample=True)),
        )
        .order_by("year")
    )
    known = TradeYear.by_year() if totals else {}
    years, is_sample = [], False
    for item in totals:
        origin = provenance(known.get(item["year"]), item["samples"] > 0)
        years.append(YearTrade(item["year"], item["exports"], item["imports"], origin))
        is_sample = is_sample or item["samples"] > 0
    return TradeHistory(years, is_sample)


def millions(thousands: Decimal) -> Decimal:
    return thousands / THOUSANDS_PER_MILLION


def unit_label() -> str:
    return _("million US$")


def trade_dataset(history: TradeHistory) -> Dataset:
    return Dataset(
        name="amur-japan-trade",
        title=_("Trade of the Amur Region with Japan"),
        category=_("Year"),
        unit=unit_label(),
        series=[_("Exports to Japan"), _("Imports from Japan")],
        rows=[
            Row(
                str(item.year),
                [millions(item.exports), millions(item.imports)],
                provenance=item.provenance,
            )
            for item in history.years
        ],
        total_label=_("Turnover"),
        is_sample=history.is_sample,
    )


def export_structure_dataset(
    *, year: int, country: str = JAPAN, origin: Provenance | None = None
) -> Dataset:
    """Exports of one year by commodity group, the largest first and "other
    goods" last. `origin`: the year's source when the caller has it already."""
    totals = (
        published_figures(country)
        .filter(flow=Flow.EXPORT, year=year)
        .values("commodity_group")
        .annotate(total=Sum("value"), samples=Count("id", filter=Q(is_sample=True)))
    )
    if origin is None:
        origin = provenance(TradeYear.by_year().get(year), False)
    totals = sorted(
        (item for item in totals if item["total"]),
        key=lambda item: (
            item["commodity_group"] == CommodityGroup.OTHER,
            -item["total"],
        ),
    )
    return Dataset(
        name=f"amur-exports-to-japan-{year}",
        title=_("Exports to Japan in %(year)s by commodity group") % {"year": year},
        category=_("Commodity group"),
        unit=unit_label(),
        series=[_("Exports to Japan")],
        rows=[
            Row(
                capfirst(str(CommodityGroup(item["commodity_group"]).label)),
                [millions(item["total"])],
                key=item["commodity_group"],
                provenance=replace(origin, is_sample=item["samples"] > 0),
            )
            for item in totals
        ],
        is_sample=any(item["samples"] for item in totals),
    )


def group_exports_dataset(*, group: str, country: str = JAPAN) -> Dataset:
    """Exports of one commodity group by year: a sector's own figures."""
    totals = list(
        published_figures(country)
        .filter(flow=Flow.EXPORT, commodity_group=group)
        .values("year")
        .annotate(total=Sum("value"), samples=Count("id", filter=Q(is_sample=True)))
        .order_by("year")
    )
    known = TradeYear.by_year() if totals else {}
    label = CommodityGroup(group).label
    return Dataset(
        name=f"amur-exports-to-japan-{group.replace('_', '-')}",
        title=_("Exports to Japan: %(group)s") % {"group": label},
        category=_("Year"),
        unit=unit_label(),
        series=[_("Exports to Japan")],
        rows=[
            Row(
                str(item["year"]),
                [millions(item["total"])],
                provenance=provenance(known.get(item["year"]), item["samples"] > 0),
            )
            for item in totals
        ],
        is_sample=any(item["samples"] for item in totals),
    )
