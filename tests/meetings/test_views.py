import re

import pytest
from django.core.cache import cache
from django.urls import reverse
from django.utils import translation
from icalendar import Calendar

from partners.models import Consent, Prefecture
from showcase.meetings import services
from showcase.meetings.models import JapaneseParticipant, MeetingRequest
from tests.meetings.factories import (
    AcceptedRegistrationFactory,
    JapaneseParticipantFactory,
    MeetingFactory,
    MeetingRequestFactory,
    corporate_number,
)
from tests.missions.factories import MissionFactory

pytestmark = pytest.mark.django_db
LANGUAGES = ["ru", "ja", "en"]


@pytest.fixture(autouse=True)
def fresh_rate_limit_counters():
    cache.clear()
    yield
    cache.clear()


def url(name, language, **kwargs):
    with translation.override(language):
        return reverse(f"meetings:{name}", kwargs=kwargs)


def html_lang(response) -> str:
    match = re.search(r'<html lang="([a-z-]+)"', response.content.decode())
    return match.group(1) if match else ""


def signup_data(mission, **overrides):
    data = {
        "corporate_number": corporate_number(700000000001),
        "organization_name": "十勝はちみつ株式会社",
        "organization_name_latin": "Tokachi Honey Co.",
        "prefecture": Prefecture.objects.get(code="01").pk,
        "contact_name_native": "佐藤 花子",
        "contact_name_latin": "Hanako Sato",
        "position": "部長",
        "email": "sato@example.jp",
        "language": "ja",
        "offers": "蜂蜜の輸入",
        "seeks": "Amur honey",
        "languages": ["ja"],
        "days": [mission.starts_on.isoformat()],
        "consent": "on",
    }
    data.update(overrides)
    return data


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_signup_form_opens_in_every_language(client, language):
    mission = MissionFactory()
    response = client.get(url("signup", language, slug=mission.slug))
    assert response.status_code == 200
    assert html_lang(response) == language
    assert 'name="corporate_number"' in response.content.decode()


def test_the_signup_form_writes_the_japanese_colon_after_its_labels(client):
    mission = MissionFactory()
    html = client.get(url("signup", "ja", slug=mission.slug)).content.decode()
    assert "組織名：" in html
    assert "組織名:" not in html


def test_signing_up_in_japanese_keeps_it_unconfirmed_and_emails_the_link(
    client, mailoutbox, django_capture_on_commit_callbacks
):
    mission = MissionFactory()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            url("signup", "ja", slug=mission.slug), signup_data(mission)
        )
    assert response.status_code == 302
    participant = JapaneseParticipant.objects.get()
    assert participant.status == "unconfirmed"
    assert participant.organization is None
    assert participant.consent.purpose == Consent.Purpose.MEETING_SIGNUP
    assert participant.days == [mission.starts_on.isoformat()]
    assert mailoutbox[0].to == ["sato@example.jp"]
    assert "確認" in mailoutbox[0].subject
    assert "/ja/meetings/confirm/" in mailoutbox[0].body


def confirm_link(body: str) -> str:
    return re.search(r"(/ja/meetings/confirm/\S+/)", body).group(1)


def test_the_emailed_link_confirms_and_leads_to_the_secret_page(
    client, mailoutbox, django_capture_on_commit_callbacks
):
    mission = MissionFactory()
    with django_capture_on_commit_callbacks(execute=True):
        client.post(url("signup", "ja", slug=mission.slug), signup_data(mission))
    response = client.get(confirm_link(mailoutbox[0].body))
    participant = JapaneseParticipant.objects.get()
    assert participant.status == "confirmed"
    assert participant.organization.corporate_number == participant.corporate_number
    assert response["Location"] == participant.get_participant_url()
    page = client.get(response["Location"])
    assert page.status_code == 200
    assert page["X-Robots-Tag"] == "noindex"


@pytest.mark.parametrize(
    ("language", "message"),
    [("ja", "チェックディジット"), ("en", "check digit"), ("ru", "контрольн")],
)
def test_a_wrong_check_digit_is_refused_in_the_readers_language(
    client, language, message
):
    mission = MissionFactory()
    good = corporate_number(700000000001)
    wrong = str((int(good[0]) + 1) % 10) + good[1:]
    response = client.post(
        url("signup", language, slug=mission.slug),
        signup_data(mission, corporate_number=wrong),
    )
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not JapaneseParticipant.objects.exists()


def test_a_corporate_number_may_be_written_with_hyphens(client):
    mission = MissionFactory()
    good = corporate_number(700000000001)
    spaced = f"{good[0]}-{good[1:5]}-{good[5:9]}-{good[9:]}"
    client.post(
        url("signup", "en", slug=mission.slug),
        signup_data(mission, corporate_number=spaced),
    )
    assert JapaneseParticipant.objects.get().corporate_number == good


def test_signing_up_twice_is_refused_and_keeps_the_first(client):
    first = JapaneseParticipantFactory(corporate_number=corporate_number(700000000001))
    response = client.post(
        url("signup", "ja", slug=first.mission.slug), signup_data(first.mission)
    )
    assert response.status_code == 200
    assert "すでにこのミッションにお申し込み済み" in response.content.decode()
    assert JapaneseParticipant.objects.get() == first


