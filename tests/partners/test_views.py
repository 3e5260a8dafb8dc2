"""The public exporters catalogue and company pages."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import URLPattern, URLResolver, get_resolver

from partners.models import Contact, Interaction
from showcase import demo
from tests.partners.factories import CompanyFactory, DistrictFactory, SectorFactory

pytestmark = pytest.mark.django_db

LANGUAGES = ["ru", "ja", "en"]


def company_names(response) -> list[str]:
    return [company.name for company in response.context["companies"]]


@pytest.fixture
def honey():
    return SectorFactory(
        slug="honey", name_ru="Мёд", name_ja="はちみつ", name_en="Honey"
    )


@pytest.fixture
def timber():
    return SectorFactory(
        slug="forestry", name_ru="Лес", name_ja="林業", name_en="Forestry"
    )


@pytest.mark.parametrize("language", LANGUAGES)
def test_catalogue_lists_published_companies_in_the_page_language(client, language):
    company = CompanyFactory(
        name_ru="ООО «Зейский мёд»", name_ja="ゼーヤ蜂蜜社", name_en="Zeya Honey LLC"
    )
    response = client.get(f"/{language}/companies/")
    assert response.status_code == 200
    html = response.content.decode()
    assert f'<html lang="{language}">' in html
    expected = getattr(company, f"name_{language}")
    assert expected in html
    assert company.get_absolute_url() in html


def test_catalogue_hides_unpublished_companies(client):
    CompanyFactory(name_en="Visible Honey LLC")
    CompanyFactory(name_en="Hidden Timber LLC", is_published=False)
    response = client.get("/en/companies/")
    assert company_names(response) == ["Visible Honey LLC"]
    assert "Hidden Timber LLC" not in response.content.decode()


def test_catalogue_filters_by_sector_slug(client, honey, timber):
    CompanyFactory(name_en="Honey Maker", sectors=[honey])
    CompanyFactory(name_en="Sawmill", sectors=[timber])
    response = client.get("/en/companies/", {"sector": "honey"})
    assert company_names(response) == ["Honey Maker"]


def test_catalogue_filters_by_district_slug(client):
    zeya = DistrictFactory(slug="zeya", name_en="Zeya")
    tynda = DistrictFactory(slug="tynda", name_en="Tynda")
    CompanyFactory(name_en="Zeya Berries", district=zeya)
    CompanyFactory(name_en="Tynda Timber", district=tynda)
    response = client.get("/en/companies/", {"district": "tynda"})
    assert company_names(response) == ["Tynda Timber"]


def test_catalogue_offers_only_districts_with_published_companies(client):
    busy = DistrictFactory(slug="belogorsk", name_en="Belogorsk")
    empty = DistrictFactory(slug="progress", name_en="Progress")
    CompanyFactory(district=busy)
    form = client.get("/en/companies/").context["filter_form"]
    districts = list(form.fields["district"].queryset)
    assert busy in districts
    assert empty not in districts


def test_search_finds_a_name_written_in_another_language(client):
    CompanyFactory(name_ja="十勝飼料", name_en="Tokachi Feed")
    CompanyFactory(name_ja="森林社", name_en="Forest Co")
    response = client.get("/en/companies/", {"q": "十勝"})
    assert company_names(response) == ["Tokachi Feed"]


def test_search_finds_products(client):
    CompanyFactory(name_en="Berry Co", products_en="Frozen lingonberries")
    CompanyFactory(name_en="Honey Co", products_en="Linden honey")
    response = client.get("/en/companies/", {"q": "lingonberr"})
    assert company_names(response) == ["Berry Co"]


def test_unknown_filter_values_are_ignored_not_an_error(client):
    CompanyFactory(name_en="Any Company")
    response = client.get("/en/companies/", {"sector": "no-such", "district": "x"})
    assert response.status_code == 200
    assert company_names(response) == ["Any Company"]


def test_empty_result_shows_the_empty_state(client, honey):
    CompanyFactory(name_en="Not Honey")
    response = client.get("/en/companies/", {"sector": "honey"})
    assert response.status_code == 200
    assert company_names(response) == []
    assert 'class="empty-state"' in response.content.decode()


def test_catalogue_paginates_by_twenty_and_keeps_filters(client, honey):
    for _ in range(23):
        CompanyFactory(sectors=[honey])
    CompanyFactory()
    first = client.get("/en/companies/", {"sector": "honey", "q": "Amur"})
    assert len(first.context["companies"]) == 20
    html = first.content.decode()
    next_link = re.search(r'rel="next" href="([^"]+)"', html).group(1)
    assert "sector=honey" in next_link
    assert "q=Amur" in next_link
    assert "page=2" in next_link
    second = client.get("/en/companies/" + next_link.replace("&amp;", "&"))
    assert len(second.context["companies"]) == 3


@pytest.mark.parametrize(("page", "expected_count"), [("99", 3), ("two", 20)])
def test_catalogue_page_out_of_range_shows_the_nearest_page(
    client, honey, page, expected_count
):
    for _ in range(23):
        CompanyFactory(sectors=[honey])
    response = client.get("/ja/companies/", {"page": page})
    assert response.status_code == 200
    assert len(response.context["companies"]) == expected_count


def test_catalogue_sorts_by_name_in_the_active_language_with_fallback(client):
    CompanyFactory(name_ja="いろは社", name_en="Zulu Ltd")
    # No Japanese name: the Japanese page falls back to English, as attribute
    # access does, so this one sorts under "A" instead of first or last.
    CompanyFactory(name_ja="", name_en="Alpha Ltd")
    CompanyFactory(name_ja="あいう社", name_en="Mike Ltd")
    assert company_names(client.get("/en/companies/")) == [
        "Alpha Ltd",
        "Mike Ltd",
        "Zulu Ltd",
    ]
    assert company_names(client.get("/ja/companies/")) == [
        "Alpha Ltd",
        "あいう社",
        "いろは社",
    ]


def catalogue_queries(client) -> int:
    # Warm, as the site runs: the agency's footer details come from the cache.
    client.get("/ja/")
    with CaptureQueriesContext(connection) as queries:
        response = client.get("/ja/companies/", {"sector": "honey"})
    assert response.status_code == 200
    return len(queries)


def test_catalogue_query_count_does_not_grow_with_companies(
    client, honey, timber, django_assert_max_num_queries
):
    for _ in range(5):
        CompanyFactory(sectors=[honey, timber])
    # The agency's contact in the footer is read once, then cached: whether
    # an earlier test left it in the cache must not change the count.
    catalogue_queries(client)
    few = catalogue_queries(client)
    for _ in range(195):
        CompanyFactory(sectors=[honey, timber])
    with django_assert_max_num_queries(few):
        response = client.get("/ja/companies/", {"sector": "honey"})
    assert len(response.context["companies"]) == 20
    assert few <= 6


@pytest.mark.parametrize("language", LANGUAGES)
def test_company_page_shows_public_business_data(client, language, honey):
    company = CompanyFactory(
        name_ja="アムール蜂蜜社",
        products_ja="シナノキ蜂蜜",
        website="https://amur-honey.example",
        email="info@amur-honey.example",
        phone="+7 416 200-00-01",
        sectors=[honey],
    )
    response = client.get(f"/{language}/companies/{company.slug}/")
    assert response.status_code == 200
    html = response.content.decode()
    assert f'<html lang="{language}">' in html
    assert getattr(company, f"name_{language}") in html
    assert getattr(honey, f"name_{language}") in html
    assert getattr(company.district, f"name_{language}") in html
    for value in ("https://amur-honey.example", "info@amur-honey.example"):
        assert value in html
    assert 'class="badge"' in html


def test_company_page_has_no_sample_badge_for_real_companies(client):
    company = CompanyFactory(is_sample=False)
    html = client.get(company.get_absolute_url()).content.decode()
    assert 'class="badge"' not in html


def test_unpublished_company_page_is_not_found(client):
    company = CompanyFactory(is_published=False)
    assert client.get(company.get_absolute_url()).status_code == 404


def test_company_page_query_count_does_not_grow_with_sectors(
    client, django_assert_max_num_queries
):
    sectors = [SectorFactory() for _ in range(10)]
    company = CompanyFactory(sectors=sectors)
    with django_assert_max_num_queries(3):
        response = client.get(company.get_absolute_url())
    assert response.status_code == 200
    assert company.name_en in response.text
    for sector in sectors:
        assert sector.name_en in response.text


def all_url_patterns(resolver=None, prefix=""):
    resolver = resolver or get_resolver()
    for pattern in resolver.url_patterns:
        route = prefix + str(pattern.pattern)
        if isinstance(pattern, URLResolver):
            yield from all_url_patterns(pattern, route)
        elif isinstance(pattern, URLPattern):
            yield route, pattern.callback


def models_behind(callback) -> set:
    view_class = getattr(callback, "view_class", None)
    if view_class is None:
        return set()
    models = {getattr(view_class, "model", None)}
    queryset = getattr(view_class, "queryset", None)
    if queryset is not None:
        models.add(queryset.model)
    return models - {None}


def test_no_public_url_serves_contacts_or_interactions():
    public = [
        (route, callback)
        for route, callback in all_url_patterns()
        if not route.startswith("admin/")
    ]
    assert any("companies" in route for route, _ in public)
    for route, callback in public:
        assert not models_behind(callback) & {Contact, Interaction}, route
        assert "contact" not in callback.__module__.lower(), route


def test_demo_contacts_never_appear_on_public_pages(client):
    demo.load("partners")
    secrets = []
    for contact in Contact.objects.all():
        secrets += [contact.email, contact.name_latin, contact.name_native]
    summaries = [i.summary[:40] for i in Interaction.objects.all()]
    assert len(secrets) >= 9
    assert summaries
    pages = ["/{}/", "/{}/companies/", "/{}/companies/?q=honey"]
    pages += [f"/{{}}/companies/{slug}/" for slug in ("amur-honey", "zeya-apiary")]
    for language in LANGUAGES:
        for page in pages:
            html = client.get(page.format(language)).content.decode()
            for text in [*secrets, *summaries]:
                assert text not in html, (page, text)


# --- Text in another language than the page's is marked -------------------------------


def test_japanese_catalogue_marks_an_english_fallback_and_prefers_it(client):
    CompanyFactory(name_ja="", name_en="Zeya Honey LLC", products_ja="")
    html = client.get("/ja/companies/").content.decode()

    assert re.search(r'<a href="[^"]+" lang="en">Zeya Honey LLC</a>', html)
    assert '<p lang="en">Honey, soybean oil</p>' in html
    assert "ООО «Амурский продукт" not in html


def test_japanese_company_page_marks_russian_text_shown_for_want_of_any_other(client):
    honey = SectorFactory(
        slug="buckwheat-honey", name_ru="Гречишный мёд", name_ja="", name_en=""
    )
    company = CompanyFactory(
        name_ja="",
        name_en="",
        products_ja="",
        products_en="",
        description_ru="Пасека у Зеи.",
        sectors=[honey],
    )

    html = client.get(f"/ja/companies/{company.slug}/").content.decode()

    assert f'<h1 lang="ru">{company.name_ru}</h1>' in html
    assert '<div lang="ru"><p>Мёд, соевое масло</p></div>' in html
    assert '<div lang="ru"><p>Пасека у Зеи.</p></div>' in html
    assert 'lang="ru">Гречишный мёд</a>' in html


def test_text_in_the_page_language_carries_no_lang_of_its_own(client):
    company = CompanyFactory(name_ja="ゼーヤ蜂蜜社", products_ja="シナノキ蜂蜜")

    html = client.get(f"/ja/companies/{company.slug}/").content.decode()

    assert "<h1>ゼーヤ蜂蜜社</h1>" in html
    assert "<div><p>シナノキ蜂蜜</p></div>" in html
    card_html = client.get("/ja/companies/").content.decode()
    assert ' lang="ru"' not in card_html.split("<main", 1)[1]
