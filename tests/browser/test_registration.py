"""A company registers for the mission in Japanese, confirms by the link in the
email, finds its own page, corrects and withdraws: the whole public journey in
Chromium."""

import re

import pytest
from django.core.cache import cache
from django.utils import translation
from playwright.sync_api import expect

from missions.models import Registration, StatusChange
from tests.missions.factories import MissionFactory, RegistrationFactory
from tests.partners.factories import SectorFactory, inn_with_check_digit


def status_label(status) -> str:
    with translation.override("ja"):
        return str(Registration.Status(status).label)


@pytest.mark.browser
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_company_registers_in_japanese_confirms_and_withdraws(
    page, live_server, mailoutbox, settings
):
    # Links in the email must lead back to this test server.
    settings.SITE_URL = live_server.url
    cache.clear()
    # Created here rather than trusted from the migrations: after another
    # transactional test has flushed the database, the serialized reference
    # data is not restored for a test that runs Playwright's event loop.
    honey = SectorFactory(slug="honey", name_ja="はちみつ")
    mission = MissionFactory(
        slug="japan-december-2020",
        title_ja="日本ビジネスミッション 2020年12月",
        delegate_seats=20,
        max_delegates_per_company=3,
    )

    page.goto(f"{live_server.url}/ja/missions/{mission.slug}/register/")
    expect(page.locator("html")).to_have_attribute("lang", "ja")
    page.fill("#id_inn", inn_with_check_digit(2020))
    page.fill("#id_company_name", "ООО «Амурский мёд»")
    page.fill("#id_company_name_other", "アムール蜂蜜")
    page.check(f"input[name=sectors][value='{honey.pk}']")
    page.fill("#id_contact_name", "Мария Ковалёва")
    page.fill("#id_contact_position", "Директор")
    page.fill("#id_email", "maria@example.ru")
    page.fill("#id_phone", "+7 4162 20-30-40")
    page.fill("#id_delegates", "2")
    page.fill("#id_products", "Липовый мёд")
    expect(page.locator("#id_language_1")).to_be_checked()
    expect(page.locator("#id_consent")).not_to_be_checked()
    page.check("#id_consent")
    page.locator("form.registration-form button[type=submit]").click()

    expect(page).to_have_url(
        re.compile(r"/ja/missions/japan-december-2020/register/sent/$")
    )
    assert len(mailoutbox) == 1
    email = mailoutbox[0]
    assert email.to == ["maria@example.ru"]
    link = re.search(
        rf"{re.escape(live_server.url)}/ja/registrations/confirm/\S+", email.body
    ).group(0)

    page.goto(link)
    registration = Registration.objects.get()
    expect(page).to_have_url(
        f"{live_server.url}/ja/registrations/{registration.token}/"
    )
    badge = page.locator(".registration-status .badge")
    expect(badge).to_have_text(status_label(Registration.Status.SUBMITTED))

    page.locator(f"a[href$='/registrations/{registration.token}/withdraw/']").click()
    expect(page).to_have_url(re.compile(r"/withdraw/$"))
    page.locator("main form button[type=submit]").click()

    expect(page).to_have_url(
        f"{live_server.url}/ja/registrations/{registration.token}/"
    )
    expect(badge).to_have_text(status_label(Registration.Status.WITHDRAWN))
    registration.refresh_from_db()
    assert registration.status == Registration.Status.WITHDRAWN


def japanese(message: str) -> str:
    with translation.override("ja"):
        return translation.gettext(message)


@pytest.mark.browser
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_registrant_corrects_the_registration_on_their_page_in_japanese(
    page, live_server, mailoutbox, settings
):
    settings.SITE_URL = live_server.url
    mission = MissionFactory(
        title_ja="日本ビジネスミッション エコ食品",
        delegate_seats=4,
        max_delegates_per_company=3,
    )
    RegistrationFactory(
        mission=mission, status=Registration.Status.ACCEPTED, delegates=2
    )
    registration = RegistrationFactory(
        mission=mission,
        status=Registration.Status.ACCEPTED,
        delegates=1,
        language="ja",
        contact_name="Мария Ковалёва",
        phone="+74162203040",
        products="Липовый мёд",
        goals="Найти импортёра",
    )
    own_page = f"{live_server.url}/ja/registrations/{registration.token}/"

    page.goto(own_page)
    expect(page.locator("html")).to_have_attribute("lang", "ja")
    page.get_by_role("link", name=japanese("Correct the registration")).click()
    expect(page).to_have_url(re.compile(r"/ja/registrations/[^/]+/edit/$"))
    expect(page.locator("#id_contact_name")).to_have_value("Мария Ковалёва")

    # Two seats are taken by another company: three delegates do not fit.
    page.fill("#id_delegates", "3")
    page.locator("form.registration-form button[type=submit]").click()
    summary = page.locator(".error-summary")
    expect(summary).to_be_visible()
    expect(summary).to_contain_text("2名まで")

    page.fill("#id_delegates", "2")
    page.fill("#id_goals", "Найти импортёра мёда в Токио")
    page.locator("form.registration-form button[type=submit]").click()

    expect(page).to_have_url(own_page)
    expect(page.locator("main")).to_contain_text(
        japanese("Your registration is corrected. We have sent you an email about it.")
    )
    expect(page.locator(".registration-data")).to_contain_text(
        "Найти импортёра мёда в Токио"
    )
    with translation.override("ja"):
        changed = str(StatusChange.Kind.DETAILS.label)
    expect(page.locator(".status-history")).to_contain_text(changed)
    registration.refresh_from_db()
    assert registration.delegates == 2
    (email,) = mailoutbox
    assert email.to == [registration.email]
    assert "現在の参加人数：2名" in email.body
