"""A month as weeks of bars: month boundaries, items over several days and
weeks, the first day of the week in each language, crowded weeks."""

import datetime

import pytest
from django.utils import translation

from showcase.calendar import (
    MAX_LANES,
    CalendarItem,
    Selection,
    items_between,
    month_days,
    month_weeks,
)
from tests.showcase.events_factories import EventFactory

NOW = datetime.datetime(2020, 1, 1, tzinfo=datetime.UTC)
TODAY = datetime.date(2020, 1, 15)


def item(first, last, title="Tour", pk=1, start=None):
    return CalendarItem(
        source="event",
        pk=pk,
        category="cultural_exchange",
        title=title,
        place="",
        url=f"/en/events/{pk}/",
        starts_on=first,
        ends_on=last,
        is_cancelled=False,
        sequence=0,
        modified_at=NOW,
        created_at=NOW,
        start=start,
    )


def bars(weeks):
    return [
        (week.days[0].date, cell.bar)
        for week in weeks
        for lane in week.lanes
        for cell in lane
        if cell.bar
    ]


TOUR = item(datetime.date(2020, 1, 30), datetime.date(2020, 2, 2))


@pytest.mark.parametrize(("language", "weekday"), [("ru", 0), ("ja", 6), ("en", 6)])
def test_weeks_start_on_monday_in_russian_and_on_sunday_in_japanese(language, weekday):
    with translation.override(language):
        days = month_days(2020, 1)
    assert days[0].weekday() == weekday
    assert len(days) % 7 == 0
    assert datetime.date(2020, 1, 1) in days
    assert datetime.date(2020, 1, 31) in days


def test_an_item_from_january_30_to_february_2_is_a_bar_in_both_months():
    with translation.override("ru"):
        january = month_weeks(2020, 1, [TOUR], TODAY)
        february = month_weeks(2020, 2, [TOUR], TODAY)
    # Russian weeks start on Monday 27 January: one week holds the whole tour.
    [(week_start, bar)] = bars(january)
    assert week_start == datetime.date(2020, 1, 27)
    assert (bar.column, bar.span) == (3, 4)
    assert not bar.continues_before
    assert not bar.continues_after
    # February's first row is the same week, its first days in January.
    [(week_start, bar)] = bars(february)
    assert week_start == datetime.date(2020, 1, 27)
    assert (bar.column, bar.span) == (3, 4)
    assert not february[0].days[3].in_month


def test_an_item_across_a_week_boundary_is_one_bar_per_week():
    with translation.override("ja"):
        weeks = month_weeks(2020, 2, [TOUR], TODAY)
    # Japanese weeks start on Sunday: 26 Jan–1 Feb, then 2–8 Feb.
    (first_week, first), (second_week, second) = bars(weeks)
    assert (first_week, first.column, first.span) == (datetime.date(2020, 1, 26), 4, 3)
    assert first.continues_after
    assert not first.continues_before
    assert (second_week, second.column, second.span) == (
        datetime.date(2020, 2, 2),
        0,
        1,
    )
    assert second.continues_before
    assert not second.continues_after


def test_every_week_row_has_seven_days_of_cells():
    items = [
        TOUR,
        item(datetime.date(2020, 1, 31), datetime.date(2020, 1, 31), "Talks", 2),
        item(datetime.date(2020, 1, 28), datetime.date(2020, 1, 29), "Visit", 3),
    ]
    with translation.override("ru"):
        weeks = month_weeks(2020, 1, items, TODAY)
    for week in weeks:
        for lane in week.lanes:
            assert sum(cell.span for cell in lane) == 7


def test_bars_share_a_lane_when_they_do_not_overlap_and_longer_ones_go_first():
    items = [
        item(datetime.date(2020, 1, 31), datetime.date(2020, 1, 31), "Talks", 2),
        TOUR,
        item(datetime.date(2020, 1, 28), datetime.date(2020, 1, 29), "Visit", 3),
    ]
    with translation.override("ru"):
        week = month_weeks(2020, 1, items, TODAY)[4]
    titles = [[cell.bar.item.title for cell in lane if cell.bar] for lane in week.lanes]
    assert titles == [["Visit", "Tour"], ["Talks"]]


def test_timed_items_of_one_day_are_stacked_by_their_start():
    evening = item(
        datetime.date(2019, 9, 5),
        datetime.date(2019, 9, 5),
        "A meeting",
        1,
        start=datetime.datetime(2019, 9, 5, 8, tzinfo=datetime.UTC),
    )
    afternoon = item(
        datetime.date(2019, 9, 5),
        datetime.date(2019, 9, 5),
        "The council",
        2,
        start=datetime.datetime(2019, 9, 5, 5, tzinfo=datetime.UTC),
    )
    with translation.override("ru"):
        weeks = month_weeks(2019, 9, [evening, afternoon], TODAY)
    stacked = [bar.item.title for _start, bar in bars(weeks)]
    assert stacked == ["The council", "A meeting"]


def test_a_crowded_day_shows_what_fits_and_counts_the_rest():
    crowd = [
        item(datetime.date(2020, 1, 15), datetime.date(2020, 1, 15), f"Talks {n}", n)
        for n in range(MAX_LANES + 3)
    ]
    with translation.override("ru"):
        week = month_weeks(2020, 1, crowd, TODAY)[2]
    assert len(week.lanes) == MAX_LANES
    assert week.hidden == [0, 0, 3, 0, 0, 0, 0]
    assert week.filler == 0


def test_today_is_marked():
    with translation.override("en"):
        weeks = month_weeks(2020, 1, [], TODAY)
    marked = [day.date for week in weeks for day in week.days if day.is_today]
    assert marked == [TODAY]


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("first", "last", "found"),
    [
        (datetime.date(2020, 1, 1), datetime.date(2020, 1, 31), True),
        (datetime.date(2020, 2, 1), datetime.date(2020, 2, 29), True),
        (datetime.date(2020, 2, 3), datetime.date(2020, 2, 29), False),
        (datetime.date(2019, 12, 1), datetime.date(2020, 1, 29), False),
        (datetime.date(2020, 2, 2), datetime.date(2020, 2, 2), True),
    ],
)
def test_an_item_is_found_in_every_range_it_touches(first, last, found):
    EventFactory(
        starts_on=datetime.date(2020, 1, 30), ends_on=datetime.date(2020, 2, 2)
    )
    items = items_between(Selection(first=first, last=last))
    assert bool(items) is found
