"""News and press releases: list, item, Atom feed per language."""

import datetime
import re
import xml.etree.ElementTree as ET

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from showcase.models import NewsItem
from tests.partners.factories import SectorFactory
from tests.showcase.content_factories import NewsItemFactory, png

pytestmark = pytest.mark.django_db

LANGUAGES = ["ru", "ja", "en"]
ATOM = {"atom": "http://www.w3.org/2005/Atom"}
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_list_shows_news_in_the_language_of_the_address(client, language):
    item = NewsItemFactory()
    html = client.get(f"/{language}/news/").text
    assert getattr(item, f"title_{language}") in html
    assert getattr(item, f"summary_{language}") in html
    assert f'href="/{language}/news/{item.slug}/"' in html


def test_unpublished_and_future_news_stay_hidden(client):
    NewsItemFactory(title_en="Draft", is_published=False)
    tomorrow = timezone.localdate() + datetime.timedelta(days=1)
    future = NewsItemFactory(title_en="Tomorrow", published_on=tomorrow)
    html = client.get("/en/news/").text
    assert "Draft" not in html
    assert "Tomorrow" not in html
    assert client.get(future.get_absolute_url()).status_code == 404


def test_news_can_be_narrowed_to_a_sector(client):
    honey = SectorFactory(slug="honey", name_en="Honey")
    NewsItemFactory(title_en="Honey in Tokyo", sectors=[honey])
    NewsItemFactory(title_en="Timber talks")
    html = client.get("/en/news/?sector=honey").text
    assert "Honey in Tokyo" in html
    assert "Timber talks" not in html
    assert '<option value="honey" selected>' in html


def test_an_unknown_sector_in_the_address_shows_all_news(client):
    NewsItemFactory(title_en="Timber talks")
    response = client.get("/en/news/?sector=no-such-sector")
    assert response.status_code == 200
    assert "Timber talks" in response.text


def test_the_list_is_paginated_and_a_stale_page_shows_the_last(client):
    for day in range(1, 13):
        NewsItemFactory(published_on=datetime.date(2020, 1, day), title_en=f"Day {day}")
    first = client.get("/en/news/").text
    assert "Day 12" in first
    assert "Day 2<" not in first
    last = client.get("/en/news/?page=99").text
    assert "Day 1<" in last
    assert "Page 2 of 2" in last


def test_the_list_needs_the_same_queries_for_many_news_with_sectors(
    client, django_assert_max_num_queries
):
    sectors = [SectorFactory() for _ in range(4)]
    for day in range(1, 29):
        NewsItemFactory(published_on=datetime.date(2020, 2, day), sectors=sectors)
    # The sector, the filter's choices, the count, the page, its sectors, and
    # the agency's details for the footer (cached after the first page).
    with django_assert_max_num_queries(6):
        response = client.get("/ja/news/?sector=" + sectors[0].slug)
    assert response.status_code == 200
    assert response.text.count('class="card news-card"') == 10


def test_an_item_shows_its_paragraphs(client):
    item = NewsItemFactory(body_en="First paragraph.\n\nExports grew 2.4 < 3 times.")
    html = client.get(f"/en/news/{item.slug}/").text
    assert "<p>First paragraph.</p>" in html
    assert "<p>Exports grew 2.4 &lt; 3 times.</p>" in html


def test_paragraphs_with_a_link_keep_both(client):
    item = NewsItemFactory(
        body_en='See <a href="https://example.jp/">the fair</a>.\n\nSecond.'
    )
    html = client.get(f"/en/news/{item.slug}/").text
    assert (
        '<p>See <a href="https://example.jp/" rel="noopener noreferrer">the fair</a>.</p>'
        in html
    )
    assert "<p>Second.</p>" in html


def test_html_in_an_item_is_kept_to_safe_tags(client):
    item = NewsItemFactory(
        body_en=(
            '<p onclick="steal()">Amur <strong>honey</strong></p>'
            "<script>alert(1)</script>"
            '<p><a href="javascript:alert(2)">bad</a> '
            '<a href="https://example.jp/">good</a></p>'
        )
    )
    html = client.get(f"/en/news/{item.slug}/").text
    body = html[html.index("news-article__body") :]
    assert "<p>Amur <strong>honey</strong></p>" in body
    assert "onclick" not in body
    assert "alert(1)" not in body
    assert "javascript:" not in body
    assert '<a href="https://example.jp/" rel="noopener noreferrer">good</a>' in body


def test_an_item_is_an_article_with_its_image_for_social_networks(
    client, django_capture_on_commit_callbacks
):
    item = NewsItemFactory(image_alt_en="Honey jars on a table")
    item.image = png(2400, 1600, name="honey.png")
    with django_capture_on_commit_callbacks(execute=True):  # sizes are made
        item.save()

    html = client.get(f"/en/news/{item.slug}/").text

    assert '<meta property="og:type" content="article">' in html
    url = re.search(r'<meta property="og:image" content="([^"]+)">', html).group(1)
    assert url.startswith("http://testserver/media/cache/")
    assert '<meta property="og:image:width" content="1200">' in html
    assert '<meta property="og:image:alt" content="Honey jars on a table">' in html
    assert 'alt="Honey jars on a table"' in html


def test_an_item_cannot_take_the_feed_address():
    item = NewsItemFactory.build(slug="feed")
    with pytest.raises(ValidationError) as error:
        item.full_clean(exclude=["sectors"])
    assert "slug" in error.value.message_dict


def feed(client, language: str) -> ET.Element:
    response = client.get(f"/{language}/news/feed/")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/atom+xml")
    return ET.fromstring(response.content)


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_atom_feed_speaks_the_language_of_its_address(client, language):
    honey = SectorFactory(slug="honey")
    item = NewsItemFactory(sectors=[honey])
    NewsItemFactory(title_en="Draft", is_published=False)

    root = feed(client, language)

    assert root.tag == "{http://www.w3.org/2005/Atom}feed"
    assert root.get(XML_LANG) == language
    entries = root.findall("atom:entry", ATOM)
    assert len(entries) == 1
    entry = entries[0]
    assert entry.findtext("atom:title", namespaces=ATOM) == getattr(
        item, f"title_{language}"
    )
    assert entry.findtext("atom:summary", namespaces=ATOM) == getattr(
        item, f"summary_{language}"
    )
    link = entry.find("atom:link", ATOM).get("href")
    assert link == f"http://testserver/{language}/news/{item.slug}/"
    categories = [c.get("term") for c in entry.findall("atom:category", ATOM)]
    assert categories == [getattr(honey, f"name_{language}")]
    assert entry.findtext("atom:published", namespaces=ATOM).startswith("2020-02-01")


def test_the_feed_lists_the_newest_first_and_no_more_than_thirty(client):
    for day in range(1, 32):
        NewsItemFactory(published_on=datetime.date(2020, 1, day))
    entries = feed(client, "en").findall("atom:entry", ATOM)
    assert len(entries) == 30
    newest = NewsItem.objects.order_by("-published_on").first()
    assert entries[0].findtext("atom:title", namespaces=ATOM) == newest.title_en


def test_the_news_pages_announce_the_feed(client):
    html = client.get("/ja/news/").text
    assert (
        '<link rel="alternate" type="application/atom+xml" href="/ja/news/feed/"'
        in html
    )


@pytest.mark.parametrize("sector", ["ho\x00ney", "x" * 500, "<script>"])
def test_a_strange_sector_in_the_address_shows_all_news(client, sector):
    NewsItemFactory(title_en="Timber talks")
    response = client.get("/en/news/", {"sector": sector})
    assert response.status_code == 200
    assert "Timber talks" in response.text
