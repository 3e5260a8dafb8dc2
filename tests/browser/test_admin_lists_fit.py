"""Every admin list fits a 1280 x 800 laptop screen with the side menu open:
neither the page nor the list's own box scrolls sideways, in Russian (the
agency's language, the widest) and Japanese. The lists are found from the
admin's start page, so a list added later is checked without more code."""

import io

import pytest
from django.core.management import call_command

from amur_invest.outbox.models import OutgoingEmail
from tests.exhibitions.factories import ParticipationFactory
from tests.showcase.content_factories import InquiryFactory

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

LAPTOP = {"width": 1280, "height": 800}
PASSWORD = "amur-lists-2020"


@pytest.fixture
def demo(settings, tmp_path, django_user_model):
    settings.MEDIA_ROOT = tmp_path
    call_command("load_demo", verbosity=0, stdout=io.StringIO())
    # The demo has no inquiries nor kept mail: lists the agency fills daily.
    InquiryFactory(
        name="Ямада Таро",
        organization="Хоккайдская торговая компания «Сэйко»",
        email="yamada.taro@hokkaido-trading.example.jp",
    )
    OutgoingEmail.objects.create(
        owner=ParticipationFactory(),
        kind="status_accepted",
        recipient="olga.mironova@amur-honey.example.ru",
        language="ru",
        subject="Ваша заявка на участие в павильоне Амурской области принята",
        body="…",
    )
    django_user_model.objects.create_superuser(
        "lists", "lists@amurinvest.example", PASSWORD
    )


def log_in(browser, live_server, language):
    context = browser.new_context(
        viewport=LAPTOP,
        locale=language,
        extra_http_headers={"Accept-Language": language},
    )
    page = context.new_page()
    page.goto(f"{live_server.url}/admin/login/")
    page.fill("#id_username", "lists")
    page.fill("#id_password", PASSWORD)
    page.click("input[type=submit]")
    page.wait_for_url(f"{live_server.url}/admin/")
    return context, page


def changelists(page) -> list[str]:
    links = page.eval_on_selector_all(
        "#content-main a",
        "links => links.map(link => link.getAttribute('href'))",
    )
    return sorted(
        {
            link
            for link in links
            if link and link.startswith("/admin/") and link.count("/") == 4
        }
    )


@pytest.mark.parametrize("language", ["ru", "ja"])
def test_every_admin_list_fits_1280_px_with_the_menu_open(
    browser, live_server, demo, language
):
    context, page = log_in(browser, live_server, language)
    lists = changelists(page)
    assert len(lists) > 20
    too_wide = {}
    for path in lists:
        page.goto(f"{live_server.url}{path}")
        assert page.locator("#nav-sidebar").is_visible(), path
        page_width = page.evaluate("document.documentElement.scrollWidth")
        window = page.evaluate("window.innerWidth")
        box = page.evaluate(
            "(() => { const box = document.querySelector('#changelist-form .results');"
            " return box ? [box.scrollWidth, box.clientWidth] : [0, 0]; })()"
        )
        if page_width > window or box[0] > box[1]:
            too_wide[path] = (page_width, box)
    context.close()
    assert not too_wide
