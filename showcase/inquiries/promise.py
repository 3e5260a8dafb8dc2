"""How the reply promise is kept, in figures anyone may read: for each of the
last twelve months, the inquiries received, the median time to the first
reply and the share answered by the promised date. Counts and durations
only: nothing about who wrote.

The figures are computed at most once a day and kept in the cache under the
day's date: an inquiry a stranger sends changes nothing public at once (it
must not empty the page cache), and yesterday's figures are what the page
promises to show."""

import datetime
import statistics
from dataclasses import dataclass

from django.core.cache import cache
from django.utils import timezone

from showcase.inquiries.models import Inquiry

MONTHS = 12
CACHE_SECONDS = 24 * 60 * 60


@dataclass(frozen=True)
class Period:
    """One month (or the whole year): what was received, how it was kept."""

    start: datetime.date
    received: int
    answered: int
    on_time: int
    # Median days from receipt to the first reply, over the answered ones.
    median_days: float | None
    # Received, no reply yet, and the reply date not yet passed.
    waiting: int

    @property
    def due(self) -> int:
        """The inquiries whose promise has come due: answered, or late."""
        return self.received - self.waiting

    @property
    def on_time_percent(self) -> int | None:
        return round(100 * self.on_time / self.due) if self.due else None


@dataclass(frozen=True)
class Promise:
    since: datetime.date
    computed_on: datetime.date
    total: Period
    months: list[Period]


def first_of_month(day: datetime.date, months_back: int = 0) -> datetime.date:
    index = day.year * 12 + day.month - 1 - months_back
    return datetime.date(index // 12, index % 12 + 1, 1)


def period(start: datetime.date, rows: list[tuple], today: datetime.date) -> Period:
    days = []
    on_time = waiting = 0
    for created_at, replied_at, due_on in rows:
        if replied_at is None:
            waiting += due_on >= today
            continue
        days.append((replied_at - created_at).total_seconds() / 86400)
        on_time += timezone.localdate(replied_at) <= due_on
    return Period(
        start=start,
        received=len(rows),
        answered=len(days),
        on_time=on_time,
        median_days=round(statistics.median(days), 1) if days else None,
        waiting=waiting,
    )


def compute(today: datetime.date) -> Promise:
    since = first_of_month(today, MONTHS - 1)
    start = timezone.make_aware(datetime.datetime.combine(since, datetime.time()))
    rows = Inquiry.objects.filter(created_at__gte=start).values_list(
        "created_at", "first_replied_at", "reply_due_on"
    )
    by_month: dict[datetime.date, list[tuple]] = {
        first_of_month(today, back): [] for back in range(MONTHS)
    }
    for row in rows:
        # A moment after today (a clock set wrong) belongs to no month shown.
        month = by_month.get(first_of_month(timezone.localdate(row[0])))
        if month is not None:
            month.append(row)
    months = [period(month, by_month[month], today) for month in sorted(by_month)]
    every = [row for month_rows in by_month.values() for row in month_rows]
    return Promise(
        since=since,
        computed_on=today,
        total=period(since, every, today),
        months=months,
    )


def kept_promise() -> Promise:
    """Today's figures, computed by the first visitor of the day."""
    today = timezone.localdate()
    key = f"inquiries:promise:{today.isoformat()}"
    promise = cache.get(key)
    if promise is None:
        promise = compute(today)
        cache.set(key, promise, CACHE_SECONDS)
    return promise
