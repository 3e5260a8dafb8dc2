"""Home page, error pages and the files for search engines."""

import datetime
import re

import pytest
from django.template.loader import render_to_string
from django.test import RequestFactory
from django.utils import translation
from django.utils.html import escape

from partners.models import Company
from tests.partners.factories import CompanyFactory, SectorFactory
from tests.sitemaps import sitemap_xml

pytestmark = pytest.mark.django_db

LANGUAGES = ["ru", "ja", "en"]
SITEMAP_NS = {
    "sm": "http://www.sitemaps.org/schemas/sitemap/0.9",
    "xhtml": "http://www.w3.org/1999/xhtml",
}


@pytest.mark.parametrize("language", LANGUAGES)
def test_home_shows_sectors_and_exporters_in_the_page_language(client, language):
    company = CompanyFactory()
    honey = SectorFactory(
        slug="honey",
        description_ru="Амурский мёд",
        description_ja="アムールの蜂蜜",
        description_en="Amur honey",
    )
    response = client.get(f"/{language}/")
    assert response.status_code == 200
    html = response.content.decode()
    assert f'<html lang="{language}">' in html
    assert getattr(honey, f"name_{language}") in html
    assert escape(getattr(honey, f"description_{language}")) in html
    assert getattr(company, f"name_{language}") in html


def test_home_shows_the_six_newest_published_exporters(client):
    companies = [CompanyFactory() for _ in range(8)]
    CompanyFactory(is_published=False)
    for days, company in enumerate(companies):
        Company.objects.filter(pk=company.pk).update(
            created_at=datetime.datetime(2020, 1, 1 + days, tzinfo=datetime.UTC)
        )
    shown = list(client.get("/en/").context["exporters"])
    assert shown == list(reversed(companies))[:6]


def test_home_query_count_does_not_grow_with_exporters(
    client, django_assert_max_num_queries, fragment_cache
):
    for _ in range(30):
        CompanyFactory()
    # The agency, the home page row and the counts by sector are cached now.
    client.get("/ja/")
    with django_assert_max_num_queries(6):
        response = client.get("/ja/")
    assert response.status_code == 200
    assert response.context["exporter_count"] == 30
    for company in response.context["exporters"]:
        assert company.name_ja in response.text
    assert len(response.context["exporters"]) == 6


@pytest.mark.parametrize("language", LANGUAGES)
def test_unknown_page_is_a_translated_404(client, language):
    response = client.get(f"/{language}/no-such-page/")
    assert response.status_code == 404
    html = response.content.decode()
    assert f'<html lang="{language}">' in html
    assert f'href="/{language}/companies/"' in html


def test_404_page_switcher_keeps_the_address(client):
    html = client.get("/ru/companies/no-such-company/").content.decode()
    assert 'href="/ja/companies/no-such-company/"' in html


def test_rate_limit_page_renders_in_the_requested_language():
    request = RequestFactory().get("/ja/missions/")
    with translation.override("ja"):
        html = render_to_string("429.html", request=request)
    assert '<html lang="ja">' in html
    assert "429" in html


def test_server_error_page_renders_without_a_request():
    with translation.override("en"):
        html = render_to_string("500.html")
    assert '<html lang="en">' in html
    assert "/static/css/site.css" in html


def test_sitemap_lists_every_page_in_three_languages_with_hreflang(client):
    company = CompanyFactory(slug="amur-honey")
    CompanyFactory(slug="hidden", is_published=False)
    assert client.get("/sitemap.xml").status_code == 200
    root = sitemap_xml(client)
    locations = [loc.text for loc in root.findall("sm:url/sm:loc", SITEMAP_NS)]
    for language in LANGUAGES:
        assert f"http://testserver/{language}/" in locations
        assert f"http://testserver/{language}/companies/" in locations
        assert f"http://testserver/{language}/companies/{company.slug}/" in locations
    assert not any("hidden" in location for location in locations)
    company_entry = next(
        url
        for url in root.findall("sm:url", SITEMAP_NS)
        if url.find("sm:loc", SITEMAP_NS).text.endswith("/ja/companies/amur-honey/")
    )
    alternates = {
        link.get("hreflang"): link.get("href")
        for link in company_entry.findall("xhtml:link", SITEMAP_NS)
    }
    assert alternates == {
        "ru": "http://testserver/ru/companies/amur-honey/",
        "ja": "http://testserver/ja/companies/amur-honey/",
        "en": "http://testserver/en/companies/amur-honey/",
        "x-default": "http://testserver/companies/amur-honey/",
    }


def test_robots_txt_points_to_the_sitemap_and_keeps_private_pages_out(client):
    response = client.get("/robots.txt")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/plain")
    text = response.content.decode()
    assert "Sitemap: http://testserver/sitemap.xml" in text
    assert "Disallow: /admin/" in text
    assert "Disallow: /*/registrations/" in text


def test_favicon_request_leads_to_the_logo(client):
    response = client.get("/favicon.ico")
    assert response.status_code == 302
    assert response.url.endswith(".svg")
    assert "img/logo" in response.url


def test_health_probes_still_answer(client):
    healthz, readyz = client.get("/healthz"), client.get("/readyz")
    assert (healthz.status_code, healthz.content) == (200, b"ok")
    assert (readyz.status_code, readyz.content) == (200, b"ready")


@pytest.mark.parametrize("path", ["/ja/", "/ja/companies/", "/ja/no-such-page/"])
def test_pages_work_under_the_strict_csp(client, path):
    company = CompanyFactory()
    for url in (path, company.get_absolute_url()):
        response = client.get(url)
        html = response.content.decode()
        assert "script-src 'self'" in response["Content-Security-Policy"]
        assert " style=" not in html
        # Structured data for search engines is data, not code.
        code = re.sub(
            r'<script type="application/ld\+json"[^>]*>.*?</script>', "", html
        )
        assert "<script" not in code
        assert "<style" not in html
