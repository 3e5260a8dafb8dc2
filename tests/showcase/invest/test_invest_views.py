"""The investment case pages: the investment overview, sectors, projects,
support measures and sites, in three languages and within query budgets."""

import re
from decimal import Decimal

import pytest
from django.core.cache import cache
from django.utils.html import escape

from amur_invest.demo import DemoLoader
from partners.models import Sector
from showcase import demo
from showcase.models import InvestmentProject, SectorProfile
from showcase.models.home import HOME_PAGE_CACHE_KEY
from tests.partners.factories import CompanyFactory
from tests.showcase.invest_factories import (
    InvestmentProjectFactory,
    InvestmentSiteFactory,
    SupportMeasureFactory,
    TradeFigureFactory,
    TradeYearFactory,
    district,
    sector,
)
from tests.sitemaps import sitemap_xml

pytestmark = pytest.mark.django_db

LANGUAGES = ["ru", "ja", "en"]
SITEMAP_NS = {"sm": "http://www.sitemaps.org/schemas/sitemap/0.9"}


@pytest.fixture(autouse=True)
def fresh_home_page():
    # The home page row is cached; a row of an earlier test must not leak.
    cache.delete(HOME_PAGE_CACHE_KEY)
    yield
    cache.delete(HOME_PAGE_CACHE_KEY)


def headline_rows(base_year=2018):
    TradeFigureFactory(year=base_year, flow="export", value=20000)
    TradeFigureFactory(
        year=base_year, flow="import", commodity_group="machinery", value=30000
    )
    TradeFigureFactory(year=base_year + 1, flow="export", value=48000)
    TradeFigureFactory(
        year=base_year + 1, flow="import", commodity_group="machinery", value=47000
    )


# --- Home and the investment overview ----------------------------------------------


@pytest.mark.parametrize(
    ("language", "turnover", "exports"),
    [("ru", "1,9", "2,4"), ("ja", "1.9", "2.4"), ("en", "1.9", "2.4")],
)
def test_home_headline_is_computed_from_the_figures(
    client, language, turnover, exports
):
    headline_rows()

    html = client.get(f"/{language}/").content.decode()

    assert turnover in html
    assert exports in html
    assert "2018" in html


def test_home_headline_compares_the_latest_complete_year_and_names_both(client):
    headline_rows(2018)
    TradeYearFactory(year=2020, is_complete=False)
    TradeFigureFactory(year=2020, flow="export", value=10)

    html = client.get("/en/").content.decode()

    assert "2019 against 2018" in html
    assert "2020" not in html


def test_a_year_published_as_complete_moves_the_headline(client):
    headline_rows(2018)
    TradeFigureFactory(year=2020, flow="export", value=96000)

    html = client.get("/en/").content.decode()

    assert "2020 against 2019" in html


def test_home_without_figures_shows_no_headline(client):
    html = client.get("/en/").content.decode()

    assert "facts--growth" not in html


def test_home_sector_cards_lead_to_sector_pages_and_say_what_they_hold(client):
    CompanyFactory(sectors=[sector("honey")])
    InvestmentProjectFactory(sector=sector("honey"))

    html = client.get("/en/").content.decode()

    assert 'href="/en/invest/sectors/honey/"' in html
    assert "1 exporter · 1 project" in html
    assert "0 exporters" not in html, "an empty sector shows no count"
    assert "0 projects" not in html


def test_home_shows_the_hero_photograph_with_alt_text_in_each_language(
    client, settings, tmp_path, django_capture_on_commit_callbacks
):
    settings.MEDIA_ROOT = tmp_path
    home = tmp_path / "home.toml"
    home.write_text(
        '[tables.home]\nmodel = "showcase.HomePage"\nkey = ["id"]\n\n'
        '[[home]]\nid = 1\nhero_image = "river"\n'
        'hero_alt = { ru = "Река", ja = "川の風景", en = "A river" }\n',
        encoding="utf-8",
    )

    with django_capture_on_commit_callbacks(execute=True):  # sizes are made
        DemoLoader(pictures=demo.PICTURES).load(home)

    for language, alt in [("ru", "Река"), ("ja", "川の風景"), ("en", "A river")]:
        html = client.get(f"/{language}/").content.decode()
        assert f'alt="{alt}"' in html
        assert 'class="hero__image"' in html


