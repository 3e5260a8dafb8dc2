"""Charts drawn on the server: a dataset in, bar geometry out.

One `Dataset` stands behind each chart, the table beside it and its CSV
download, so the three always show the same numbers. The geometry is plain
numbers in an SVG coordinate system; the templates in
templates/showcase/invest/charts/ turn it into SVG whose labels stay text, so
the page's own fonts render them in Japanese, Russian or English.
"""

import csv
import datetime
import io
import math
from dataclasses import dataclass, field
from decimal import Decimal

from django.http import HttpResponse
from django.utils.translation import gettext

# Fill colours for the series, in order: the site's blue and orange, then
# colours told apart by lightness as well as hue, each at least 3:1 against
# white as WCAG asks of graphics.
PALETTE = (
    "#0b4a6f",
    "#c4461f",
    "#2e7d4f",
    "#7a5aa6",
    "#8c6a00",
    "#1f7f8c",
    "#a8326e",
    "#4d5b69",
    "#5b7f1f",
    "#9c4a00",
)


@dataclass(frozen=True)
class Provenance:
    """Where a row's figures come from and when they were taken from there;
    whether they are samples made up for the demonstration."""

    source: str
    taken_on: datetime.date | None = None
    is_sample: bool = False


@dataclass
class Row:
    """One category (a year, a commodity group, a district) and its value in
    each series."""

    label: str
    values: list[Decimal]
    key: str = ""
    provenance: "Provenance | None" = None

    @property
    def total(self) -> Decimal:
        return sum(self.values, Decimal(0))


@dataclass
class Dataset:
    """Numbers with everything needed to show them: what they are, in which
    unit, and where they come from. Labels are in the active language."""

    name: str
    title: str
    category: str
    unit: str
    series: list[str]
    rows: list[Row]
    decimals: int = 1
    total_label: str = ""
    is_sample: bool = False

    @property
    def caption(self) -> str:
        """The title with the unit, as the active language writes it."""
        if not self.unit:
            return self.title
        return gettext("%(title)s, %(unit)s") % {"title": self.title, "unit": self.unit}

    @property
    def has_total(self) -> bool:
        return bool(self.total_label) and len(self.series) > 1

    @property
    def colours(self) -> list[str]:
        return [PALETTE[index % len(PALETTE)] for index in range(len(self.series))]

    @property
    def legend(self) -> list[tuple[str, str]]:
        return list(zip(self.series, self.colours, strict=True))

    def __bool__(self) -> bool:
        return bool(self.rows)

    def header(self) -> list[str]:
        columns = [self.category, *self.series]
        if self.has_total:
            columns.append(self.total_label)
        return columns

    @property
    def sources(self) -> list[Provenance]:
        """The distinct sources of the rows, in the order the rows name them,
        as the note under a chart lists them."""
        found = []
        for row in self.rows:
            if row.provenance and row.provenance.source:
                origin = Provenance(row.provenance.source, row.provenance.taken_on)
                if origin not in found:
                    found.append(origin)
        return found

    @property
    def has_provenance(self) -> bool:
        return any(row.provenance for row in self.rows)

    def table(self) -> list[tuple[str, list[Decimal]]]:
        """The rows as the table and the CSV show them, total last."""
        return [
            (row.label, [*row.values, row.total] if self.has_total else row.values)
            for row in self.rows
        ]


