"""The sitemap for people, the one for search engines, and what every public
page tells them in its head: canonical address and Open Graph tags."""

import html as html_lib
import re
import xml.etree.ElementTree as ET

import pytest

from showcase.sitemaps import TrilingualSitemap
from tests.exhibitions.factories import ExhibitionFactory
from tests.missions.factories import MissionFactory, RegistrationFactory
from tests.partners.factories import CompanyFactory
from tests.showcase.content_factories import (
    NewsItemFactory,
    PresentationFactory,
    SlideFactory,
)
from tests.showcase.invest_factories import (
    InvestmentProjectFactory,
    InvestmentSiteFactory,
)
from tests.sitemaps import sitemap_xml

pytestmark = pytest.mark.django_db

LANGUAGES = ["ru", "ja", "en"]
SITEMAP_NS = {
    "sm": "http://www.sitemaps.org/schemas/sitemap/0.9",
    "xhtml": "http://www.w3.org/1999/xhtml",
}
OG_LOCALES = {"ru": "ru_RU", "ja": "ja_JP", "en": "en_US"}


@pytest.fixture
def content():
    presentation = PresentationFactory(slug="tokyo-2019")
    SlideFactory(presentation=presentation, position=1)
    SlideFactory(presentation=presentation, position=2)
    return {
        "company": CompanyFactory(slug="amur-honey"),
        "mission": MissionFactory(slug="japan-december-2020"),
        "news": NewsItemFactory(slug="foodex-2020"),
        "presentation": presentation,
    }


def sitemap_entries(client) -> dict[str, dict[str, str]]:
    root = sitemap_xml(client)
    return {
        url.findtext("sm:loc", namespaces=SITEMAP_NS): {
            link.get("hreflang"): link.get("href")
            for link in url.findall("xhtml:link", SITEMAP_NS)
        }
        for url in root.findall("sm:url", SITEMAP_NS)
    }


@pytest.mark.parametrize(
    "path",
    [
        "news/",
        "news/foodex-2020/",
        "presentations/",
        "presentations/tokyo-2019/",
        "presentations/tokyo-2019/1/",
        "presentations/tokyo-2019/2/",
        "contact/",
        "sitemap/",
    ],
)
def test_the_xml_sitemap_lists_the_new_pages_with_their_alternates(
    client, content, path
):
    entries = sitemap_entries(client)
    for language in LANGUAGES:
        alternates = entries[f"http://testserver/{language}/{path}"]
        assert alternates == {
            "ru": f"http://testserver/ru/{path}",
            "ja": f"http://testserver/ja/{path}",
            "en": f"http://testserver/en/{path}",
            "x-default": f"http://testserver/{path}",
        }


def test_the_xml_sitemap_leaves_out_what_is_not_published(client, content):
    NewsItemFactory(slug="draft", is_published=False)
    hidden = PresentationFactory(slug="hidden-deck", is_published=False)
    SlideFactory(presentation=hidden)
    locations = " ".join(sitemap_entries(client))
    assert "draft" not in locations
    assert "hidden-deck" not in locations


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_sitemap_page_lists_every_section_and_its_items(client, content, language):
    response = client.get(f"/{language}/sitemap/")

    assert response.status_code == 200
    html = response.text
    for key in ("company", "news", "presentation", "mission"):
        item = content[key]
        assert f'href="{item.get_absolute_url()}"' in html
        assert f"/{language}/" in item.get_absolute_url()
    assert html_lib.escape(content["company"].name) in html
    assert content["news"].title in html
    for section in (
        "companies",
        "missions",
        "news",
        "presentations",
        "contact",
        "invest/projects",
        "invest/support",
        "invest/sites",
        "invest/wild-harvest",
        "exhibitions",
        "privacy",
    ):
        assert f'href="/{language}/{section}/"' in html


def test_the_footer_leads_people_to_the_sitemap_page(client):
    html = client.get("/ja/").text
    assert '<a href="/ja/sitemap/">' in html
    assert 'href="/sitemap.xml"' not in html


def test_the_sitemap_page_needs_the_same_queries_with_many_items(
    client, django_assert_max_num_queries
):
    for _ in range(40):
        CompanyFactory()
        NewsItemFactory()
        PresentationFactory()
    MissionFactory.create_batch(10)
    InvestmentProjectFactory.create_batch(5)
    InvestmentSiteFactory.create_batch(5)
    ExhibitionFactory.create_batch(5)
    # One query for each section that lists its items.
    with django_assert_max_num_queries(9):
        response = client.get("/ja/sitemap/")
    assert response.status_code == 200
    listed = {
        str(section.url): len(section.items) for section in response.context["sections"]
    }
    assert {
        path: listed.get(path)
        for path in (
            "/ja/companies/",
            "/ja/news/",
            "/ja/presentations/",
            "/ja/missions/",
            "/ja/invest/projects/",
            "/ja/invest/sites/",
            "/ja/exhibitions/",
        )
    } == {
        "/ja/companies/": 40,
        "/ja/news/": 40,
        "/ja/presentations/": 40,
        "/ja/missions/": 10,
        "/ja/invest/projects/": 5,
        "/ja/invest/sites/": 5,
        "/ja/exhibitions/": 5,
    }