def test_home_query_count_holds_with_many_rows(
    client, django_assert_max_num_queries, fragment_cache
):
    headline_rows()
    for index in range(30):
        CompanyFactory(sectors=[sector("food")])
        InvestmentProjectFactory(sector=sector("honey"), slug=f"home-{index}")
    # Fills the cache with the home page row and the counts by sector.
    client.get("/ja/")

    with django_assert_max_num_queries(7):
        response = client.get("/ja/")

    assert response.status_code == 200
    counts = {
        card.slug: (card.company_count, card.project_count)
        for card in response.context["sectors"]
    }
    assert (counts["food"], counts["honey"]) == ((30, 0), (0, 30))
    assert response.context["exporter_count"] == 30
    assert len(response.context["exporters"]) == 6
    assert len(response.context["projects"]) == 3
    assert "1.9" in response.text  # the turnover of the headline year


@pytest.mark.parametrize("language", LANGUAGES)
def test_invest_page_shows_growth_charts_sectors_and_projects(client, language):
    headline_rows()
    project = InvestmentProjectFactory()

    response = client.get(f"/{language}/invest/")

    html = response.content.decode()
    assert f'<html lang="{language}"' in html
    assert getattr(project, f"title_{language}") in html
    assert f'href="/{language}/invest/sectors/forestry/"' in html
    assert f'href="/{language}/invest/trade-japan.csv"' in html
    assert html.count('role="img"') == 2


def test_invest_page_structure_year_falls_back_on_a_bad_year(client):
    headline_rows()

    for query in ("?year=1900", "?year=abc", "?year=", "?year=" + "9" * 5000):
        response = client.get(f"/en/invest/{query}")
        assert response.status_code == 200
        assert response.context["structure_year"] == 2019


def test_invest_page_without_figures_still_renders(client):
    response = client.get("/ja/invest/")

    assert response.status_code == 200
    assert "structure" not in response.context


def test_invest_page_query_count_holds_with_many_projects(
    client, django_assert_max_num_queries
):
    headline_rows()
    for index in range(60):
        InvestmentProjectFactory(slug=f"many-{index}")
    client.get("/en/invest/")

    # One of them reads the sources of the complete years.
    with django_assert_max_num_queries(9):
        response = client.get("/en/invest/")

    assert response.status_code == 200
    assert response.context["project_count"] == 60
    for project in response.context["projects"]:
        assert project.title_en in response.text
    assert len(response.context["projects"]) == 3
    assert response.text.count('role="img"') == 2  # both charts


# --- Sector pages ----------------------------------------------------------------


@pytest.mark.parametrize("language", LANGUAGES)
def test_sector_page_shows_offer_figures_companies_projects_and_measures(
    client, language
):
    honey = sector("honey")
    SectorProfile.objects.create(
        sector=honey,
        commodity_group="honey",
        offer_ru="Липовый мёд для Японии",
        offer_ja="日本向けのシナノキはちみつ",
        offer_en="Linden honey for Japan",
    )
    TradeFigureFactory(commodity_group="honey", year=2019, value=1400)
    company = CompanyFactory(sectors=[honey])
    project = InvestmentProjectFactory(sector=honey)
    own = SupportMeasureFactory(sectors=[honey])
    general = SupportMeasureFactory()
    elsewhere = SupportMeasureFactory(sectors=[sector("forestry")])

    response = client.get(f"/{language}/invest/sectors/honey/")

    html = response.content.decode()
    assert getattr(honey, f"name_{language}") in html
    assert escape(getattr(honey.profile, f"offer_{language}")) in html
    assert getattr(company, f"name_{language}") in html
    assert getattr(project, f"title_{language}") in html
    assert getattr(own, f"name_{language}") in html
    assert getattr(general, f"name_{language}") in html
    assert getattr(elsewhere, f"name_{language}") not in html
    assert f'href="/{language}/invest/sectors/honey/exports.csv"' in html
    assert 'role="img"' in html


def test_sector_without_companies_or_projects_says_so_and_leads_on(client):
    response = client.get("/en/invest/sectors/tourism/")

    html = response.content.decode()
    assert "No project in this sector is published yet." in html
    assert "No company of this sector is in the exporters catalogue yet." in html
    assert 'href="/en/invest/projects/"' in html
    assert 'role="img"' not in html


def test_unknown_sector_is_not_found(client):
    assert client.get("/en/invest/sectors/caviar/").status_code == 404


def test_sector_exports_csv_needs_a_commodity_group(client):
    assert client.get("/en/invest/sectors/tourism/exports.csv").status_code == 404


