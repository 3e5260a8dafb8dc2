import pytest
from django.contrib.messages import get_messages
from django.urls import reverse
from django.utils import timezone, translation

from showcase.meetings.models import Meeting
from tests.meetings.factories import (
    AcceptedRegistrationFactory,
    InterpreterFactory,
    JapaneseParticipantFactory,
    MeetingFactory,
    MeetingRequestFactory,
    MeetingSessionFactory,
    TableFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def english(settings):
    settings.LANGUAGE_CODE = "en"
    with translation.override("en"):
        yield


def messages_of(response) -> list[str]:
    return [str(message) for message in get_messages(response.wsgi_request)]


def test_the_schedule_action_places_meetings_and_says_why_the_rest_did_not_fit(
    admin_client,
):
    session = MeetingSessionFactory(breaks="", ends_at="10:30")  # one slot
    mission = session.mission
    TableFactory(mission=mission)
    InterpreterFactory(mission=mission)
    registration = AcceptedRegistrationFactory(mission=mission)
    for _ in range(2):
        MeetingRequestFactory(
            participant=JapaneseParticipantFactory(mission=mission),
            registration=registration,
        )
    response = admin_client.post(
        reverse("admin:meetings_meetingsession_changelist"),
        {"action": "schedule", "_selected_action": [session.pk]},
        follow=True,
    )
    said = messages_of(response)
    assert Meeting.objects.count() == 1
    assert any("1 meeting placed" in text for text in said)
    assert any("no free slot in common" in text for text in said)


def test_moving_a_meeting_onto_a_taken_table_shows_the_conflict(admin_client):
    meeting = MeetingFactory()
    other = MeetingFactory(
        request__participant__mission=meeting.request.mission,
        session=meeting.session,
        starts_at=meeting.session.slots()[1],
        table=TableFactory(mission=meeting.request.mission),
    )
    url = reverse("admin:meetings_meeting_change", args=[other.pk])
    page = admin_client.get(url)
    form = page.context["adminform"].form
    data = {
        name: value if value is not None else ""
        for name, value in form.initial.items()
        if name in form.fields
    }
    data.update(
        table=meeting.table.pk,
        starts_at_0=timezone.localtime(meeting.starts_at).strftime("%Y-%m-%d"),
        starts_at_1=timezone.localtime(meeting.starts_at).strftime("%H:%M:%S"),
    )
    data.pop("starts_at", None)
    data.update(
        interpreter="",
        held_japanese="unknown",
        held_amur="unknown",
    )
    response = admin_client.post(url, data)
    assert response.status_code == 200
    assert "This table is taken in this slot." in response.content.decode()
    other.refresh_from_db()
    assert other.table != meeting.table


def test_the_changelists_open(admin_client):
    MeetingFactory()
    for model in [
        "japaneseparticipant",
        "meetingrequest",
        "meetingsession",
        "table",
        "interpreter",
        "meeting",
    ]:
        response = admin_client.get(reverse(f"admin:meetings_{model}_changelist"))
        assert response.status_code == 200, model


def test_a_session_cannot_be_shortened_from_under_its_meetings(admin_client):
    meeting = MeetingFactory()
    session = meeting.session
    meeting.starts_at = session.slots()[-1]
    meeting.save()
    url = reverse("admin:meetings_meetingsession_change", args=[session.pk])
    response = admin_client.post(
        url,
        {
            "mission": session.mission_id,
            "day": session.day.isoformat(),
            "starts_at": "10:00",
            "ends_at": "11:00",
            "slot_minutes": 30,
            "breaks": "",
            "time_zone": session.time_zone,
            "place": "",
        },
    )
    assert response.status_code == 200
    assert "1 meetings already placed would fall outside" in response.content.decode()
    session.refresh_from_db()
    assert session.ends_at.hour == 14


def test_the_plan_lists_each_table_and_interpreter(
    admin_client, django_assert_max_num_queries
):
    interpreter = InterpreterFactory(name="Анна Сато")
    meeting = MeetingFactory(
        request__participant__mission=interpreter.mission, interpreter=interpreter
    )
    with django_assert_max_num_queries(20):
        response = admin_client.post(
            reverse("admin:meetings_meetingsession_changelist"),
            {"action": "print_plan", "_selected_action": [meeting.session_id]},
        )
    html = response.content.decode()
    assert f"Table {meeting.table.name}" in html
    assert "Interpreter Анна Сато" in html
    assert meeting.participant.organization_name in html


def test_tables_are_named_in_three_languages_and_blank_ones_do_not_clash(
    admin_client,
):
    session = MeetingSessionFactory()
    add = reverse("admin:meetings_table_add")
    for russian in ("Стол 1", "Стол 2"):
        response = admin_client.post(
            add,
            {"mission": session.mission.pk, "name_ru": russian, "name_ja": ""},
        )
        assert response.status_code == 302, response.context["adminform"].errors

    tables = session.mission.meeting_tables.order_by("name_ru")
    assert [(t.name_ru, t.name_ja, t.name_en) for t in tables] == [
        ("Стол 1", None, None),
        ("Стол 2", None, None),
    ]
    with translation.override("ja"):
        assert [t.name for t in tables] == ["Стол 1", "Стол 2"]

    again = admin_client.post(add, {"mission": session.mission.pk, "name_ru": "Стол 1"})
    assert again.status_code == 200
    assert again.context["adminform"].errors
