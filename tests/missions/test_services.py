import datetime
import functools

import pytest
from django.contrib.auth import get_user_model
from django.core import mail
from django.utils import timezone, translation

from missions import services
from missions.models import Mission, OutgoingEmail, Registration, StatusChange
from partners.models import Company, Consent
from tests.missions.factories import MissionFactory, RegistrationFactory, submission
from tests.partners.factories import (
    CompanyFactory,
    DistrictFactory,
    SectorFactory,
    inn_with_check_digit,
)

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def english():
    """These tests read messages in English, the language of the msgids; the
    site's default language is Russian."""
    with translation.override("en"):
        yield


Status = Registration.Status
INN = inn_with_check_digit(990_001)
T0 = datetime.datetime(2020, 10, 1, 9, 0, tzinfo=datetime.UTC)


def confirmed(minutes: int) -> datetime.datetime:
    return T0 + datetime.timedelta(minutes=minutes)


@pytest.fixture
def staff():
    return get_user_model().objects.create_user("coordinator", password="x")


@pytest.fixture
def committed(django_capture_on_commit_callbacks):
    """`with committed():` runs, at its end, the mail tasks that the services
    enqueue after the commit (the test transaction itself never commits)."""
    return functools.partial(django_capture_on_commit_callbacks, execute=True)


def statuses(*registrations):
    return [Registration.objects.get(pk=r.pk).status for r in registrations]


# Submission ------------------------------------------------------------------


def test_submission_creates_unconfirmed_registration_company_and_consent():
    mission = MissionFactory()
    district = DistrictFactory()
    honey = SectorFactory(slug="test-honey")

    registration = services.submit_registration(
        **submission(
            mission,
            inn=f"{INN[:4]} {INN[4:8]} {INN[8:]}",
            district=district,
            sectors=[honey],
        )
    )

    assert registration.status == Status.UNCONFIRMED
    assert registration.confirmed_at is None
    company = registration.company
    assert company.inn == INN
    assert company.name_ru.startswith("ООО «Зейский мёд")
    assert company.district == district
    assert list(company.sectors.all()) == [honey]
    assert company.is_published is False
    consent = registration.consent
    assert consent.purpose == Consent.Purpose.MISSION_REGISTRATION
    assert consent.text_version == "2020-1"
    assert consent.ip_address == "203.0.113.7"
    assert consent.email == registration.email
    assert consent.text_hash


def test_existing_company_is_matched_by_inn_and_not_changed():
    company = CompanyFactory(inn=INN, name_ru="ООО «Амурский мёд»")
    mission = MissionFactory()

    registration = services.submit_registration(**submission(mission, inn=INN))

    assert registration.company == company
    assert Company.objects.filter(inn=INN).count() == 1
    company.refresh_from_db()
    assert company.name_ru == "ООО «Амурский мёд»"


def test_unconfirmed_registration_holds_no_seat():
    mission = MissionFactory(delegate_seats=2)

    services.submit_registration(**submission(mission, delegates=2))

    assert mission.seats_left() == 2


def test_submission_is_refused_when_registration_is_closed():
    mission = MissionFactory(registration_open=False)

    with pytest.raises(services.RegistrationClosed):
        services.submit_registration(**submission(mission))
    assert not Registration.objects.exists()


def test_submission_is_refused_after_the_deadline():
    mission = MissionFactory(
        registration_deadline=timezone.now() - datetime.timedelta(minutes=1)
    )

    with pytest.raises(services.RegistrationClosed):
        services.submit_registration(**submission(mission))


def test_submission_is_refused_for_a_completed_mission():
    mission = MissionFactory(status=Mission.Status.COMPLETED)

    with pytest.raises(services.RegistrationClosed):
        services.submit_registration(**submission(mission))


def test_submission_with_too_many_delegates_is_refused_with_the_limit():
    mission = MissionFactory(max_delegates_per_company=3)

    with pytest.raises(services.TooManyDelegates, match="3"):
        services.submit_registration(**submission(mission, delegates=4))
    assert not Registration.objects.exists()


def test_submission_with_a_bad_inn_is_refused():
    mission = MissionFactory()

    with pytest.raises(services.RegistrationError, match="INN"):
        services.submit_registration(
            **submission(mission, inn=INN[:-1] + str((int(INN[-1]) + 1) % 10))
        )
    assert not Company.objects.exists()


def test_second_registration_of_same_company_is_refused_and_emails_the_first_address(
    committed,
):
    mission = MissionFactory()
    first = services.submit_registration(
        **submission(mission, inn=INN, email="first@example.ru")
    )

    with committed(), pytest.raises(services.AlreadyRegistered):
        services.submit_registration(
            **submission(mission, inn=INN, email="intruder@example.ru")
        )

    assert Registration.objects.count() == 1
    assert Consent.objects.count() == 1
    assert [message.to for message in mail.outbox] == [["first@example.ru"]]
    assert first.token in mail.outbox[0].body


