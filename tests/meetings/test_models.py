import datetime

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from partners.validators import validate_corporate_number
from showcase.meetings.models import (
    JapaneseParticipant,
    MeetingRequest,
    parse_breaks,
    validate_time_zone,
)
from tests.meetings.factories import (
    InterpreterFactory,
    JapaneseParticipantFactory,
    MeetingFactory,
    MeetingRequestFactory,
    MeetingSessionFactory,
    TableFactory,
    corporate_number,
)

pytestmark = pytest.mark.django_db


def test_a_corporate_number_with_its_check_digit_passes():
    validate_corporate_number(corporate_number(123456789012))


def test_a_wrong_check_digit_is_refused_with_a_clear_message():
    good = corporate_number(123456789012)
    wrong = str((int(good[0]) + 1) % 10) + good[1:]
    with pytest.raises(ValidationError, match="check digit"):
        validate_corporate_number(wrong)


def test_session_slots_leave_out_the_break():
    session = MeetingSessionFactory.build(
        day=datetime.date(2026, 12, 8),
        starts_at=datetime.time(10),
        ends_at=datetime.time(14),
        slot_minutes=30,
        breaks="12:00-13:00",
    )
    times = [slot.strftime("%H:%M") for slot in session.slots()]
    assert times == ["10:00", "10:30", "11:00", "11:30", "13:00", "13:30"]
    assert session.slots()[0].utcoffset() == datetime.timedelta(hours=9)


def test_badly_written_breaks_are_refused():
    with pytest.raises(ValueError, match="noon"):
        parse_breaks("noon to one")
    session = MeetingSessionFactory.build(breaks="13:00-12:00")
    with pytest.raises(ValidationError, match="12:00-13:00"):
        session.clean_fields(exclude=["mission"])


def test_a_live_request_per_pair_only():
    request = MeetingRequestFactory(status=MeetingRequest.Status.REQUESTED)
    with pytest.raises(IntegrityError), transaction.atomic():
        MeetingRequestFactory(
            participant=request.participant, registration=request.registration
        )
    request.status = MeetingRequest.Status.DECLINED
    request.save()
    MeetingRequestFactory(
        participant=request.participant, registration=request.registration
    )


def test_one_confirmed_signup_per_corporate_number_and_mission():
    first = JapaneseParticipantFactory()
    JapaneseParticipantFactory(
        mission=first.mission,
        corporate_number=first.corporate_number,
        status=JapaneseParticipant.Status.UNCONFIRMED,
    )
    with pytest.raises(IntegrityError), transaction.atomic():
        JapaneseParticipantFactory(
            mission=first.mission, corporate_number=first.corporate_number
        )


def second_request_on(meeting, **sides):
    return MeetingRequestFactory(mission=meeting.request.mission, **sides)


def test_a_table_cannot_be_booked_twice_in_one_slot():
    meeting = MeetingFactory()
    other = second_request_on(meeting)
    with pytest.raises(IntegrityError), transaction.atomic():
        MeetingFactory(
            request=other,
            session=meeting.session,
            table=meeting.table,
            starts_at=meeting.starts_at,
        )


def test_a_cancelled_meeting_frees_its_table():
    meeting = MeetingFactory(cancelled=True)
    other = second_request_on(meeting)
    MeetingFactory(request=other, session=meeting.session, table=meeting.table)


def test_an_interpreter_cannot_be_in_two_meetings_at_once():
    interpreter = InterpreterFactory()
    meeting = MeetingFactory(
        request__participant__mission=interpreter.mission, interpreter=interpreter
    )
    other = second_request_on(meeting)
    with pytest.raises(IntegrityError), transaction.atomic():
        MeetingFactory(
            request=other,
            session=meeting.session,
            table=TableFactory(mission=meeting.request.mission),
            interpreter=interpreter,
        )


@pytest.mark.parametrize("side", ["participant", "registration"])
def test_a_person_cannot_be_in_two_meetings_at_once(side):
    meeting = MeetingFactory()
    other = second_request_on(meeting, **{side: getattr(meeting.request, side)})
    with pytest.raises(IntegrityError), transaction.atomic():
        MeetingFactory(
            request=other,
            session=meeting.session,
            table=TableFactory(mission=meeting.request.mission),
        )
    # The next slot is free for the same person.
    MeetingFactory(
        request=other,
        session=meeting.session,
        table=TableFactory(mission=meeting.request.mission),
        starts_at=meeting.session.slots()[1],
    )


@pytest.mark.parametrize("name", ["Asia/Tokio", "", "../etc/passwd"])
def test_a_session_time_zone_must_be_one_of_the_tz_database(name):
    with pytest.raises(ValidationError):
        validate_time_zone(name)
    validate_time_zone("Asia/Tokyo")
