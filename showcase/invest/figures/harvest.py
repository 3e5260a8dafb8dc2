"""The wild-harvest calendar and the volumes the districts report."""

from dataclasses import dataclass
from decimal import Decimal

from django.utils.dates import MONTHS, MONTHS_AP
from django.utils.text import capfirst
from django.utils.translation import gettext as _

from partners.localized import reading_key
from showcase.invest.charts import Dataset, Row
from showcase.invest.models import Product, WildHarvestReport


@dataclass(frozen=True)
class Month:
    number: int
    short: str
    name: str


@dataclass(frozen=True)
class CalendarLine:
    """One product: in which months some district gathers it, and where."""

    product: str
    months: list[bool]
    districts: list[str]


def harvest_years() -> list[int]:
    return list(
        WildHarvestReport.objects.order_by("-year")
        .values_list("year", flat=True)
        .distinct()
    )


def months() -> list[Month]:
    return [Month(number, MONTHS_AP[number], MONTHS[number]) for number in MONTHS]


def reports_of(year: int) -> list[WildHarvestReport]:
    return list(
        WildHarvestReport.objects.filter(year=year)
        .select_related("district")
        .order_by("product", "district__slug")
    )


def calendar(reports: list[WildHarvestReport]) -> list[CalendarLine]:
    by_product: dict[str, list[WildHarvestReport]] = {}
    for report in reports:
        by_product.setdefault(report.product, []).append(report)
    lines = []
    for product in Product:
        found = by_product.get(product.value)
        if not found:
            continue
        season = {month for report in found for month in report.months}
        lines.append(
            CalendarLine(
                product=capfirst(str(product.label)),
                months=[number in season for number in MONTHS],
                districts=sorted(
                    (report.district.name for report in found), key=reading_key
                ),
            )
        )
    return lines


def volumes_dataset(reports: list[WildHarvestReport], year: int) -> Dataset:
    """Tonnes a year by product (the rows) and district (the stacked series)."""
    districts = sorted(
        {report.district for report in reports},
        key=lambda district: (reading_key(district.name), district.slug),
    )
    volume = {(r.product, r.district_id): r.volume_tonnes for r in reports}
    rows = [
        Row(
            capfirst(str(product.label)),
            [volume.get((product.value, d.pk), Decimal(0)) for d in districts],
            key=product.value,
        )
        for product in Product
        if any((product.value, d.pk) in volume for d in districts)
    ]
    return Dataset(
        name=f"amur-wild-harvest-{year}",
        title=_("Wild harvest in %(year)s by product and district") % {"year": year},
        category=_("Product"),
        unit=_("tonnes"),
        series=[district.name for district in districts],
        rows=rows,
        total_label=_("Total"),
        decimals=0 if all(v == v.to_integral_value() for v in volume.values()) else 1,
        is_sample=any(report.is_sample for report in reports),
    )