# Confirmation ----------------------------------------------------------------


def test_confirmation_in_review_mode_submits_and_records_the_time():
    mission = MissionFactory(admission_mode=Mission.AdmissionMode.REVIEW)
    registration = services.submit_registration(**submission(mission))

    confirmed_registration = services.confirm_registration(
        signed=services.confirmation_signature(registration)
    )

    assert confirmed_registration.status == Status.SUBMITTED
    assert confirmed_registration.confirmed_at is not None
    assert mission.seats_taken() == 0


def test_first_come_confirmation_accepts_while_delegates_fit_then_waitlists():
    mission = MissionFactory(
        admission_mode=Mission.AdmissionMode.FIRST_COME, delegate_seats=5
    )
    sizes = [2, 2, 2, 1]
    registrations = [
        services.submit_registration(**submission(mission, delegates=size))
        for size in sizes
    ]

    for registration in registrations:
        services.confirm_registration(
            signed=services.confirmation_signature(registration)
        )

    # 2 + 2 taken, the third (2) does not fit the one seat left, the fourth does.
    assert statuses(*registrations) == [
        Status.ACCEPTED,
        Status.ACCEPTED,
        Status.WAITLISTED,
        Status.ACCEPTED,
    ]
    assert mission.seats_taken() == 5


def test_confirming_twice_changes_nothing():
    mission = MissionFactory()
    registration = services.submit_registration(**submission(mission))
    signed = services.confirmation_signature(registration)
    services.confirm_registration(signed=signed)

    again = services.confirm_registration(signed=signed)

    assert again.status == Status.SUBMITTED
    assert registration.status_changes.filter(to_status=Status.SUBMITTED).count() == 1


def test_forged_confirmation_link_is_refused():
    mission = MissionFactory()
    registration = services.submit_registration(**submission(mission))
    signed = services.confirmation_signature(registration)

    with pytest.raises(services.InvalidLink):
        services.confirm_registration(signed=signed[:-2] + "xx")
    with pytest.raises(services.InvalidLink):
        services.confirm_registration(signed="not-a-signature")


def test_link_of_a_deleted_registration_is_invalid():
    mission = MissionFactory()
    registration = services.submit_registration(**submission(mission))
    signed = services.confirmation_signature(registration)
    registration.status_changes.all().delete()
    registration.delete()

    with pytest.raises(services.InvalidLink):
        services.confirm_registration(signed=signed)


# Staff decisions -------------------------------------------------------------


def test_accepting_in_review_mode_follows_confirmation_order_and_waitlists_the_rest(
    staff,
):
    mission = MissionFactory(delegate_seats=4)
    late = RegistrationFactory(mission=mission, delegates=2, confirmed_at=confirmed(3))
    early = RegistrationFactory(mission=mission, delegates=2, confirmed_at=confirmed(1))
    middle = RegistrationFactory(
        mission=mission, delegates=2, confirmed_at=confirmed(2)
    )

    result = services.accept_registrations(
        registrations=Registration.objects.filter(mission=mission), by=staff
    )

    assert result.accepted == [early, middle]
    assert result.waitlisted == [late]
    assert statuses(early, middle, late) == [
        Status.ACCEPTED,
        Status.ACCEPTED,
        Status.WAITLISTED,
    ]
    assert mission.seats_taken() == 4


def test_accepting_skips_registrations_that_cannot_be_accepted(staff):
    mission = MissionFactory(delegate_seats=10)
    unconfirmed = RegistrationFactory(
        mission=mission, status=Status.UNCONFIRMED, confirmed_at=None
    )
    declined = RegistrationFactory(mission=mission, status=Status.DECLINED)
    accepted = RegistrationFactory(mission=mission, status=Status.ACCEPTED)

    result = services.accept_registrations(
        registrations=[unconfirmed, declined, accepted], by=staff
    )

    assert result.accepted == []
    assert {r.pk for r in result.skipped} == {unconfirmed.pk, declined.pk, accepted.pk}
    assert statuses(unconfirmed, declined) == [Status.UNCONFIRMED, Status.DECLINED]


def test_accepting_a_waitlisted_registration_when_a_seat_is_free(staff):
    mission = MissionFactory(delegate_seats=1)
    waiting = RegistrationFactory(mission=mission, status=Status.WAITLISTED)

    result = services.accept_registrations(registrations=[waiting], by=staff)

    assert result.accepted == [waiting]
    assert statuses(waiting) == [Status.ACCEPTED]


