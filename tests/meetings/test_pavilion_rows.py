"""Meetings at an exhibition's Amur pavilion (issue 17, the last part): the
same rows and steps as a mission's, with the exhibition as the host and the
accepted participations as the Amur side. The database keeps each row to one
host and one Amur side, and forbids double booking of an exhibitor as it
does of a delegate; staff schedule and print a pavilion's day as a
mission's, and a held meeting becomes an interaction."""

import datetime
import re

import pytest
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import translation

from partners.models import Interaction
from showcase.meetings import outcomes, services
from showcase.meetings.models import (
    Meeting,
    MeetingRequest,
    MeetingSession,
)
from tests.meetings.factories import (
    InterpreterFactory,
    JapaneseParticipantFactory,
    MeetingSessionFactory,
    PavilionFactory,
    PavilionMeetingFactory,
    PavilionParticipantFactory,
    PavilionRequestFactory,
    TableFactory,
)
from tests.missions.factories import MissionFactory
from tests.partners.factories import OrganizationFactory

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


# The rows ----------------------------------------------------------------------


def test_a_participant_belongs_to_a_mission_or_an_exhibition_not_both_nor_neither():
    exhibition = PavilionFactory()
    with pytest.raises(IntegrityError), transaction.atomic():
        JapaneseParticipantFactory(exhibition=exhibition)  # and its mission
    with pytest.raises(IntegrityError), transaction.atomic():
        JapaneseParticipantFactory(mission=None)
    participant = PavilionParticipantFactory(exhibition=exhibition)
    assert participant.host == exhibition
    assert participant.is_pavilion


def test_a_session_belongs_to_one_host():
    with pytest.raises(IntegrityError), transaction.atomic():
        MeetingSessionFactory(exhibition=PavilionFactory())
    session = MeetingSessionFactory.build(
        mission=None, exhibition=PavilionFactory(), day=datetime.date(2020, 3, 20)
    )
    with pytest.raises(ValidationError, match="exhibition's dates"):
        session.clean()


def test_a_participation_is_the_amur_side_only_at_an_exhibition():
    request = PavilionRequestFactory()
    assert request.amur_side == request.participation
    with pytest.raises(IntegrityError), transaction.atomic():
        MeetingRequest.objects.create(
            mission=MissionFactory(),
            participant=request.participant,
            participation=request.participation,
            direction=MeetingRequest.Direction.FROM_JAPANESE,
            reason="x",
        )


def test_one_live_request_per_participant_and_exhibitor():
    request = PavilionRequestFactory(status=MeetingRequest.Status.REQUESTED)
    with pytest.raises(IntegrityError), transaction.atomic():
        PavilionRequestFactory(
            participant=request.participant, participation=request.participation
        )


def test_an_exhibitor_is_never_booked_twice_in_a_slot():
    meeting = PavilionMeetingFactory()
    exhibition = meeting.session.exhibition
    other = PavilionRequestFactory(
        participant=PavilionParticipantFactory(exhibition=exhibition),
        participation=meeting.participation,
    )
    with pytest.raises(services.MeetingError, match="just taken"):
        services.book(
            request=other,
            session=meeting.session,
            starts_at=meeting.starts_at,
            table=TableFactory(mission=None, exhibition=exhibition),
        )
    assert Meeting.objects.count() == 1


def test_one_confirmed_signup_per_corporate_number_and_exhibition():
    first = PavilionParticipantFactory()
    with pytest.raises(IntegrityError), transaction.atomic():
        PavilionParticipantFactory(
            exhibition=first.exhibition, corporate_number=first.corporate_number
        )
    # The same organisation may meet another exhibition's pavilion, and a mission.
    PavilionParticipantFactory(corporate_number=first.corporate_number)
    JapaneseParticipantFactory(corporate_number=first.corporate_number)


# Schedule, calendar, sheet -------------------------------------------------------


def test_the_scheduler_places_an_exhibitions_meetings_apart():
    first = PavilionRequestFactory()
    exhibition = first.exhibition
    PavilionRequestFactory(
        participant=PavilionParticipantFactory(exhibition=exhibition),
        participation=first.participation,
    )
    MeetingSessionFactory(mission=None, exhibition=exhibition)
    InterpreterFactory(mission=None, exhibition=exhibition)
    for _ in range(2):
        TableFactory(mission=None, exhibition=exhibition)
    result, created = services.schedule_host(host=exhibition)
    assert len(created) == 2
    assert not result.unplaced
    assert {meeting.participation for meeting in created} == {first.participation}
    assert len({meeting.starts_at for meeting in created}) == 2


