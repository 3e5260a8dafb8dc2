"""The public calendar: a month that works without JavaScript, a list,
filters by kind, times in the place's zone, an event's page, the activity by
year and the exchanges beyond trade."""

import datetime
import re
import xml.etree.ElementTree as ET

import pytest
from django.utils import timezone

from exhibitions.models import Exhibition
from showcase.models import Event
from tests.exhibitions.factories import ExhibitionFactory
from tests.missions.factories import MissionFactory
from tests.partners.factories import TwinRelationFactory
from tests.showcase.events_factories import EventFactory, bulk_events
from tests.sitemaps import sitemap_xml

pytestmark = pytest.mark.django_db

TOKYO_2PM = datetime.datetime(2019, 11, 12, 5, tzinfo=datetime.UTC)


def bar_titles(html: str) -> list[str]:
    return re.findall(
        r'class="cal-bar[^"]*"[^>]*>(?:<span[^>]*>[^<]*</span> )?([^<]+)</a>', html
    )


def test_month_view_puts_each_item_on_its_days_with_links_to_other_months(client):
    EventFactory(title_en="Talks on honey", starts_on=datetime.date(2019, 11, 15))
    response = client.get("/en/events/", {"month": "2019-11"})
    html = response.text
    assert response.context["view"] == "month"
    assert "Talks on honey" in bar_titles(html)
    assert 'href="?month=2019-10"' in html
    assert 'href="?month=2019-12"' in html
    assert "<script" not in html.split("</head>")[1], "no script in the page body"


def test_a_multi_day_item_is_a_bar_across_its_days_in_both_months(client):
    EventFactory(
        title_ru="Гастроли ансамбля",
        starts_on=datetime.date(2020, 1, 30),
        ends_on=datetime.date(2020, 2, 2),
    )
    for month in ("2020-01", "2020-02"):
        html = client.get("/ru/events/", {"month": month}).text
        # Russian weeks start on Monday 27 January: Thursday 30 to Sunday 2.
        assert re.search(
            r'<td colspan="3"></td><td colspan="4" class="cal-slot"><a class="cal-bar',
            html,
        )
        assert bar_titles(html) == ["Гастроли ансамбля"]
        assert "Гастроли ансамбля" in html.split('id="agenda-heading"')[1]


def test_missions_and_exhibitions_appear_and_link_to_their_own_pages(client):
    mission = MissionFactory(
        slug="japan-december-2020",
        starts_on=datetime.date(2020, 12, 7),
        ends_on=datetime.date(2020, 12, 11),
    )
    exhibition = ExhibitionFactory(
        slug="expo",
        starts_on=datetime.date(2020, 12, 2),
        ends_on=datetime.date(2020, 12, 4),
    )
    html = client.get("/en/events/", {"month": "2020-12"}).text
    assert f'href="/en/missions/{mission.slug}/"' in html
    assert f'href="/en/exhibitions/{exhibition.slug}/"' in html


def test_filter_by_kind_keeps_the_chosen_kinds_only(client):
    EventFactory(kind=Event.Kind.CULTURAL_EXCHANGE, title_en="Film days")
    EventFactory(kind=Event.Kind.NEGOTIATIONS, title_en="Soy talks")
    ExhibitionFactory(
        name_en="Food fair",
        starts_on=datetime.date(2019, 11, 20),
        ends_on=datetime.date(2019, 11, 22),
    )
    response = client.get(
        "/en/events/", {"month": "2019-11", "kind": ["cultural_exchange", "exhibition"]}
    )
    titles = bar_titles(response.text)
    assert sorted(titles) == ["Film days", "Food fair"]
    assert "kind=cultural_exchange%2Cexhibition" in response.context["feed_url"]
    checked = re.findall(r'value="(\w+)" id="id_kind_\d+" checked', response.text)
    assert sorted(checked) == ["cultural_exchange", "exhibition"]


