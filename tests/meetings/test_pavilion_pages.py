"""The pages of the meetings at an exhibition's Amur pavilion: a Japanese
company signs up from the exhibition's page, each side sees the other on
its page behind its secret link (the exhibitor's beside its application
page), asks and answers; each has its calendar, its sheet and its
reminders, in its language."""

import re

import pytest
from django.core.cache import cache
from django.urls import reverse
from django.utils import translation
from icalendar import Calendar

from amur_invest.outbox.models import OutgoingEmail
from partners.models import Prefecture
from showcase.meetings import services
from showcase.meetings.models import (
    JapaneseParticipant,
    MeetingRequest,
)
from tests.exhibitions.factories import ParticipationFactory
from tests.meetings.factories import (
    OpenPavilionFactory,
    PavilionFactory,
    PavilionMeetingFactory,
    PavilionParticipantFactory,
    corporate_number,
)

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


# Sign-up -----------------------------------------------------------------------


def signup_data(exhibition, **overrides):
    return {
        "corporate_number": corporate_number(700000000077),
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
        "days": [exhibition.starts_on.isoformat()],
        "consent": "on",
        **overrides,
    }


def test_a_japanese_company_signs_up_for_the_pavilion_in_japanese(
    client, mailoutbox, django_capture_on_commit_callbacks
):
    exhibition = OpenPavilionFactory()
    exhibitor = ParticipationFactory(exhibition=exhibition)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            url("pavilion_signup", "ja", slug=exhibition.slug),
            signup_data(exhibition),
        )
    assert response.status_code == 302
    assert response["Location"] == url(
        "pavilion_signup_sent", "ja", slug=exhibition.slug
    )
    participant = JapaneseParticipant.objects.get()
    assert participant.exhibition == exhibition
    assert participant.mission is None
    assert participant.status == JapaneseParticipant.Status.UNCONFIRMED
    assert exhibition.name_ja in participant.consent.text
    (email,) = mailoutbox
    assert exhibition.name_ja in email.subject
    link = re.search(r"/ja/meetings/confirm/\S+", email.body).group(0)
    page = client.get(link, follow=True)
    participant.refresh_from_db()
    assert participant.status == JapaneseParticipant.Status.CONFIRMED
    html = page.content.decode()
    assert html_lang(page) == "ja"
    assert "アムール州パビリオンの出展企業" in html
    assert exhibitor.products_shown_ja in html


def test_signing_up_twice_for_the_pavilion_is_refused_kindly(client):
    participant = PavilionParticipantFactory(exhibition=OpenPavilionFactory())
    exhibition = participant.exhibition
    response = client.post(
        url("pavilion_signup", "en", slug=exhibition.slug),
        signup_data(exhibition, email=participant.email),
    )
    assert response.status_code == 200
    assert "already signed up for this exhibition" in response.content.decode()
    assert JapaneseParticipant.objects.count() == 1


def test_an_exhibition_without_pavilion_meetings_has_no_signup(client):
    exhibition = OpenPavilionFactory(pavilion_meetings=False)
    response = client.get(url("pavilion_signup", "ja", slug=exhibition.slug))
    assert response.status_code == 404


def test_the_exhibition_page_and_the_application_page_lead_to_the_meetings(client):
    exhibition = OpenPavilionFactory()
    exhibitor = ParticipationFactory(exhibition=exhibition)
    with translation.override("ja"):
        html = client.get(exhibition.get_absolute_url()).content.decode()
    assert url("pavilion_signup", "ja", slug=exhibition.slug) in html
    with translation.override("ru"):
        page = reverse(
            "exhibitions:application_detail", kwargs={"token": exhibitor.token}
        )
    html = client.get(page).content.decode()
    assert url("exhibitor", "ru", token=exhibitor.token) in html


# Both sides --------------------------------------------------------------------


def test_an_exhibitor_asks_and_the_japanese_side_accepts(client, mailoutbox):
    participant = PavilionParticipantFactory()
    exhibitor = ParticipationFactory(exhibition=participant.exhibition)
    page = client.get(url("exhibitor", "ru", token=exhibitor.token))
    assert participant.organization_name in page.content.decode()
    response = client.post(
        url("exhibitor_ask", "ru", token=exhibitor.token),
        {"counterpart": participant.pk, "reason": "Мёд для Японии"},
    )
    assert response.status_code == 302
    request = MeetingRequest.objects.get()
    assert request.participation == exhibitor
    assert request.exhibition == participant.exhibition
    assert request.direction == MeetingRequest.Direction.FROM_AMUR
    response = client.post(
        url("participant_answer", "ja", token=participant.token, pk=request.pk),
        {"answer": "accept"},
    )
    request.refresh_from_db()
    assert request.status == MeetingRequest.Status.ACCEPTED
    assert OutgoingEmail.objects.filter(recipient=exhibitor.email).count() == 1


