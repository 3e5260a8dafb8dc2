"""The admin used as each role, in Russian at 1280 x 800 (issue 15, "Done
when"): a mission coordinator's bulk action refused on an ended mission and
a decline that moves the waiting list, said in words; a content editor who
sees a translation gap flagged and adds a trade figure; an agency manager
who links a district coordinator through the staff field's search.

The words expected are the catalogue's own (gettext in Russian), so these
tests check what staff see, not a copy of the translation."""

import datetime
import os
from pathlib import Path

import pytest
from django.contrib.auth.models import Group
from django.utils import timezone, translation
from django.utils.translation import gettext
from playwright.sync_api import expect

from missions.models import Registration
from showcase.invest.models import DistrictCoordinator, TradeFigure
from tests.missions.factories import MissionFactory, RegistrationFactory
from tests.partners.factories import CompanyFactory
from tests.showcase.content_factories import NewsItemFactory
from tests.showcase.invest_factories import TradeYearFactory, district

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

Status = Registration.Status
LAPTOP = {"width": 1280, "height": 800}
PASSWORD = "amur-roles-2020"


def russian(text: str) -> str:
    with translation.override("ru"):
        return gettext(text)


@pytest.fixture
def as_role(browser, live_server, django_user_model):
    """Log in as a new staff member of `role` whose browser speaks Russian;
    the page and the user."""
    contexts = []

    def log_in(role: str, username: str, **extra):
        user = django_user_model.objects.create_user(
            username, password=PASSWORD, is_staff=True, **extra
        )
        user.groups.add(Group.objects.get(name=role))
        context = browser.new_context(
            viewport=LAPTOP,
            locale="ru-RU",
            extra_http_headers={"Accept-Language": "ru"},
        )
        contexts.append(context)
        page = context.new_page()
        page.goto(f"{live_server.url}/admin/login/")
        page.fill("#id_username", username)
        page.fill("#id_password", PASSWORD)
        page.click("input[type=submit]")
        page.wait_for_url(f"{live_server.url}/admin/")
        return page, user

    yield log_in
    for context in contexts:
        context.close()


def screenshot(page, name: str) -> None:
    if directory := os.environ.get("SCREENSHOT_DIR"):
        Path(directory).mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(Path(directory) / f"{name}.png"), full_page=True)


def run_action(page, live_server, action: str, registrations, reason: str = ""):
    """Tick the registrations on the list, run the action, give the reason
    on the page that asks for it."""
    page.goto(f"{live_server.url}/admin/missions/registration/")
    for registration in registrations:
        page.check(f'input[name="_selected_action"][value="{registration.pk}"]')
    page.locator('select[name="action"]').first.select_option(action)
    page.locator('button[name="index"]').first.click()
    if reason:
        page.fill("#id_reason", reason)
    page.locator(".application-action-reason .submit-row input[type=submit]").click()


def test_a_coordinator_s_bulk_accept_is_refused_on_an_ended_mission(
    as_role, live_server
):
    page, _coordinator = as_role("Mission coordinator", "coordinator")
    ended = MissionFactory(
        title_ru="Бизнес-миссия в Японию, декабрь 2020",
        starts_on=datetime.date(2020, 12, 7),
        ends_on=datetime.date(2020, 12, 11),
    )
    old = RegistrationFactory(
        mission=ended,
        status=Status.SUBMITTED,
        company=CompanyFactory(name_ru="ООО «Амурский мёд»"),
    )

    run_action(page, live_server, "accept", [old])

    refusal = page.locator(".messagelist .error, .messagelist .warning").filter(
        has_text="ООО «Амурский мёд»"
    )
    expect(refusal).to_contain_text("Бизнес-миссия в Японию, декабрь 2020")
    expect(refusal).to_contain_text("1 заявка не изменена")
    screenshot(page, "bulk-refused-ended-mission-ru")
    old.refresh_from_db()
    assert old.status == Status.SUBMITTED
    assert not old.status_changes.exists()


