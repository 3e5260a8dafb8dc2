"""The exporters catalogue in a real browser: Russian, then Japanese."""

import os
from pathlib import Path

import pytest
from playwright.sync_api import expect

from tests.partners.factories import CompanyFactory, SectorFactory

# serialized_rollback puts the migrations' reference data (prefectures,
# districts, sectors) back after the flush that transaction=True implies.
pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def test_visitor_switches_the_filtered_catalogue_from_russian_to_japanese(
    page, live_server
):
    honey = SectorFactory(slug="honey")
    CompanyFactory(
        name_ru="ООО «Амурский мёд»",
        name_ja="アムール蜂蜜社",
        name_en="Amur Honey LLC",
        sectors=[honey],
    )
    CompanyFactory(name_ru="ООО «Тындинский лес»", name_ja="トゥインダ森林社")

    page.goto(f"{live_server.url}/ru/companies/?sector=honey")
    expect(page.locator("html")).to_have_attribute("lang", "ru")
    expect(page.get_by_role("link", name="ООО «Амурский мёд»")).to_be_visible()
    expect(page.get_by_text("ООО «Тындинский лес»")).to_have_count(0)

    page.get_by_role("link", name="日本語").click()

    page.wait_for_url(f"{live_server.url}/ja/companies/?sector=honey")
    expect(page.locator("html")).to_have_attribute("lang", "ja")
    expect(page.get_by_role("link", name="アムール蜂蜜社")).to_be_visible()
    expect(page.get_by_text("トゥインダ森林社")).to_have_count(0)
    expect(page.locator("select[name=sector]")).to_have_value("honey")

    if screenshot_dir := os.environ.get("SCREENSHOT_DIR"):
        Path(screenshot_dir).mkdir(parents=True, exist_ok=True)
        page.screenshot(
            path=str(Path(screenshot_dir) / "screenshot-catalogue-ja.png"),
            full_page=True,
        )
