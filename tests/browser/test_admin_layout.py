"""The admin on a 1280 px laptop screen: the registrations list shows the
status, the companies list keeps sectors readable, the mission page does not
scroll sideways. On a 390 px phone the lists and the refusal page take the
screen's width. In Chromium, in Russian and Japanese."""

import os
from pathlib import Path

import pytest

from missions.models import Registration
from tests.missions.factories import (
    MissionFactory,
    ProgrammeItemFactory,
    RegistrationFactory,
)
from tests.partners.factories import CompanyFactory, SectorFactory

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

LAPTOP = {"width": 1280, "height": 800}
PASSWORD = "amur-layout-2020"


@pytest.fixture
def staff_screen(browser, live_server, django_user_model):
    """A factory of logged-in superuser pages at 1280x800 in one language."""
    django_user_model.objects.create_superuser(
        "layout", "layout@amurinvest.example", PASSWORD
    )
    contexts = []

    def open_as(language: str, viewport=LAPTOP):
        context = browser.new_context(
            viewport=viewport,
            locale=language,
            extra_http_headers={"Accept-Language": language},
        )
        contexts.append(context)
        page = context.new_page()
        page.goto(f"{live_server.url}/admin/login/")
        page.fill("#id_username", "layout")
        page.fill("#id_password", PASSWORD)
        page.click("input[type=submit]")
        page.wait_for_url(f"{live_server.url}/admin/")
        return page

    yield open_as
    for context in contexts:
        context.close()


def long_registrations():
    """Registrations as the December 2020 mission has them: long company
    and mission names, every status."""
    mission = MissionFactory(
        title_ru="Бизнес-миссия в Японию, декабрь 2020",
        title_ja="日本ビジネスミッション（2020年12月）",
    )
    names = [
        (
            "ООО «Свободненский деревообрабатывающий комбинат»",
            "スヴォボードヌイ木材加工社",
        ),
        ("ООО «Белогорский комбикормовый завод»", "ベロゴルスク配合飼料工場"),
        ("ООО «Дары Селемджи»", "セレムジャの恵み社"),
    ]
    for (name_ru, name_ja), status in zip(
        names * 2, Registration.Status.values, strict=False
    ):
        RegistrationFactory(
            mission=mission,
            status=status,
            contact_name="Мария Ковалёва-Сидоренко",
            company=CompanyFactory(name_ru=name_ru, name_ja=name_ja),
        )
    return mission


def save_screenshot(page, name: str) -> None:
    if directory := os.environ.get("SCREENSHOT_DIR"):
        Path(directory).mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(Path(directory) / name), full_page=True)


def box(locator) -> dict:
    return locator.bounding_box()


def assert_on_screen(page, locator) -> None:
    """Visible, inside the viewport and inside the list's own scroll box."""
    results = box(page.locator("#changelist-form .results"))
    for index in range(locator.count()):
        cell = locator.nth(index)
        assert cell.is_visible()
        area = box(cell)
        assert area["x"] >= 0
        assert area["x"] + area["width"] <= LAPTOP["width"]
        assert area["x"] + area["width"] <= results["x"] + results["width"] + 1


@pytest.mark.parametrize("language", ["ru", "ja"])
def test_registrations_list_shows_the_status_column_at_1280_px(
    staff_screen, live_server, language
):
    long_registrations()
    page = staff_screen(language)

    page.goto(f"{live_server.url}/admin/missions/registration/")

    assert page.locator("#result_list tbody tr").count() == 6
    assert_on_screen(page, page.locator("#result_list thead th.column-status"))
    assert_on_screen(page, page.locator("#result_list tbody td.field-status"))
    assert_on_screen(page, page.locator("#result_list tbody .field-company"))
    save_screenshot(page, f"admin-registrations-{language}.png")


@pytest.mark.parametrize("language", ["ru", "ja"])
def test_companies_list_keeps_sectors_readable_at_1280_px(
    staff_screen, live_server, language
):
    sectors = [
        SectorFactory(
            name_ru="Дикоросы и экопродукция", name_ja="天然採取品・エコ製品"
        ),
        SectorFactory(name_ru="Пищевая промышленность", name_ja="食品"),
        SectorFactory(name_ru="Лесная промышленность", name_ja="林業・木材"),
    ]
    for number in range(5):
        CompanyFactory(
            name_ru=f"ООО «Свободненский деревообрабатывающий комбинат {number}»",
            name_ja=f"スヴォボードヌイ木材加工第{number}工場株式会社",
            sectors=sectors,
            website=f"https://svobodny-woodworks-{number}.example",
        )
    page = staff_screen(language)

    page.goto(f"{live_server.url}/admin/partners/company/")

    cells = page.locator("#result_list tbody td.field-sector_list")
    assert cells.count() == 5
    for index in range(cells.count()):
        cell = cells.nth(index)
        font_size = float(cell.evaluate("c => getComputedStyle(c).fontSize")[:-2])
        # Several characters a line, not one.
        assert box(cell)["width"] >= 5 * font_size
    assert_on_screen(page, cells)
    save_screenshot(page, f"admin-companies-{language}.png")


@pytest.mark.parametrize("language", ["ru", "ja"])
def test_mission_page_does_not_scroll_sideways_at_1280_px(
    staff_screen, live_server, language
):
    mission = long_registrations()
    ProgrammeItemFactory(mission=mission, place_ru="Токио, отель «Нью-Отани»")
    page = staff_screen(language)

    page.goto(f"{live_server.url}/admin/missions/mission/{mission.pk}/change/")

    page.locator("#programme-group table").wait_for()
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= LAPTOP["width"]


PHONE = {"width": 390, "height": 844}


def content_width(page) -> float:
    return page.evaluate(
        "document.querySelector('#content').getBoundingClientRect().width"
    )


@pytest.mark.parametrize("language", ["ru", "ja"])
def test_lists_take_the_phone_screen_width(staff_screen, live_server, language):
    """The laptop rules that leave room for the side menu and the filters
    must not apply on a phone, where both are out of the way: they squeezed
    every list into a column of 150 px."""
    long_registrations()
    page = staff_screen(language, viewport=PHONE)

    for path in ("/admin/missions/registration/", "/admin/partners/company/"):
        page.goto(f"{live_server.url}{path}")
        assert content_width(page) >= PHONE["width"] - 40, path
        results = box(page.locator("#changelist-form .results"))
        assert results["width"] >= PHONE["width"] - 80, path
        assert box(page.locator("#searchbar"))["width"] >= 120, path
    save_screenshot(page, f"admin-companies-phone-{language}.png")


def test_refusal_page_takes_the_phone_screen_width(
    browser, live_server, django_user_model
):
    django_user_model.objects.create_user(
        "no-rights", "no-rights@amurinvest.example", PASSWORD, is_staff=True
    )
    context = browser.new_context(viewport=PHONE, locale="ru")
    page = context.new_page()
    page.goto(f"{live_server.url}/admin/login/")
    page.fill("#id_username", "no-rights")
    page.fill("#id_password", PASSWORD)
    page.click("input[type=submit]")
    page.wait_for_url(f"{live_server.url}/admin/")

    response = page.goto(f"{live_server.url}/admin/missions/registration/")

    assert response.status == 403
    assert content_width(page) >= PHONE["width"] - 40
    context.close()