def test_an_exhibitor_of_another_exhibition_cannot_be_asked(client):
    participant = PavilionParticipantFactory()
    stranger = ParticipationFactory()
    response = client.post(
        url("participant_ask", "en", token=participant.token),
        {"counterpart": stranger.pk, "reason": "x"},
    )
    assert response.status_code == 400
    assert "other side of this exhibition" in response.content.decode()
    with pytest.raises(services.MeetingError, match="same exhibition"):
        services.ask(
            participant=participant,
            amur=stranger,
            direction=MeetingRequest.Direction.FROM_JAPANESE,
            reason="x",
        )


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_new_page_answers_in_its_language(client, language):
    meeting = PavilionMeetingFactory()
    exhibition = meeting.session.exhibition
    participant, exhibitor = meeting.participant, meeting.participation
    for name, kwargs in [
        ("pavilion_signup", {"slug": exhibition.slug}),
        ("pavilion_signup_sent", {"slug": exhibition.slug}),
        ("participant", {"token": participant.token}),
        ("participant_sheet", {"token": participant.token}),
        ("exhibitor", {"token": exhibitor.token}),
        ("exhibitor_sheet", {"token": exhibitor.token}),
    ]:
        response = client.get(url(name, language, **kwargs))
        assert response.status_code == 200, name
        assert html_lang(response) == language, name


def test_the_exhibitor_page_query_count_does_not_grow_with_the_participants(
    client, django_assert_max_num_queries
):
    exhibitor = ParticipationFactory(exhibition=PavilionFactory(pavilion_meetings=True))
    for _ in range(2):
        PavilionParticipantFactory(exhibition=exhibitor.exhibition)
    with django_assert_max_num_queries(20) as few:
        client.get(url("exhibitor", "ru", token=exhibitor.token))
    for _ in range(6):
        PavilionParticipantFactory(exhibition=exhibitor.exhibition)
    with django_assert_max_num_queries(len(few.captured_queries)):
        client.get(url("exhibitor", "ru", token=exhibitor.token))


# Calendar, sheet, reminders -----------------------------------------------------


def test_the_exhibitor_has_a_calendar_and_a_sheet(client):
    meeting = PavilionMeetingFactory()
    feed = client.get(url("exhibitor_ics", "ru", token=meeting.participation.token))
    assert feed["Content-Type"].startswith("text/calendar")
    (event,) = Calendar.from_ical(feed.content).walk("VEVENT")
    assert meeting.participant.organization_name_latin in str(event["SUMMARY"])
    sheet = client.get(url("exhibitor_sheet", "ru", token=meeting.participation.token))
    assert meeting.participant.contact_name_native in sheet.content.decode()
    japanese = client.get(
        url("participant_sheet", "ja", token=meeting.participant.token)
    )
    assert meeting.participation.company.name in japanese.content.decode()


def test_both_sides_of_a_pavilion_meeting_are_reminded():
    meeting = PavilionMeetingFactory()
    assert services.send_reminders(day=meeting.session.day) == 2
    exhibitor = OutgoingEmail.objects.get(recipient=meeting.participation.email)
    assert meeting.session.exhibition.name_ru in exhibitor.body
    assert url("exhibitor_sheet", "ru", token=meeting.participation.token) in (
        exhibitor.body
    )


# The table's name in the reader's language --------------------------------------


def test_each_side_reads_the_table_in_its_language(client):
    meeting = PavilionMeetingFactory(
        table__name_ru="Стенд 4F-20", table__name_ja="ブース4F-20", table__name_en=None
    )
    participant = meeting.participant.token
    exhibitor = meeting.participation.token

    japanese = client.get(url("participant", "ja", token=participant)).content.decode()
    sheet = client.get(url("participant_sheet", "ja", token=participant))
    feed = client.get(url("participant_ics", "ja", token=participant))
    russian = client.get(url("exhibitor", "ru", token=exhibitor)).content.decode()
    # No English name: English readers get the Russian one.
    english = client.get(url("participant", "en", token=participant)).content.decode()

    assert "ブース4F-20" in japanese
    assert "Стенд" not in japanese
    assert "ブース4F-20" in sheet.content.decode()
    (event,) = Calendar.from_ical(feed.content).walk("VEVENT")
    assert "ブース4F-20" in str(event["LOCATION"]) + str(event["DESCRIPTION"])
    assert "Стенд 4F-20" in russian
    assert "ブース" not in russian
    assert "Стенд 4F-20" in english


def test_the_japanese_reminder_names_the_table_in_japanese():
    meeting = PavilionMeetingFactory(
        table__name_ru="Стенд 4F-20",
        table__name_ja="ブース4F-20",
        request__participant__language="ja",
    )
    services.send_reminders(day=meeting.session.day)

    japanese = OutgoingEmail.objects.get(recipient=meeting.participant.email)
    russian = OutgoingEmail.objects.get(recipient=meeting.participation.email)
    assert "ブース4F-20" in japanese.body
    assert "Стенд" not in japanese.body
    assert "Стенд 4F-20" in russian.body
