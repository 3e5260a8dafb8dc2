"""On paper: each person's schedule sheet in their own language, and the
staff's plan of each table and interpreter, with times on the clock of the
place where the meetings are held, not the site's (Asia/Yakutsk)."""

import datetime

import pytest
from django.urls import reverse
from django.utils import translation
from django.utils.html import escape

from showcase.meetings import printing, services
from tests.meetings.factories import (
    InterpreterFactory,
    MeetingFactory,
    MeetingSessionFactory,
)
from tests.missions.factories import MissionFactory

pytestmark = pytest.mark.django_db


def url(name, language, **kwargs):
    with translation.override(language):
        return reverse(f"meetings:{name}", kwargs=kwargs)


def meeting_in_moscow(**fields):
    """A meeting at 10:00 Moscow time, which is 16:00 on the site's clock."""
    mission = MissionFactory()
    session = MeetingSessionFactory(
        mission=mission, time_zone="Europe/Moscow", place="Холл 2, Москва"
    )
    return MeetingFactory(
        request__participant__mission=mission,
        session=session,
        interpreter=InterpreterFactory(mission=mission, name="Анна Сато"),
        **fields,
    )


def test_the_japanese_sheet_is_in_the_participants_language_on_the_places_clock(
    client,
):
    meeting = meeting_in_moscow()
    other = MeetingFactory()  # someone else's: not on this sheet
    # The page, read in English, links to the sheet in the participant's
    # own language.
    page = client.get(url("participant", "en", token=meeting.participant.token))
    sheet_url = url("participant_sheet", "ja", token=meeting.participant.token)
    assert sheet_url in page.content.decode()
    response = client.get(sheet_url)
    html = response.content.decode()
    assert response.status_code == 200
    assert '<html lang="ja">' in html
    assert "10:00–10:30" in html
    assert "16:00" not in html
    assert "Europe/Moscow, UTC+03:00" in html
    assert meeting.table.name in html
    assert "Анна Сато" in html
    assert "Холл 2, Москва" in html
    with translation.override("ja"):
        assert escape(meeting.registration.company_label) in html
        assert escape(other.registration.company_label) not in html


def test_the_amur_sheet_is_in_russian_and_names_the_japanese_contact(client):
    meeting = meeting_in_moscow(request__registration__language="ru")
    response = client.get(
        url("registrant_sheet", "ru", token=meeting.registration.token)
    )
    html = response.content.decode()
    assert '<html lang="ru">' in html
    assert "Время" in html
    assert meeting.participant.organization_name in html
    assert meeting.participant.contact_name_latin in html
    assert "10:00–10:30" in html


def test_a_cancelled_meeting_leaves_the_sheet(client):
    meeting = meeting_in_moscow()
    services.cancel_meeting(meeting=meeting)
    response = client.get(
        url("participant_sheet", "ja", token=meeting.participant.token)
    )
    assert meeting.table.name not in response.content.decode()


def test_the_page_shows_the_places_time_and_links_to_the_sheet(client):
    meeting = meeting_in_moscow()
    response = client.get(url("participant", "ja", token=meeting.participant.token))
    html = response.content.decode()
    assert "10:00</time>" in html
    assert "日16:00" not in html
    assert "Europe/Moscow, UTC+03:00" in html


def test_the_sheet_keeps_its_secret_link_out_of_caches_and_referrers(client):
    meeting = meeting_in_moscow()
    response = client.get(
        url("registrant_sheet", "ru", token=meeting.registration.token)
    )
    assert response["Referrer-Policy"] == "no-referrer"
    assert response["X-Robots-Tag"] == "noindex"
    assert "no-store" in response["Cache-Control"]


def test_an_unknown_token_has_no_sheet(client):
    assert client.get(url("registrant_sheet", "ru", token="nope")).status_code == 404


def test_the_staff_plan_gives_each_table_and_interpreter_a_sheet_on_the_places_clock(
    admin_client, settings
):
    settings.LANGUAGE_CODE = "en"
    meeting = meeting_in_moscow()
    second = MeetingFactory(
        request__participant__mission=meeting.session.mission,
        session=meeting.session,
        starts_at=meeting.session.slots()[1],
        table=meeting.table,
        interpreter=meeting.interpreter,
    )
    with translation.override("en"):
        response = admin_client.post(
            reverse("admin:meetings_meetingsession_changelist"),
            {"action": "print_plan", "_selected_action": [meeting.session_id]},
        )
    html = response.content.decode()
    assert html.count('class="plan-block"') == 3  # rates, the table, the interpreter
    assert f"Table {meeting.table.name}" in html
    assert "Interpreter Анна Сато" in html
    assert "10:00–10:30" in html
    assert "10:30–11:00" in html
    assert "16:00" not in html
    assert second.participant.organization_name in html
    assert "Europe/Moscow" in html


def test_a_sheet_groups_the_meetings_by_day_in_time_order():
    meeting = meeting_in_moscow()
    mission = meeting.session.mission
    mission.ends_on = mission.starts_on + datetime.timedelta(days=1)
    mission.save()
    next_day = MeetingFactory(
        request__participant=meeting.participant,
        request__registration__mission=mission,
        session=MeetingSessionFactory(mission=mission, day=mission.ends_on),
        table=meeting.table,
    )
    later = MeetingFactory(
        request__participant=meeting.participant,
        request__registration__mission=mission,
        session=meeting.session,
        starts_at=meeting.session.slots()[2],
        table=meeting.table,
    )
    days = printing.by_day([next_day, later, meeting])
    assert [day.day for day in days] == [mission.starts_on, mission.ends_on]
    assert days[0].meetings == [meeting, later]
    assert days[0].places == ["Холл 2, Москва"]
