"""Registrations name their delegates (issue 15 §1): the registrant names and
corrects them on their own page until registration closes; the number of
delegates is the number of people named, under the seat rules every
correction obeys; the names are personal data like the contact's."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone, translation

from amur_invest.staff import audit
from missions import services
from missions.models import Delegate, Registration
from partners.applications.errors import ChangesClosed
from tests.missions.factories import MissionFactory, RegistrationFactory

pytestmark = pytest.mark.django_db

Status = Registration.Status


@pytest.fixture(autouse=True)
def english(settings):
    settings.LANGUAGE_CODE = "en"
    with translation.override("en"):
        yield


def page_url(registration, name="registration_detail", language="en"):
    with translation.override(language):
        return reverse(f"missions:{name}", kwargs={"token": registration.token})


def rows(*people, initial=0, total=None):
    """POST data of the delegates form: `people` as (ru, latin, position,
    interpreter, delete) tuples."""
    data = {
        "delegates-TOTAL_FORMS": str(total or len(people)),
        "delegates-INITIAL_FORMS": str(initial),
        "delegates-MIN_NUM_FORMS": "0",
        "delegates-MAX_NUM_FORMS": "1000",
    }
    for index, person in enumerate(people):
        ru, latin, position, interpreter, *delete = (*person, False)
        data[f"delegates-{index}-name_ru"] = ru
        data[f"delegates-{index}-name_latin"] = latin
        data[f"delegates-{index}-position"] = position
        if interpreter:
            data[f"delegates-{index}-needs_interpreter"] = "on"
        if delete and delete[0]:
            data[f"delegates-{index}-DELETE"] = "on"
    return data


ANNA = ("Анна Соколова", "Sokolova Anna", "директор", False)
IVAN = ("Иван Петров", "petrov  ivan", "технолог", True)


def test_the_registrant_names_delegates_and_their_number_follows(client):
    registration = RegistrationFactory(delegates=1)

    page = client.get(page_url(registration))
    response = client.post(
        page_url(registration, "registration_delegates"), rows(ANNA, IVAN)
    )

    assert 'name="delegates-0-name_latin"' in page.content.decode()
    assert page["Referrer-Policy"] == "same-origin"
    assert response.status_code == 302
    registration.refresh_from_db()
    assert registration.delegates == 2
    people = list(registration.delegate_people.values_list("name_latin", "position"))
    assert people == [("SOKOLOVA ANNA", "директор"), ("PETROV IVAN", "технолог")]
    assert registration.delegate_people.get(name_ru="Иван Петров").needs_interpreter
    shown = client.get(page_url(registration)).content.decode()
    assert "Your delegates are saved." in shown
    assert "SOKOLOVA ANNA" in shown


def test_removing_a_delegate_frees_a_seat_for_the_waiting_list():
    mission = MissionFactory(delegate_seats=2)
    accepted = RegistrationFactory(mission=mission, status=Status.ACCEPTED, delegates=2)
    waiting = RegistrationFactory(mission=mission, status=Status.WAITLISTED)

    services.name_delegates(
        registration=accepted, people=[services.Person("Анна", "ANNA")]
    )

    accepted.refresh_from_db()
    waiting.refresh_from_db()
    assert accepted.delegates == 1
    assert waiting.status == Status.ACCEPTED


def test_more_people_than_seats_left_are_refused_and_nothing_changes(client):
    mission = MissionFactory(delegate_seats=1)
    accepted = RegistrationFactory(mission=mission, status=Status.ACCEPTED, delegates=1)

    response = client.post(
        page_url(accepted, "registration_delegates"), rows(ANNA, IVAN)
    )

    assert response.status_code == 200
    assert "All seats of the delegation are taken" in response.content.decode()
    accepted.refresh_from_db()
    assert accepted.delegates == 1
    assert not accepted.delegate_people.exists()


def test_more_people_than_the_company_limit_are_refused(client):
    registration = RegistrationFactory(
        mission=MissionFactory(max_delegates_per_company=1)
    )

    response = client.post(
        page_url(registration, "registration_delegates"), rows(ANNA, IVAN)
    )

    assert response.status_code == 200
    assert not registration.delegate_people.exists()


def test_a_name_not_in_latin_letters_is_explained(client):
    registration = RegistrationFactory()

    response = client.post(
        page_url(registration, "registration_delegates"),
        rows(("Анна", "Анна Соколова", "", False)),
    )

    assert response.status_code == 200
    assert "Latin letters, as in the passport" in response.content.decode()
    assert not registration.delegate_people.exists()


def test_a_delegate_is_removed_with_the_delete_box(client):
    registration = RegistrationFactory(delegates=2)
    services.name_delegates(
        registration=registration,
        people=[services.Person("Анна", "ANNA"), services.Person("Иван", "IVAN")],
    )

    client.post(
        page_url(registration, "registration_delegates"),
        rows(("Анна", "ANNA", "", False), ("Иван", "IVAN", "", False, True), initial=2),
    )

    registration.refresh_from_db()
    assert registration.delegates == 1
    assert list(registration.delegate_people.values_list("name_latin", flat=True)) == [
        "ANNA"
    ]


def test_renaming_records_the_step_without_changing_the_number():
    registration = RegistrationFactory(delegates=1)
    services.name_delegates(
        registration=registration, people=[services.Person("А", "A")]
    )

    services.name_delegates(
        registration=registration, people=[services.Person("Б", "B")]
    )

    registration.refresh_from_db()
    assert registration.delegates == 1
    assert registration.status_changes.filter(kind="details").count() == 2


def test_delegates_cannot_change_once_registration_closes(client):
    registration = RegistrationFactory(
        mission=MissionFactory(
            registration_deadline=timezone.now() - datetime.timedelta(minutes=1)
        )
    )
    Delegate.objects.create(
        registration=registration, name_ru="Анна", name_latin="SOKOLOVA ANNA"
    )

    page = client.get(page_url(registration)).content.decode()
    client.post(page_url(registration, "registration_delegates"), rows(IVAN))

    assert "SOKOLOVA ANNA" in page
    assert "delegates-TOTAL_FORMS" not in page
    assert list(registration.delegate_people.values_list("name_latin", flat=True)) == [
        "SOKOLOVA ANNA"
    ]
    with pytest.raises(ChangesClosed):
        services.name_delegates(
            registration=registration, people=[services.Person("И", "I")]
        )


def test_named_delegates_fix_the_number_in_the_correction_form(client):
    registration = RegistrationFactory(delegates=1)
    services.name_delegates(
        registration=registration, people=[services.Person("А", "A")]
    )

    page = client.get(page_url(registration, "registration_edit")).content.decode()

    assert "The number of delegates you named" in page


@pytest.mark.parametrize("erase", ["by_request", "after_the_mission"])
def test_erasure_removes_the_delegates_and_keeps_their_number(erase):
    registration = RegistrationFactory(delegates=1)
    services.name_delegates(
        registration=registration, people=[services.Person("Анна", "ANNA")]
    )
    if erase == "by_request":
        services.anonymise_registration(registration=registration)
    else:
        Registration.objects.filter(pk=registration.pk).update(
            mission=MissionFactory(
                starts_on=datetime.date(2020, 12, 7),
                ends_on=datetime.date(2020, 12, 11),
            )
        )
        services.anonymise_finished_missions(days=30)

    registration.refresh_from_db()
    assert not Delegate.objects.filter(registration=registration).exists()
    assert registration.delegates == 1


def test_the_audit_trail_watches_delegates():
    assert Delegate in audit.watched_models()


def test_staff_see_and_correct_delegates_inline(admin_client):
    registration = RegistrationFactory()
    Delegate.objects.create(
        registration=registration, name_ru="Анна", name_latin="SOKOLOVA ANNA"
    )

    page = admin_client.get(
        reverse("admin:missions_registration_change", args=[registration.pk])
    )

    assert "SOKOLOVA ANNA" in page.content.decode()


def test_the_demo_names_the_delegates_of_accepted_registrations(settings, tmp_path):
    import io

    from django.core.management import call_command

    settings.MEDIA_ROOT = tmp_path
    for _load in range(2):
        call_command("load_demo", stdout=io.StringIO())

    accepted = Registration.objects.filter(status=Status.ACCEPTED)
    assert accepted.exists()
    for registration in accepted:
        people = registration.delegate_people.all()
        assert len(people) == registration.delegates
        assert all(person.name_latin.isupper() for person in people)
