import datetime
import functools

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import AnonymousUser
from django.core import mail, signing
from django.utils import timezone, translation

from amur_invest.outbox.models import OutgoingEmail
from amur_invest.system_text import in_reader_language
from missions import services
from missions.models import Mission, Registration, StatusChange
from missions.services.workflow import WITHDRAWN_BY_REGISTRANT, WITHDRAWN_BY_STAFF
from partners.applications.confirmation import confirmation_signature
from partners.applications.decisions import is_competing
from partners.applications.errors import (
    ApplicationError,
    ChangesClosed,
    InvalidLink,
    TooManyEmails,
)
from partners.models import Company, Consent, Prefecture
from tests.missions.factories import (
    MissionFactory,
    RegistrationFactory,
    days_from_today,
    submission,
)
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


def confirm(registration) -> Registration:
    return services.confirm_registration(signed=confirmation_signature(registration))


def test_submission_keeps_what_the_form_said_and_creates_no_company():
    mission = MissionFactory()
    district = DistrictFactory()
    honey = SectorFactory(slug="test-honey")

    registration = services.submit_registration(
        **submission(
            mission,
            inn=f"{INN[:4]} {INN[4:8]} {INN[8:]}",
            district=district,
            sectors=[honey],
            name_other="Zeya Honey LLC",
        )
    )

    assert registration.status == Status.UNCONFIRMED
    assert registration.confirmed_at is None
    assert registration.company is None
    assert not Company.objects.filter(inn=INN).exists()
    assert registration.inn == INN
    assert registration.company_name.startswith("ООО «Зейский мёд")
    assert registration.company_name_other == "Zeya Honey LLC"
    assert registration.company_district == district
    assert list(registration.company_sectors.all()) == [honey]
    consent = registration.consent
    assert consent.purpose == Consent.Purpose.MISSION_REGISTRATION
    assert consent.text_version == "2020-1"
    assert consent.ip_address == "203.0.113.7"
    assert consent.email == registration.email
    assert consent.text_hash


def test_confirmation_creates_the_company_unpublished_from_what_the_form_said():
    mission = MissionFactory()
    district = DistrictFactory()
    honey = SectorFactory(slug="test-honey")
    registration = services.submit_registration(
        **submission(
            mission, inn=INN, district=district, sectors=[honey], name_other="ゼヤ蜂蜜"
        )
    )

    confirm(registration)

    company = Company.objects.get(inn=INN)
    registration.refresh_from_db()
    assert registration.company == company
    assert company.name_ru.startswith("ООО «Зейский мёд")
    # A name typed in Japanese is the Japanese name, never the Russian one.
    assert company.name_ja == "ゼヤ蜂蜜"
    assert not company.name_en
    assert company.district == district
    assert list(company.sectors.all()) == [honey]
    assert company.is_published is False


def test_a_latin_name_becomes_the_english_name():
    registration = services.submit_registration(
        **submission(MissionFactory(), inn=INN, name_other="Zeya Honey LLC")
    )

    confirm(registration)

    company = Company.objects.get(inn=INN)
    assert (company.name_en, company.name_ja) == ("Zeya Honey LLC", None)


def test_existing_company_is_matched_by_inn_at_confirmation_and_not_changed():
    company = CompanyFactory(inn=INN, name_ru="ООО «Амурский мёд»")
    mission = MissionFactory()
    registration = services.submit_registration(**submission(mission, inn=INN))

    confirm(registration)

    registration.refresh_from_db()
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


def test_submission_is_refused_once_the_mission_has_started():
    mission = MissionFactory(starts_on=days_from_today(0), ends_on=days_from_today(4))

    with pytest.raises(services.RegistrationClosed):
        services.submit_registration(**submission(mission))


def test_submission_is_refused_for_a_cancelled_mission():
    mission = MissionFactory(cancelled=True)

    with pytest.raises(services.RegistrationClosed):
        services.submit_registration(**submission(mission))


def test_submission_with_too_many_delegates_is_refused_with_the_limit():
    mission = MissionFactory(max_delegates_per_company=3)

    with pytest.raises(services.TooManyDelegates, match="3"):
        services.submit_registration(**submission(mission, delegates=4))
    assert not Registration.objects.exists()


