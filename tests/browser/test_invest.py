"""The investment case in a real browser: the headline and charts render
with the page's fonts in each language, and the home page is kept as a
screenshot for people to look at."""

import os
from pathlib import Path

import pytest
from django.core.cache import cache
from playwright.sync_api import expect

from showcase import demo
from showcase.models.home import HOME_PAGE_CACHE_KEY

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

ARTEFACTS = Path(os.environ.get("SCREENSHOT_DIR", "test-results"))


@pytest.fixture(autouse=True)
def fresh_home_page():
    cache.delete(HOME_PAGE_CACHE_KEY)
    yield
    cache.delete(HOME_PAGE_CACHE_KEY)


def test_trade_chart_draws_its_bars_and_speaks_japanese_with_the_page_font(
    page, live_server
):
    demo.load("investment", tables=["trade_years", "trade_figures"])

    page.goto(f"{live_server.url}/ja/invest/")

    chart = page.locator("svg.chart").first
    expect(chart).to_be_visible()
    box = chart.bounding_box()
    assert box["height"] == 300, "the chart keeps its height under the site's CSS"
    assert box["width"] > 300
    bars = chart.locator("rect")
    # Two bars a year, 2016-2019: the demo keeps 2020 unpublished.
    expect(bars).to_have_count(8)
    assert all(bars.nth(i).bounding_box()["height"] > 0 for i in range(8))
    expect(chart.get_by_text("95.0", exact=True)).to_be_visible()
    fonts = page.evaluate(
        """() => [document.body, document.querySelector('svg.chart text')]
              .map(node => getComputedStyle(node).fontFamily)"""
    )
    assert fonts[0] == fonts[1]
    structure = page.locator("svg.chart").nth(1)
    expect(structure.get_by_text("食品", exact=True)).to_be_visible()


@pytest.mark.parametrize(
    ("language", "turnover"),
    [("ru", "в 1,9 раза"), ("ja", "1.9倍"), ("en", "1.9 times")],
)
def test_home_page_headline_in_each_language(page, live_server, language, turnover):
    demo.load("investment", tables=["trade_years", "trade_figures"])

    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto(f"{live_server.url}/{language}/")

    expect(page.locator(".facts--growth strong").first).to_have_text(turnover)
    ARTEFACTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(ARTEFACTS / f"home-{language}.png"), full_page=True)


def test_sites_map_draws_a_marker_for_each_site_without_the_tiles(page, live_server):
    demo.load("investment", tables=["sites"])
    # No tiles in tests: the map must still draw its markers, and the list
    # stands below it.
    page.route("https://tile.openstreetmap.org/**", lambda route: route.abort())

    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto(f"{live_server.url}/ja/invest/sites/")

    expect(page.locator("#sites-map")).to_be_visible()
    expect(page.locator(".leaflet-marker-icon")).to_have_count(4)
    assert page.locator("#sites-map").bounding_box()["height"] > 300
    page.locator(".leaflet-marker-icon").first.click()
    expect(page.locator(".leaflet-popup-content a")).to_be_visible()
    expect(page.locator(".grid .card")).to_have_count(4)


def test_sites_list_stands_without_script(browser, live_server):
    demo.load("investment", tables=["sites"])
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()

    page.goto(f"{live_server.url}/ru/invest/sites/")

    expect(page.locator("#sites-map")).to_be_hidden()
    expect(page.locator(".grid .card")).to_have_count(4)
    expect(page.get_by_text("28:10:013002:412")).to_be_visible()
    context.close()