def test_sector_page_query_count_holds_with_many_companies_and_projects(
    client, django_assert_max_num_queries, fragment_cache
):
    forestry = sector("forestry")
    SectorProfile.objects.create(sector=forestry, commodity_group="timber")
    for index in range(40):
        CompanyFactory(sectors=[forestry])
        InvestmentProjectFactory(slug=f"forest-{index}")
        SupportMeasureFactory(sectors=[forestry])

    # One reads the exchange rates, kept in the cache afterwards.
    with django_assert_max_num_queries(10):
        response = client.get("/en/invest/sectors/forestry/")

    assert len(response.context["projects"]) == 6
    assert 'href="/en/invest/projects/?sector=forestry"' in response.content.decode()


# --- Projects ------------------------------------------------------------------


def test_catalogue_lists_only_published_projects(client):
    shown = InvestmentProjectFactory()
    hidden = InvestmentProjectFactory(is_published=False)

    html = client.get("/en/invest/projects/").content.decode()

    assert shown.title_en in html
    assert hidden.title_en not in html


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("sector=honey", {"honey-tynda"}),
        ("district=zeysky", {"timber-zeya"}),
        ("stage=idea", {"honey-tynda"}),
        ("size=small", {"honey-tynda"}),
        ("size=medium", {"timber-zeya"}),
        ("size=large", {"timber-tynda-dollars"}),
        ("sector=forestry&district=tyndinsky", {"timber-tynda-dollars"}),
    ],
)
def test_catalogue_filters(client, query, expected):
    InvestmentProjectFactory(
        slug="honey-tynda", sector=sector("honey"), stage="idea", investment_size=45
    )
    InvestmentProjectFactory(
        slug="timber-zeya", district=district("zeysky"), investment_size=850
    )
    # 20 million dollars is well over a billion roubles.
    InvestmentProjectFactory(
        slug="timber-tynda-dollars", investment_size=20, currency="USD"
    )

    projects = client.get(f"/en/invest/projects/?{query}").context["projects"]

    assert {project.slug for project in projects} == expected


@pytest.mark.parametrize(
    "query",
    [
        "sector=caviar",
        "district=atlantis",
        "stage=finished",
        "size=gigantic",
        "page=999",
        "page=abc",
        "sector=%00",
        "size=" + "x" * 5000,
    ],
)
def test_catalogue_ignores_bad_filter_values(client, query):
    InvestmentProjectFactory()

    response = client.get(f"/ja/invest/projects/?{query}")

    assert response.status_code == 200
    assert len(response.context["projects"]) == 1


def test_catalogue_offers_only_sectors_and_districts_with_projects(client):
    InvestmentProjectFactory()

    form = client.get("/en/invest/projects/").context["filter_form"]

    assert [s.slug for s in form.fields["sector"].queryset] == ["forestry"]
    assert [d.slug for d in form.fields["district"].queryset] == ["tyndinsky"]


def test_empty_catalogue_result_offers_to_show_all(client):
    InvestmentProjectFactory()

    html = client.get("/en/invest/projects/?stage=idea").content.decode()

    assert "No project matches these filters." in html
    assert "Show all projects" in html


def test_catalogue_query_count_holds_with_500_projects(
    client, django_assert_max_num_queries
):
    forestry, tyndinsky = sector("forestry"), district("tyndinsky")
    InvestmentProject.objects.bulk_create(
        InvestmentProjectFactory.build(
            slug=f"bulk-{n}", sector=forestry, district=tyndinsky
        )
        for n in range(500)
    )

    # One reads the exchange rates, kept in the cache afterwards.
    with django_assert_max_num_queries(7):
        response = client.get("/en/invest/projects/?sector=forestry&page=3")

    assert response.context["paginator"].count == 500
    assert len(response.context["projects"]) == 12


@pytest.mark.parametrize("language", LANGUAGES)
def test_project_page_shows_what_an_investor_needs(client, language):
    site = InvestmentSiteFactory(investment_map_url="https://investmap.example/1")
    measure = SupportMeasureFactory()
    project = InvestmentProjectFactory(
        site=site,
        support_measures=[measure],
        investment_size=Decimal("1200"),
    )

    response = client.get(f"/{language}/invest/projects/{project.slug}/")

    html = response.content.decode()
    for field in ("title", "description", "partner_sought"):
        assert escape(getattr(project, f"{field}_{language}")) in html
    amount = {"ru": "1\xa0200", "ja": "1,200", "en": "1,200"}[language]
    assert amount in html
    assert getattr(site, f"name_{language}") in html
    assert 'href="https://investmap.example/1"' in html
    assert f'href="/{language}/invest/support/#{measure.slug}"' in html
    assert f'href="/{language}/invest/sites/{site.slug}/"' in html


