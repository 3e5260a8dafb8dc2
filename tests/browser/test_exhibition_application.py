"""A company applies for the Amur pavilion in Japanese, confirms by the link
the site keeps in its outgoing mail, and corrects its application on its own
page: the public journey of an exhibition application in Chromium."""

import re

import pytest
from django.core.cache import cache
from django.utils import translation
from playwright.sync_api import expect

from amur_invest.outbox.models import OutgoingEmail
from exhibitions.models import Participation, StatusChange
from tests.exhibitions.factories import OpenExhibitionFactory
from tests.partners.factories import SectorFactory, inn_with_check_digit


def japanese(message: str) -> str:
    with translation.override("ja"):
        return translation.gettext(message)


def status_label(status) -> str:
    with translation.override("ja"):
        return str(Participation.Status(status).label)


@pytest.mark.browser
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_company_applies_in_japanese_confirms_and_corrects(
    page, live_server, settings
):
    # Links in the email must lead back to this test server.
    settings.SITE_URL = live_server.url
    cache.clear()
    honey = SectorFactory(slug="honey", name_ja="はちみつ")
    exhibition = OpenExhibitionFactory(
        slug="foodex-japan-2021", name_ja="FOODEX JAPAN 2021"
    )

    page.goto(f"{live_server.url}/ja/exhibitions/{exhibition.slug}/")
    page.get_by_role("link", name=japanese("Apply for the pavilion")).click()
    expect(page).to_have_url(re.compile(r"/ja/exhibitions/foodex-japan-2021/apply/$"))
    expect(page.locator("html")).to_have_attribute("lang", "ja")
    page.fill("#id_inn", inn_with_check_digit(2021))
    page.fill("#id_company_name", "ООО «Амурский мёд»")
    page.fill("#id_company_name_other", "アムール蜂蜜")
    page.check(f"input[name=sectors][value='{honey.pk}']")
    page.fill("#id_contact_name", "佐藤 花子")
    page.fill("#id_email", "sato@example.jp")
    page.fill("#id_phone", "+81 3 1234 5678")
    page.fill("#id_products_to_show", "シナノキの蜂蜜、巣蜜")
    page.fill("#id_volumes_offered", "年間40トンまで")
    expect(page.locator("#id_language_1")).to_be_checked()
    page.check("#id_consent")
    page.get_by_role("button", name=japanese("Send the application")).click()

    expect(page).to_have_url(re.compile(r"/apply/sent/$"))
    participation = Participation.objects.get()
    email = OutgoingEmail.objects.get(participation=participation, kind="confirm")
    assert email.language == "ja"
    assert email.subject.startswith("出展申込の確認のお願い")
    link = re.search(
        rf"{re.escape(live_server.url)}/ja/applications/confirm/\S+", email.body
    ).group(0)

    page.goto(link)
    own_page = f"{live_server.url}/ja/applications/{participation.token}/"
    expect(page).to_have_url(own_page)
    expect(page.locator(".application-status .badge")).to_have_text(
        status_label(Participation.Status.SUBMITTED)
    )
    page.screenshot(path="/tmp/p2-applications/applicant-page-ja.png", full_page=True)

    page.get_by_role("link", name=japanese("Correct the application")).click()
    expect(page).to_have_url(re.compile(r"/ja/applications/[^/]+/edit/$"))
    expect(page.locator("#id_products_to_show")).to_have_value("シナノキの蜂蜜、巣蜜")
    page.fill("#id_products_to_show", "シナノキの蜂蜜、巣蜜、そばの蜂蜜")
    page.fill("#id_stand_wishes", "冷蔵ショーケースを希望します")
    page.get_by_role("button", name=japanese("Save the corrections")).click()

    expect(page).to_have_url(own_page)
    expect(page.locator("main")).to_contain_text(
        japanese("Your application is corrected. We have sent you an email about it.")
    )
    expect(page.locator(".application-data")).to_contain_text("そばの蜂蜜")
    with translation.override("ja"):
        details = str(StatusChange.Kind.DETAILS.label)
    expect(page.locator(".status-history")).to_contain_text(details)
    participation.refresh_from_db()
    assert participation.company.name_ja == "アムール蜂蜜"
    assert participation.stand_wishes == "冷蔵ショーケースを希望します"
    assert OutgoingEmail.objects.filter(
        participation=participation, kind="registration_changed", language="ja"
    ).exists()
