import pytest
from django.urls import reverse
from django.utils import translation

from partners.models import Interaction
from showcase.meetings import services
from showcase.meetings.models import Meeting
from tests.meetings.factories import MeetingFactory
from tests.missions.factories import days_from_today
from tests.partners.factories import OrganizationFactory

pytestmark = pytest.mark.django_db


def past_meeting(**fields):
    return MeetingFactory(
        request__participant__mission__starts_on=days_from_today(-3),
        request__participant__mission__ends_on=days_from_today(-1),
        request__participant__organization=OrganizationFactory(),
        **fields,
    )


def test_a_report_before_the_slot_is_refused():
    meeting = MeetingFactory()
    with pytest.raises(services.MeetingError, match="once its slot is over"):
        services.report_outcome(
            meeting=meeting, japanese=True, held=True, outcome="agreement"
        )


def test_a_held_meeting_becomes_one_interaction_with_the_better_outcome():
    meeting = past_meeting()
    services.report_outcome(
        meeting=meeting, japanese=True, held=True, outcome="samples", notes="OK"
    )
    services.report_outcome(
        meeting=meeting, japanese=False, held=True, outcome="follow_up"
    )
    meeting.refresh_from_db()
    assert meeting.held_japanese
    assert meeting.held_amur
    assert meeting.outcome == Meeting.Outcome.SAMPLES
    interaction = Interaction.objects.get()
    assert interaction.organization == meeting.participant.organization
    assert interaction.happened_on == meeting.session.day
    assert "образц" in interaction.summary  # in the staff's language


def test_a_meeting_that_did_not_take_place_makes_no_interaction():
    meeting = past_meeting()
    services.report_outcome(meeting=meeting, japanese=False, held=False, outcome="")
    assert not Interaction.objects.exists()
    rates = services.mission_rates(meeting.session.mission)
    assert rates.no_show == 1.0
    assert rates.acceptance == 1.0
    assert rates.kept == 0.0


def test_both_sides_report_on_their_pages(client):
    meeting = past_meeting()
    with translation.override("ja"):
        url = reverse(
            "meetings:participant_report",
            kwargs={"token": meeting.participant.token, "pk": meeting.pk},
        )
        page = client.get(
            reverse("meetings:participant", kwargs={"token": meeting.participant.token})
        )
    assert url in page.content.decode()
    response = client.post(
        url, {"held": "yes", "outcome": "agreement", "notes": "契約締結"}
    )
    assert response.status_code == 302
    with translation.override("ru"):
        url = reverse(
            "meetings:registrant_report",
            kwargs={"token": meeting.registration.token, "pk": meeting.pk},
        )
    client.post(url, {"held": "yes", "outcome": "", "notes": "Договор"})
    meeting.refresh_from_db()
    assert meeting.outcome == "agreement"
    summary = Interaction.objects.get().summary
    assert "Договор" in summary
    # Each side's notes are labelled in the staff's language, not the reporter's.
    assert "Японская сторона: 契約締結" in summary


def test_one_side_cannot_report_on_anothers_meeting(client):
    meeting = past_meeting()
    stranger = past_meeting()
    with translation.override("ja"):
        url = reverse(
            "meetings:participant_report",
            kwargs={"token": stranger.participant.token, "pk": meeting.pk},
        )
    assert client.post(url, {"held": "yes"}).status_code == 404
