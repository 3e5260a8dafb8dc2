"""A staff member exports the delegation list in Japanese from the mission
admin (issue 15 §1): Japanese company names, named delegates in Latin
letters, and a page to print."""

import openpyxl
import pytest
from django.contrib.auth.models import Group

from missions.models import Delegate
from tests.missions.factories import MissionFactory, RegistrationFactory
from tests.partners.factories import CompanyFactory

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def test_a_coordinator_exports_the_delegation_in_japanese(
    page, live_server, django_user_model
):
    user = django_user_model.objects.create_user(
        "coordinator", password="amur-demo-2020", is_staff=True
    )
    user.groups.add(Group.objects.get(name="Mission coordinator"))
    mission = MissionFactory(title_ja="日本ビジネスミッション 2020年12月")
    registration = RegistrationFactory(
        mission=mission,
        status="accepted",
        delegates=1,
        company=CompanyFactory(name_ja="アムール蜂蜜社", name_en="Amur Honey LLC"),
    )
    Delegate.objects.create(
        registration=registration, name_ru="Ольга Миронова", name_latin="MIRONOVA OLGA"
    )

    page.goto(f"{live_server.url}/admin/login/")
    page.fill("#id_username", "coordinator")
    page.fill("#id_password", "amur-demo-2020")
    page.click("input[type=submit]")
    page.wait_for_url(f"{live_server.url}/admin/")
    page.goto(f"{live_server.url}/admin/missions/mission/{mission.pk}/change/")
    page.locator(
        f'a[href$="/admin/missions/mission/{mission.pk}/delegation/"]'
    ).first.click()
    page.check('input[name="language"][value="ja"]')
    with page.expect_download() as download_info:
        page.click('button[name="format"][value="xlsx"]')
    download = download_info.value

    assert download.suggested_filename.endswith(".xlsx")
    with open(download.path(), "rb") as downloaded:
        sheet = openpyxl.load_workbook(downloaded).active
    values = [cell.value for row in sheet.iter_rows() for cell in row]
    assert "日本ビジネスミッション 2020年12月" in values
    assert "アムール蜂蜜社" in values
    assert "MIRONOVA OLGA" in values

    page.check('input[name="language"][value="ja"]')
    with page.context.expect_page() as printed_info:
        page.click('button[name="format"][value="print"]')
    printed = printed_info.value
    printed.wait_for_load_state()
    assert printed.locator("html").get_attribute("lang") == "ja"
    assert printed.get_by_text("アムール蜂蜜社").is_visible()
    assert printed.get_by_text("MIRONOVA OLGA").is_visible()
