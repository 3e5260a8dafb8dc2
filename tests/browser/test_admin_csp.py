"""The admin works under the Content Security Policy: no blocked script or
style, so no console error, on the pages staff use most; our own scripts run
(the translation tabs, the time zone note)."""

import pytest

from tests.missions.factories import RegistrationFactory
from tests.partners.factories import CompanyFactory

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def test_admin_pages_raise_no_console_errors_under_the_policy(
    page, live_server, django_user_model
):
    django_user_model.objects.create_superuser("admin", password="amur-demo-2020")
    registration = RegistrationFactory(status="submitted")
    company = CompanyFactory()
    errors = []
    page.on(
        "console",
        lambda message: message.type == "error" and errors.append(message.text),
    )
    page.on("pageerror", lambda error: errors.append(str(error)))

    page.goto(f"{live_server.url}/admin/login/")
    page.fill("#id_username", "admin")
    page.fill("#id_password", "amur-demo-2020")
    page.click("input[type=submit]")
    page.wait_for_url(f"{live_server.url}/admin/")
    for path in (
        "/admin/",
        "/admin/missions/registration/",
        f"/admin/missions/registration/{registration.pk}/change/",
        f"/admin/missions/mission/{registration.mission_id}/change/",
        "/admin/partners/company/",
        f"/admin/partners/company/{company.pk}/change/",
        "/admin/partners/company/import/",
        "/admin/partners/company/export/",
    ):
        page.goto(f"{live_server.url}{path}")
        page.wait_for_load_state("networkidle")
    # The translation tabs are drawn by script: they prove scripts ran.
    page.goto(f"{live_server.url}/admin/partners/company/{company.pk}/change/")
    assert page.locator(".ui-tabs-nav").first.is_visible()
    assert errors == []

    # Django's note under date and time fields, for a browser in Moscow,
    # names the site's zone by its place (static/admin-extra/zone_name.js),
    # not «Asia/Yakutsk».
    in_moscow = page.context.browser.new_context(timezone_id="Europe/Moscow")
    in_moscow.add_cookies(page.context.cookies())
    moscow_page = in_moscow.new_page()

    moscow_page.goto(
        f"{live_server.url}/admin/missions/mission/{registration.mission_id}/change/"
    )
    moscow_page.wait_for_load_state("load")
    note = moscow_page.locator(".timezonewarning").first

    assert note.text_content() == (
        "Note: enter times in Blagoveshchensk time (your clock is 6 hours behind)."
    )
    in_moscow.close()
