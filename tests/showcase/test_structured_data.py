"""schema.org JSON-LD for search engines on each kind of page: the agency as
an Organization with its contact points, missions and calendar events as
Events, exhibitions as ExhibitionEvents with their Amur exhibitors as an
ItemList of Organizations, news as NewsArticles. Each block parses, carries
what search engines require (name, startDate and location for an event) and
keeps the Content Security Policy."""

import datetime
import json
import re

import pytest
from django.utils import translation

from amur_invest.agency.models import AgencyContact
from tests.exhibitions.factories import ExhibitionFactory, ParticipationFactory
from tests.missions.factories import MissionFactory
from tests.partners.factories import CompanyFactory
from tests.showcase.content_factories import NewsItemFactory
from tests.showcase.events_factories import EventFactory
from tests.test_csp import violations

pytestmark = pytest.mark.django_db

JSON_LD = re.compile(r'<script type="application/ld\+json"[^>]*>(.*?)</script>', re.S)
EVENT_TYPES = {"Event", "BusinessEvent", "ExhibitionEvent"}


def json_ld(response) -> list[dict]:
    """Every JSON-LD object of the page, lists flattened."""
    assert response.status_code == 200
    assert violations(response) == []
    found = []
    for text in JSON_LD.findall(response.content.decode()):
        data = json.loads(text)
        found += data if isinstance(data, list) else [data]
    return found


def of_type(objects: list[dict], *types: str) -> list[dict]:
    return [thing for thing in objects if thing["@type"] in types]


def assert_is_an_event(event: dict) -> None:
    assert event["@context"] == "https://schema.org"
    assert event["name"]
    datetime.date.fromisoformat(event["startDate"][:10])
    datetime.date.fromisoformat(event["endDate"][:10])
    location = event["location"]
    assert location["@type"] in {"Place", "VirtualLocation"}
    if location["@type"] == "Place":
        assert location["name"]
        assert location["address"]["@type"] == "PostalAddress"
    assert event["eventStatus"] in {
        "https://schema.org/EventScheduled",
        "https://schema.org/EventCancelled",
    }


@pytest.fixture
def agency():
    contact = AgencyContact.load()
    contact.email = "info@amurinvest.example"
    contact.phone = "+7 4162 000 000"
    contact.address_ja = "675000 ブラゴヴェシチェンスク市"
    contact.japan_desk_name_ja = "アンナ・モロゾワ"
    contact.japan_desk_email = "japan@amurinvest.example"
    contact.save()
    return contact


@pytest.mark.parametrize("path", ["/ja/", "/ja/contact/", "/ru/", "/en/contact/"])
def test_home_and_contact_describe_the_agency_with_its_contact_points(
    client, agency, path
):
    (organization,) = of_type(json_ld(client.get(path)), "GovernmentOrganization")

    assert organization["name"]
    assert organization["url"].startswith("http")
    assert organization["address"]["addressCountry"] == "RU"
    points = organization["contactPoint"]
    assert points[0]["email"] == "info@amurinvest.example"
    assert any(
        point.get("email") == "japan@amurinvest.example"
        and "ja" in point["availableLanguage"]
        for point in points
    )


def test_a_mission_is_an_event_organised_by_the_agency(client, agency):
    mission = MissionFactory(cities_ja="東京、大阪", cancelled=True)

    (event,) = of_type(
        json_ld(client.get(f"/ja/missions/{mission.slug}/")), *EVENT_TYPES
    )

    assert_is_an_event(event)
    assert event["name"] == mission.title_ja
    assert event["startDate"] == mission.starts_on.isoformat()
    assert event["location"]["address"]["addressLocality"] == "東京、大阪"
    assert event["eventStatus"] == "https://schema.org/EventCancelled"
    assert event["organizer"]["name"] == "アムール州投資誘致庁"


def test_a_calendar_event_is_an_event(client, agency):
    event = EventFactory(is_published=True, place_ja="東京ビッグサイト")

    (described,) = of_type(json_ld(client.get(f"/ja/events/{event.pk}/")), "Event")

    assert_is_an_event(described)
    assert described["location"]["name"] == "東京ビッグサイト"


@pytest.mark.parametrize("cancelled", [False, True])
def test_an_exhibition_and_its_exhibitors(client, agency, cancelled):
    exhibition = ExhibitionFactory(is_cancelled=cancelled, organiser_ja="日本能率協会")
    for name in ("アムール蜂蜜", "ゼヤ養蜂場"):
        ParticipationFactory(
            exhibition=exhibition, company=CompanyFactory(name_ja=name)
        )

    found = json_ld(client.get(f"/ja/exhibitions/{exhibition.slug}/"))

    (event,) = of_type(found, "ExhibitionEvent")
    assert_is_an_event(event)
    assert event["location"]["name"] == "幕張メッセ"
    assert event["location"]["address"]["addressLocality"] == "千葉市"
    assert event["organizer"]["name"] == "日本能率協会"
    assert event["eventStatus"].endswith(
        "EventCancelled" if cancelled else "EventScheduled"
    )
    (exhibitors,) = of_type(found, "ItemList")
    organizations = [item["item"] for item in exhibitors["itemListElement"]]
    assert {o["@type"] for o in organizations} == {"Organization"}
    assert sorted(o["name"] for o in organizations) == ["アムール蜂蜜", "ゼヤ養蜂場"]
    assert [item["position"] for item in exhibitors["itemListElement"]] == [1, 2]


def test_news_is_a_news_article(client, agency):
    item = NewsItemFactory()

    (article,) = of_type(json_ld(client.get(item_url(item))), "NewsArticle")

    assert article["headline"] == item.title_ja
    assert article["datePublished"] == item.published_on.isoformat()
    assert article["publisher"]["name"] == "アムール州投資誘致庁"


def item_url(item) -> str:
    with translation.override("ja"):
        return item.get_absolute_url()


def test_text_that_would_close_the_script_stays_inside_it(client, agency):
    title = "</script><script>alert(1)</script> & <!-- 東京"
    item = NewsItemFactory(title_ja=title)

    html = client.get(item_url(item)).content.decode()

    assert "<script>alert(1)" not in html
    (article,) = of_type(json_ld(client.get(item_url(item))), "NewsArticle")
    assert article["headline"] == title
