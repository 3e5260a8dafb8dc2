"""A Japanese company signs up in Japanese to meet the delegation, confirms,
asks an Amur company for a meeting; the Amur company accepts in Russian;
staff schedule; both see the meeting on their pages and in their calendars;
after the slot both report it and it appears in the partner records."""

import datetime
import re

import pytest
from django.core.cache import cache
from django.utils import timezone
from icalendar import Calendar
from playwright.sync_api import expect

from partners.models import Interaction
from showcase.meetings import services
from showcase.meetings.models import JapaneseParticipant, Meeting, MeetingRequest
from tests.browser import japanese_signup
from tests.meetings.factories import (
    AcceptedRegistrationFactory,
    InterpreterFactory,
    MeetingSessionFactory,
    TableFactory,
)
from tests.missions.factories import MissionFactory
from tests.partners.factories import CompanyFactory


@pytest.mark.browser
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_japanese_company_meets_an_amur_company_from_sign_up_to_outcome(
    page, live_server, mailoutbox, settings
):
    settings.SITE_URL = live_server.url
    cache.clear()
    prefecture = japanese_signup.hokkaido()
    mission = MissionFactory(slug="japan-meetings", title_ja="日本ミッション")
    company = CompanyFactory(name_ru="ООО «Амурский мёд»", name_ja="アムール蜂蜜")
    registration = AcceptedRegistrationFactory(mission=mission, company=company)

    # The Japanese company signs up in Japanese and confirms.
    page.goto(f"{live_server.url}/ja/missions/{mission.slug}/meet/")
    expect(page.locator("html")).to_have_attribute("lang", "ja")
    japanese_signup.fill_in(page, prefecture)
    page.locator("form.registration-form button[type=submit]").click()
    expect(page).to_have_url(re.compile(r"/ja/missions/japan-meetings/meet/sent/$"))
    link = re.search(
        rf"{re.escape(live_server.url)}/ja/meetings/confirm/\S+", mailoutbox[0].body
    ).group(0)
    page.goto(link)
    participant = JapaneseParticipant.objects.get()
    expect(page).to_have_url(f"{live_server.url}/ja/meetings/{participant.token}/")

    # It asks the Amur company for a meeting.
    page.fill(f"#reason-{registration.pk}", "蜂蜜の輸入について")
    page.get_by_role("button", name="商談を申し込む").click()
    expect(page.locator("body")).to_contain_text("リクエストを送信しました")

    # The Amur company accepts in Russian.
    page.goto(f"{live_server.url}/ru/registrations/{registration.token}/meetings/")
    expect(page.locator("body")).to_contain_text("蜂蜜の輸入について")
    page.get_by_role("button", name="Принять").click()
    expect(page.locator("body")).to_contain_text("Вы приняли встречу")
    assert MeetingRequest.objects.get().status == "accepted"

    # Staff schedule (the admin's action runs the same service).
    session = MeetingSessionFactory(mission=mission)
    TableFactory(mission=mission, name_ru="A1")
    InterpreterFactory(mission=mission, name="Анна Сато")
    result, created = services.schedule_mission(mission=mission)
    assert result.unplaced == {}
    (meeting,) = created
    assert meeting.interpreter is not None  # Japanese and Russian only

    for url in (
        f"/ja/meetings/{participant.token}/",
        f"/ru/registrations/{registration.token}/meetings/",
    ):
        page.goto(live_server.url + url)
        expect(page.locator(".meeting-schedule")).to_contain_text("A1")
        expect(page.locator(".meeting-schedule")).to_contain_text("Анна Сато")
        feed = page.request.get(f"{live_server.url}{url}meetings.ics")
        (event,) = Calendar.from_ical(feed.body()).walk("VEVENT")
        assert str(event["UID"]).startswith(f"meeting-{meeting.pk}@")

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
    page.goto(f"{live_server.url}/ru/registrations/{registration.token}/meetings/")
    page.check("input[name=held][value=yes]")
    page.fill(f"#notes-{meeting.pk}", "Отправим образцы липового мёда")
    page.get_by_role("button", name="Сохранить отчёт").click()
    expect(page.locator("body")).to_contain_text("ваш отчёт сохранён")

    interaction = Interaction.objects.get()
    assert interaction.organization == JapaneseParticipant.objects.get().organization
    assert "липового мёда" in interaction.summary
    assert interaction.happened_on == yesterday
