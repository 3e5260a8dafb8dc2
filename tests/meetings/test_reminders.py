"""Reminders the day before: each side and each interpreter gets the day's
schedule once, on the clock of the place, with the printable sheet; a
meeting added or moved later is reminded of again; staff recording that a
meeting took place make the interaction as the sides' own reports do."""

import pytest
from django.urls import reverse
from django.utils import timezone, translation

from amur_invest.outbox.models import OutgoingEmail
from partners.models import Interaction
from showcase.meetings import services
from tests.meetings.factories import (
    InterpreterFactory,
    MeetingFactory,
    MeetingRequestFactory,
    MeetingSessionFactory,
)
from tests.missions.factories import MissionFactory, days_from_today
from tests.partners.factories import OrganizationFactory

pytestmark = pytest.mark.django_db


def moscow_meeting(**fields):
    mission = MissionFactory()
    session = MeetingSessionFactory(mission=mission, time_zone="Europe/Moscow")
    return MeetingFactory(
        request__participant__mission=mission,
        session=session,
        interpreter=InterpreterFactory(
            mission=mission, name="Анна Сато", email="anna@example.ru"
        ),
        **fields,
    )


def test_each_side_and_the_interpreter_get_the_day_on_the_places_clock():
    meeting = moscow_meeting()
    assert services.send_reminders(day=meeting.session.day) == 3
    japanese = OutgoingEmail.objects.get(recipient=meeting.participant.email)
    assert japanese.language == "ja"
    assert "10:00–10:30" in japanese.body
    assert "16:00" not in japanese.body
    assert "Анна Сато" in japanese.body
    with translation.override("ja"):
        sheet = reverse(
            "meetings:participant_sheet", kwargs={"token": meeting.participant.token}
        )
    assert sheet in japanese.body
    interpreter = OutgoingEmail.objects.get(recipient="anna@example.ru")
    assert interpreter.language == "ru"
    assert meeting.participant.organization_name_latin in interpreter.body
    assert "10:00–10:30" in interpreter.body
    assert "/meetings/" not in interpreter.body  # no secret page of anyone's


def test_a_second_run_sends_nothing_and_a_new_meeting_reminds_its_two_sides_again():
    meeting = moscow_meeting()
    assert services.send_reminders(day=meeting.session.day) == 3
    assert services.send_reminders(day=meeting.session.day) == 0
    # A meeting placed after the reminders: its two sides hear of the day again.
    later = MeetingFactory(
        request=MeetingRequestFactory(
            mission=meeting.request.mission, participant=meeting.participant
        ),
        session=meeting.session,
        table=meeting.table,
        starts_at=meeting.session.slots()[1],
    )
    assert services.send_reminders(day=meeting.session.day) == 2
    again = OutgoingEmail.objects.filter(recipient=meeting.participant.email)
    assert again.count() == 2
    assert again.order_by("-pk").first().body.count("–") >= 2  # both meetings
    assert later.reminded_at is None
    later.refresh_from_db()
    assert later.reminded_at is not None


def test_a_moved_meeting_is_reminded_of_again():
    meeting = moscow_meeting()
    services.send_reminders(day=meeting.session.day)
    services.move_meeting(meeting, starts_at=meeting.session.slots()[2])
    assert services.send_reminders(day=meeting.session.day) == 3


def test_staff_recording_a_held_meeting_in_the_admin_makes_the_interaction(
    admin_client,
):
    meeting = MeetingFactory(
        request__participant__mission__starts_on=days_from_today(-3),
        request__participant__mission__ends_on=days_from_today(-1),
        request__participant__organization=OrganizationFactory(),
        request__participant__languages=["ja", "ru"],  # no interpreter needed
    )
    url = reverse("admin:meetings_meeting_change", args=[meeting.pk])
    form = admin_client.get(url).context["adminform"].form
    data = {
        name: value if value is not None else ""
        for name, value in form.initial.items()
        if name in form.fields
    }
    local = timezone.localtime(meeting.starts_at)  # the admin reads the site's zone
    data.pop("starts_at", None)
    data.update(
        starts_at_0=local.strftime("%Y-%m-%d"),
        starts_at_1=local.strftime("%H:%M:%S"),
        interpreter="",
        held_japanese="unknown",
        held_amur="true",
        outcome="agreement",
    )
    response = admin_client.post(url, data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    meeting.refresh_from_db()
    assert meeting.held_amur is True
    interaction = Interaction.objects.get()
    assert meeting.interaction == interaction
    assert interaction.organization == meeting.participant.organization
