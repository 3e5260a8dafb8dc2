"""The 400 and 413 pages as a visitor meets them in Chromium: a form sent in
another character set, and a form too large, on the Japanese and Russian
registration pages."""

import os
from pathlib import Path

import pytest
from playwright.sync_api import expect

from tests.missions.factories import MissionFactory

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

TITLES = {
    "ru": ("Не удалось прочитать запрос", "Отправлено слишком много данных"),
    "ja": ("リクエストを読み取れませんでした", "送信されたデータが大きすぎます"),
}


def submit(page) -> None:
    # The browser's own checks of required fields are not the point here.
    page.evaluate("document.querySelector('form.registration-form').submit()")


def save_screenshot(page, name: str) -> None:
    if directory := os.environ.get("SCREENSHOT_DIR"):
        Path(directory).mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(Path(directory) / name), full_page=True)


def declare_charset(charset: str):
    """Rewrites the form's Content-Type as an old or misconfigured client
    would send it."""

    def handle(route):
        headers = {
            **route.request.headers,
            "content-type": "application/x-www-form-urlencoded; charset=" + charset,
        }
        route.continue_(headers=headers)

    return handle


@pytest.mark.parametrize("language", ["ru", "ja"])
def test_form_sent_in_another_charset_shows_the_400_page(page, live_server, language):
    mission = MissionFactory()
    register = f"{live_server.url}/{language}/missions/{mission.slug}/register/"
    page.goto(register)
    page.route("**/register/", declare_charset("utf-16"))

    with page.expect_response("**/register/") as answer:
        submit(page)

    assert answer.value.status == 400
    expect(page.locator("html")).to_have_attribute("lang", language)
    expect(page.get_by_role("heading", level=1)).to_have_text(TITLES[language][0])
    expect(page.locator(".site-header")).to_be_visible()
    save_screenshot(page, f"error-400-{language}.png")
    page.unroute("**/register/")
    page.locator(".error-page a.button").first.click()
    page.wait_for_url(register)


@pytest.mark.parametrize("language", ["ru", "ja"])
def test_form_too_large_shows_the_413_page(page, live_server, settings, language):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 5000
    mission = MissionFactory()
    page.goto(f"{live_server.url}/{language}/missions/{mission.slug}/register/")

    page.fill("#id_products", "Липовый мёд, гречишный мёд. " * 200)
    with page.expect_response("**/register/") as answer:
        submit(page)

    assert answer.value.status == 413
    expect(page.locator("html")).to_have_attribute("lang", language)
    expect(page.get_by_role("heading", level=1)).to_have_text(TITLES[language][1])
    save_screenshot(page, f"error-413-{language}.png")
