"""Capacity under concurrent requests: real threads, one database connection
each, released together by a barrier. Meaningful on PostgreSQL only, where the
mission row lock serialises the seat counting."""

import contextlib
import datetime
import threading

import pytest
from django.core import mail
from django.db import connection

from amur_invest.outbox.models import OutgoingEmail
from missions import services
from missions.models import Mission, Registration
from partners.applications.confirmation import confirmation_signature
from partners.applications.errors import TooManyEmails
from partners.models import Company, Consent
from tests.missions.factories import MissionFactory, submission
from tests.partners.factories import inn_with_check_digit

pytestmark = [
    pytest.mark.skipif(
        connection.vendor != "postgresql",
        reason="row locks are only meaningful on PostgreSQL (CI runs it)",
    ),
    # serialized_rollback brings back the reference data (prefectures,
    # districts, groups) that the flush after a transactional test removes.
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

Status = Registration.Status
# Well under PostgreSQL's default max_connections (100), which other test
# runs on the same server share.
WORKERS = 20
DEMAND = 200
CAPACITIES = [0, 1, 20, 200]
T0 = datetime.datetime(2020, 10, 1, 9, 0, tzinfo=datetime.UTC)


def run_together(action, items, workers=WORKERS) -> list[BaseException]:
    """Run action(item) for every item from `workers` threads that start at
    the same moment; return the errors raised."""
    chunks = [items[index::workers] for index in range(workers)]
    barrier = threading.Barrier(len(chunks))
    errors = []

    def work(chunk):
        try:
            barrier.wait()
            for item in chunk:
                action(item)
        except BaseException as error:
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=work, args=(chunk,)) for chunk in chunks]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert not any(thread.is_alive() for thread in threads), "a worker hung"
    return errors


def registrations_for(mission, *, status, delegates=(1,), count=DEMAND, first=0):
    companies = Company.objects.bulk_create(
        Company(
            inn=inn_with_check_digit(700_000 + index),
            slug=f"load-{index}",
            name_ru=f"ООО «Нагрузка {index}»",
        )
        for index in range(first, first + count)
    )
    return Registration.objects.bulk_create(
        Registration(
            mission=mission,
            company=None if status == Status.UNCONFIRMED else company,
            inn=company.inn,
            company_name=company.name_ru,
            contact_name=f"Делегат {index}",
            email=f"delegate{index}@example.ru",
            delegates=delegates[index % len(delegates)],
            status=status,
        )
        for index, company in enumerate(companies)
    )


def in_confirmation_order(mission):
    return list(
        Registration.objects.filter(mission=mission).order_by("confirmed_at", "pk")
    )


def assert_waiting_list_in_order(mission):
    waiting = [r for r in in_confirmation_order(mission) if r.status == "waitlisted"]
    assert [r.waitlist_position for r in waiting] == list(range(1, len(waiting) + 1))


@pytest.mark.parametrize("capacity", CAPACITIES)
def test_concurrent_confirmations_in_first_come_never_oversell(capacity):
    mission = MissionFactory(
        delegate_seats=capacity, admission_mode=Mission.AdmissionMode.FIRST_COME
    )
    registrations = registrations_for(mission, status=Status.UNCONFIRMED)
    links = [confirmation_signature(r) for r in registrations]

    errors = run_together(
        lambda signed: services.confirm_registration(signed=signed), links
    )

    assert errors == []
    ordered = in_confirmation_order(mission)
    assert len(ordered) == DEMAND
    expected_accepted = min(capacity, DEMAND)
    # The first `capacity` confirmations took the seats, the rest wait.
    assert [r.status for r in ordered] == (
        [Status.ACCEPTED] * expected_accepted
        + [Status.WAITLISTED] * (DEMAND - expected_accepted)
    )
    assert mission.seats_taken() == expected_accepted
    assert all(r.confirmed_at is not None for r in ordered)
    assert_waiting_list_in_order(mission)
    assert len(mail.outbox) == DEMAND