def test_a_decline_reports_the_waiting_list_move_and_records_who_caused_it(
    as_role, live_server
):
    page, coordinator = as_role("Mission coordinator", "coordinator")
    mission = MissionFactory(delegate_seats=2)
    declined = RegistrationFactory(
        mission=mission,
        status=Status.ACCEPTED,
        delegates=2,
        company=CompanyFactory(name_ru="ООО «Зейский лес»"),
    )
    waiting = RegistrationFactory(
        mission=mission,
        status=Status.WAITLISTED,
        delegates=2,
        confirmed_at=timezone.now() - datetime.timedelta(days=1),
        company=CompanyFactory(name_ru="ООО «Бурейская соя»"),
    )

    run_action(page, live_server, "decline", [declined], "Отказались от поездки")

    messages = page.locator(".messagelist")
    expect(messages).to_contain_text("1 заявка отклонена.")
    moved = messages.locator("li").filter(has_text="ООО «Бурейская соя»")
    expect(moved).to_contain_text("ООО «Зейский лес»")
    screenshot(page, "waiting-list-move-ru")
    waiting.refresh_from_db()
    assert waiting.status == Status.ACCEPTED
    move = waiting.status_changes.get()
    assert move.changed_by == coordinator
    assert declined.status_changes.get().reason == "Отказались от поездки"

    page.goto(f"{live_server.url}/admin/missions/registration/{waiting.pk}/change/")
    move_row = page.locator("#status_changes-group tbody tr").filter(
        has_text="ООО «Зейский лес»"
    )
    expect(move_row).to_contain_text(coordinator.get_username())


def test_a_content_editor_sees_a_translation_gap_flagged(as_role, live_server):
    page, _editor = as_role("Content editor", "editor")
    NewsItemFactory(title_ru="Амурский мёд на выставке в Осаке", title_ja="")
    NewsItemFactory(title_ru="Делегация из Ниигаты")

    page.goto(f"{live_server.url}/admin/showcase/newsitem/")
    page.locator("#changelist-filter").get_by_role(
        "link", name=russian("missing in Japanese"), exact=True
    ).click()

    rows = page.locator("#result_list tbody tr")
    expect(rows).to_have_count(1)
    expect(rows.first).to_contain_text("Амурский мёд на выставке в Осаке")
    expect(rows.first.locator(".field-missing_translations")).to_have_text("JA")
    screenshot(page, "translation-gap-ru")

    page.goto(f"{live_server.url}/admin/")
    page.locator('a[href$="/admin/translations/"]').first.click()
    expect(page.locator("#content")).to_contain_text("Амурский мёд на выставке в Осаке")
    expect(page.locator("#content")).not_to_contain_text("Делегация из Ниигаты")


def test_a_content_editor_adds_a_trade_figure(as_role, live_server):
    page, _editor = as_role("Content editor", "editor")
    TradeYearFactory(year=2019)

    page.goto(f"{live_server.url}/admin/showcase/tradefigure/add/")
    expect(page.locator("h1")).not_to_contain_text("403")
    page.fill("#id_year", "2019")
    page.select_option("#id_flow", "export")
    page.select_option("#id_commodity_group", "food")
    page.fill("#id_value", "1250.5")
    page.select_option("#id_currency", "USD")
    page.fill("#id_source", "Дальневосточное таможенное управление")
    partner = page.locator("#id_partner_country")
    if partner.evaluate("element => element.tagName") == "SELECT":
        partner.select_option("JP")
    else:
        partner.fill("JP")
    page.locator('input[name="_save"]').click()

    expect(page.locator(".messagelist .success")).to_be_visible()
    screenshot(page, "trade-figure-added-ru")
    figure = TradeFigure.objects.get()
    assert (figure.year, figure.flow, str(figure.value)) == (2019, "export", "1250.5")


def test_a_manager_links_a_district_coordinator_through_the_staff_search(
    as_role, live_server, django_user_model
):
    coordinator = django_user_model.objects.create_user(
        "zeya", password=PASSWORD, is_staff=True, last_name="Петрова"
    )
    coordinator.groups.add(Group.objects.get(name="District coordinator"))
    page, _manager = as_role("Agency manager", "manager")

    page.goto(f"{live_server.url}/admin/showcase/districtcoordinator/add/")
    choose(page, "user", "Петрова", "zeya")
    choose(page, "district", "Зейский", str(district("zeysky").name_ru))
    page.locator('input[name="_save"]').click()

    expect(page.locator(".messagelist .success")).to_be_visible()
    screenshot(page, "district-coordinator-linked-ru")
    link = DistrictCoordinator.objects.get()
    assert (link.user, link.district.slug) == (coordinator, "zeysky")


def choose(page, field: str, term: str, option: str) -> None:
    """Pick a row in an autocomplete field: type, wait for the answer, click."""
    page.locator(f"#id_{field} + .select2 .select2-selection").click()
    page.locator(".select2-container--open .select2-search__field").fill(term)
    results = page.locator(".select2-results__option:not(.loading-results)")
    expect(results.first).not_to_contain_text("Невозможно загрузить")
    results.filter(has_text=option).first.click()