def test_project_page_names_the_agency_japan_desk(client):
    from amur_invest.agency.models import AgencyContact

    agency = AgencyContact.load()
    agency.japan_desk_name_en = "Anna Morozova"
    agency.japan_desk_email = "japan@amurinvest.example"
    agency.save()
    project = InvestmentProjectFactory()

    html = client.get(f"/en/invest/projects/{project.slug}/").content.decode()

    assert "Anna Morozova" in html
    assert "mailto:japan@amurinvest.example" in html


def test_project_page_button_asks_the_agency_about_this_project(client):
    InvestmentProjectFactory(slug="tynda-glulam")

    html = client.get("/ja/invest/projects/tynda-glulam/").content.decode()

    assert 'href="/ja/contact/?about=project:tynda-glulam"' in html


def test_company_page_button_asks_the_agency_about_this_company(client):
    company = CompanyFactory(slug="amur-honey")

    html = client.get(f"/ru/companies/{company.slug}/").content.decode()

    assert 'href="/ru/contact/?about=company:amur-honey"' in html


def test_unpublished_project_is_not_found(client):
    project = InvestmentProjectFactory(is_published=False)

    assert client.get(f"/en/invest/projects/{project.slug}/").status_code == 404


def test_unpublished_site_and_measures_stay_off_the_project_page(client):
    site = InvestmentSiteFactory(is_published=False)
    hidden = SupportMeasureFactory(is_published=False)
    project = InvestmentProjectFactory(site=site, support_measures=[hidden])

    html = client.get(f"/en/invest/projects/{project.slug}/").content.decode()

    assert site.name_en not in html
    assert hidden.name_en not in html


def test_project_page_query_count_does_not_grow_with_measures(
    client, django_assert_max_num_queries
):
    measures = [SupportMeasureFactory() for _ in range(20)]
    project = InvestmentProjectFactory(
        site=InvestmentSiteFactory(), support_measures=measures
    )

    with django_assert_max_num_queries(4):
        response = client.get(f"/en/invest/projects/{project.slug}/")

    assert response.status_code == 200
    assert project.title_en in response.text
    assert project.site.name_en in response.text
    for measure in measures:
        assert measure.name_en in response.text


# --- Support measures and sites -----------------------------------------------------


@pytest.mark.parametrize("language", LANGUAGES)
def test_support_register_states_the_terms_of_each_measure(client, language):
    measure = SupportMeasureFactory(sectors=[sector("honey")])
    general = SupportMeasureFactory()

    html = client.get(f"/{language}/invest/support/").content.decode()

    for field in ("name", "eligibility", "benefit", "limit", "legal_basis"):
        assert escape(getattr(measure, f"{field}_{language}")) in html
    assert f'id="{measure.slug}"' in html
    assert f'id="{general.slug}"' in html
    assert f'href="/{language}/invest/sectors/honey/"' in html


def test_support_register_query_count_holds_with_many_measures(
    client, django_assert_max_num_queries
):
    sectors = list(Sector.objects.all()[:4])
    measures = [SupportMeasureFactory(sectors=sectors) for _ in range(100)]

    with django_assert_max_num_queries(4):
        response = client.get("/en/invest/support/")

    assert response.status_code == 200
    for measure in measures:
        assert f'id="{measure.slug}"' in response.text
    for chosen in sectors:
        assert f'href="/en/invest/sectors/{chosen.slug}/"' in response.text


@pytest.mark.parametrize("language", LANGUAGES)
def test_site_list_and_page_show_area_infrastructure_and_the_map(client, language):
    site = InvestmentSiteFactory(
        investment_map_url="https://investmap.example/amur/7", has_gas=True
    )
    project = InvestmentProjectFactory(site=site)

    listing = client.get(f"/{language}/invest/sites/").content.decode()
    page = client.get(f"/{language}/invest/sites/{site.slug}/").content.decode()

    assert getattr(site, f"name_{language}") in listing
    area = {"ru": "12,5 га", "ja": "12.5 ha", "en": "12.5 ha"}[language]
    assert area in listing
    assert 'href="https://investmap.example/amur/7"' in page
    assert getattr(project, f"title_{language}") in page


