"""The staff roles run the meetings of their own work: a mission coordinator
those of missions, an exhibition coordinator those of pavilions, the agency
manager both; the others none. Which rows each sees follows the applications
the role may read, so no coordinator meets the other's applicants here."""

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.urls import reverse
from django.utils import translation

from tests.meetings.factories import MeetingFactory, PavilionMeetingFactory

pytestmark = pytest.mark.django_db

LISTS = [
    "meetingsession",
    "table",
    "meeting",
    "meetingrequest",
    "japaneseparticipant",
]


@pytest.fixture(autouse=True)
def english(settings):
    settings.LANGUAGE_CODE = "en"
    with translation.override("en"):
        yield


@pytest.fixture
def as_role(client):
    def log_in(role: str):
        user = get_user_model().objects.create_user(
            role.lower().replace(" ", "-"), is_staff=True
        )
        user.groups.add(Group.objects.get(name=role))
        client.force_login(user)
        return client

    return log_in


@pytest.fixture
def both():
    """A mission's meeting and a pavilion's, told apart by their tables."""
    mission = MeetingFactory(table__name="Mission table M-1")
    pavilion = PavilionMeetingFactory(table__name="Pavilion stand P-1")
    return mission, pavilion


def changelist(client, model: str):
    return client.get(reverse(f"admin:meetings_{model}_changelist"))


@pytest.mark.parametrize(
    ("role", "sees", "does_not_see"),
    [
        ("Mission coordinator", "Mission table M-1", "Pavilion stand P-1"),
        ("Exhibition coordinator", "Pavilion stand P-1", "Mission table M-1"),
    ],
)
def test_a_coordinator_runs_the_meetings_of_their_own_work(
    as_role, both, role, sees, does_not_see
):
    client = as_role(role)

    for model in LISTS:
        assert changelist(client, model).status_code == 200, model
    tables = changelist(client, "table").text
    meetings = changelist(client, "meeting").text

    assert sees in tables
    assert sees in meetings
    assert does_not_see not in tables
    assert does_not_see not in meetings


def test_a_coordinator_is_not_offered_a_filter_by_the_other_kind_of_host(as_role, both):
    _mission_meeting, pavilion_meeting = both
    client = as_role("Mission coordinator")

    for model in LISTS:
        html = changelist(client, model).text
        assert "exhibition__id__exact" not in html, model
        assert str(pavilion_meeting.session.exhibition.name) not in html, model


def test_a_coordinator_cannot_open_the_other_hosts_meeting(as_role, both):
    _mission_meeting, pavilion_meeting = both
    client = as_role("Mission coordinator")

    response = client.get(
        reverse("admin:meetings_meeting_change", args=[pavilion_meeting.pk])
    )

    # Django answers a row outside the staff member's list by sending them
    # back to the start page with a message, never with the row.
    assert response.status_code == 302
    assert "Pavilion stand P-1" not in response.text


def test_a_mission_coordinator_is_offered_no_exhibition_for_a_session(as_role, both):
    _mission_meeting, pavilion_meeting = both
    client = as_role("Mission coordinator")

    html = client.get(reverse("admin:meetings_meetingsession_add")).text

    assert str(pavilion_meeting.session.exhibition.name) not in html


def test_the_agency_manager_sees_both(as_role, both):
    client = as_role("Agency manager")

    tables = changelist(client, "table").text

    assert "Mission table M-1" in tables
    assert "Pavilion stand P-1" in tables


@pytest.mark.parametrize("role", ["Content editor", "District coordinator"])
def test_roles_without_applications_have_no_meetings(as_role, both, role):
    client = as_role(role)

    for model in LISTS:
        assert changelist(client, model).status_code == 403, model


def test_the_roles_get_their_meetings_back_after_the_tables_are_emptied():
    """A transactional test empties every table; the data migrations run
    again before the next test, the meetings' rights included."""
    from tests.conftest import reload_data_migrations

    Group.objects.all().delete()

    reload_data_migrations()

    for role in ("Agency manager", "Mission coordinator", "Exhibition coordinator"):
        rights = Group.objects.get(name=role).permissions
        assert rights.filter(content_type__app_label="meetings").exists(), role