def csv_response(dataset: Dataset) -> HttpResponse:
    """The dataset as a CSV file: UTF-8 with a byte-order mark, so that Excel
    opens Japanese and Russian text correctly; numbers with a full stop as
    the decimal mark, as every program reads them."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    unit = f" ({dataset.unit})" if dataset.unit else ""
    header = dataset.header()
    columns = [header[0], *(f"{column}{unit}" for column in header[1:])]
    if dataset.has_provenance:
        columns += [gettext("Source"), gettext("Date taken"), gettext("Sample data")]
    writer.writerow(columns)
    for row, (label, values) in zip(dataset.rows, dataset.table(), strict=True):
        cells = [label, *(plain_number(v, dataset.decimals) for v in values)]
        if dataset.has_provenance:
            cells += provenance_cells(row.provenance)
        writer.writerow(cells)
    response = HttpResponse(
        ("\ufeff" + buffer.getvalue()).encode("utf-8"),
        content_type="text/csv; charset=utf-8",
    )
    response["Content-Disposition"] = f'attachment; filename="{dataset.name}.csv"'
    return response


def provenance_cells(provenance: Provenance | None) -> list[str]:
    """Source, date taken (ISO, as every program reads it) and whether the
    row is sample data, for the last columns of a CSV."""
    if provenance is None:
        return ["", "", ""]
    return [
        provenance.source,
        provenance.taken_on.isoformat() if provenance.taken_on else "",
        gettext("yes") if provenance.is_sample else gettext("no"),
    ]


def plain_number(value: Decimal, decimals: int) -> str:
    return f"{value:.{decimals}f}"


# --- Geometry ---------------------------------------------------------------
#
# Across, coordinates are percentages of the chart's width; down, they are
# pixels. The SVG then fills its column at any screen width while its text
# keeps the page's font size: a phone shows the labels as large as a desk.


@dataclass
class Segment:
    """One series' part of a bar: x and width in per cent, y and height in
    pixels."""

    x: float
    y: float
    width: float
    height: float
    value: Decimal
    series: str
    colour: str


@dataclass
class Column:
    label: str
    centre: float
    total: Decimal
    total_label_y: float
    segments: list[Segment] = field(default_factory=list)


@dataclass
class Tick:
    value: Decimal
    y: float

    @property
    def label_y(self) -> float:
        # The value sits just above its grid line, at the left edge.
        return rounded(self.y - 4)


@dataclass
class ColumnChart:
    """Vertical bars, one per row, stacked by series, on a value axis."""

    height: int
    bottom: float
    columns: list[Column]
    ticks: list[Tick]
    tick_decimals: int = 0

    @property
    def label_y(self) -> float:
        return self.bottom + 20


@dataclass
class BarLine:
    label: str
    label_y: float
    bar_y: float
    total: Decimal
    share: Decimal | None
    value_x: float
    value_y: float
    segments: list[Segment] = field(default_factory=list)
    label_lines: list[str] = field(default_factory=list)

    @property
    def value_inside(self) -> bool:
        """A long bar carries its value inside its end: written after it, the
        value would run past the edge of a phone's screen."""
        return self.value_x > VALUE_INSIDE_FROM


@dataclass
class BarListChart:
    """Horizontal bars, one per row under its label: long names in any
    language need no room beside the bar."""

    height: int
    lines: list[BarLine]


# A bar longer than this share of the width (per cent) has its value inside.
VALUE_INSIDE_FROM = 45.0
# A bar label longer than this many characters (half as many in Japanese or
# Chinese, whose characters are twice as wide) takes two lines: SVG text does
# not wrap, and a phone's chart is about 40 Latin characters wide.
LABEL_LINE_CHARACTERS = 26
LABEL_LINE_HEIGHT = 17.0


def is_wide(character: str) -> bool:
    return "\u3000" <= character <= "\u9fff" or "\uff00" <= character <= "\uffef"


def label_width(text: str) -> int:
    """The width of a label in narrow characters."""
    return sum(2 if is_wide(character) else 1 for character in text)


def split_label(label: str) -> list[str]:
    """A bar label in one line, or in two split at the break (a space, or
    after a Japanese separator) nearest its middle."""
    if label_width(label) <= LABEL_LINE_CHARACTERS:
        return [label]
    breaks = [i + 1 for i, c in enumerate(label) if c in " ・、，,/"]
    if not breaks:
        breaks = list(range(1, len(label)))
    middle = label_width(label) / 2
    cut = min(breaks, key=lambda i: abs(label_width(label[:i]) - middle))
    return [label[:cut].strip(), label[cut:].strip()]


def rounded(coordinate: float) -> float:
    """Coordinates to a tenth of a unit: sharp enough, and a short SVG."""
    return round(coordinate, 1)