def test_unknown_kinds_and_months_are_ignored(client):
    EventFactory(starts_on=timezone.localdate())
    response = client.get("/ja/events/", {"month": "2019-13", "kind": "picnic"})
    assert response.status_code == 200
    assert response.context["month"] == timezone.localdate().replace(day=1)
    assert response.context["categories"] == frozenset()


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        ("en", ["2 p.m.", "Japan time (UTC+9)"]),
        ("ru", ["14:00", "UTC+9"]),
        ("ja", ["14:00", "UTC+9"]),
    ],
)
def test_times_are_shown_in_the_place_zone_with_the_zone_named(
    client, language, expected
):
    event = EventFactory(
        all_day=False,
        starts_on=None,
        starts_at=TOKYO_2PM,
        ends_at=TOKYO_2PM + datetime.timedelta(hours=2),
        time_zone="Asia/Tokyo",
    )
    html = client.get(f"/{language}/events/{event.pk}/").text
    for text in expected:
        assert text in html
    assert 'datetime="2019-11-12T14:00:00+09:00"' in html


def test_a_moscow_meeting_is_shown_in_moscow_time(client):
    event = EventFactory(
        all_day=False,
        starts_on=None,
        starts_at=datetime.datetime(2019, 12, 24, 7, tzinfo=datetime.UTC),
        time_zone="Europe/Moscow",
    )
    html = client.get(f"/en/events/{event.pk}/").text
    assert "10 a.m." in html
    assert "Moscow time (UTC+3)" in html


def test_list_view_shows_a_year_grouped_by_month(client):
    EventFactory(title_en="March seminar", starts_on=datetime.date(2019, 3, 13))
    EventFactory(title_en="Next year", starts_on=datetime.date(2020, 3, 13))
    response = client.get("/en/events/", {"view": "list", "year": "2019"})
    [(month, items)] = response.context["grouped"]
    assert month == datetime.date(2019, 3, 1)
    assert [item.title for item in items] == ["March seminar"]


def test_list_view_by_default_shows_what_is_coming(client):
    today = timezone.localdate()
    EventFactory(title_en="Soon", starts_on=today + datetime.timedelta(days=3))
    EventFactory(title_en="Long ago", starts_on=today - datetime.timedelta(days=300))
    response = client.get("/en/events/", {"view": "list"})
    titles = [
        item.title for _month, items in response.context["grouped"] for item in items
    ]
    assert titles == ["Soon"]


def test_unpublished_events_stay_off_the_public_calendar(client):
    hidden = EventFactory(is_published=False, title_en="Internal talks")
    assert "Internal talks" not in client.get("/en/events/?month=2019-11").text
    assert client.get(f"/en/events/{hidden.pk}/").status_code == 404
    assert client.get(f"/en/events/event-{hidden.pk}.ics").status_code == 404


def test_the_page_offers_the_feed_as_webcal_and_as_an_address_to_copy(client):
    response = client.get("/ja/events/", {"kind": "mission"})
    html = response.text
    assert 'href="webcal://testserver/ja/events.ics?kind=mission"' in html
    assert 'value="http://testserver/ja/events.ics?kind=mission"' in html
    for calendar_app in ("Google", "Outlook", "Apple"):
        assert calendar_app in html
    assert "js/calendar.js" in html


def test_event_page_shows_outcomes_and_links(client):
    relation = TwinRelationFactory()
    mission = MissionFactory()
    event = EventFactory(
        kind=Event.Kind.TWIN_CITY_VISIT,
        twin_relation=relation,
        mission=mission,
        outcome_en="Agreed to prepare a twin-city agreement.",
        meetings_held=6,
        agreements_signed=1,
    )
    html = client.get(f"/en/events/{event.pk}/").text
    assert "Agreed to prepare a twin-city agreement." in html
    assert "<strong>6</strong>" in html
    assert mission.get_absolute_url() in html
    assert f"#relation-{relation.pk}" in html


def test_activity_page_counts_per_year_and_kind_with_outcomes(client):
    for day in (1, 2, 3):
        EventFactory(starts_on=datetime.date(2019, 5, day), meetings_held=4)
    EventFactory(starts_on=datetime.date(2019, 6, 1), is_cancelled=True)
    EventFactory(starts_on=datetime.date(2019, 6, 2), is_published=False)
    MissionFactory(
        starts_on=datetime.date(2019, 6, 17), ends_on=datetime.date(2019, 6, 21)
    )
    ExhibitionFactory()
    response = client.get("/en/events/activity/")
    table = response.context["table"]
    by_year = {year.year: year for year in table.years}
    assert by_year[2019].counts == {"negotiations": 3, "mission": 1}
    assert by_year[2019].total == 4
    assert by_year[2019].meetings_held == 12
    assert by_year[2019].agreements_signed is None
    assert by_year[2020].counts == {"exhibition": 1}
    assert "Meetings held" in response.text


