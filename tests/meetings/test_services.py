import datetime

import pytest

from amur_invest.outbox.models import OutgoingEmail
from partners.models import Organization
from showcase.meetings import services
from showcase.meetings.models import JapaneseParticipant, Meeting, MeetingRequest
from tests.meetings.factories import (
    AcceptedRegistrationFactory,
    InterpreterFactory,
    JapaneseParticipantFactory,
    MeetingFactory,
    MeetingRequestFactory,
    MeetingSessionFactory,
    TableFactory,
)
from tests.partners.factories import OrganizationFactory

pytestmark = pytest.mark.django_db
FROM_JAPANESE = MeetingRequest.Direction.FROM_JAPANESE


def unconfirmed(**fields):
    return JapaneseParticipantFactory(
        status=JapaneseParticipant.Status.UNCONFIRMED, confirmed_at=None, **fields
    )


def test_confirmation_matches_the_organisation_by_corporate_number():
    participant = unconfirmed()
    known = OrganizationFactory(corporate_number=participant.corporate_number)
    services.confirm(participant=participant)
    participant.refresh_from_db()
    assert participant.status == JapaneseParticipant.Status.CONFIRMED
    assert participant.organization == known


def test_confirmation_matches_by_name_when_there_is_no_number():
    known = OrganizationFactory(name_ja="十勝はちみつ株式会社")
    participant = unconfirmed(corporate_number="", organization_name=known.name_ja)
    services.confirm(participant=participant)
    participant.refresh_from_db()
    assert participant.organization == known


def test_confirmation_creates_the_organisation_when_none_matches():
    participant = unconfirmed(
        organization_name="新しい商事", organization_name_latin="New Trading"
    )
    services.confirm(participant=participant)
    organization = Organization.objects.get(
        corporate_number=participant.corporate_number
    )
    assert organization.name_ja == "新しい商事"
    assert organization.prefecture == participant.prefecture


def test_a_second_signup_leads_to_the_first_and_is_dropped():
    first = JapaneseParticipantFactory()
    again = unconfirmed(mission=first.mission, corporate_number=first.corporate_number)
    assert services.confirm(participant=again) == first
    assert not JapaneseParticipant.objects.filter(pk=again.pk).exists()


def test_asking_needs_an_accepted_amur_company():
    participant = JapaneseParticipantFactory()
    registration = AcceptedRegistrationFactory(
        mission=participant.mission, status="submitted"
    )
    with pytest.raises(services.MeetingError, match="not in the delegation"):
        services.ask(
            participant=participant,
            amur=registration,
            direction=FROM_JAPANESE,
            reason="x",
        )


def test_asking_a_participant_who_withdrew_is_refused():
    participant = JapaneseParticipantFactory(
        status=JapaneseParticipant.Status.WITHDRAWN
    )
    registration = AcceptedRegistrationFactory(mission=participant.mission)
    with pytest.raises(services.MeetingError, match="withdrawn"):
        services.ask(
            participant=participant,
            amur=registration,
            direction=MeetingRequest.Direction.FROM_AMUR,
            reason="x",
        )


def test_asking_twice_is_refused_with_a_clear_message():
    request = MeetingRequestFactory(status=MeetingRequest.Status.REQUESTED)
    with pytest.raises(services.MeetingError, match="already have"):
        services.ask(
            participant=request.participant,
            amur=request.registration,
            direction=FROM_JAPANESE,
            reason="again",
        )
    assert MeetingRequest.objects.count() == 1


def test_requests_sent_are_capped(settings):
    settings.MEETINGS_REQUESTS_PER_SENDER = 2
    participant = JapaneseParticipantFactory()
    for _ in range(2):
        services.ask(
            participant=participant,
            amur=AcceptedRegistrationFactory(mission=participant.mission),
            direction=FROM_JAPANESE,
            reason="x",
        )
    with pytest.raises(services.MeetingError, match="limit of 2"):
        services.ask(
            participant=participant,
            amur=AcceptedRegistrationFactory(mission=participant.mission),
            direction=FROM_JAPANESE,
            reason="x",
        )


def test_an_answered_request_cannot_be_answered_again():
    request = MeetingRequestFactory(status=MeetingRequest.Status.REQUESTED)
    services.answer(request=request, accept=False)
    with pytest.raises(services.MeetingError, match="already been answered"):
        services.answer(request=request, accept=True)


