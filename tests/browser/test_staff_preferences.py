"""A staff member whose browser speaks Russian switches the admin to Japanese
on the "My preferences" page, in Chromium."""

import os
from pathlib import Path

import pytest
from playwright.sync_api import expect

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def test_staff_member_switches_the_admin_to_japanese(
    browser, live_server, django_user_model
):
    django_user_model.objects.create_user(
        "coordinator", password="amur-prefs-2020", is_staff=True
    )
    context = browser.new_context(
        viewport={"width": 1280, "height": 800},
        locale="ru",
        extra_http_headers={"Accept-Language": "ru"},
    )
    page = context.new_page()
    page.goto(f"{live_server.url}/admin/login/")
    page.fill("#id_username", "coordinator")
    page.fill("#id_password", "amur-prefs-2020")
    page.click("input[type=submit]")

    page.get_by_role("link", name="Мои настройки").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Мои настройки")
    expect(page.get_by_label("Язык моего браузера")).to_be_checked()
    if directory := os.environ.get("SCREENSHOT_DIR"):
        Path(directory).mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(Path(directory) / "admin-preferences-ru.png"))
    page.get_by_label("日本語").check()
    page.get_by_role("button", name="Сохранить").click()

    expect(page.locator("html")).to_have_attribute("lang", "ja")
    expect(page.locator(".messagelist")).to_have_text("設定を保存しました。")
    expect(page.get_by_role("heading", level=1)).to_have_text("個人設定")
    if directory := os.environ.get("SCREENSHOT_DIR"):
        page.screenshot(path=str(Path(directory) / "admin-preferences-ja.png"))
    page.goto(f"{live_server.url}/ru/")
    expect(page.locator("html")).to_have_attribute("lang", "ru")
    context.close()
