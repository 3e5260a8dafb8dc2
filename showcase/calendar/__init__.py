"""One calendar of everything the agency does: its events, the business
missions and the exhibitions, read as the same kind of item.

Every view of the calendar (a month, a list, a feed) first asks the database
for the keys of the items it shows, in order, with one UNION query over the
three tables; then it loads those rows, one query per table. The number of
queries therefore stays the same however many items there are.

The merged calendar is this module; the package around it holds the rest of
the concern: `models` (the agency's own events), `views` and `urls` (a month,
a list, an event's page, the iCalendar feeds, the activity report and the
exchanges beyond trade), `activity` (the activity report by year), `admin`
and `resources` (what staff keep and import). It reads missions and
exhibitions, so it lives in showcase, above both.
"""

import calendar as stdlib_calendar
import datetime
from collections import defaultdict
from dataclasses import dataclass, field
from zoneinfo import ZoneInfo

from django.db.models import DateTimeField, F, QuerySet, Value
from django.utils import formats, timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext

from amur_invest import icalendar_feed
from exhibitions.models import Exhibition
from missions.models import Mission
from showcase.calendar.models import Event, TimeZone, zone_offset

MISSION = "mission"
EXHIBITION = "exhibition"

# What a visitor can filter by: the kinds of event, then missions and
# exhibitions, which have their own pages.
CATEGORY_CHOICES = [
    *Event.Kind.choices,
    (MISSION, _("business mission")),
    (EXHIBITION, _("exhibition")),
]
CATEGORY_LABELS = dict(CATEGORY_CHOICES)


@dataclass(frozen=True)
class CalendarItem:
    """An event, a mission or an exhibition as the calendar shows it.

    `start` and `end` are set for timed items only, aware and in the zone of
    the place; `starts_on` and `ends_on` are days in that place's calendar.
    """

    source: str
    pk: int
    category: str
    title: str
    place: str
    url: str
    starts_on: datetime.date
    ends_on: datetime.date
    is_cancelled: bool
    sequence: int
    modified_at: datetime.datetime
    created_at: datetime.datetime
    description: str = ""
    is_plan: bool = False
    start: datetime.datetime | None = None
    end: datetime.datetime | None = None
    time_zone: str = ""

    @property
    def key(self) -> str:
        return f"{self.source}-{self.pk}"

    @property
    def uid(self) -> str:
        """Stable for the item's whole life: a calendar app updates its copy
        instead of adding another."""
        return icalendar_feed.uid(self.key)

    @property
    def category_label(self) -> str:
        return str(CATEGORY_LABELS.get(self.category, self.category))

    @property
    def all_day(self) -> bool:
        return self.start is None

    @property
    def days(self) -> int:
        return (self.ends_on - self.starts_on).days + 1

    @property
    def is_multi_day(self) -> bool:
        return self.ends_on > self.starts_on

    @property
    def is_past_plan(self) -> bool:
        """A plan whose days have gone by and nobody recorded as held."""
        return self.is_plan and self.ends_on < timezone.localdate()

    @property
    def local_start(self) -> datetime.datetime | None:
        """Wall-clock time of the place, naive so that templates show it as it
        is instead of converting it to the site's zone."""
        return self.start.replace(tzinfo=None) if self.start else None

    @property
    def local_end(self) -> datetime.datetime | None:
        return self.end.replace(tzinfo=None) if self.end else None

    @property
    def zone_name(self) -> str:
        """'Japan time (UTC+9)': the zone the times are given in."""
        if self.start is None:
            return ""
        label = TimeZone(self.time_zone).label if self.time_zone else "UTC"
        return pgettext("time zone with its offset", "%(zone)s (%(offset)s)") % {
            "zone": label,
            "offset": zone_offset(self.start),
        }

    @property
    def ics_url_kwargs(self) -> dict:
        return {"source": self.source, "pk": self.pk}


# --- Which items: keys in order ---------------------------------------------


@dataclass(frozen=True)
class Selection:
    """What a calendar view asks for: categories (empty means all) and a range
    of days, both ends included and optional."""

    categories: frozenset = frozenset()
    first: datetime.date | None = None
    last: datetime.date | None = None
    ends_before: datetime.date | None = None

    def wants(self, category: str) -> bool:
        return not self.categories or category in self.categories

    def event_kinds(self) -> list[str]:
        return [kind for kind in Event.Kind.values if self.wants(kind)]


def _in_range(queryset: QuerySet, selection: Selection) -> QuerySet:
    if selection.last is not None:
        queryset = queryset.filter(starts_on__lte=selection.last)
    if selection.first is not None:
        queryset = queryset.filter(ends_on__gte=selection.first)
    if selection.ends_before is not None:
        queryset = queryset.filter(ends_on__lt=selection.ends_before)
    return queryset