def public_pages(content) -> list[str]:
    registration = RegistrationFactory(mission=content["mission"])
    return [
        "/",
        "/companies/",
        f"/companies/{content['company'].slug}/",
        "/missions/",
        f"/missions/{content['mission'].slug}/",
        f"/missions/{content['mission'].slug}/register/",
        f"/registrations/{registration.token}/",
        "/news/",
        f"/news/{content['news'].slug}/",
        "/presentations/",
        "/presentations/tokyo-2019/",
        "/presentations/tokyo-2019/2/",
        "/contact/",
        "/contact/sent/",
        "/sitemap/",
    ]


def meta(html: str, name: str) -> list[str]:
    pattern = rf'<meta property="{re.escape(name)}" content="([^"]*)">'
    return [html_lib.unescape(value) for value in re.findall(pattern, html)]


@pytest.mark.parametrize("language", ["ja", "ru"])
def test_every_public_page_names_its_canonical_address_and_open_graph_tags(
    client, content, language
):
    for path in public_pages(content):
        url = f"/{language}{path}"
        response = client.get(url)
        assert response.status_code == 200, url
        html = response.text
        canonical = f"http://testserver{url}"
        assert f'<link rel="canonical" href="{canonical}">' in html, url
        assert meta(html, "og:url") == [canonical], url
        title = html_lib.unescape(re.search(r"<title>(.*?)</title>", html).group(1))
        (og_title,) = meta(html, "og:title")
        assert og_title, url
        assert title.startswith(og_title), url
        (description,) = meta(html, "og:description")
        assert description.strip(), url
        assert meta(html, "og:locale") == [OG_LOCALES[language]], url
        others = {OG_LOCALES[code] for code in LANGUAGES if code != language}
        assert set(meta(html, "og:locale:alternate")) == others, url
        assert len(meta(html, "og:type")) == 1, url


def test_the_canonical_address_keeps_the_page_and_sector_only(client, content):
    html = client.get("/en/news/?utm_source=mail&sector=honey&page=1").text
    assert (
        '<link rel="canonical" href="http://testserver/en/news/?sector=honey">' in html
    )
    html = client.get("/en/companies/?q=honey&page=2").text
    assert (
        '<link rel="canonical" href="http://testserver/en/companies/?page=2">' in html
    )


def test_a_missing_page_announces_no_canonical_address(client):
    html = client.get("/ja/news/no-such-news/").text
    assert 'rel="canonical"' not in html
    assert "og:url" not in html


def test_the_xml_sitemap_is_an_index_of_sections_in_pages(client, monkeypatch):
    # Three addresses a page: one company in its three languages.
    monkeypatch.setattr(TrilingualSitemap, "limit", 3)
    for _ in range(5):
        CompanyFactory(is_published=True)

    index = ET.fromstring(client.get("/sitemap.xml").content)
    sections = [loc.text for loc in index.findall("sm:sitemap/sm:loc", SITEMAP_NS)]

    companies = [url for url in sections if "/sitemap-companies.xml" in url]
    assert companies == [
        "http://testserver/sitemap-companies.xml",
        *(f"http://testserver/sitemap-companies.xml?p={n}" for n in range(2, 6)),
    ]
    page = ET.fromstring(client.get("/sitemap-companies.xml?p=5").content)
    assert len(page.findall("sm:url", SITEMAP_NS)) == 3


def test_the_sitemap_index_needs_the_same_queries_with_many_rows(
    client, content, django_assert_max_num_queries
):
    client.get("/sitemap.xml")
    with django_assert_max_num_queries(30) as few:
        before = client.get("/sitemap.xml")
    for _ in range(30):
        CompanyFactory(is_published=True)
        NewsItemFactory()

    with django_assert_max_num_queries(len(few.captured_queries)):
        after = client.get("/sitemap.xml")

    for response in (before, after):
        assert response.status_code == 200
        index = ET.fromstring(response.content)
        sections = {loc.text for loc in index.findall("sm:sitemap/sm:loc", SITEMAP_NS)}
        assert {
            "http://testserver/sitemap-companies.xml",
            "http://testserver/sitemap-news.xml",
        } <= sections