def test_unanswered_requests_lapse_after_the_set_time(settings):
    settings.MEETINGS_REQUEST_LAPSE_HOURS = 24
    old = MeetingRequestFactory(status=MeetingRequest.Status.REQUESTED)
    old.created_at -= datetime.timedelta(hours=25)
    old.save()
    fresh = MeetingRequestFactory(status=MeetingRequest.Status.REQUESTED)
    assert services.lapse_overdue() == 1
    old.refresh_from_db()
    fresh.refresh_from_db()
    assert (old.status, fresh.status) == ("lapsed", "requested")


def test_booking_a_taken_slot_is_refused_and_keeps_the_first():
    meeting = MeetingFactory()
    other = MeetingRequestFactory(mission=meeting.request.mission)
    with pytest.raises(services.MeetingError, match="just taken"):
        services.book(
            request=other,
            session=meeting.session,
            starts_at=meeting.starts_at,
            table=meeting.table,
        )
    assert Meeting.objects.get() == meeting


def test_withdrawing_cancels_meetings_and_lapses_requests():
    meeting = MeetingFactory()
    participant = meeting.participant
    pending = MeetingRequestFactory(
        participant=participant, status=MeetingRequest.Status.REQUESTED
    )
    services.withdraw(participant=participant)
    meeting.refresh_from_db()
    pending.refresh_from_db()
    assert meeting.cancelled
    assert meeting.sequence == 1
    assert pending.status == "lapsed"


def test_conflicts_name_what_stands_in_the_way():
    meeting = MeetingFactory()
    other = MeetingRequestFactory(
        mission=meeting.request.mission, participant=meeting.participant
    )
    moved = Meeting(
        request=other,
        session=meeting.session,
        starts_at=meeting.starts_at,
        table=meeting.table,
    )
    found = services.conflicts(moved)
    assert "This table is taken in this slot." in found
    assert "The Japanese participant already has a meeting in this slot." in found


def test_schedule_mission_books_every_accepted_request_without_double_booking():
    session = MeetingSessionFactory()
    mission = session.mission
    tables = [TableFactory(mission=mission) for _ in range(2)]
    InterpreterFactory(mission=mission)
    japanese = [
        JapaneseParticipantFactory(mission=mission, languages=["ja"]) for _ in range(3)
    ]
    amur = [AcceptedRegistrationFactory(mission=mission) for _ in range(3)]
    for participant in japanese:
        for registration in amur[:2]:
            MeetingRequestFactory(participant=participant, registration=registration)
    result, created = services.schedule_mission(mission=mission)
    assert result.unplaced == {}
    assert len(created) == 6
    assert all(meeting.interpreter_id for meeting in created)
    assert {meeting.table_id for meeting in created} <= {t.pk for t in tables}
    # Run again: nothing more to place, nothing moved.
    _, again = services.schedule_mission(mission=mission)
    assert again == []


def test_the_other_side_hears_of_a_request_and_the_asker_of_the_answer():
    participant = JapaneseParticipantFactory(language="ja")
    registration = AcceptedRegistrationFactory(mission=participant.mission)
    request = services.ask(
        participant=participant,
        amur=registration,
        direction=FROM_JAPANESE,
        reason="蜂蜜",
    )
    services.answer(request=request, accept=True)
    to_amur, to_japanese = OutgoingEmail.objects.order_by("id")
    assert to_amur.recipient == registration.email
    assert "蜂蜜" in to_amur.body
    assert f"/ru/registrations/{registration.token}/meetings/" in to_amur.body
    assert to_japanese.recipient == participant.email
    assert to_japanese.language == "ja"
    assert f"/ja/meetings/{participant.token}/" in to_japanese.body


def test_each_person_gets_one_reminder_of_the_days_meetings():
    meeting = MeetingFactory()
    other = MeetingRequestFactory(
        mission=meeting.request.mission, participant=meeting.participant
    )
    MeetingFactory(
        request=other,
        session=meeting.session,
        table=meeting.table,
        starts_at=meeting.session.slots()[1],
    )
    assert services.send_reminders(day=meeting.session.day) == 3
    to_japanese = OutgoingEmail.objects.get(recipient=meeting.participant.email)
    assert to_japanese.body.count(meeting.table.name) >= 2
    assert services.send_reminders(day=meeting.session.day - datetime.timedelta(1)) == 0


def test_an_interpreter_removed_after_scheduling_shows_as_a_conflict():
    interpreter = InterpreterFactory()
    meeting = MeetingFactory(
        request__participant__mission=interpreter.mission, interpreter=interpreter
    )
    interpreter.delete()
    meeting.refresh_from_db()
    assert not meeting.cancelled
    assert "The two sides share no language: add an interpreter." in (
        services.conflicts(meeting)
    )
