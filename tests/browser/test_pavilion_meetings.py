"""The pavilion's meetings in a browser: a Japanese company finds the sign-up
on the exhibition's Japanese page, on a phone, signs up and confirms, asks
an exhibitor for a meeting; the exhibitor accepts in Russian from its
application page; staff schedule; both sides see the stand in their own
language, and after the slot both report it."""

import datetime
import re

import pytest
from django.core.cache import cache
from django.utils import timezone
from playwright.sync_api import expect

from partners.models import Interaction
from showcase.meetings import services
from showcase.meetings.models import JapaneseParticipant, Meeting, MeetingRequest
from tests.browser import japanese_signup
from tests.exhibitions.factories import ParticipationFactory
from tests.meetings.factories import (
    InterpreterFactory,
    MeetingSessionFactory,
    OpenPavilionFactory,
    TableFactory,
)
from tests.partners.factories import CompanyFactory

PHONE = {"width": 390, "height": 844}


@pytest.mark.browser
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_japanese_company_meets_an_exhibitor_at_the_pavilion(
    page, live_server, mailoutbox, settings
):
    settings.SITE_URL = live_server.url
    cache.clear()
    prefecture = japanese_signup.hokkaido()
    exhibition = OpenPavilionFactory(slug="foodex-pavilion", name_ja="フーデックス")
    company = CompanyFactory(name_ru="ООО «Амурский мёд»", name_ja="アムール蜂蜜")
    exhibitor = ParticipationFactory(exhibition=exhibition, company=company)

    # On a phone, the exhibition's Japanese page leads to the sign-up.
    page.set_viewport_size(PHONE)
    page.goto(f"{live_server.url}/ja/exhibitions/{exhibition.slug}/")
    page.locator(f"a[href='/ja/exhibitions/{exhibition.slug}/meet/']").first.click()
    expect(page).to_have_url(re.compile(rf"/ja/exhibitions/{exhibition.slug}/meet/$"))
    expect(page.locator("html")).to_have_attribute("lang", "ja")
    # The form fits the phone: nothing wider than the screen.
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    japanese_signup.fill_in(page, prefecture)
    page.check(f"input[name=days][value='{exhibition.starts_on.isoformat()}']")
    page.locator("form.registration-form button[type=submit]").click()
    expect(page).to_have_url(
        re.compile(rf"/ja/exhibitions/{exhibition.slug}/meet/sent/$")
    )
    link = re.search(
        rf"{re.escape(live_server.url)}/ja/meetings/confirm/\S+", mailoutbox[0].body
    ).group(0)
    page.goto(link)
    participant = JapaneseParticipant.objects.get()
    expect(page).to_have_url(f"{live_server.url}/ja/meetings/{participant.token}/")

    # It asks the exhibitor for a meeting.
    page.fill(f"#reason-{exhibitor.pk}", "蜂蜜の輸入について")
    page.get_by_role("button", name="商談を申し込む").click()
    expect(page.locator("body")).to_contain_text("リクエストを送信しました")

    # The exhibitor accepts in Russian, from its application page.
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto(f"{live_server.url}/ru/applications/{exhibitor.token}/")
    page.locator(f"a[href='/ru/applications/{exhibitor.token}/meetings/']").click()
    expect(page.locator("body")).to_contain_text("蜂蜜の輸入について")
    page.get_by_role("button", name="Принять").click()
    expect(page.locator("body")).to_contain_text("Вы приняли встречу")
    assert MeetingRequest.objects.get().status == "accepted"

    # Staff schedule the pavilion's meetings at the stand.
    session = MeetingSessionFactory(
        mission=None, exhibition=exhibition, day=exhibition.starts_on
    )
    TableFactory(
        mission=None,
        exhibition=exhibition,
        name_ru="Стенд 4F-20",
        name_ja="ブース4F-20",
    )
    InterpreterFactory(mission=None, exhibition=exhibition, name="Анна Сато")
    result, created = services.schedule_host(host=exhibition)
    assert result.unplaced == {}
    (meeting,) = created
    assert meeting.interpreter is not None  # Japanese and Russian only

    page.set_viewport_size(PHONE)
    page.goto(f"{live_server.url}/ja/meetings/{participant.token}/")
    expect(page.locator(".meeting-schedule")).to_contain_text("ブース4F-20")
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    page.goto(f"{live_server.url}/ru/applications/{exhibitor.token}/meetings/")
    expect(page.locator(".meeting-schedule")).to_contain_text("Стенд 4F-20")

    # The day passes: the slot is over, and both sides report.
    yesterday = timezone.localdate() - datetime.timedelta(days=1)
    session.day = yesterday
    session.save()
    Meeting.objects.filter(pk=meeting.pk).update(starts_at=session.slots()[0])
    page.goto(f"{live_server.url}/ja/meetings/{participant.token}/")
    page.check("input[name=held][value=yes]")
    page.select_option(f"#outcome-{meeting.pk}", "samples")
    page.get_by_role("button", name="報告を保存する").click()
    expect(page.locator("body")).to_contain_text("報告を保存しました")
    page.goto(f"{live_server.url}/ru/applications/{exhibitor.token}/meetings/")
    page.check("input[name=held][value=yes]")
    page.fill(f"#notes-{meeting.pk}", "Отправим образцы липового мёда")
    page.get_by_role("button", name="Сохранить отчёт").click()
    expect(page.locator("body")).to_contain_text("ваш отчёт сохранён")

    interaction = Interaction.objects.get()
    assert interaction.organization == participant.organization
    assert "липового мёда" in interaction.summary
