"""The slide viewer in Chromium, in Japanese: the keyboard moves between
slides and the address follows; printing puts one slide on a sheet."""

import os
import re
from pathlib import Path

import pypdfium2 as pdfium
import pytest
from playwright.sync_api import expect

from tests.showcase.content_factories import PresentationFactory, SlideFactory

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

HEADINGS = ["アムール州へようこそ", "食品と飼料", "森林資源", "ともに取り組みましょう"]


@pytest.fixture
def deck():
    presentation = PresentationFactory(
        slug="tokyo-2019", title_ja="アムール州の投資機会"
    )
    for position, heading in enumerate(HEADINGS, start=1):
        SlideFactory(presentation=presentation, position=position, heading_ja=heading)
    return presentation


def slide_url(live_server, number: int) -> str:
    return f"{live_server.url}/ja/presentations/tokyo-2019/{number}/"


def expect_slide(page, live_server, number: int) -> None:
    page.wait_for_url(slide_url(live_server, number))
    heading = page.get_by_role("heading", level=1)
    expect(heading).to_contain_text(f"スライド {number} / {len(HEADINGS)}")
    expect(heading).to_contain_text(HEADINGS[number - 1])


def test_arrow_keys_home_and_end_move_between_slides_and_the_address(
    page, live_server, deck
):
    page.goto(slide_url(live_server, 1))
    expect(page.locator("html")).to_have_attribute("lang", "ja")

    page.keyboard.press("ArrowRight")
    expect_slide(page, live_server, 2)

    page.keyboard.press("End")
    expect_slide(page, live_server, 4)

    page.keyboard.press("ArrowLeft")
    expect_slide(page, live_server, 3)

    page.keyboard.press("Home")
    expect_slide(page, live_server, 1)

    if screenshot_dir := os.environ.get("SCREENSHOT_DIR"):
        Path(screenshot_dir).mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(Path(screenshot_dir) / "screenshot-slide-ja.png"))


def test_the_first_slide_stays_put_when_asked_to_go_back(page, live_server, deck):
    page.goto(slide_url(live_server, 1))
    # A mark that a page load would wipe out.
    page.evaluate("window.stayed = true")

    page.keyboard.press("ArrowLeft")
    page.keyboard.press("Home")
    page.keyboard.press("PageUp")

    assert page.evaluate("window.stayed === true")
    assert page.url == slide_url(live_server, 1)


def test_the_links_work_without_javascript(browser, live_server, deck):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(slide_url(live_server, 1))

    page.get_by_role("link", name=re.compile("次へ")).click()
    expect_slide(page, live_server, 2)
    page.get_by_role("link", name=re.compile("最後")).click()
    expect_slide(page, live_server, 4)
    page.get_by_role("navigation", name="すべてのスライド").get_by_role(
        "link", name=re.compile("森林資源")
    ).click()
    expect_slide(page, live_server, 3)
    context.close()


def test_printing_the_deck_gives_one_slide_a_sheet(page, live_server, deck):
    page.goto(f"{live_server.url}/ja/presentations/tokyo-2019/")

    document = pdfium.PdfDocument(page.pdf(prefer_css_page_size=True))

    # The title sheet, then every slide on its own.
    assert len(document) == 1 + len(HEADINGS)
    for number, heading in enumerate(HEADINGS, start=1):
        text = document[number].get_textpage().get_text_bounded()
        assert heading in text
    document.close()