def test_concurrent_confirmations_with_several_delegates_each_never_oversell():
    mission = MissionFactory(
        delegate_seats=20, admission_mode=Mission.AdmissionMode.FIRST_COME
    )
    registrations = registrations_for(
        mission, status=Status.UNCONFIRMED, delegates=(1, 2, 3)
    )
    links = [confirmation_signature(r) for r in registrations]

    errors = run_together(
        lambda signed: services.confirm_registration(signed=signed), links
    )

    assert errors == []
    seats_left = mission.delegate_seats - mission.seats_taken()
    assert seats_left >= 0
    waiting = Registration.objects.filter(mission=mission, status=Status.WAITLISTED)
    # Nobody was sent to the waiting list while their delegates still fitted.
    assert all(r.delegates > seats_left for r in waiting)
    assert (
        waiting.count() + mission.registrations.filter(status=Status.ACCEPTED).count()
        == DEMAND
    )


@pytest.mark.parametrize("capacity", CAPACITIES)
def test_concurrent_staff_acceptances_in_review_never_oversell(capacity):
    mission = MissionFactory(
        delegate_seats=capacity, admission_mode=Mission.AdmissionMode.REVIEW
    )
    registrations = registrations_for(mission, status=Status.SUBMITTED)

    errors = run_together(
        lambda registration: services.accept_registrations(
            registrations=[registration], by=None
        ),
        registrations,
    )

    assert errors == []
    expected_accepted = min(capacity, DEMAND)
    statuses = list(
        Registration.objects.filter(mission=mission).values_list("status", flat=True)
    )
    assert len(statuses) == DEMAND
    assert statuses.count(Status.ACCEPTED) == expected_accepted
    assert statuses.count(Status.WAITLISTED) == DEMAND - expected_accepted
    assert mission.seats_taken() == expected_accepted


def test_concurrent_withdrawals_promote_exactly_the_freed_seats():
    mission = MissionFactory(delegate_seats=20)
    accepted = registrations_for(mission, status=Status.ACCEPTED, count=20)
    waiting = registrations_for(mission, status=Status.WAITLISTED, count=40, first=100)
    for minute, registration in enumerate(waiting):
        registration.confirmed_at = T0 + datetime.timedelta(minutes=minute)
    Registration.objects.bulk_update(waiting, ["confirmed_at"])

    errors = run_together(
        lambda registration: services.withdraw_registration(registration=registration),
        accepted,
    )

    assert errors == []
    assert mission.seats_taken() == 20
    promoted = Registration.objects.filter(
        pk__in=[r.pk for r in waiting], status=Status.ACCEPTED
    )
    # The first twenty on the list, in order, and nobody else.
    assert set(promoted.values_list("pk", flat=True)) == {r.pk for r in waiting[:20]}


def test_the_same_submission_ten_times_at_once_keeps_one_registration_in_budget(
    settings,
):
    """Holds the pending registration's uniqueness and the address's lock in
    amur_invest.outbox.mail.check_budget: without it, all ten posts count
    the emails before any is kept, and all ten are sent."""
    settings.APPLICATIONS_EMAILS_PER_ADDRESS_PER_HOUR = 3
    mission = MissionFactory()
    data = submission(mission, email="once@example.ru")
    outcomes, refused = [], []

    def submit(_attempt):
        try:
            outcomes.append(services.submit_registration(**data).pk)
        except TooManyEmails:
            refused.append(_attempt)

    errors = run_together(submit, list(range(10)), workers=10)

    assert errors == []
    assert (len(outcomes), len(set(outcomes)), len(refused)) == (3, 1, 7)
    assert Registration.objects.filter(mission=mission).count() == 1
    # Nothing permanent until the address is confirmed.
    assert not Company.objects.filter(inn=data["company"]["inn"]).exists()
    assert Consent.objects.count() == 1
    kinds = list(OutgoingEmail.objects.values_list("kind", flat=True))
    assert kinds == ["confirm"] * 3


