"""The region's activity by year: how many events of each kind, missions and
exhibitions, with the outcomes staff recorded on events and those the two
sides reported of the missions' meetings. Four grouped queries, whatever the
number of rows; the staff report adds each mission's meeting rates and the
agreements reached."""

from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import Count, Sum
from django.db.models.functions import ExtractYear

from exhibitions.models import Exhibition
from missions.models import Mission
from showcase.calendar import CATEGORY_CHOICES, EXHIBITION, MISSION
from showcase.calendar.models import Event
from showcase.meetings import outcomes


@dataclass
class YearActivity:
    """One column of the table: a year, or a span of years (to `last_year`)
    in which nothing was recorded."""

    year: int
    counts: dict = field(default_factory=dict)
    meetings_held: int | None = None
    agreements_signed: int | None = None
    last_year: int | None = None
    # A column standing for years without any recorded activity.
    is_gap: bool = False

    @property
    def total(self) -> int:
        return sum(self.counts.values())

    @property
    def label(self) -> str:
        return f"{self.year}–{self.last_year}" if self.last_year else str(self.year)

    def add_outcomes(self, meetings, agreements) -> None:
        # None means nobody recorded it, which is not the same as zero.
        if meetings is not None:
            self.meetings_held = (self.meetings_held or 0) + meetings
        if agreements is not None:
            self.agreements_signed = (self.agreements_signed or 0) + agreements


@dataclass
class ActivityTable:
    """Years as columns, kinds of activity as rows."""

    years: list[YearActivity]

    @property
    def rows(self) -> list[tuple[str, str, list[int]]]:
        """(category, label, count per year) for the categories that occur."""
        rows = []
        for category, label in CATEGORY_CHOICES:
            counts = [year.counts.get(category, 0) for year in self.years]
            if any(counts):
                rows.append((category, label, counts))
        return rows

    @property
    def has_gap(self) -> bool:
        return any(year.is_gap for year in self.years)

    @property
    def has_outcomes(self) -> bool:
        return any(
            year.meetings_held is not None or year.agreements_signed is not None
            for year in self.years
        )


def _by_year(queryset, *groups):
    return (
        queryset.annotate(year=ExtractYear("starts_on"))
        .values("year", *groups)
        .order_by()
    )


def activity_by_year(*, include_unpublished: bool = False) -> ActivityTable:
    """Activities that took place or are planned, cancelled ones left out.
    The public page counts published events; the staff report counts all."""
    years: dict[int, YearActivity] = defaultdict(lambda: YearActivity(year=0))

    def year(number):
        entry = years[number]
        entry.year = number
        return entry

    events = Event.objects.filter(is_cancelled=False)
    if not include_unpublished:
        events = events.published()
    for row in _by_year(events, "kind").annotate(
        count=Count("id"),
        meetings=Sum("meetings_held"),
        agreements=Sum("agreements_signed"),
    ):
        entry = year(row["year"])
        entry.counts[row["kind"]] = row["count"]
        entry.add_outcomes(row["meetings"], row["agreements"])
    missions = Mission.objects.filter(cancelled=False)
    for row in _by_year(missions).annotate(count=Count("id")):
        year(row["year"]).counts[MISSION] = row["count"]
    exhibitions = Exhibition.objects.filter(is_cancelled=False)
    for row in _by_year(exhibitions).annotate(count=Count("id")):
        year(row["year"]).counts[EXHIBITION] = row["count"]
    # Meetings at missions, as the two sides reported them.
    for number, (held, agreements) in outcomes.held_by_year().items():
        year(number).add_outcomes(held, agreements)
    return ActivityTable(years=with_gaps([years[number] for number in sorted(years)]))


def with_gaps(years: list[YearActivity]) -> list[YearActivity]:
    """The years in order with none left out: the years between two with
    activity, when none was recorded in them, stand as one empty column
    ("2021–2025"), so that a jump in time reads as one."""
    columns: list[YearActivity] = []
    for entry in years:
        if columns and entry.year > columns[-1].year + 1:
            first, last = columns[-1].year + 1, entry.year - 1
            columns.append(
                YearActivity(
                    year=first, last_year=last if last > first else None, is_gap=True
                )
            )
        columns.append(entry)
    return columns


@dataclass
class MissionMeetings:
    mission: Mission | Exhibition  # a mission, or an exhibition's pavilion
    rates: outcomes.Rates


def meetings_by_mission() -> list[MissionMeetings]:
    """For staff: each mission and each exhibition's pavilion that had
    meeting requests, newest first, with its acceptance, kept-meeting and
    no-show rates and agreements."""
    hosts = [
        *Mission.objects.filter(meeting_requests__isnull=False).distinct(),
        *Exhibition.objects.filter(meeting_requests__isnull=False).distinct(),
    ]
    hosts.sort(key=lambda host: (host.starts_on, host.pk), reverse=True)
    rates = outcomes.rates_by_host(hosts)
    return [MissionMeetings(host, rates[host]) for host in hosts]