# After the slot ----------------------------------------------------------------


def test_a_held_pavilion_meeting_becomes_an_interaction_naming_the_exhibition():
    meeting = PavilionMeetingFactory(
        request__participant__organization=OrganizationFactory()
    )
    services.report_outcome(
        meeting=meeting, japanese=False, held=True, outcome="agreement"
    )
    interaction = Interaction.objects.get()
    assert interaction.organization == meeting.participant.organization
    assert meeting.session.exhibition.name_ru in interaction.summary


def test_staff_schedule_an_exhibitions_sessions_from_the_admin(admin_client):
    request = PavilionRequestFactory()
    session = MeetingSessionFactory(mission=None, exhibition=request.exhibition)
    TableFactory(mission=None, exhibition=request.exhibition)
    InterpreterFactory(mission=None, exhibition=request.exhibition)
    response = admin_client.post(
        reverse("admin:meetings_meetingsession_changelist"),
        {"action": "schedule", "_selected_action": [session.pk]},
        follow=True,
    )
    assert response.status_code == 200
    assert Meeting.objects.get().participation == request.participation
    plan = admin_client.post(
        reverse("admin:meetings_meetingsession_changelist"),
        {"action": "print_plan", "_selected_action": [session.pk]},
    )
    assert request.participation.company_label in plan.content.decode()
    assert MeetingSession.objects.get().host == request.exhibition


def test_the_changelists_and_change_pages_open_with_a_pavilions_rows(admin_client):
    meeting = PavilionMeetingFactory()
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
    page = admin_client.get(reverse("admin:meetings_meeting_change", args=[meeting.pk]))
    assert meeting.participation.company_label in page.content.decode()


def test_a_session_names_one_host_in_the_admin_too(admin_client):
    exhibition = PavilionFactory()
    response = admin_client.post(
        reverse("admin:meetings_meetingsession_add"),
        {
            "mission": MissionFactory().pk,
            "exhibition": exhibition.pk,
            "day": exhibition.starts_on.isoformat(),
            "starts_at": "10:00",
            "ends_at": "12:00",
            "slot_minutes": 30,
            "breaks": "",
            "time_zone": "Asia/Tokyo",
            "place": "",
        },
    )
    assert response.status_code == 200
    assert "либо миссию, либо выставку" in response.content.decode()  # staff read ru
    assert not MeetingSession.objects.exists()


def test_moving_a_pavilion_meeting_onto_the_exhibitors_busy_slot_shows_the_conflict():
    meeting = PavilionMeetingFactory()
    exhibition = meeting.session.exhibition
    other = PavilionMeetingFactory(
        request__participant=PavilionParticipantFactory(exhibition=exhibition),
        request__participation=meeting.participation,
        session=meeting.session,
        starts_at=meeting.session.slots()[1],
        table=TableFactory(mission=None, exhibition=exhibition),
    )
    other.starts_at = meeting.starts_at
    assert "The Amur company already has a meeting in this slot." in (
        services.conflicts(other)
    )


def test_a_held_pavilion_meeting_counts_in_the_activity_of_its_year():
    meeting = PavilionMeetingFactory()
    services.report_outcome(
        meeting=meeting, japanese=True, held=True, outcome="agreement"
    )
    year = meeting.session.day.year
    assert outcomes.held_by_year()[year] == (1, 1)
    assert list(outcomes.agreements()) == [meeting]
    rates = outcomes.rates_by_host([meeting.session.exhibition])
    assert rates[meeting.session.exhibition].held == 1


def test_the_staff_report_gives_a_pavilions_rates_beside_the_missions(admin_client):
    meeting = PavilionMeetingFactory()
    response = admin_client.get(reverse("admin:showcase_event_activity"))
    (row,) = response.context["missions"]
    assert row.mission == meeting.session.exhibition
    assert row.rates.requests == 1


def test_a_meeting_at_another_hosts_table_is_a_conflict():
    meeting = PavilionMeetingFactory()
    meeting.table = TableFactory()  # a mission's
    assert any("mission or exhibition" in text for text in services.conflicts(meeting))
