"""What the meetings demo computes rather than states: each sample
participant's consent, and the first day's schedule, which the scheduler
makes from the accepted requests in meetings.toml beside this module."""

from django.utils import translation

from partners.models import Consent
from showcase.meetings import services
from showcase.meetings.forms import CONSENT_VERSION, consent_text
from showcase.meetings.models import JapaneseParticipant, Meeting, MeetingSession


def sample_consent(participant: JapaneseParticipant, row: dict, document: dict):
    if participant.consent_id:
        return
    with translation.override(participant.language):
        text = consent_text(participant.host)
    participant.consent = Consent.objects.create(
        purpose=Consent.Purpose.MEETING_SIGNUP,
        text=text,
        text_version=CONSENT_VERSION,
        language=participant.language,
        email=participant.email,
        given_at=participant.confirmed_at or participant.created_at,
        ip_address="192.0.2.20",
        user_agent="Sample data",
    )
    participant.save(update_fields=["consent"])


def schedule_day(session: MeetingSession, row: dict, document: dict):
    """The session's day moves with the day of loading: the meetings of the
    day before go, and the scheduler places the accepted requests again."""
    stale = [meeting.pk for meeting in session.meetings_outside()]
    Meeting.objects.filter(pk__in=stale).delete()
    services.schedule_host(host=session.host)


AFTER_SAVE = {JapaneseParticipant: sample_consent, MeetingSession: schedule_day}