def test_submission_with_a_bad_inn_is_refused():
    mission = MissionFactory()

    with pytest.raises(ApplicationError, match="INN"):
        services.submit_registration(
            **submission(mission, inn=INN[:-1] + str((int(INN[-1]) + 1) % 10))
        )
    assert not Registration.objects.exists()


# Several registrations of one company ----------------------------------------


def test_a_second_sender_of_a_registered_company_gets_what_a_new_one_gets(committed):
    mission = MissionFactory()
    first = services.submit_registration(
        **submission(mission, inn=INN, email="first@example.ru")
    )
    confirm(first)
    mail.outbox.clear()

    with committed():
        second = services.submit_registration(
            **submission(mission, inn=INN, email="stranger@example.ru")
        )

    assert second.pk != first.pk
    assert second.status == Status.UNCONFIRMED
    # The same email a new sender gets, to the new sender only: nothing about
    # the first registration, nothing to its address.
    (message,) = mail.outbox
    assert message.to == ["stranger@example.ru"]
    assert [e.kind for e in OutgoingEmail.objects.filter(registration=second)] == [
        "confirm"
    ]
    assert first.token not in message.body
    assert "first@example.ru" not in message.body


def test_an_unconfirmed_stranger_never_blocks_the_real_company():
    mission = MissionFactory(admission_mode=Mission.AdmissionMode.FIRST_COME)
    services.submit_registration(**submission(mission, inn=INN, email="x@evil.example"))

    real = services.submit_registration(
        **submission(mission, inn=INN, email="office@amurhoney.ru")
    )
    confirm(real)

    assert statuses(real) == [Status.ACCEPTED]


def test_two_confirmed_registrations_of_one_company_compete_and_wait_for_staff():
    mission = MissionFactory(admission_mode=Mission.AdmissionMode.FIRST_COME)
    real = services.submit_registration(**submission(mission, inn=INN))
    other = services.submit_registration(
        **submission(mission, inn=INN, email="other@example.ru")
    )
    confirm(real)

    confirm(other)

    # The first took its seats; the second waits for staff to decide.
    assert statuses(real, other) == [Status.ACCEPTED, Status.SUBMITTED]
    assert is_competing(Registration.objects.get(pk=other.pk))
    assert mission.seats_taken() == 1


def test_staff_cannot_accept_a_second_registration_of_the_same_company(staff):
    mission = MissionFactory(delegate_seats=10)
    company = CompanyFactory()
    first = RegistrationFactory(
        mission=mission, company=company, confirmed_at=confirmed(1)
    )
    second = RegistrationFactory(
        mission=mission, company=company, confirmed_at=confirmed(2)
    )

    result = services.accept_registrations(registrations=[first, second], by=staff)

    assert result.accepted == [first]
    assert result.taken_by_company == [second]
    assert statuses(first, second) == [Status.ACCEPTED, Status.SUBMITTED]


def test_staff_decide_between_competitors_by_declining_one(staff):
    mission = MissionFactory(delegate_seats=10)
    company = CompanyFactory()
    stranger = RegistrationFactory(mission=mission, company=company)
    real = RegistrationFactory(mission=mission, company=company)

    services.decline_registration(
        registration=stranger, by=staff, reason="Компания не подавала эту заявку"
    )
    result = services.accept_registrations(registrations=[real], by=staff)

    assert result.accepted == [real]
    assert not is_competing(real)


def test_a_competing_registration_is_never_promoted_from_the_waiting_list(staff):
    mission = MissionFactory(delegate_seats=1)
    leaving = RegistrationFactory(mission=mission, status=Status.ACCEPTED)
    company = CompanyFactory()
    contested = RegistrationFactory(
        mission=mission,
        company=company,
        status=Status.WAITLISTED,
        confirmed_at=confirmed(1),
    )
    RegistrationFactory(mission=mission, company=company, status=Status.SUBMITTED)
    next_in_line = RegistrationFactory(
        mission=mission, status=Status.WAITLISTED, confirmed_at=confirmed(2)
    )

    services.withdraw_registration(registration=leaving)

    assert statuses(contested, next_in_line) == [Status.WAITLISTED, Status.ACCEPTED]


