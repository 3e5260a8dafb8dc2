import datetime

import pytest
from django.contrib.auth.models import Group
from django.db import IntegrityError

from missions.models import Mission, Registration
from tests.missions.factories import MissionFactory, RegistrationFactory
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


@pytest.mark.parametrize(
    ("status", "mission_status", "expected"),
    [
        (Status.SUBMITTED, Mission.Status.PLANNED, True),
        (Status.ACCEPTED, Mission.Status.PLANNED, True),
        (Status.WAITLISTED, Mission.Status.IN_PROGRESS, True),
        (Status.UNCONFIRMED, Mission.Status.PLANNED, False),
        (Status.DECLINED, Mission.Status.PLANNED, False),
        (Status.WITHDRAWN, Mission.Status.PLANNED, False),
        (Status.ACCEPTED, Mission.Status.COMPLETED, False),
        (Status.ACCEPTED, Mission.Status.CANCELLED, False),
    ],
)
def test_can_withdraw_only_an_active_registration_of_a_running_mission(
    status, mission_status, expected
):
    registration = RegistrationFactory(
        status=status, mission=MissionFactory(status=mission_status)
    )

    assert registration.can_withdraw is expected


def test_one_registration_per_company_and_mission_is_enforced_by_the_database():
    registration = RegistrationFactory()

    with pytest.raises(IntegrityError):
        RegistrationFactory(mission=registration.mission, company=registration.company)


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

    assert {"delete_registration", "export_registration", "change_statuschange"} <= (
        manager
    )
    assert {
        "add_mission",
        "change_registration",
        "export_registration",
        "delete_programmeitem",
        "view_statuschange",
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