def test_site_list_filters_by_district_and_ignores_an_unknown_one(client):
    zeya = InvestmentSiteFactory(district=district("zeysky"))
    tynda = InvestmentSiteFactory(district=district("tyndinsky"))

    filtered = client.get("/en/invest/sites/?district=zeysky").context["sites"]
    unknown = client.get("/en/invest/sites/?district=atlantis").context["sites"]

    assert list(filtered) == [zeya]
    assert set(unknown) == {zeya, tynda}


def test_site_list_query_count_holds_with_many_sites(
    client, django_assert_max_num_queries
):
    for _ in range(60):
        InvestmentSiteFactory()

    # One of them reads every mapped site for the map, not just the page.
    with django_assert_max_num_queries(6):
        response = client.get("/en/invest/sites/?page=2")

    assert len(response.context["sites"]) == 20


def test_unpublished_site_is_not_found(client):
    site = InvestmentSiteFactory(is_published=False)

    assert client.get(f"/en/invest/sites/{site.slug}/").status_code == 404


# --- Search engines ----------------------------------------------------------------


def test_sitemap_lists_the_investment_pages_in_three_languages(client):
    project = InvestmentProjectFactory(slug="tynda-glulam")
    hidden = InvestmentProjectFactory(is_published=False)
    site = InvestmentSiteFactory(slug="tynda-yard")

    root = sitemap_xml(client)

    locations = {loc.text for loc in root.findall("sm:url/sm:loc", SITEMAP_NS)}
    for language in LANGUAGES:
        base = f"http://testserver/{language}/invest/"
        assert {
            base,
            f"{base}projects/",
            f"{base}support/",
            f"{base}sites/",
            f"{base}wild-harvest/",
            f"{base}sectors/honey/",
            f"{base}projects/{project.slug}/",
            f"{base}sites/{site.slug}/",
        } <= locations
    assert not any(hidden.slug in location for location in locations)


@pytest.mark.parametrize(
    "path",
    [
        "/ja/",
        "/ja/invest/",
        "/ja/invest/sectors/forestry/",
        "/ja/invest/projects/",
        "/ja/invest/support/",
        "/ja/invest/sites/",
        "/ja/invest/wild-harvest/",
    ],
)
def test_investment_pages_work_under_the_strict_csp(client, path):
    from tests.showcase.invest_factories import WildHarvestReportFactory

    headline_rows()
    SectorProfile.objects.create(sector=sector("forestry"), commodity_group="food")
    InvestmentProjectFactory(site=InvestmentSiteFactory())
    SupportMeasureFactory()
    WildHarvestReportFactory()

    response = client.get(path)

    html = response.content.decode()
    assert 'role="img"' in html or path not in (
        "/ja/invest/",
        "/ja/invest/wild-harvest/",
    )
    assert " style=" not in html
    # Structured data for search engines is data, not code.
    code = re.sub(r'<script type="application/ld\+json"[^>]*>.*?</script>', "", html)
    assert "<script" not in code
    assert "<style" not in html


# --- Sources and complete years on the pages and in the CSVs ----------------------


@pytest.mark.parametrize(
    ("language", "source", "taken"),
    [
        ("ru", "Источник: Дальневосточное таможенное управление", "2 марта 2026"),
        ("ja", "出典：極東税関", "2026年3月2日"),
        ("en", "Source: Far Eastern Customs Administration", "March 2, 2026"),
    ],
)
def test_each_chart_names_its_source_and_the_date_taken(
    client, language, source, taken
):
    headline_rows()

    html = client.get(f"/{language}/invest/").content.decode()

    assert source in html
    assert taken in html


def test_trade_csv_gives_source_date_and_sample_mark_on_each_row(client):
    headline_rows()
    TradeFigureFactory(year=2019, commodity_group="honey", is_sample=True)

    text = client.get("/en/invest/trade-japan.csv").content.decode("utf-8-sig")

    header, first, second = text.splitlines()
    assert header.endswith("Source,Date taken,Sample data")
    assert first.endswith("Far Eastern Customs Administration,2026-03-02,no")
    assert second.endswith("Far Eastern Customs Administration,2026-03-02,yes")


def test_an_unpublished_years_structure_csv_is_not_found(client):
    TradeYearFactory(year=2020, is_complete=False)
    TradeFigureFactory(year=2020)

    assert client.get("/en/invest/exports-2020.csv").status_code == 404
    assert "2020" not in client.get("/en/invest/trade-japan.csv").content.decode()
