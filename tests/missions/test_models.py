import datetime

import pytest
from django.contrib.auth.models import Group
from django.db import IntegrityError
from django.utils import timezone, translation

from missions.models import Mission, Registration, StatusChange
from tests.missions.factories import (
    MissionFactory,
    RegistrationFactory,
    days_from_today,
)
from tests.partners.factories import CompanyFactory

pytestmark = pytest.mark.django_db

Status = Registration.Status
T0 = datetime.datetime(2020, 10, 1, 9, 0, tzinfo=datetime.UTC)


def at(minutes: int) -> datetime.datetime:
    return T0 + datetime.timedelta(minutes=minutes)


def test_seats_are_counted_in_accepted_delegates():
    mission = MissionFactory(delegate_seats=10)
    RegistrationFactory(mission=mission, status=Status.ACCEPTED, delegates=3)
    RegistrationFactory(mission=mission, status=Status.ACCEPTED, delegates=2)
    RegistrationFactory(mission=mission, status=Status.WAITLISTED, delegates=3)
    RegistrationFactory(mission=mission, status=Status.SUBMITTED, delegates=1)

    assert mission.seats_taken() == 5
    assert mission.seats_left() == 5


def test_with_counts_annotates_seats_and_statuses_in_one_query(
    django_assert_num_queries,
):
    for seats in (4, 6, 8):
        mission = MissionFactory(delegate_seats=seats)
        RegistrationFactory(mission=mission, status=Status.ACCEPTED, delegates=2)
        RegistrationFactory(mission=mission, status=Status.ACCEPTED, delegates=1)
        RegistrationFactory(mission=mission, status=Status.WAITLISTED, delegates=3)
    empty = MissionFactory(delegate_seats=5)

    with django_assert_num_queries(1):
        missions = {m.pk: m for m in Mission.objects.with_counts()}
        rows = [
            (m.seats_taken(), m.seats_left(), m.count_accepted, m.count_waitlisted)
            for m in missions.values()
        ]

    assert sorted(rows) == [(0, 5, 0, 0), (3, 1, 2, 1), (3, 3, 2, 1), (3, 5, 2, 1)]
    assert missions[empty.pk].count_submitted == 0


def test_seats_taken_by_subquery_agree_with_the_full_counts():
    for seats, accepted in ((4, [2, 1]), (6, []), (8, [5])):
        mission = MissionFactory(delegate_seats=seats)
        for delegates in accepted:
            RegistrationFactory(
                mission=mission, status=Status.ACCEPTED, delegates=delegates
            )
        RegistrationFactory(mission=mission, status=Status.WAITLISTED, delegates=3)

    counted = {m.pk: m.seats_left() for m in Mission.objects.with_counts()}
    summed = {m.pk: m.seats_left() for m in Mission.objects.with_seats_taken()}

    assert summed == counted
    assert sorted(summed.values()) == [1, 3, 6]


def test_waitlist_position_follows_confirmation_order():
    mission = MissionFactory()
    third = RegistrationFactory(
        mission=mission, status=Status.WAITLISTED, confirmed_at=at(3)
    )
    first = RegistrationFactory(
        mission=mission, status=Status.WAITLISTED, confirmed_at=at(1)
    )
    second = RegistrationFactory(
        mission=mission, status=Status.WAITLISTED, confirmed_at=at(2)
    )
    accepted = RegistrationFactory(
        mission=mission, status=Status.ACCEPTED, confirmed_at=at(0)
    )
    elsewhere = RegistrationFactory(status=Status.WAITLISTED, confirmed_at=at(0))

    assert [r.waitlist_position for r in (first, second, third)] == [1, 2, 3]
    assert accepted.waitlist_position is None
    assert elsewhere.waitlist_position == 1


def running(days_since_start: int, **extra):
    """A five-day mission that started so many days ago (negative: ahead)."""
    starts_on = days_from_today(-days_since_start)
    return MissionFactory(
        starts_on=starts_on, ends_on=starts_on + datetime.timedelta(days=4), **extra
    )


@pytest.mark.parametrize(
    ("days_since_start", "cancelled", "phase"),
    [
        (-30, False, Mission.Status.PLANNED),
        (0, False, Mission.Status.IN_PROGRESS),
        (4, False, Mission.Status.IN_PROGRESS),
        (5, False, Mission.Status.COMPLETED),
        (-30, True, Mission.Status.CANCELLED),
        (400, True, Mission.Status.CANCELLED),
    ],
)
def test_a_missions_status_follows_its_dates(days_since_start, cancelled, phase):
    mission = running(days_since_start, cancelled=cancelled)

    assert mission.status == phase
    assert Mission.objects.filter(pk=mission.pk).upcoming().exists() is (
        phase == Mission.Status.PLANNED
    )
    assert Mission.objects.filter(pk=mission.pk).completed().exists() is (
        phase == Mission.Status.COMPLETED
    )


@pytest.mark.parametrize("days_since_start", [0, 2, 10])
def test_a_mission_that_has_started_takes_no_registrations(days_since_start):
    mission = running(days_since_start, registration_open=True)

    assert mission.is_registration_open is False
    assert not Mission.objects.open_for_registration().filter(pk=mission.pk).exists()


def test_an_upcoming_open_mission_takes_registrations_until_its_deadline():
    open_mission = running(-30, registration_open=True)
    past_deadline = running(
        -30,
        registration_open=True,
        registration_deadline=timezone.now() - datetime.timedelta(minutes=1),
    )
    cancelled = running(-30, registration_open=True, cancelled=True)

    assert open_mission.is_registration_open
    assert not past_deadline.is_registration_open
    assert not cancelled.is_registration_open
    assert list(Mission.objects.open_for_registration()) == [open_mission]


