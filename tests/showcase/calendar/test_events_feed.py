"""The iCalendar feeds, parsed back with the icalendar library and checked
field by field, as a calendar app would read them."""

import datetime

import pytest
from django.utils import timezone, translation
from icalendar import Calendar

from showcase.calendar import views as event_views
from showcase.calendar.models import calendar_changed
from showcase.models import Event
from tests.exhibitions.factories import ExhibitionFactory, ParticipationFactory
from tests.missions.factories import MissionFactory, RegistrationFactory
from tests.showcase.events_factories import EventFactory, bulk_events

pytestmark = pytest.mark.django_db

TOKYO_2PM = datetime.datetime(2019, 11, 12, 5, tzinfo=datetime.UTC)


@pytest.fixture(autouse=True)
def fresh_feeds():
    # Only the feeds are made stale: other tests count on what the rest of
    # the cache holds.
    calendar_changed()


def feed(client, path="/en/events.ics", **params):
    response = client.get(path, params)
    assert response.status_code == 200, response.content
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    return response.content, Calendar.from_ical(response.content)


def by_uid(calendar) -> dict:
    return {str(event["UID"]): event for event in calendar.walk("VEVENT")}


def test_an_all_day_item_over_several_days_ends_the_day_after_its_last_day(client):
    event = EventFactory(
        starts_on=datetime.date(2020, 1, 30), ends_on=datetime.date(2020, 2, 2)
    )
    raw, calendar = feed(client)
    vevent = by_uid(calendar)[f"event-{event.pk}@127.0.0.1"]
    assert vevent.decoded("DTSTART") == datetime.date(2020, 1, 30)
    assert vevent.decoded("DTEND") == datetime.date(2020, 2, 3)
    assert b"DTSTART;VALUE=DATE:20200130" in raw
    assert b"DTEND;VALUE=DATE:20200203" in raw


def test_a_timed_item_is_given_in_utc_with_its_local_time_spelt_out(client):
    event = EventFactory(
        all_day=False,
        starts_on=None,
        starts_at=TOKYO_2PM,
        ends_at=TOKYO_2PM + datetime.timedelta(hours=2),
        time_zone="Asia/Tokyo",
    )
    raw, calendar = feed(client)
    vevent = by_uid(calendar)[f"event-{event.pk}@127.0.0.1"]
    assert vevent.decoded("DTSTART") == TOKYO_2PM
    assert b"DTSTART:20191112T050000Z" in raw
    assert b"DTEND:20191112T070000Z" in raw
    assert b"TZID" not in raw
    assert "Local time: 2 p.m.–4 p.m., Japan time (UTC+9)" in str(vevent["DESCRIPTION"])


def test_every_item_carries_what_a_calendar_app_needs(client):
    event = EventFactory(kind=Event.Kind.SPORTS_EXCHANGE, place_en="Niigata")
    mission = MissionFactory()
    exhibition = ExhibitionFactory()
    _raw, calendar = feed(client)
    items = by_uid(calendar)
    assert set(items) == {
        f"event-{event.pk}@127.0.0.1",
        f"mission-{mission.pk}@127.0.0.1",
        f"exhibition-{exhibition.pk}@127.0.0.1",
    }
    vevent = items[f"event-{event.pk}@127.0.0.1"]
    assert str(vevent["SUMMARY"]) == event.title_en
    assert str(vevent["LOCATION"]) == "Niigata"
    assert str(vevent["URL"]) == f"http://testserver/en/events/{event.pk}/"
    assert vevent["SEQUENCE"] == 0
    assert vevent.decoded("LAST-MODIFIED") == event.modified_at.replace(microsecond=0)
    assert vevent.decoded("DTSTAMP") == event.modified_at.replace(microsecond=0)
    assert str(vevent["STATUS"]) == "CONFIRMED"
    assert str(vevent["TRANSP"]) == "TRANSPARENT"
    assert vevent["CATEGORIES"].cats == ["sports exchange"]
    assert items[f"mission-{mission.pk}@127.0.0.1"]["CATEGORIES"].cats == [
        "business mission"
    ]
    assert str(items[f"exhibition-{exhibition.pk}@127.0.0.1"]["URL"]).endswith(
        f"/en/exhibitions/{exhibition.slug}/"
    )


def test_the_uid_stays_and_the_revision_grows_when_an_item_changes(client):
    event = EventFactory()
    uid = f"event-{event.pk}@127.0.0.1"
    _raw, before = feed(client)
    first = by_uid(before)[uid]

    edited = Event.objects.get(pk=event.pk)
    edited.title_en = "Talks moved to Niigata"
    edited.save()

    _raw, after = feed(client)
    second = by_uid(after)[uid]
    assert str(second["SUMMARY"]) == "Talks moved to Niigata"
    assert second["SEQUENCE"] == first["SEQUENCE"] + 1
    assert second.decoded("LAST-MODIFIED") >= first.decoded("LAST-MODIFIED")
    assert edited.modified_at > event.modified_at


def test_a_cancelled_item_stays_in_the_feed_marked_cancelled(client):
    event = EventFactory(title_en="Seminar in Osaka")
    edited = Event.objects.get(pk=event.pk)
    edited.is_cancelled = True
    edited.save()
    _raw, calendar = feed(client)
    vevent = by_uid(calendar)[f"event-{event.pk}@127.0.0.1"]
    assert str(vevent["STATUS"]) == "CANCELLED"
    assert str(vevent["SUMMARY"]) == "Cancelled: Seminar in Osaka"
    assert vevent["SEQUENCE"] == 1