# Sending the form again ------------------------------------------------------


def test_sending_the_form_again_before_confirming_sends_a_fresh_link(committed):
    mission = MissionFactory()
    first = services.submit_registration(**submission(mission, inn=INN, email="a@x.ru"))
    OutgoingEmail.objects.update(
        created_at=timezone.now() - datetime.timedelta(hours=1)
    )

    with committed():
        again = services.submit_registration(
            **submission(mission, inn=INN, email="a@x.ru", delegates=3)
        )

    # The link to the registration as first sent: whoever sent the form
    # again may be a stranger; the registrant corrects it once confirmed.
    assert again.pk == first.pk
    again.refresh_from_db()
    assert again.delegates == 1
    assert Registration.objects.count() == 1
    assert Consent.objects.count() == 1
    (message,) = mail.outbox
    assert message.to == ["a@x.ru"]
    assert "/registrations/confirm/" in message.body


def test_a_double_submit_emails_the_link_twice_to_one_registration(committed):
    # Every post does the same work, whoever sends it: none skips its email.
    mission = MissionFactory()
    data = submission(mission, inn=INN, email="a@x.ru")

    with committed():
        services.submit_registration(**data)
        services.submit_registration(**data)

    assert Registration.objects.count() == 1
    assert [message.to for message in mail.outbox] == [["a@x.ru"], ["a@x.ru"]]


def test_the_link_of_a_form_sent_again_once_confirmed_leads_to_the_registration(
    committed,
):
    mission = MissionFactory()
    registration = services.submit_registration(
        **submission(mission, inn=INN, email="a@x.ru")
    )
    confirm(registration)
    mail.outbox.clear()

    with committed():
        again = services.submit_registration(
            **submission(mission, inn=INN, email="A@X.ru", delegates=3)
        )
    (message,) = mail.outbox
    assert message.to == ["a@x.ru"]
    assert "/registrations/confirm/" in message.body
    assert registration.token not in message.body

    opened = confirm(again)

    assert opened.pk == registration.pk
    assert opened.delegates == 1
    assert list(Registration.objects.values_list("pk", flat=True)) == [registration.pk]
    assert Consent.objects.count() == 1


def test_an_address_gets_a_limited_number_of_emails_an_hour(settings):
    settings.APPLICATIONS_EMAILS_PER_ADDRESS_PER_HOUR = 2
    mission = MissionFactory()
    for seed in (1, 2):
        services.submit_registration(
            **submission(mission, inn=inn_with_check_digit(seed), email="a@x.ru")
        )

    with pytest.raises(TooManyEmails):
        services.submit_registration(
            **submission(mission, inn=inn_with_check_digit(3), email="a@x.ru")
        )
    assert Registration.objects.count() == 2


# Confirmation ----------------------------------------------------------------


