import datetime
import io

import pytest
from django.core.management import call_command
from django.utils import timezone, translation

from missions.models import Mission, Registration
from partners.models import Consent
from tests.missions.factories import MissionFactory, RegistrationFactory

pytestmark = pytest.mark.django_db

Status = Registration.Status


def run(*args) -> str:
    out = io.StringIO()
    call_command(*args, stdout=out)
    return out.getvalue()


def mission_ended(days_ago: int):
    ends_on = timezone.localdate() - datetime.timedelta(days=days_ago)
    return MissionFactory(
        starts_on=ends_on - datetime.timedelta(days=4), ends_on=ends_on
    )


def test_anonymise_registrations_erases_missions_ended_more_than_n_days_ago():
    old = RegistrationFactory(mission=mission_ended(100), status=Status.ACCEPTED)
    recent = RegistrationFactory(mission=mission_ended(10))

    output = run("anonymise_registrations", "--days", "30")

    old.refresh_from_db()
    recent.refresh_from_db()
    assert old.anonymised_at is not None
    assert old.contact_name == ""
    assert old.status == Status.ACCEPTED
    assert recent.anonymised_at is None
    assert "1" in output


def test_anonymise_registrations_defaults_to_the_setting(settings):
    settings.MISSIONS_ANONYMISE_AFTER_DAYS = 50
    old = RegistrationFactory(mission=mission_ended(60))
    kept = RegistrationFactory(mission=mission_ended(40))

    run("anonymise_registrations")

    old.refresh_from_db()
    kept.refresh_from_db()
    assert old.anonymised_at is not None
    assert kept.anonymised_at is None


def test_anonymise_registrations_defaults_to_a_year():
    over_a_year = RegistrationFactory(mission=mission_ended(366))
    under_a_year = RegistrationFactory(mission=mission_ended(300))

    run("anonymise_registrations")

    over_a_year.refresh_from_db()
    under_a_year.refresh_from_db()
    assert over_a_year.anonymised_at is not None
    assert under_a_year.anonymised_at is None


def test_delete_unconfirmed_registrations_removes_only_week_old_unconfirmed_ones():
    stale = RegistrationFactory(status=Status.UNCONFIRMED, confirmed_at=None)
    fresh = RegistrationFactory(status=Status.UNCONFIRMED, confirmed_at=None)
    old_but_confirmed = RegistrationFactory(status=Status.SUBMITTED)
    Registration.objects.filter(pk__in=[stale.pk, old_but_confirmed.pk]).update(
        created_at=timezone.now() - datetime.timedelta(days=7, hours=1)
    )

    output = run("delete_unconfirmed_registrations")

    remaining = set(Registration.objects.values_list("pk", flat=True))
    assert remaining == {fresh.pk, old_but_confirmed.pk}
    assert "1" in output


def test_demo_data_loads_twice_into_the_same_database():
    from missions import demo

    demo.load()
    first = sorted(Registration.objects.values_list("token", "status"))
    demo.load()

    assert sorted(Registration.objects.values_list("token", "status")) == first
    december = Mission.objects.with_counts().get(slug="japan-december-2020")
    assert december.is_registration_open
    assert december.admission_mode == Mission.AdmissionMode.REVIEW
    assert december.seats_taken() <= december.delegate_seats
    assert {december.count_accepted, december.count_submitted} >= {1}
    assert december.count_waitlisted == december.count_unconfirmed == 1
    assert december.title_ja
    assert december.title_en
    november = Mission.objects.get(slug="japan-november-2019")
    assert november.status == Mission.Status.COMPLETED
    assert november.programme.filter(kind="presentation").exists()


def test_demo_registrations_carry_consents_in_their_language():
    from missions import demo

    demo.load()
    demo.load()

    registrations = Registration.objects.select_related("consent", "mission")
    assert Consent.objects.count() == registrations.count()
    for registration in registrations:
        consent = registration.consent
        assert consent.language == registration.language
        assert consent.email == registration.email
        with translation.override(registration.language):
            assert str(registration.mission.title) in consent.text