def test_accepting_never_exceeds_capacity_with_seats_already_taken(staff):
    mission = MissionFactory(delegate_seats=3)
    RegistrationFactory(mission=mission, status=Status.ACCEPTED, delegates=3)
    newcomer = RegistrationFactory(mission=mission, delegates=1)

    result = services.accept_registrations(registrations=[newcomer], by=staff)

    assert result.waitlisted == [newcomer]
    assert mission.seats_taken() == 3


def test_waitlisting_a_submitted_registration(staff):
    registration = RegistrationFactory()

    services.waitlist_registration(registration=registration, by=staff, reason="Later")

    assert registration.status == Status.WAITLISTED
    change = registration.status_changes.get()
    assert (change.from_status, change.to_status) == (
        Status.SUBMITTED,
        Status.WAITLISTED,
    )
    assert change.changed_by == staff
    assert change.reason == "Later"


@pytest.mark.parametrize(
    "status", [Status.UNCONFIRMED, Status.ACCEPTED, Status.DECLINED, Status.WITHDRAWN]
)
def test_only_a_submitted_registration_can_be_waitlisted(staff, status):
    registration = RegistrationFactory(status=status)

    with pytest.raises(services.RegistrationError, match="waiting list"):
        services.waitlist_registration(registration=registration, by=staff)
    assert statuses(registration) == [status]


@pytest.mark.parametrize(
    "status", [Status.SUBMITTED, Status.WAITLISTED, Status.ACCEPTED]
)
def test_an_active_registration_can_be_declined(staff, status):
    registration = RegistrationFactory(status=status)

    services.decline_registration(registration=registration, by=staff, reason="Full")

    assert statuses(registration) == [Status.DECLINED]


@pytest.mark.parametrize(
    "status", [Status.UNCONFIRMED, Status.DECLINED, Status.WITHDRAWN]
)
def test_an_ended_or_unconfirmed_registration_cannot_be_declined_or_withdrawn(
    staff, status
):
    registration = RegistrationFactory(status=status)

    with pytest.raises(services.RegistrationError):
        services.decline_registration(registration=registration, by=staff)
    with pytest.raises(services.RegistrationError):
        services.withdraw_registration(registration=registration)
    assert statuses(registration) == [status]


def test_declining_an_accepted_registration_promotes_the_first_waitlisted_that_fits(
    staff, committed
):
    mission = MissionFactory(delegate_seats=3)
    accepted = RegistrationFactory(mission=mission, status=Status.ACCEPTED, delegates=2)
    RegistrationFactory(mission=mission, status=Status.ACCEPTED, delegates=1)
    too_big = RegistrationFactory(
        mission=mission,
        status=Status.WAITLISTED,
        delegates=3,
        confirmed_at=confirmed(1),
    )
    fits = RegistrationFactory(
        mission=mission,
        status=Status.WAITLISTED,
        delegates=2,
        confirmed_at=confirmed(2),
        email="next@example.ru",
    )
    later = RegistrationFactory(
        mission=mission,
        status=Status.WAITLISTED,
        delegates=1,
        confirmed_at=confirmed(3),
    )
    with committed():
        services.decline_registration(registration=accepted, by=staff)

    assert statuses(too_big, fits, later) == [
        Status.WAITLISTED,
        Status.ACCEPTED,
        Status.WAITLISTED,
    ]
    assert mission.seats_taken() == 3
    promotion = fits.status_changes.get()
    assert promotion.changed_by is None
    assert "next@example.ru" in [message.to[0] for message in mail.outbox]


def test_registrant_withdrawal_in_review_mode_frees_seats_and_promotes_in_order():
    mission = MissionFactory(delegate_seats=2)
    accepted = RegistrationFactory(mission=mission, status=Status.ACCEPTED, delegates=2)
    second = RegistrationFactory(
        mission=mission, status=Status.WAITLISTED, confirmed_at=confirmed(2)
    )
    first = RegistrationFactory(
        mission=mission, status=Status.WAITLISTED, confirmed_at=confirmed(1)
    )
    third = RegistrationFactory(
        mission=mission, status=Status.WAITLISTED, confirmed_at=confirmed(3)
    )

    services.withdraw_registration(registration=accepted)

    assert accepted.status == Status.WITHDRAWN
    assert statuses(first, second, third) == [
        Status.ACCEPTED,
        Status.ACCEPTED,
        Status.WAITLISTED,
    ]
    change = accepted.status_changes.get()
    assert change.changed_by is None
    assert change.reason


def test_withdrawing_a_waitlisted_registration_promotes_nobody():
    mission = MissionFactory(delegate_seats=1)
    RegistrationFactory(mission=mission, status=Status.ACCEPTED)
    waiting = RegistrationFactory(mission=mission, status=Status.WAITLISTED)
    other = RegistrationFactory(mission=mission, status=Status.WAITLISTED)

    services.withdraw_registration(registration=waiting)

    assert statuses(waiting, other) == [Status.WITHDRAWN, Status.WAITLISTED]