def test_confirmation_in_review_mode_submits_and_records_the_time():
    mission = MissionFactory(admission_mode=Mission.AdmissionMode.REVIEW)
    registration = services.submit_registration(**submission(mission))

    confirmed_registration = services.confirm_registration(
        signed=confirmation_signature(registration)
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
        services.confirm_registration(signed=confirmation_signature(registration))

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
    signed = confirmation_signature(registration)
    services.confirm_registration(signed=signed)

    again = services.confirm_registration(signed=signed)

    assert again.status == Status.SUBMITTED
    assert registration.status_changes.filter(to_status=Status.SUBMITTED).count() == 1


def test_forged_confirmation_link_is_refused():
    mission = MissionFactory()
    registration = services.submit_registration(**submission(mission))
    signed = confirmation_signature(registration)

    with pytest.raises(InvalidLink):
        services.confirm_registration(signed=signed[:-2] + "xx")
    with pytest.raises(InvalidLink):
        services.confirm_registration(signed="not-a-signature")


@pytest.mark.parametrize("ended", [Status.WITHDRAWN, Status.DECLINED])
def test_the_link_of_an_ended_registration_changes_nothing(ended):
    registration = RegistrationFactory(status=ended)

    assert confirm(registration).status == ended
    assert statuses(registration) == [ended]


def test_an_expired_link_of_a_confirmed_registration_leads_to_it(monkeypatch):
    registration = RegistrationFactory(status=Status.ACCEPTED)
    long_ago = signing.time.time() - 100 * 3600
    with monkeypatch.context() as patch:
        patch.setattr(signing.time, "time", lambda: long_ago)
        signed = confirmation_signature(registration)

    assert services.confirm_registration(signed=signed).pk == registration.pk


def test_link_of_a_deleted_registration_is_invalid():
    mission = MissionFactory()
    registration = services.submit_registration(**submission(mission))
    signed = confirmation_signature(registration)
    registration.status_changes.all().delete()
    registration.delete()

    with pytest.raises(InvalidLink):
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


def full_mission(**extra):
    mission = MissionFactory(delegate_seats=1, **extra)
    RegistrationFactory(mission=mission, status=Status.ACCEPTED)
    return mission


def test_waitlisting_a_submitted_registration_when_seats_are_taken(staff):
    registration = RegistrationFactory(mission=full_mission())

    services.waitlist_registration(registration=registration, by=staff, reason="Later")

    assert registration.status == Status.WAITLISTED
    change = registration.status_changes.get()
    assert (change.from_status, change.to_status) == (
        Status.SUBMITTED,
        Status.WAITLISTED,
    )
    assert change.changed_by == staff
    assert change.reason == "Later"


def test_the_waiting_list_is_refused_while_seats_are_free(staff, committed):
    registration = RegistrationFactory(mission=MissionFactory(delegate_seats=5))

    with committed(), pytest.raises(ApplicationError, match="still free"):
        services.waitlist_registration(registration=registration, by=staff)

    assert statuses(registration) == [Status.SUBMITTED]
    # The company is never told that all seats are taken when they are not.
    assert mail.outbox == []


@pytest.mark.parametrize(
    "status", [Status.UNCONFIRMED, Status.ACCEPTED, Status.DECLINED, Status.WITHDRAWN]
)
def test_only_a_submitted_or_held_registration_can_be_waitlisted(staff, status):
    registration = RegistrationFactory(mission=full_mission(), status=status)

    with pytest.raises(ApplicationError, match="waiting list"):
        services.waitlist_registration(registration=registration, by=staff)
    assert statuses(registration) == [status]


@pytest.mark.parametrize("status", [Status.SUBMITTED, Status.WAITLISTED])
def test_staff_keep_a_registration_in_reserve_whatever_the_seats(
    staff, committed, status
):
    registration = RegistrationFactory(
        mission=MissionFactory(delegate_seats=5), status=status, language="en"
    )

    with committed():
        services.hold_registration(registration=registration, by=staff, reason="Ждём")

    assert statuses(registration) == [Status.HELD]
    (message,) = mail.outbox
    assert "in reserve" in message.subject
    assert "not a queue for the next free seat" in message.body
    assert "taken" not in message.body


def test_a_held_registration_is_never_promoted_but_one_waiting_for_a_seat_is():
    mission = MissionFactory(delegate_seats=1)
    leaving = RegistrationFactory(mission=mission, status=Status.ACCEPTED)
    held = RegistrationFactory(
        mission=mission, status=Status.HELD, confirmed_at=confirmed(1)
    )
    waiting = RegistrationFactory(
        mission=mission, status=Status.WAITLISTED, confirmed_at=confirmed(2)
    )

    services.withdraw_registration(registration=leaving)

    assert statuses(held, waiting) == [Status.HELD, Status.ACCEPTED]


def test_staff_accept_a_held_registration(staff):
    held = RegistrationFactory(status=Status.HELD)

    result = services.accept_registrations(registrations=[held], by=staff)

    assert result.accepted == [held]


@pytest.mark.parametrize(
    "status", [Status.SUBMITTED, Status.WAITLISTED, Status.HELD, Status.ACCEPTED]
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

    with pytest.raises(ApplicationError):
        services.decline_registration(registration=registration, by=staff)
    with pytest.raises(ApplicationError):
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
    # The staff member whose decline freed the seats (issue 15).
    assert promotion.changed_by == staff
    assert accepted.company.name_ru in promotion.reason
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


def test_withdrawal_by_staff_without_a_reason_says_it_was_staff(staff):
    registration = RegistrationFactory(status=Status.ACCEPTED)

    services.withdraw_registration(registration=registration, by=staff)

    change = registration.status_changes.get()
    assert change.changed_by == staff
    # Kept as its source text, read in the reader's language.
    with translation.override("ru"):
        assert in_reader_language(change.reason) == str(WITHDRAWN_BY_STAFF)
        assert in_reader_language(change.reason) != str(WITHDRAWN_BY_REGISTRANT)


def test_withdrawal_by_the_registrant_says_so():
    registration = RegistrationFactory(status=Status.ACCEPTED)

    services.withdraw_registration(registration=registration, by=AnonymousUser())

    change = registration.status_changes.get()
    assert change.changed_by is None
    with translation.override("ru"):
        assert in_reader_language(change.reason) == str(WITHDRAWN_BY_REGISTRANT)


def test_every_status_change_of_a_life_is_recorded_and_emailed(staff, committed):
    mission = MissionFactory(delegate_seats=5)
    with committed():
        registration = services.submit_registration(**submission(mission))
        signed = confirmation_signature(registration)
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
    services.confirm_registration(signed=confirmation_signature(registration))
    registration.refresh_from_db()
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
    erasure = registration.status_changes.last()
    assert erasure.reason
    assert erasure.kind == StatusChange.Kind.ERASURE


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


def test_stale_unconfirmed_registrations_leave_nothing_behind():
    mission = MissionFactory()
    stale = services.submit_registration(**submission(mission, inn=INN))
    fresh = services.submit_registration(**submission(mission))
    confirmed_old = services.submit_registration(**submission(mission))
    services.confirm_registration(signed=confirmation_signature(confirmed_old))
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
    assert not Company.objects.filter(inn=INN).exists()
    assert not StatusChange.objects.filter(registration_id=stale.pk).exists()
    assert not OutgoingEmail.objects.filter(recipient=stale.email).exists()


# The registrant's corrections -------------------------------------------------


def changes(registration, **new) -> dict:
    current = {name: getattr(registration, name) for name in services.CHANGEABLE_FIELDS}
    return {**current, **new}


def test_registrant_corrects_the_contact_and_is_emailed(committed):
    registration = RegistrationFactory(language="en", email="old@example.ru")

    with committed():
        changed = services.change_registration(
            registration=registration,
            changes=changes(registration, phone="+74162000000", email="new@example.ru"),
        )

    assert sorted(changed) == ["email", "phone"]
    registration.refresh_from_db()
    assert (registration.phone, registration.email) == (
        "+74162000000",
        "new@example.ru",
    )
    step = registration.status_changes.get()
    assert step.kind == StatusChange.Kind.DETAILS
    assert step.changed_by is None
    assert step.from_status == step.to_status == Status.SUBMITTED
    # The history keeps what changed, not the personal data itself.
    assert "+74162000000" not in step.reason
    assert sorted(m.to[0] for m in mail.outbox) == ["new@example.ru", "old@example.ru"]
    assert "corrected" in mail.outbox[0].subject


def test_a_correction_that_changes_nothing_records_and_sends_nothing(committed):
    registration = RegistrationFactory()

    with committed():
        changed = services.change_registration(
            registration=registration, changes=changes(registration)
        )

    assert changed == []
    assert not registration.status_changes.exists()
    assert mail.outbox == []


def test_wanted_prefectures_can_be_corrected():
    registration = RegistrationFactory()
    hokkaido = Prefecture.objects.get(code="01")

    services.change_registration(
        registration=registration,
        changes=changes(registration),
        wanted_prefectures=[hokkaido],
    )

    assert list(registration.wanted_prefectures.all()) == [hokkaido]


def test_an_accepted_registration_adds_delegates_while_seats_are_free():
    mission = MissionFactory(delegate_seats=5)
    registration = RegistrationFactory(
        mission=mission, status=Status.ACCEPTED, delegates=1
    )

    services.change_registration(
        registration=registration, changes=changes(registration, delegates=3)
    )

    assert mission.seats_taken() == 3
    assert "1 → 3" in registration.status_changes.get().reason


def test_more_delegates_than_seats_left_is_refused_with_what_still_fits():
    mission = MissionFactory(delegate_seats=4, max_delegates_per_company=3)
    RegistrationFactory(mission=mission, status=Status.ACCEPTED, delegates=2)
    registration = RegistrationFactory(
        mission=mission, status=Status.ACCEPTED, delegates=1
    )

    with pytest.raises(services.NotEnoughSeats, match="at most 2 delegates"):
        services.change_registration(
            registration=registration,
            changes=changes(registration, delegates=3, phone="+74162000000"),
        )

    registration.refresh_from_db()
    assert (registration.delegates, registration.phone) == (1, "")
    assert mission.seats_taken() == 3


def test_delegates_beyond_the_company_limit_are_refused():
    registration = RegistrationFactory(
        mission=MissionFactory(max_delegates_per_company=2)
    )

    with pytest.raises(services.TooManyDelegates):
        services.change_registration(
            registration=registration, changes=changes(registration, delegates=3)
        )


def test_fewer_delegates_free_seats_for_the_waiting_list():
    mission = MissionFactory(delegate_seats=3)
    registration = RegistrationFactory(
        mission=mission, status=Status.ACCEPTED, delegates=3
    )
    waiting = RegistrationFactory(mission=mission, status=Status.WAITLISTED)

    services.change_registration(
        registration=registration, changes=changes(registration, delegates=2)
    )

    assert statuses(waiting) == [Status.ACCEPTED]


def test_corrections_end_when_registration_closes():
    registration = RegistrationFactory(
        mission=MissionFactory(
            registration_deadline=timezone.now() - datetime.timedelta(minutes=1)
        )
    )

    with pytest.raises(ChangesClosed):
        services.change_registration(
            registration=registration, changes=changes(registration, delegates=2)
        )


def test_a_correction_by_staff_on_the_registrants_page_is_theirs(staff):
    registration = RegistrationFactory()

    services.change_registration(
        registration=registration,
        changes=changes(registration, goals="Новое"),
        by=staff,
    )

    assert registration.status_changes.get().changed_by == staff


# Deletion by a superuser -------------------------------------------------------


def test_deleting_keeps_an_audit_record_with_the_history(staff):
    registration = RegistrationFactory(status=Status.ACCEPTED, delegates=2)
    StatusChange.objects.create(
        registration=registration,
        from_status=Status.SUBMITTED,
        to_status=Status.ACCEPTED,
        changed_by=staff,
        reason="Отобрана",
    )

    audit = services.delete_registration(
        registration=registration, by=staff, reason="Тестовая запись"
    )

    assert not Registration.objects.filter(pk=registration.pk).exists()
    assert (audit.inn, audit.status, audit.delegates) == (
        registration.inn,
        Status.ACCEPTED,
        2,
    )
    assert (audit.deleted_by, audit.reason) == (staff, "Тестовая запись")
    assert audit.history[0]["reason"] == "Отобрана"
    assert audit.history[0]["by"] == staff.get_username()
    assert registration.contact_name not in str(audit.history)


def test_deleting_an_accepted_registration_promotes_the_waiting_list(staff, committed):
    mission = MissionFactory(delegate_seats=1)
    accepted = RegistrationFactory(mission=mission, status=Status.ACCEPTED)
    waiting = RegistrationFactory(mission=mission, status=Status.WAITLISTED)

    with committed():
        services.delete_registration(registration=accepted, by=staff)

    assert statuses(waiting) == [Status.ACCEPTED]
    assert [m.to for m in mail.outbox] == [[waiting.email]]


# A mission's seats --------------------------------------------------------------


def test_seats_cannot_go_below_the_delegates_accepted():
    mission = MissionFactory(delegate_seats=5)
    RegistrationFactory(mission=mission, status=Status.ACCEPTED, delegates=3)
    mission.delegate_seats = 2

    with pytest.raises(services.SeatsBelowAccepted, match="3"):
        services.save_mission(mission=mission)

    mission.refresh_from_db()
    assert mission.delegate_seats == 5


def test_new_seats_go_to_the_waiting_list_at_once():
    mission = MissionFactory(delegate_seats=1)
    RegistrationFactory(mission=mission, status=Status.ACCEPTED)
    waiting = RegistrationFactory(mission=mission, status=Status.WAITLISTED)
    held = RegistrationFactory(mission=mission, status=Status.HELD)
    mission.delegate_seats = 3

    promoted = services.save_mission(mission=mission)

    assert promoted == [waiting]
    assert statuses(waiting, held) == [Status.ACCEPTED, Status.HELD]


# After the mission: nobody is promoted ---------------------------------------
#
# Seats can still free up once a mission is over or cancelled (staff decline a
# company that did not travel, a superuser deletes a test entry, someone
# corrects the seats for the report). A company on the waiting list must then
# not be told, weeks after the mission, that it has a seat.


def completed_mission(**fields) -> Mission:
    return MissionFactory(
        starts_on=days_from_today(-10), ends_on=days_from_today(-6), **fields
    )


def cancelled_mission(**fields) -> Mission:
    return MissionFactory(cancelled=True, **fields)


FINISHED = [
    pytest.param(completed_mission, id="completed"),
    pytest.param(cancelled_mission, id="cancelled"),
]


def decline(accepted, staff):
    services.decline_registration(registration=accepted, by=staff, reason="Не поехали")


def delete(accepted, staff):
    services.delete_registration(registration=accepted, by=staff)


def add_seats(accepted, staff):
    mission = accepted.mission
    mission.delegate_seats += 2
    assert services.save_mission(mission=mission) == []


# No withdrawal: once the mission is over, it is refused (see
# tests/partners/test_applications.py).
SEATS_FREED = [
    pytest.param(decline, id="declined"),
    pytest.param(delete, id="deleted"),
    pytest.param(add_seats, id="seats-added"),
]


@pytest.mark.parametrize("free_seats", SEATS_FREED)
@pytest.mark.parametrize("finished_mission", FINISHED)
def test_nobody_is_promoted_once_the_mission_is_over(
    finished_mission, free_seats, staff, committed
):
    """Holds the "mission finished" guard at the top of promote_waitlisted
    (missions/services/waitlist.py): every way a seat frees up after a
    mission ended or was cancelled leaves the waiting list as it was, with no
    status change recorded and no email."""
    mission = finished_mission(delegate_seats=1)
    accepted = RegistrationFactory(mission=mission, status=Status.ACCEPTED)
    waiting = RegistrationFactory(mission=mission, status=Status.WAITLISTED)

    with committed():
        try:
            free_seats(accepted, staff)
        except ApplicationError:
            # Declining or withdrawing is refused outright once the mission
            # is over (issue 15): nothing frees, nothing moves.
            assert statuses(accepted) == [Status.ACCEPTED]

    assert statuses(waiting) == [Status.WAITLISTED]
    assert not waiting.status_changes.exists()
    assert waiting.email not in [address for m in mail.outbox for address in m.to]


@pytest.mark.parametrize(
    "decide",
    [
        pytest.param(services.decline_registration, id="decline"),
        pytest.param(services.withdraw_registration, id="withdraw"),
        pytest.param(services.hold_registration, id="hold"),
        pytest.param(services.waitlist_registration, id="waitlist"),
    ],
)
@pytest.mark.parametrize("finished_mission", FINISHED)
def test_no_decision_changes_a_registration_once_the_mission_is_over(
    finished_mission, decide, staff
):
    registration = RegistrationFactory(
        mission=finished_mission(delegate_seats=0), status=Status.SUBMITTED
    )

    with pytest.raises(ApplicationError, match="ended or was cancelled"):
        decide(registration=registration, by=staff)

    assert statuses(registration) == [Status.SUBMITTED]
    assert not registration.status_changes.exists()


@pytest.mark.parametrize("finished_mission", FINISHED)
def test_accepting_after_the_mission_returns_the_registrations_as_ended(
    finished_mission, staff
):
    registration = RegistrationFactory(mission=finished_mission())

    result = services.accept_registrations(registrations=[registration], by=staff)

    assert result.ended == [registration]
    assert statuses(registration) == [Status.SUBMITTED]
