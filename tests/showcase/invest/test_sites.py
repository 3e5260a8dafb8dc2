"""Sites an investor can weigh: where they are, on what terms, how far from
the border and the railway, on a map over the list that stands without it;
when each fact was last verified and by whom."""

import datetime
import json
import re
from decimal import Decimal
from html import unescape

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from showcase.models import InvestmentSite, SupportMeasure
from tests.showcase.invest_factories import InvestmentSiteFactory, SupportMeasureFactory

pytestmark = pytest.mark.django_db


def weighed_site(**fields):
    values = {
        "slug": "river-plot",
        "latitude": Decimal("50.38210"),
        "longitude": Decimal("127.74650"),
        "cadastral_number": "28:10:013002:412",
        "terms": InvestmentSite.Terms.LEASE,
        "price": Decimal("410000"),
        "price_unit": InvestmentSite.PriceUnit.PER_YEAR,
        "border_crossing_km": Decimal("24"),
        "railway_km": Decimal("1.5"),
        "utility_tariffs_ru": "Электроэнергия 6,9 руб./кВт·ч",
        "utility_tariffs_ja": "電力 6.9ルーブル/kWh",
        "utility_tariffs_en": "Power 6.9 roubles/kWh",
        "verified_on": timezone.localdate() - datetime.timedelta(days=10),
        "verified_by_ru": "Анна Смирнова",
        "verified_by_ja": "アンナ・スミルノワ",
        "verified_by_en": "Anna Smirnova",
    }
    return InvestmentSiteFactory(**{**values, **fields})


def map_data(html: str) -> list[dict]:
    found = re.search(r'<div id="sites-map"[^>]* data-sites="([^"]*)"', html)
    return json.loads(unescape(found.group(1))) if found else []


# --- The map over the list -----------------------------------------------------


def test_the_list_carries_every_positioned_site_for_the_map(client):
    weighed_site(name_ja="川沿いの用地")
    InvestmentSiteFactory(slug="nowhere")  # no position: listed, not mapped

    html = client.get("/ja/invest/sites/").content.decode()

    assert map_data(html) == [
        {
            "name": "川沿いの用地",
            "url": "/ja/invest/sites/river-plot/",
            "lat": 50.3821,
            "lon": 127.7465,
        }
    ]
    assert 'href="/ja/invest/sites/nowhere/"' in html


def test_the_map_is_drawn_by_local_scripts_and_hidden_until_then(client):
    weighed_site()

    html = client.get("/en/invest/sites/").content.decode()

    assert '<div id="sites-map" class="sites-map" hidden' in html
    assert 'src="/static/leaflet/leaflet.js"' in html
    assert 'src="/static/js/sites-map.js"' in html
    assert "unpkg" not in html
    assert "cdn" not in html.lower()


def test_without_positions_no_map_is_offered(client):
    InvestmentSiteFactory()

    html = client.get("/en/invest/sites/").content.decode()

    assert "sites-map" not in html
    assert "leaflet" not in html


def test_the_policy_lets_the_map_tiles_in(client):
    weighed_site()

    policy = client.get("/en/invest/sites/").headers["Content-Security-Policy"]

    img_src = next(part for part in policy.split(";") if "img-src" in part)
    assert "https://tile.openstreetmap.org" in img_src


def test_the_leaflet_files_are_served_locally(client):
    from django.contrib.staticfiles import finders

    assert finders.find("leaflet/leaflet.js")
    assert finders.find("leaflet/leaflet.css")
    assert finders.find("leaflet/images/marker-icon.png")


# --- What the list and the page say without script ------------------------------


@pytest.mark.parametrize(
    ("language", "words"),
    [
        ("ru", ["28:10:013002:412", "Аренда", "24 км", "1,5 км", "6,9 руб./кВт·ч"]),
        ("ja", ["28:10:013002:412", "賃貸", "24 km", "1.5 km", "6.9ルーブル/kWh"]),
        ("en", ["28:10:013002:412", "Lease", "24 km", "1.5 km", "6.9 roubles/kWh"]),
    ],
)
def test_the_site_page_gives_what_an_investor_weighs(client, language, words):
    weighed_site()

    html = client.get(f"/{language}/invest/sites/river-plot/").content.decode()

    for word in words:
        assert word in html, word
    assert "50.3821, 127.7465" in html