def test_signup_closes_when_the_mission_starts(client):
    mission = MissionFactory(starts_on=MissionFactory().starts_on.replace(year=2020))
    response = client.get(url("signup", "en", slug=mission.slug))
    assert 'name="corporate_number"' not in response.content.decode()


@pytest.mark.parametrize("language", ["ja", "en"])
def test_the_mission_page_offers_meetings_to_japanese_companies_first(client, language):
    mission = MissionFactory()
    with translation.override(language):
        html = client.get(mission.get_absolute_url()).content.decode()
    meet = html.index(url("signup", language, slug=mission.slug))
    register = html.index(f"/{language}/missions/{mission.slug}/register/")
    assert meet < register


def test_a_japanese_participant_asks_and_the_amur_company_accepts(client):
    participant = JapaneseParticipantFactory()
    registration = AcceptedRegistrationFactory(mission=participant.mission)
    page = client.get(url("participant", "ja", token=participant.token))
    assert registration.company.name_ja in page.content.decode()
    response = client.post(
        url("participant_ask", "ja", token=participant.token),
        {"counterpart": registration.pk, "reason": "蜂蜜について"},
    )
    assert response.status_code == 302
    request = MeetingRequest.objects.get()
    assert request.direction == "from_japanese"
    amur_page = client.get(url("registrant", "ru", token=registration.token))
    assert "蜂蜜について" in amur_page.content.decode()
    client.post(
        url("registrant_answer", "ru", token=registration.token, pk=request.pk),
        {"answer": "accept"},
    )
    request.refresh_from_db()
    assert request.status == "accepted"


def test_one_cannot_answer_ones_own_request(client):
    request = MeetingRequestFactory(status=MeetingRequest.Status.REQUESTED)
    response = client.post(
        url("participant_answer", "ja", token=request.participant.token, pk=request.pk),
        {"answer": "accept"},
    )
    assert response.status_code == 404


def test_asking_someone_outside_the_mission_is_refused_with_a_message(client):
    participant = JapaneseParticipantFactory()
    stranger = AcceptedRegistrationFactory()
    response = client.post(
        url("participant_ask", "en", token=participant.token),
        {"counterpart": stranger.pk, "reason": "hello"},
    )
    assert response.status_code == 400
    assert "other side of this mission" in response.content.decode()
    assert not MeetingRequest.objects.exists()


def test_asking_twice_shows_a_message_in_japanese(client):
    request = MeetingRequestFactory(status=MeetingRequest.Status.REQUESTED)
    response = client.post(
        url("participant_ask", "ja", token=request.participant.token),
        {"counterpart": request.registration.pk, "reason": "again"},
    )
    assert response.status_code == 400
    assert MeetingRequest.objects.count() == 1


def test_a_registration_not_accepted_cannot_ask(client):
    registration = AcceptedRegistrationFactory(status="submitted")
    JapaneseParticipantFactory(mission=registration.mission)
    page = client.get(url("registrant", "ru", token=registration.token))
    assert 'name="counterpart"' not in page.content.decode()


def test_the_page_query_count_does_not_grow_with_the_delegation(
    client, django_assert_max_num_queries
):
    participant = JapaneseParticipantFactory()
    for _ in range(2):
        AcceptedRegistrationFactory(mission=participant.mission)
    with django_assert_max_num_queries(20) as few:
        client.get(url("participant", "ja", token=participant.token))
    for _ in range(6):
        AcceptedRegistrationFactory(mission=participant.mission)
    with django_assert_max_num_queries(len(few.captured_queries)):
        client.get(url("participant", "ja", token=participant.token))


def test_both_sides_find_the_meeting_in_their_calendar_with_a_stable_uid(client):
    meeting = MeetingFactory()
    feeds = [
        client.get(url("participant_ics", "ja", token=meeting.participant.token)),
        client.get(url("registrant_ics", "ru", token=meeting.registration.token)),
    ]
    uids = set()
    for response in feeds:
        assert response["Content-Type"].startswith("text/calendar")
        events = Calendar.from_ical(response.content).walk("VEVENT")
        assert len(events) == 1
        uids.add(str(events[0]["UID"]))
        assert events[0]["SEQUENCE"] == 0
    assert len(uids) == 1
    services.move_meeting(meeting, starts_at=meeting.session.slots()[1])
    services.cancel_meeting(meeting=meeting)
    response = client.get(url("participant_ics", "en", token=meeting.participant.token))
    event = Calendar.from_ical(response.content).walk("VEVENT")[0]
    assert str(event["UID"]) in uids
    assert event["SEQUENCE"] == 2
    assert event["STATUS"] == "CANCELLED"


def test_the_schedule_shows_on_both_pages(client):
    meeting = MeetingFactory()
    japanese = client.get(url("participant", "ja", token=meeting.participant.token))
    amur = client.get(url("registrant", "ru", token=meeting.registration.token))
    assert meeting.table.name in japanese.content.decode()
    assert meeting.participant.organization_name in amur.content.decode()


def test_withdrawing_cancels_the_meetings(client):
    meeting = MeetingFactory()
    client.post(url("participant_withdraw", "ja", token=meeting.participant.token))
    meeting.refresh_from_db()
    assert meeting.cancelled


def test_an_unknown_token_is_404(client):
    assert client.get(url("participant", "ja", token="nope")).status_code == 404


def test_a_bad_confirmation_link_says_so(client):
    response = client.get(url("confirm", "ja", signed="bad:link"))
    assert response.status_code == 404