def nice_step(largest: Decimal, ticks: int = 5) -> Decimal:
    """A round step (1, 2 or 5 times a power of ten) that covers the largest
    value in at most `ticks` steps, computed in decimals so that 0.2 is 0.2
    and not 0.20000000000000001."""
    largest = Decimal(largest)
    if largest <= 0:
        return Decimal(1)
    rough = largest / ticks
    power = Decimal(1).scaleb(rough.adjusted())
    return next(m * power for m in (1, 2, 5, 10) if rough <= m * power)


def step_decimals(step: Decimal) -> int:
    """The decimals an axis with this step needs: none for 20, one for 0.2,
    two for 0.05, so that its labels are all different."""
    return max(0, -Decimal(step).normalize().as_tuple().exponent)


def axis_ticks(largest: Decimal, ticks: int = 5) -> tuple[list[Decimal], int]:
    """The values of an axis from 0 up to the first round value at or above
    the largest, and the decimals its labels need."""
    step = nice_step(largest, ticks)
    count = max(1, math.ceil(Decimal(largest) / step))
    return [step * index for index in range(count + 1)], step_decimals(step)


def column_chart(dataset: Dataset, height: int = 300) -> ColumnChart:
    top, bottom = 34.0, height - 28.0
    largest = max((row.total for row in dataset.rows), default=Decimal(0))
    values, decimals = axis_ticks(largest)
    axis_top = values[-1]
    scale = (bottom - top) / float(axis_top)
    # The first tenth of the width holds the axis values above their lines.
    left, slot = 10.0, 90.0 / max(len(dataset.rows), 1)
    bar = min(slot * 0.6, 14.0)
    ticks = [Tick(value, rounded(bottom - float(value) * scale)) for value in values]
    chart = ColumnChart(height, bottom, [], ticks, decimals)
    for index, row in enumerate(dataset.rows):
        centre = left + slot * (index + 0.5)
        top_of_bar = bottom - float(row.total) * scale
        column = Column(row.label, rounded(centre), row.total, rounded(top_of_bar - 6))
        base = bottom
        for value, series, colour in zip(
            row.values, dataset.series, dataset.colours, strict=True
        ):
            size = float(value) * scale
            base -= size
            column.segments.append(
                Segment(
                    rounded(centre - bar / 2),
                    rounded(base),
                    rounded(bar),
                    rounded(size),
                    value,
                    series,
                    colour,
                )
            )
        chart.columns.append(column)
    return chart


def bar_list_chart(
    dataset: Dataset, bar_height: int = 20, shares: bool = False
) -> BarListChart:
    """`shares` adds each row's percentage of the whole after its value. The
    longest bar takes 70% of the width, leaving room for its value."""
    label_height, gap = 24.0, 14.0
    largest = max((row.total for row in dataset.rows), default=Decimal(0))
    grand_total = sum((row.total for row in dataset.rows), Decimal(0))
    scale = 70.0 / float(largest) if largest else 0.0
    lines = []
    y = 0.0
    for row in dataset.rows:
        share = None
        if shares and grand_total:
            share = (row.total * 100 / grand_total).quantize(Decimal("0.1"))
        label_lines = split_label(row.label)
        extra = LABEL_LINE_HEIGHT * (len(label_lines) - 1)
        bar_y = y + label_height + extra
        line = BarLine(
            label=row.label,
            label_lines=label_lines,
            label_y=y + 17,
            bar_y=bar_y,
            total=row.total,
            share=share,
            value_x=rounded(float(row.total) * scale),
            value_y=bar_y + bar_height * 0.75,
        )
        x = 0.0
        for value, series, colour in zip(
            row.values, dataset.series, dataset.colours, strict=True
        ):
            size = float(value) * scale
            line.segments.append(
                Segment(
                    rounded(x), bar_y, rounded(size), bar_height, value, series, colour
                )
            )
            x += size
        lines.append(line)
        y += label_height + extra + bar_height + gap
    return BarListChart(max(int(y), 1), lines)