def test_posts_to_one_address_at_once_from_many_companies_stay_in_budget(settings):
    """Holds the address's lock in amur_invest.outbox.mail.check_budget."""
    settings.APPLICATIONS_EMAILS_PER_ADDRESS_PER_HOUR = 5
    mission = MissionFactory()
    posts = [
        submission(mission, inn=inn_with_check_digit(810_000 + n), email="v@x.ru")
        for n in range(20)
    ]
    refused = []

    def submit(data):
        try:
            services.submit_registration(**data)
        except TooManyEmails:
            refused.append(data)

    errors = run_together(submit, posts, workers=WORKERS)

    assert errors == []
    assert len(refused) == 15
    assert OutgoingEmail.objects.filter(recipient="v@x.ru").count() == 5


def same_company_registrations(mission, *, status, count=10):
    company = Company.objects.create(
        inn=inn_with_check_digit(800_001), slug="contested", name_ru="ООО «Спорная»"
    )
    return Registration.objects.bulk_create(
        Registration(
            mission=mission,
            company=None if status == Status.UNCONFIRMED else company,
            inn=company.inn,
            company_name=company.name_ru,
            contact_name=f"Отправитель {index}",
            email=f"sender{index}@example.ru",
            status=status,
            confirmed_at=None if status == Status.UNCONFIRMED else T0,
        )
        for index in range(count)
    )


def test_competing_confirmations_at_once_give_the_company_seats_once():
    mission = MissionFactory(
        delegate_seats=50, admission_mode=Mission.AdmissionMode.FIRST_COME
    )
    registrations = same_company_registrations(mission, status=Status.UNCONFIRMED)
    links = [confirmation_signature(r) for r in registrations]

    errors = run_together(
        lambda signed: services.confirm_registration(signed=signed), links, workers=10
    )

    assert errors == []
    statuses = sorted(
        Registration.objects.filter(mission=mission).values_list("status", flat=True)
    )
    assert statuses == [Status.ACCEPTED] + [Status.SUBMITTED] * 9
    assert Company.objects.filter(inn=inn_with_check_digit(800_001)).count() == 1


def test_staff_accepting_competing_registrations_at_once_accept_one():
    mission = MissionFactory(delegate_seats=50)
    registrations = same_company_registrations(mission, status=Status.SUBMITTED)

    errors = run_together(
        lambda registration: services.accept_registrations(
            registrations=[registration], by=None
        ),
        registrations,
        workers=10,
    )

    assert errors == []
    accepted = Registration.objects.filter(mission=mission, status=Status.ACCEPTED)
    assert accepted.count() == 1


def test_concurrent_corrections_with_more_delegates_never_oversell():
    mission = MissionFactory(delegate_seats=25, max_delegates_per_company=3)
    registrations = registrations_for(mission, status=Status.ACCEPTED, count=20)
    refused = []

    def add_delegates(registration):
        changes = {
            name: getattr(registration, name) for name in services.CHANGEABLE_FIELDS
        }
        try:
            services.change_registration(
                registration=registration, changes={**changes, "delegates": 3}
            )
        except services.NotEnoughSeats:
            refused.append(registration.pk)

    errors = run_together(add_delegates, registrations)

    assert errors == []
    assert mission.seats_taken() <= mission.delegate_seats
    # 5 free seats: two registrations grew by two, the rest were refused.
    assert mission.seats_taken() == 24
    assert len(refused) == 18


def test_fewer_seats_and_acceptances_at_once_never_leave_more_delegates_than_seats():
    mission = MissionFactory(delegate_seats=40)
    registrations = registrations_for(mission, status=Status.SUBMITTED, count=30)

    def act(item):
        if item is None:
            fresh = Mission.objects.get(pk=mission.pk)
            fresh.delegate_seats = 10
            # Refused when the acceptances came first: that is the point.
            with contextlib.suppress(services.SeatsBelowAccepted):
                services.save_mission(mission=fresh)
        else:
            services.accept_registrations(registrations=[item], by=None)

    errors = run_together(act, [None, *registrations], workers=11)

    assert errors == []
    mission.refresh_from_db()
    assert mission.seats_taken() <= mission.delegate_seats