@pytest.mark.parametrize(
    ("status", "days_since_start", "cancelled", "expected"),
    [
        (Status.SUBMITTED, -30, False, True),
        (Status.ACCEPTED, -30, False, True),
        (Status.HELD, -30, False, True),
        (Status.WAITLISTED, 1, False, True),
        (Status.UNCONFIRMED, -30, False, False),
        (Status.DECLINED, -30, False, False),
        (Status.WITHDRAWN, -30, False, False),
        (Status.ACCEPTED, 10, False, False),
        (Status.ACCEPTED, -30, True, False),
    ],
)
def test_can_withdraw_only_an_active_registration_of_a_running_mission(
    status, days_since_start, cancelled, expected
):
    registration = RegistrationFactory(
        status=status, mission=running(days_since_start, cancelled=cancelled)
    )

    assert registration.can_withdraw is expected


@pytest.mark.parametrize(
    ("status", "days_since_start", "expected"),
    [
        (Status.SUBMITTED, -30, True),
        (Status.ACCEPTED, -30, True),
        (Status.WAITLISTED, -30, True),
        (Status.HELD, -30, True),
        (Status.UNCONFIRMED, -30, False),
        (Status.WITHDRAWN, -30, False),
        (Status.ACCEPTED, 1, False),
    ],
)
def test_registrant_may_correct_an_active_registration_while_registration_is_open(
    status, days_since_start, expected
):
    registration = RegistrationFactory(
        status=status, mission=running(days_since_start, registration_open=True)
    )

    assert registration.can_edit is expected


def test_the_database_lets_only_one_registration_of_a_company_hold_seats():
    accepted = RegistrationFactory(status=Status.ACCEPTED)
    same = {"mission": accepted.mission, "company": accepted.company}
    RegistrationFactory(status=Status.SUBMITTED, **same)
    RegistrationFactory(status=Status.WAITLISTED, **same)

    with pytest.raises(IntegrityError):
        RegistrationFactory(status=Status.ACCEPTED, **same)


def test_the_database_keeps_one_pending_registration_per_sender():
    pending = RegistrationFactory(
        status=Status.UNCONFIRMED, company=None, confirmed_at=None
    )
    # Another sender, or the same sender once confirmed, is another row.
    RegistrationFactory(
        status=Status.UNCONFIRMED,
        company=None,
        mission=pending.mission,
        inn=pending.inn,
        email="someone-else@example.ru",
    )

    with pytest.raises(IntegrityError):
        RegistrationFactory(
            status=Status.UNCONFIRMED,
            company=None,
            mission=pending.mission,
            inn=pending.inn,
            email=pending.email,
        )


def test_a_confirmed_registration_always_has_its_company():
    with pytest.raises(IntegrityError):
        RegistrationFactory(status=Status.SUBMITTED, company=None)


def test_competitors_are_the_other_active_registrations_of_the_company():
    first = RegistrationFactory(status=Status.ACCEPTED)
    same = {"mission": first.mission, "company": first.company}
    second = RegistrationFactory(status=Status.SUBMITTED, **same)
    RegistrationFactory(status=Status.DECLINED, **same)
    RegistrationFactory(status=Status.SUBMITTED, company=first.company)
    alone = RegistrationFactory(mission=first.mission)

    annotated = {r.pk: r.competitors for r in Registration.objects.with_competitors()}

    assert list(Registration.objects.competitors_of(first)) == [second]
    assert annotated[first.pk] == annotated[second.pk] == 1
    assert annotated[alone.pk] == 0


@pytest.mark.parametrize(
    ("status", "expected"),
    [
        (Status.SUBMITTED, "submitted → accepted"),
        (Status.UNCONFIRMED, "awaiting email confirmation → accepted"),
    ],
)
def test_a_history_step_reads_as_words(status, expected):
    registration = RegistrationFactory()
    with translation.override("en"):
        step = StatusChange(
            registration=registration, from_status=status, to_status=Status.ACCEPTED
        )
        assert str(step) == expected
    with translation.override("ru"):
        assert "accepted" not in str(step)
        assert "→" in str(step)


def test_a_details_step_reads_as_what_happened():
    step = StatusChange(kind=StatusChange.Kind.DETAILS, to_status=Status.ACCEPTED)

    with translation.override("en"):
        assert str(step) == "details changed"


def test_same_company_may_register_for_another_mission():
    company = CompanyFactory()
    RegistrationFactory(company=company)

    RegistrationFactory(company=company)

    assert company.registrations.count() == 2


def test_staff_groups_get_missions_permissions():
    def codenames(group_name):
        group = Group.objects.get(name=group_name)
        return set(
            group.permissions.filter(content_type__app_label="missions").values_list(
                "codename", flat=True
            )
        )

    manager = codenames("Agency manager")
    coordinator = codenames("Mission coordinator")
    editor = codenames("Content editor")

    assert {
        "export_registration",
        "change_statuschange",
        "manage_admission",
        "view_deletedregistration",
    } <= manager
    # Registrations end through decline or withdrawal; deletion is for
    # superusers only.
    assert "delete_registration" not in manager | coordinator
    assert {
        "add_mission",
        "change_registration",
        "export_registration",
        "delete_programmeitem",
        "view_statuschange",
        "manage_admission",
    } <= coordinator
    assert "change_statuschange" not in coordinator
    assert editor == {
        "change_mission",
        "view_mission",
        "add_programmeitem",
        "change_programmeitem",
        "delete_programmeitem",
        "view_programmeitem",
    }