def test_a_site_without_its_own_map_page_links_a_search_by_cadastral_number(
    client, settings
):
    settings.INVESTMENT_MAP_SEARCH_URL = "https://map.example/search?q={query}"
    weighed_site()

    html = client.get("/en/invest/sites/").content.decode()

    assert 'href="https://map.example/search?q=28%3A10%3A013002%3A412"' in html


def test_a_sites_own_map_page_wins_over_the_search():
    site = weighed_site(investment_map_url="https://map.example/site/7")

    assert site.federal_map_url == "https://map.example/site/7"


@pytest.mark.parametrize(
    "number", ["28:10:013002:412", "28:01:0130201:125", "77:01:0004042:6653"]
)
def test_cadastral_numbers_of_the_official_format_pass(number):
    InvestmentSiteFactory.build(cadastral_number=number).clean_fields(
        exclude=["district"]
    )


@pytest.mark.parametrize("number", ["28-10-013002-412", "2810013002412", "28:10:13:4"])
def test_a_cadastral_number_of_another_format_is_refused(number):
    with pytest.raises(ValidationError) as refused:
        InvestmentSiteFactory.build(cadastral_number=number).clean_fields(
            exclude=["district"]
        )

    assert "NN:NN:NNNNNNN:NN" in str(refused.value)


def test_a_price_needs_its_unit_and_a_latitude_its_longitude():
    site = InvestmentSiteFactory.build(price=Decimal(5), latitude=Decimal(50))

    with pytest.raises(ValidationError) as refused:
        site.clean()

    assert set(refused.value.message_dict) == {"price_unit", "longitude"}


# --- Last verified ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("language", "said"),
    [
        ("ru", "Анна Смирнова"),
        ("ja", "アンナ・スミルノワ"),
        ("en", "Last verified on"),
    ],
)
def test_visitors_see_when_and_by_whom_a_site_was_verified(client, language, said):
    weighed_site()

    html = client.get(f"/{language}/invest/sites/").content.decode()

    assert said in html
    assert "verified--stale" not in html


def test_a_fact_unverified_for_180_days_is_marked_for_visitors(client):
    weighed_site(verified_on=timezone.localdate() - datetime.timedelta(days=181))
    SupportMeasureFactory(verified_on=None)

    sites = client.get("/en/invest/sites/").content.decode()
    measures = client.get("/en/invest/support/").content.decode()

    assert "verified--stale" in sites
    assert "Not verified for more than six months" in sites
    assert "Not yet verified by the agency" in measures


def test_staff_list_the_out_of_date_sites_and_measures(admin_client):
    weighed_site(slug="fresh")
    weighed_site(slug="old", verified_on=datetime.date(2020, 1, 1))
    SupportMeasureFactory(slug="never", verified_on=None)
    SupportMeasureFactory(slug="checked", verified_on=timezone.localdate())

    sites = admin_client.get(
        reverse("admin:showcase_investmentsite_changelist") + "?verification=stale"
    )
    measures = admin_client.get(
        reverse("admin:showcase_supportmeasure_changelist") + "?verification=stale"
    )

    assert [site.slug for site in sites.context["cl"].result_list] == ["old"]
    assert [m.slug for m in measures.context["cl"].result_list] == ["never"]
    assert "устарело" in sites.text  # the admin speaks Russian by default


def test_querysets_tell_stale_from_fresh():
    weighed_site(slug="fresh")
    weighed_site(slug="old", verified_on=datetime.date(2020, 1, 1))

    assert list(InvestmentSite.objects.stale().values_list("slug", flat=True)) == [
        "old"
    ]
    assert list(SupportMeasure.objects.stale()) == []


def test_a_map_address_without_a_query_is_linked_as_it_is(client, settings):
    settings.INVESTMENT_MAP_SEARCH_URL = "https://map.example/"
    weighed_site()

    html = client.get("/en/invest/sites/").content.decode()

    assert 'href="https://map.example/"' in html