def _keys(queryset: QuerySet, source: str, start_time) -> QuerySet:
    return (
        queryset.order_by()
        .annotate(source=Value(source), start_time=start_time)
        .values_list("source", "pk", "starts_on", "ends_on", "start_time")
    )


def item_keys(selection: Selection) -> QuerySet | None:
    """An unevaluated UNION of (source, pk, starts_on, ends_on, start time)
    for the selected items, or None when nothing can match. Order it, slice
    it, count it: the database does the work."""
    no_time = Value(None, output_field=DateTimeField())
    parts = []
    kinds = selection.event_kinds()
    if kinds:
        events = Event.objects.published()
        if len(kinds) < len(Event.Kind.values):
            events = events.filter(kind__in=kinds)
        parts.append(_keys(_in_range(events, selection), "event", F("starts_at")))
    if selection.wants(MISSION):
        parts.append(
            _keys(_in_range(Mission.objects.all(), selection), MISSION, no_time)
        )
    if selection.wants(EXHIBITION):
        exhibitions = _in_range(Exhibition.objects.all(), selection)
        parts.append(_keys(exhibitions, EXHIBITION, no_time))
    if not parts:
        return None
    first, *others = parts
    return first.union(*others, all=True) if others else first


def chronological(keys: QuerySet) -> QuerySet:
    return keys.order_by(
        F("starts_on").asc(), F("start_time").asc(nulls_first=True), "source", "pk"
    )


def latest_first(keys: QuerySet) -> QuerySet:
    return keys.order_by(
        F("ends_on").desc(),
        F("start_time").desc(nulls_last=True),
        F("source").desc(),
        F("pk").desc(),
    )


# --- Loading the rows ---------------------------------------------------------


def _event_item(event: Event) -> CalendarItem:
    zone = ZoneInfo(event.time_zone)
    return CalendarItem(
        source="event",
        pk=event.pk,
        category=event.kind,
        title=event.title,
        place=event.place,
        url=event.get_absolute_url(),
        starts_on=event.starts_on,
        ends_on=event.ends_on,
        is_cancelled=event.is_cancelled,
        sequence=event.sequence,
        modified_at=event.modified_at,
        created_at=event.created_at,
        description=event.description,
        is_plan=event.is_plan,
        start=event.starts_at.astimezone(zone) if event.starts_at else None,
        end=event.ends_at.astimezone(zone) if event.ends_at else None,
        time_zone=event.time_zone,
    )


def _mission_item(mission: Mission) -> CalendarItem:
    return CalendarItem(
        source=MISSION,
        pk=mission.pk,
        category=MISSION,
        title=mission.title,
        place=mission.cities,
        url=mission.get_absolute_url(),
        starts_on=mission.starts_on,
        ends_on=mission.ends_on,
        is_cancelled=mission.cancelled,
        sequence=mission.sequence,
        modified_at=mission.updated_at,
        created_at=mission.created_at,
        description=mission.description,
    )


def _exhibition_item(exhibition: Exhibition) -> CalendarItem:
    place = ", ".join(part for part in (exhibition.venue, exhibition.city) if part)
    return CalendarItem(
        source=EXHIBITION,
        pk=exhibition.pk,
        category=EXHIBITION,
        title=exhibition.name,
        place=place,
        url=exhibition.get_absolute_url(),
        starts_on=exhibition.starts_on,
        ends_on=exhibition.ends_on,
        is_cancelled=exhibition.is_cancelled,
        sequence=exhibition.sequence,
        modified_at=exhibition.modified_at,
        created_at=exhibition.created_at,
        description=exhibition.pavilion_offer,
    )


LOADERS = {
    "event": (Event, _event_item),
    MISSION: (Mission, _mission_item),
    EXHIBITION: (Exhibition, _exhibition_item),
}


def load_items(keys) -> list[CalendarItem]:
    """The items for (source, pk, ...) keys, in the keys' order: one query for
    each source that appears."""
    keys = list(keys)
    wanted = defaultdict(list)
    for source, pk, *_rest in keys:
        wanted[source].append(pk)
    loaded = {}
    for source, pks in wanted.items():
        model, make_item = LOADERS[source]
        for row in model.objects.filter(pk__in=pks):
            loaded[source, row.pk] = make_item(row)
    return [loaded[source, pk] for source, pk, *_rest in keys if (source, pk) in loaded]


def items_between(selection: Selection) -> list[CalendarItem]:
    keys = item_keys(selection)
    return [] if keys is None else load_items(chronological(keys))


def get_item(source: str, pk: int) -> CalendarItem | None:
    """One item by its source and key, published events only."""
    if source not in LOADERS:
        return None
    model, make_item = LOADERS[source]
    rows = model.objects.filter(pk=pk)
    if model is Event:
        rows = rows.filter(is_published=True)
    row = rows.first()
    return make_item(row) if row else None


