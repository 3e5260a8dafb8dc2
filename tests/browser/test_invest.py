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
    expect(bars).to_have_count(10)
    assert all(bars.nth(i).bounding_box()["height"] > 0 for i in range(10))
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