def test_exchanges_page_shows_twin_cities_plans_and_exchanges(client):
    relation = TwinRelationFactory(japanese_municipality="上越市 (Joetsu)")
    in_a_month = timezone.localdate() + datetime.timedelta(days=30)
    EventFactory(
        kind=Event.Kind.CULTURAL_EXCHANGE,
        title_en="Japanese culture centre opens",
        is_plan=True,
        starts_on=in_a_month,
        ends_on=in_a_month,
    )
    EventFactory(
        kind=Event.Kind.SPORTS_EXCHANGE,
        title_en="Athletes go to Niigata",
        is_plan=True,
        starts_on=datetime.date(2020, 9, 1),
        ends_on=datetime.date(2020, 9, 1),
    )
    EventFactory(
        kind=Event.Kind.TWIN_CITY_VISIT,
        twin_relation=relation,
        title_en="Joetsu delegation visits",
        starts_on=datetime.date(2019, 10, 16),
        ends_on=datetime.date(2019, 10, 16),
    )
    EventFactory(kind=Event.Kind.NEGOTIATIONS, title_en="Soy talks")
    response = client.get("/en/exchanges/")
    html = response.text
    assert "上越市 (Joetsu)" in html
    assert [event.title for event in response.context["plans"]] == [
        "Japanese culture centre opens"
    ], "a plan whose days have passed is no longer a plan"
    past = [
        (year, [event.title for event in held])
        for year, held in response.context["past_by_year"]
    ]
    assert past == [
        (2020, ["Athletes go to Niigata"]),
        (2019, ["Joetsu delegation visits"]),
    ]
    assert "Soy talks" not in html


# --- Query budgets with large data ---------------------------------------------


@pytest.fixture
def twenty_thousand_events():
    bulk_events(20_000, first_day=datetime.date(2017, 1, 1))
    for number in range(40):
        ExhibitionFactory(
            starts_on=datetime.date(2017, 1, 1) + datetime.timedelta(days=37 * number),
            ends_on=datetime.date(2017, 1, 4) + datetime.timedelta(days=37 * number),
        )


def calendar_keys(first, last=None, kinds=None) -> set:
    """What the calendar holds from first to last: published events (of
    these kinds) and exhibitions, as (source, pk)."""
    events = Event.objects.filter(is_published=True, ends_on__gte=first)
    exhibitions = Exhibition.objects.filter(ends_on__gte=first)
    if last:
        events = events.filter(starts_on__lte=last)
        exhibitions = exhibitions.filter(starts_on__lte=last)
    if kinds:
        events = events.filter(kind__in=kinds)
    keys = {("event", pk) for pk in events.values_list("pk", flat=True)}
    if not kinds or "exhibition" in kinds:
        keys |= {("exhibition", pk) for pk in exhibitions.values_list("pk", flat=True)}
    return keys


def shown_keys(items) -> set:
    return {(item.source, item.pk) for _heading, found in items for item in found}


JUNE_2018 = (datetime.date(2018, 6, 1), datetime.date(2018, 6, 30))
YEAR_2018 = (datetime.date(2018, 1, 1), datetime.date(2018, 12, 31))


def test_calendar_pages_need_few_queries_with_20000_events(
    client, twenty_thousand_events, django_assert_max_num_queries
):
    today = timezone.localdate()
    for days in (3, 30, 300):
        EventFactory(starts_on=today + datetime.timedelta(days=days))
    pages = {
        "June": {"month": "2018-06"},
        "June, talks and fairs": {
            "month": "2018-06",
            "kind": "negotiations,exhibition",
        },
        "2018, page 3": {"view": "list", "year": "2018", "page": "3"},
        "upcoming": {"view": "list"},
    }
    shown = {}
    for name, params in pages.items():
        with django_assert_max_num_queries(8):
            response = client.get("/ja/events/", params)
        assert response.status_code == 200
        listed = "grouped" if params.get("view") == "list" else "agenda"
        shown[name] = shown_keys(response.context[listed])
    with django_assert_max_num_queries(6):
        activity = client.get("/ja/events/activity/")

    assert shown["June"] == calendar_keys(*JUNE_2018)
    talks_and_fairs = calendar_keys(*JUNE_2018, kinds={"negotiations", "exhibition"})
    assert shown["June, talks and fairs"] == talks_and_fairs
    assert len(shown["2018, page 3"]) == 50
    assert shown["2018, page 3"] <= calendar_keys(*YEAR_2018)
    assert shown["upcoming"] == calendar_keys(today)
    assert len(shown["upcoming"]) == 3
    assert activity.status_code == 200
    [year_2018] = [row for row in activity.context["table"].years if row.year == 2018]
    held = Event.objects.filter(is_published=True, is_cancelled=False)
    assert year_2018.total == (
        held.filter(starts_on__year=2018).count()
        + Exhibition.objects.filter(is_cancelled=False, starts_on__year=2018).count()
    )