def test_staff_withdrawal_is_recorded_with_the_staff_member(staff):
    registration = RegistrationFactory(status=Status.ACCEPTED)

    services.withdraw_registration(
        registration=registration, by=staff, reason="Called us"
    )

    change = registration.status_changes.get()
    assert (change.changed_by, change.reason) == (staff, "Called us")


def test_every_status_change_of_a_life_is_recorded_and_emailed(staff, committed):
    mission = MissionFactory(delegate_seats=5)
    with committed():
        registration = services.submit_registration(**submission(mission))
        signed = services.confirmation_signature(registration)
        services.confirm_registration(signed=signed)
        services.accept_registrations(registrations=[registration], by=staff)
        services.withdraw_registration(registration=registration)

    steps = list(
        StatusChange.objects.filter(registration=registration).values_list(
            "from_status", "to_status"
        )
    )
    assert steps == [
        ("", Status.UNCONFIRMED),
        (Status.UNCONFIRMED, Status.SUBMITTED),
        (Status.SUBMITTED, Status.ACCEPTED),
        (Status.ACCEPTED, Status.WITHDRAWN),
    ]
    kinds = list(
        OutgoingEmail.objects.filter(registration=registration)
        .order_by("pk")
        .values_list("kind", flat=True)
    )
    assert kinds == [
        "confirm",
        "status_submitted",
        "status_accepted",
        "status_withdrawn",
    ]
    assert len(mail.outbox) == 4


# Personal data ---------------------------------------------------------------


def test_anonymising_erases_personal_data_and_keeps_the_counts():
    mission = MissionFactory()
    registration = services.submit_registration(**submission(mission, delegates=2))
    services.confirm_registration(signed=services.confirmation_signature(registration))
    company = registration.company

    services.anonymise_registration(registration=registration)

    registration.refresh_from_db()
    assert registration.anonymised_at is not None
    assert registration.contact_name == registration.phone == ""
    assert registration.products == registration.goals == ""
    assert registration.wanted_partners == registration.contact_position == ""
    assert registration.email == f"erased-{registration.pk}@invalid"
    assert (registration.company, registration.delegates) == (company, 2)
    assert registration.status == Status.SUBMITTED
    assert registration.consent.withdrawn_at is not None
    assert registration.consent.email == ""
    assert not OutgoingEmail.objects.filter(registration=registration).exists()
    assert registration.status_changes.last().reason


def test_an_anonymised_registration_gets_no_more_email(committed, staff):
    registration = RegistrationFactory()
    services.anonymise_registration(registration=registration)

    with committed():
        services.decline_registration(registration=registration, by=staff)

    assert mail.outbox == []
    assert registration.status == Status.DECLINED


def test_anonymising_twice_changes_nothing_more():
    registration = RegistrationFactory()
    services.anonymise_registration(registration=registration)
    first_time = registration.anonymised_at

    services.anonymise_registration(registration=registration)

    assert registration.anonymised_at == first_time
    assert registration.status_changes.count() == 1


def test_anonymise_finished_missions_spares_recent_and_future_missions():
    today = timezone.localdate()
    old = MissionFactory(
        starts_on=today - datetime.timedelta(days=40),
        ends_on=today - datetime.timedelta(days=31),
    )
    recent = MissionFactory(
        starts_on=today - datetime.timedelta(days=20),
        ends_on=today - datetime.timedelta(days=10),
    )
    old_registration = RegistrationFactory(mission=old)
    recent_registration = RegistrationFactory(mission=recent)

    count = services.anonymise_finished_missions(days=30)

    assert count == 1
    old_registration.refresh_from_db()
    recent_registration.refresh_from_db()
    assert old_registration.anonymised_at is not None
    assert recent_registration.anonymised_at is None


def test_stale_unconfirmed_registrations_are_deleted_with_their_consents():
    mission = MissionFactory()
    stale = services.submit_registration(**submission(mission))
    fresh = services.submit_registration(**submission(mission))
    confirmed_old = services.submit_registration(**submission(mission))
    services.confirm_registration(signed=services.confirmation_signature(confirmed_old))
    eight_days_ago = timezone.now() - datetime.timedelta(days=8)
    Registration.objects.filter(pk__in=[stale.pk, confirmed_old.pk]).update(
        created_at=eight_days_ago
    )

    count = services.delete_stale_unconfirmed(days=7)

    assert count == 1
    assert set(Registration.objects.values_list("pk", flat=True)) == {
        fresh.pk,
        confirmed_old.pk,
    }
    assert not Consent.objects.filter(pk=stale.consent_id).exists()
    assert Consent.objects.count() == 2
