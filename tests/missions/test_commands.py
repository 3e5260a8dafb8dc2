import datetime
import io

import pytest
from django.core.management import call_command
from django.utils import timezone, translation

from missions import services
from missions.models import Mission, ProgrammeItem, Registration
from partners.models import Consent
from showcase import demo
from tests.missions.factories import MissionFactory, RegistrationFactory, submission

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


def demo_rows():
    return (
        sorted(Registration.objects.values_list("token", "status")),
        sorted(Mission.objects.values_list("slug", "starts_on")),
        sorted(ProgrammeItem.objects.values_list("mission__slug", "title_ru")),
    )


def test_demo_data_loads_twice_into_the_same_database():
    demo.load("partners", "missions")
    first = demo_rows()
    demo.load("partners", "missions")

    assert demo_rows() == first


def test_demo_loaded_on_another_day_moves_the_upcoming_mission_and_adds_nothing():
    three_days_ago = timezone.localdate() - datetime.timedelta(days=3)
    demo.load("partners", "missions", today=three_days_ago)
    counts = (Registration.objects.count(), ProgrammeItem.objects.count())
    demo.load("partners", "missions")

    assert (Registration.objects.count(), ProgrammeItem.objects.count()) == counts
    upcoming = Mission.objects.get(slug="japan-eco-products")
    assert upcoming.starts_on == timezone.localdate() + datetime.timedelta(days=60)
    assert all(
        item.starts_at.date() >= upcoming.starts_on - datetime.timedelta(days=1)
        for item in upcoming.programme.all()
    )


def test_demo_history_is_past_and_a_newcomer_can_register_today():
    demo.load("partners", "missions")

    today = timezone.localdate()
    for slug in ("japan-june-2019", "japan-november-2019", "japan-december-2020"):
        mission = Mission.objects.get(slug=slug)
        assert mission.status == Mission.Status.COMPLETED
        assert not mission.is_registration_open
    december = Mission.objects.with_counts().get(slug="japan-december-2020")
    assert december.starts_on == datetime.date(2020, 12, 7)
    assert december.count_accepted >= 1
    assert list(Mission.objects.open_for_registration()) == [
        Mission.objects.get(slug="japan-eco-products")
    ]
    upcoming = Mission.objects.with_counts().get(slug="japan-eco-products")
    assert upcoming.status == Mission.Status.PLANNED
    assert 30 < (upcoming.starts_on - today).days < 90
    assert (
        today
        < timezone.localdate(upcoming.registration_deadline)
        < (upcoming.starts_on)
    )
    assert upcoming.seats_left() > 0
    assert upcoming.count_held == upcoming.count_unconfirmed == 1
    assert upcoming.title_ja
    assert upcoming.title_en
    assert services.submit_registration(**submission(upcoming)).pk
    november = Mission.objects.get(slug="japan-november-2019")
    assert november.programme.filter(kind="presentation").exists()


def test_demo_registrations_carry_consents_in_their_language():
    demo.load("partners", "missions")
    demo.load("partners", "missions")

    registrations = Registration.objects.select_related("consent", "mission")
    assert Consent.objects.count() == registrations.count()
    for registration in registrations:
        consent = registration.consent
        assert consent.language == registration.language
        assert consent.email == registration.email
        with translation.override(registration.language):
            assert str(registration.mission.title) in consent.text