# --- A month as weeks of bars ------------------------------------------------


@dataclass(frozen=True)
class Day:
    date: datetime.date
    in_month: bool
    is_today: bool


@dataclass(frozen=True)
class Bar:
    """The part of an item that falls in one week."""

    item: CalendarItem
    column: int  # 0 for the week's first day
    span: int
    continues_before: bool
    continues_after: bool


@dataclass(frozen=True)
class Cell:
    """One cell of a lane: a bar across `span` days, or empty days."""

    span: int
    bar: Bar | None = None


@dataclass
class Week:
    days: list[Day]
    lanes: list[list[Cell]] = field(default_factory=list)
    # Items of each day that did not fit in the lanes, by column.
    hidden: list[int] = field(default_factory=list)

    @property
    def filler(self) -> int:
        """Empty lanes that keep every week of the month the same height."""
        return max(MAX_LANES - len(self.lanes), 0)

    @property
    def has_hidden(self) -> bool:
        return any(self.hidden)

    @property
    def hidden_days(self) -> list[tuple[Day, int]]:
        return list(zip(self.days, self.hidden, strict=True))


# More bars than this in one week go to a "+N more" line per day; the list
# under the month names every item.
MAX_LANES = 4


def first_weekday() -> int:
    """0 for Monday, as in Russia; 6 for Sunday, as in Japan and the US
    (Django's FIRST_DAY_OF_WEEK counts from Sunday)."""
    return (int(formats.get_format("FIRST_DAY_OF_WEEK")) - 1) % 7


def month_days(year: int, month: int) -> list[datetime.date]:
    """Every day of the weeks that show the month, whole weeks."""
    weeks = stdlib_calendar.Calendar(first_weekday()).monthdatescalendar(year, month)
    return [day for week in weeks for day in week]


def _bar(item: CalendarItem, week_start: datetime.date) -> Bar | None:
    week_end = week_start + datetime.timedelta(days=6)
    if item.ends_on < week_start or item.starts_on > week_end:
        return None
    first = max(item.starts_on, week_start)
    last = min(item.ends_on, week_end)
    return Bar(
        item=item,
        column=(first - week_start).days,
        span=(last - first).days + 1,
        continues_before=item.starts_on < week_start,
        continues_after=item.ends_on > week_end,
    )


def _lay_out(bars: list[Bar]) -> tuple[list[list[Bar]], list[int]]:
    """Bars into lanes, first free lane first; longer bars get the upper
    lanes, then all-day items, then timed ones by their start. Returns the
    lanes and, per day, the count of bars left out."""
    lanes: list[list[Bar]] = []
    hidden = [0] * 7
    order = sorted(bars, key=_lane_order)
    for bar in order:
        for lane in lanes:
            if lane[-1].column + lane[-1].span <= bar.column:
                lane.append(bar)
                break
        else:
            if len(lanes) < MAX_LANES:
                lanes.append([bar])
            else:
                for column in range(bar.column, bar.column + bar.span):
                    hidden[column] += 1
    return lanes, hidden


def _lane_order(bar: Bar) -> tuple:
    start = bar.item.start
    return (
        bar.column,
        -bar.span,
        start is not None,
        start.timestamp() if start else 0,
        bar.item.title,
    )


def _cells(lane: list[Bar]) -> list[Cell]:
    cells, column = [], 0
    for bar in lane:
        if bar.column > column:
            cells.append(Cell(span=bar.column - column))
        cells.append(Cell(span=bar.span, bar=bar))
        column = bar.column + bar.span
    if column < 7:
        cells.append(Cell(span=7 - column))
    return cells


def month_weeks(
    year: int, month: int, items: list[CalendarItem], today: datetime.date
) -> list[Week]:
    """The month as weeks; each week has its days and lanes of bars, an item
    over several days being one bar per week it touches."""
    days = month_days(year, month)
    weeks = []
    for index in range(0, len(days), 7):
        week_days = days[index : index + 7]
        bars = [bar for item in items if (bar := _bar(item, week_days[0]))]
        lanes, hidden = _lay_out(bars)
        weeks.append(
            Week(
                days=[
                    Day(date=day, in_month=day.month == month, is_today=day == today)
                    for day in week_days
                ],
                lanes=[_cells(lane) for lane in lanes],
                hidden=hidden,
            )
        )
    return weeks


def items_by_day(
    items: list[CalendarItem], first: datetime.date, last: datetime.date
) -> list[tuple[datetime.date, list[CalendarItem]]]:
    """The agenda of a month: each day with the items on it, multi-day items
    under their first day in the month."""
    by_day = defaultdict(list)
    for item in items:
        by_day[max(item.starts_on, first)].append(item)
    return sorted((day, found) for day, found in by_day.items() if day <= last)