def test_a_plan_is_tentative(client):
    event = EventFactory(is_plan=True)
    _raw, calendar = feed(client)
    assert str(by_uid(calendar)[f"event-{event.pk}@127.0.0.1"]["STATUS"]) == "TENTATIVE"


@pytest.mark.parametrize("language", ["ru", "ja", "en"])
def test_the_calendar_is_named_in_the_language_of_its_address(client, language):
    EventFactory(kind=Event.Kind.CULTURAL_EXCHANGE)
    _raw, calendar = feed(client, f"/{language}/events.ics")
    with translation.override(language):
        name = translation.gettext("Amur Invest: events, missions and exhibitions")
        category = translation.gettext("cultural exchange")
    assert str(calendar["X-WR-CALNAME"]) == name
    assert str(calendar["NAME"]) == name
    assert str(calendar["METHOD"]) == "PUBLISH"
    assert calendar["REFRESH-INTERVAL"].dt == datetime.timedelta(hours=6)
    [vevent] = calendar.walk("VEVENT")
    assert vevent["CATEGORIES"].cats == [category]


def test_calendar_names_differ_between_languages(client):
    names = {
        str(feed(client, f"/{language}/events.ics")[1]["X-WR-CALNAME"])
        for language in ("ru", "ja", "en")
    }
    assert len(names) == 3


def test_nothing_personal_or_private_is_in_the_feed(client):
    registration = RegistrationFactory()
    participation = ParticipationFactory(exhibition=ExhibitionFactory())
    EventFactory()
    raw, calendar = feed(client)
    assert not any(
        "ORGANIZER" in item or "ATTENDEE" in item for item in calendar.walk()
    )
    assert registration.token.encode() not in raw
    assert participation.token.encode() not in raw
    assert registration.email.encode() not in raw
    assert b"/registrations/" not in raw


def test_kind_filters_choose_missions_exhibitions_or_kinds_of_event(client):
    EventFactory(kind=Event.Kind.NEGOTIATIONS)
    cultural = EventFactory(kind=Event.Kind.CULTURAL_EXCHANGE)
    mission = MissionFactory()
    exhibition = ExhibitionFactory()

    _raw, only_exhibitions = feed(client, kind="exhibition")
    assert set(by_uid(only_exhibitions)) == {f"exhibition-{exhibition.pk}@127.0.0.1"}

    _raw, two = feed(client, kind="mission,cultural_exchange")
    assert set(by_uid(two)) == {
        f"mission-{mission.pk}@127.0.0.1",
        f"event-{cultural.pk}@127.0.0.1",
    }
    assert "(" in str(two["X-WR-CALNAME"]), "the name says what is filtered"


def test_an_unknown_kind_is_a_clear_400(client):
    response = client.get("/ja/events.ics", {"kind": "picnic"})
    assert response.status_code == 400
    assert "picnic" in response.content.decode()


def test_the_feed_is_built_once_until_an_item_is_saved(
    client, django_assert_num_queries
):
    event = EventFactory(title_en="Before")
    feed(client)
    with django_assert_num_queries(0):
        cached, _calendar = feed(client)
    assert b"Before" in cached
    # Another language and another filter are built on their own.
    assert b"Before" not in client.get("/ja/events.ics").content
    assert b"Before" in client.get("/en/events.ics").content

    event.title_en = "After"
    event.save()
    raw, _calendar = feed(client)
    assert b"After" in raw
    MissionFactory(title_en="A new mission")
    assert b"A new mission" in feed(client)[0]


def test_every_item_has_its_own_ics_file(client):
    event = EventFactory()
    mission = MissionFactory()
    exhibition = ExhibitionFactory()
    for source, pk in (
        ("event", event.pk),
        ("mission", mission.pk),
        ("exhibition", exhibition.pk),
    ):
        response = client.get(f"/ja/events/{source}-{pk}.ics")
        assert f'filename="{source}-{pk}.ics"' in response["Content-Disposition"]
        [vevent] = Calendar.from_ical(response.content).walk("VEVENT")
        assert str(vevent["UID"]) == f"{source}-{pk}@127.0.0.1"
    assert client.get("/ja/events/registration-1.ics").status_code == 404
    assert client.get("/ja/events/event-999999.ics").status_code == 404


def test_the_feed_keeps_recent_history_and_everything_coming(client, monkeypatch):
    monkeypatch.setattr(event_views, "FEED_PAST_LIMIT", 2)
    today = timezone.localdate()
    for days in (-300, -200, -100, -10, 0, 30):
        EventFactory(
            title_en=f"Day {days}", starts_on=today + datetime.timedelta(days=days)
        )
    _raw, calendar = feed(client)
    titles = [str(vevent["SUMMARY"]) for vevent in calendar.walk("VEVENT")]
    assert titles == ["Day -100", "Day -10", "Day 0", "Day 30"]


def test_the_feed_needs_few_queries_with_20000_events(
    client, django_assert_max_num_queries
):
    bulk_events(20_000, first_day=timezone.localdate() - datetime.timedelta(days=1000))
    with django_assert_max_num_queries(6):
        _raw, calendar = feed(client, "/ja/events.ics")
    count = len(calendar.walk("VEVENT"))
    assert count == event_views.FEED_PAST_LIMIT + event_views.FEED_UPCOMING_LIMIT