def test_the_sitemap_lists_exhibitions_and_the_calendar_pages(client):
    exhibition = ExhibitionFactory()
    xml = ET.tostring(sitemap_xml(client), encoding="unicode")
    for path in (
        "/ja/exhibitions/",
        "/en/events/",
        "/ru/events/activity/",
        "/ja/exchanges/",
    ):
        assert f"http://testserver{path}<" in xml, path
    assert f"/ja/exhibitions/{exhibition.slug}/" in xml


@pytest.mark.parametrize(
    "params",
    [
        {"month": "abc"},
        {"month": "0-0"},
        {"month": "99999-01"},
        {"view": "list", "year": "x", "page": "-1"},
        {"view": "list", "year": "1066"},
        {"kind": "<script>"},
    ],
)
def test_bad_addresses_show_the_calendar_never_an_error(client, params):
    this_month = timezone.localdate().replace(day=1)
    EventFactory(title_ja="今月の協議", starts_on=this_month)

    response = client.get("/ja/events/", params)

    assert response.status_code == 200
    if params.get("view") == "list":
        assert response.context["view"] == "list"
    else:
        assert (response.context["view"], response.context["month"]) == (
            "month",
            this_month,
        )
        assert "今月の協議" in bar_titles(response.text)
    assert "<script>" not in response.text


def test_calendar_and_exhibition_pages_hold_under_a_strict_csp(client):
    exhibition = ExhibitionFactory()
    event = EventFactory()
    for path in (
        "/ja/events/?month=2019-11",
        "/ja/events/?view=list&year=2019",
        f"/ja/events/{event.pk}/",
        "/ja/events/activity/",
        "/ja/exchanges/",
        "/ja/exhibitions/",
        f"/ja/exhibitions/{exhibition.slug}/",
        f"/ja/exhibitions/{exhibition.slug}/catalogue/print/",
    ):
        response = client.get(path)
        html = response.text
        assert "Content-Security-Policy" in response.headers, path
        # Inline code is refused; structured data for search engines is not code.
        assert not re.search(
            r"<script(?![^>]*\b(?:src=|type=\"application/ld\+json\"))", html
        ), path
        assert " style=" not in html, path
        assert " onclick=" not in html, path


def test_activity_page_shows_the_years_without_activity_as_one_column(client):
    EventFactory(starts_on=datetime.date(2019, 5, 1))
    EventFactory(starts_on=datetime.date(2020, 5, 1))
    EventFactory(starts_on=datetime.date(2026, 5, 1))
    EventFactory(starts_on=datetime.date(2028, 5, 1))

    response = client.get("/en/events/activity/")

    labels = [year.label for year in response.context["table"].years]
    assert labels == ["2019", "2020", "2021–2025", "2026", "2027", "2028"]
    assert '<th scope="col" class="number">2021–2025</th>' in response.text
    assert "Years in which no activity was recorded" in response.text


def test_a_plan_whose_days_have_passed_no_longer_reads_as_a_plan(client):
    past = EventFactory(
        kind=Event.Kind.CULTURAL_EXCHANGE,
        starts_on=datetime.date(2020, 6, 15),
        is_plan=True,
    )
    EventFactory(
        kind=Event.Kind.CULTURAL_EXCHANGE,
        starts_on=timezone.localdate() + datetime.timedelta(days=30),
        is_plan=True,
    )

    exchanges = client.get("/en/exchanges/").text
    detail = client.get(f"/en/events/{past.pk}/").text

    assert exchanges.count("planned, not recorded as held") == 1
    assert "the date may still change" not in detail
    assert "nothing was recorded of whether it took place" in detail
