"""An event keeps its moments in UTC and its days in the calendar of its
place; its revision moves only with a change a subscriber would see."""

import datetime
from zoneinfo import ZoneInfo

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import translation

from showcase.calendar.models import zone_offset
from showcase.models import Event
from tests.partners.factories import TwinRelationFactory
from tests.showcase.events_factories import EventFactory

pytestmark = pytest.mark.django_db

TOKYO = ZoneInfo("Asia/Tokyo")
MOSCOW = ZoneInfo("Europe/Moscow")


def timed(start, end=None, zone="Asia/Tokyo", **fields):
    event = EventFactory.build(
        all_day=False,
        starts_on=None,
        starts_at=start,
        ends_at=end,
        time_zone=zone,
        **fields,
    )
    event.full_clean()
    event.save()
    return event


def test_a_timed_event_takes_the_day_of_its_place_not_of_utc():
    # 08:00 in Tokyo on 12 November is still 11 November in UTC.
    event = timed(datetime.datetime(2019, 11, 12, 8, tzinfo=TOKYO))
    assert event.starts_at == datetime.datetime(2019, 11, 11, 23, tzinfo=datetime.UTC)
    assert (event.starts_on, event.ends_on) == (
        datetime.date(2019, 11, 12),
        datetime.date(2019, 11, 12),
    )


def test_a_late_evening_in_moscow_is_the_next_morning_in_blagoveshchensk():
    event = timed(
        datetime.datetime(2019, 12, 24, 20, tzinfo=MOSCOW),
        datetime.datetime(2019, 12, 24, 23, 30, tzinfo=MOSCOW),
        zone="Europe/Moscow",
    )
    assert event.starts_on == datetime.date(2019, 12, 24)
    assert event.local_end.hour == 23
    assert zone_offset(event.local_start) == "UTC+3"


def test_a_timed_event_over_midnight_ends_on_the_next_day():
    event = timed(
        datetime.datetime(2019, 11, 27, 22, tzinfo=TOKYO),
        datetime.datetime(2019, 11, 28, 1, tzinfo=TOKYO),
    )
    assert event.ends_on == datetime.date(2019, 11, 28)


def test_a_one_day_event_ends_the_day_it_starts():
    event = EventFactory(starts_on=datetime.date(2019, 3, 13), ends_on=None)
    assert event.ends_on == datetime.date(2019, 3, 13)


def test_an_all_day_event_drops_times_staff_left_in_the_form():
    event = EventFactory.build(
        all_day=True, starts_at=datetime.datetime(2019, 1, 1, tzinfo=datetime.UTC)
    )
    event.full_clean()
    assert event.starts_at is None


def test_the_database_refuses_an_all_day_event_with_times():
    with pytest.raises(IntegrityError), transaction.atomic():
        Event.objects.bulk_create(
            [
                EventFactory.build(
                    all_day=True,
                    starts_at=datetime.datetime(2019, 1, 1, tzinfo=datetime.UTC),
                    ends_on=datetime.date(2019, 1, 1),
                )
            ]
        )


@pytest.mark.parametrize(
    ("fields", "field", "message"),
    [
        ({"all_day": False, "starts_on": None}, "starts_at", "Give the start time"),
        ({"starts_on": None}, "starts_on", "Give the first day"),
        (
            {
                "starts_on": datetime.date(2019, 3, 2),
                "ends_on": datetime.date(2019, 3, 1),
            },
            "__all__",
            "cannot end before it starts",
        ),
        ({"kind": Event.Kind.TWIN_CITY_VISIT}, "twin_relation", "twin-city relation"),
    ],
)
def test_bad_events_are_refused_with_a_message(fields, field, message):
    event = EventFactory.build(**fields)
    with translation.override("en"):
        with pytest.raises(ValidationError) as error:
            event.full_clean()
        assert message in " ".join(error.value.message_dict[field])


def test_a_twin_city_visit_names_its_relation():
    event = EventFactory.build(
        kind=Event.Kind.TWIN_CITY_VISIT, twin_relation=TwinRelationFactory()
    )
    event.full_clean()


def test_a_change_is_a_new_revision_and_an_unchanged_save_is_not():
    event = EventFactory()
    first_stamp = event.modified_at

    same = Event.objects.get(pk=event.pk)
    same.save()
    same.refresh_from_db()
    assert (same.sequence, same.modified_at) == (0, first_stamp)

    changed = Event.objects.get(pk=event.pk)
    changed.place_ja = "東京"
    changed.save()
    changed.refresh_from_db()
    assert changed.sequence == 1
    assert changed.modified_at > first_stamp


def test_an_event_built_in_memory_for_an_existing_row_counts_from_the_stored_revision():
    event = EventFactory()
    Event.objects.filter(pk=event.pk).update(sequence=4)
    replacement = EventFactory.build(pk=event.pk, created_at=event.created_at)
    replacement.save()
    replacement.refresh_from_db()
    assert replacement.sequence == 5
