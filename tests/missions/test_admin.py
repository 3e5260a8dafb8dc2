import datetime
import re

import factory
import pytest
from django.contrib.admin.models import DELETION, LogEntry
from django.contrib.auth.models import Group, User
from django.contrib.messages import get_messages
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation

from amur_invest.outbox.models import OutgoingEmail
from missions import services
from missions.models import (
    DeletedRegistration,
    Registration,
    StatusChange,
)
from partners.models import Sector
from tests.missions.factories import (
    MissionFactory,
    ProgrammeItemFactory,
    RegistrationFactory,
)
from tests.partners.factories import CompanyFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def english(settings):
    """Staff pages in English, so that assertions read the msgids whatever
    the translators have filled in."""
    settings.LANGUAGE_CODE = "en"
    with translation.override("en"):
        yield


Status = Registration.Status
CHANGELIST = "admin:missions_registration_changelist"
START = datetime.datetime(2020, 11, 2, 9, 0, tzinfo=datetime.UTC)


def confirmed(minutes: int) -> datetime.datetime:
    return START + datetime.timedelta(minutes=minutes)


def messages_of(response) -> list[str]:
    return [str(message) for message in get_messages(response.wsgi_request)]


def run_action(client, action, registrations, reason="", **extra):
    return client.post(
        reverse(CHANGELIST),
        {
            "action": action,
            "_selected_action": [registration.pk for registration in registrations],
            "apply": "yes",
            "reason": reason,
            **extra,
        },
        follow=True,
    )


@pytest.fixture
def coordinator(client):
    user = User.objects.create_user("coordinator", password="x", is_staff=True)
    user.groups.add(Group.objects.get(name="Mission coordinator"))
    client.force_login(user)
    return user


@pytest.fixture
def staff_user(admin_client):
    return User.objects.get(username="admin")


@pytest.fixture
def mission():
    return MissionFactory(delegate_seats=5, slug="december-2020")


class TestMissionAdmin:
    def test_changelist_shows_seats_taken_left_and_counts_by_status(
        self, admin_client, mission
    ):
        RegistrationFactory(mission=mission, status=Status.ACCEPTED, delegates=2)
        RegistrationFactory(mission=mission, status=Status.ACCEPTED, delegates=1)
        RegistrationFactory(mission=mission, status=Status.WAITLISTED, delegates=3)
        RegistrationFactory(mission=mission, status=Status.SUBMITTED)
        RegistrationFactory(mission=mission, status=Status.DECLINED, delegates=3)

        response = admin_client.get(reverse("admin:missions_mission_changelist"))

        assert response.status_code == 200
        html = response.content.decode()
        assert '<td class="field-seats_left_display">2 of 5</td>' in html
        assert '<td class="field-submitted_display">1</td>' in html
        assert '<td class="field-waitlisted_display">1</td>' in html

    def test_seats_left_never_shows_below_zero(self, admin_client):
        full = MissionFactory(delegate_seats=1)
        RegistrationFactory(mission=full, status=Status.ACCEPTED, delegates=2)

        response = admin_client.get(reverse("admin:missions_mission_changelist"))

        assert (
            '<td class="field-seats_left_display">0 of 1</td>'
            in response.content.decode()
        )

    def test_change_page_has_language_tabs_programme_and_summary(
        self, admin_client, mission
    ):
        ProgrammeItemFactory(mission=mission, title_ja="商談会", title_en="B2B day")
        RegistrationFactory(mission=mission, status=Status.ACCEPTED, delegates=2)

        response = admin_client.get(
            reverse("admin:missions_mission_change", args=[mission.pk])
        )

        html = response.content.decode()
        assert response.status_code == 200
        for language in ("ru", "ja", "en"):
            assert f'name="title_{language}"' in html
        assert "tabbed_translation_fields.js" in html
        assert "商談会" in html
        assert "2 of 5 delegate seats taken, 3 left." in html
        assert f"?mission__id__exact={mission.pk}" in html

    def test_add_page_renders_with_slug_prepopulated_from_english_title(
        self, admin_client
    ):
        response = admin_client.get(reverse("admin:missions_mission_add"))

        assert response.status_code == 200
        (slug,) = response.context["adminform"].prepopulated_fields
        assert slug["field"].name == "slug"
        assert [field.name for field in slug["dependencies"]] == ["title_en"]

    def test_mission_changelist_queries_do_not_grow_with_missions(self, admin_client):
        def count_queries():
            with CaptureQueriesContext(connection) as queries:
                admin_client.get(reverse("admin:missions_mission_changelist"))
            return len(queries)

        for _ in range(3):
            RegistrationFactory(status=Status.ACCEPTED)
        few = count_queries()
        for _ in range(30):
            RegistrationFactory(status=Status.WAITLISTED)
        assert count_queries() == few

    def test_coordinator_sees_the_missions(self, client, coordinator, mission):
        response = client.get(reverse("admin:missions_mission_changelist"))

        assert response.status_code == 200
        assert mission.title in response.content.decode()


class TestRegistrationList:
    @pytest.mark.parametrize("as_coordinator", [False, True])
    def test_changelist_renders_for_superuser_and_coordinator(
        self, client, admin_user, as_coordinator, mission
    ):
        if as_coordinator:
            user = User.objects.create_user("coord", password="x", is_staff=True)
            user.groups.add(Group.objects.get(name="Mission coordinator"))
        else:
            user = admin_user
        client.force_login(user)
        registration = RegistrationFactory(mission=mission, contact_name="Анна Ли")

        response = client.get(reverse(CHANGELIST))

        html = response.content.decode()
        assert response.status_code == 200
        assert registration.company.inn in html
        assert "Анна Ли" in html

    def test_waitlist_place_follows_order_of_confirmation(self, admin_client, mission):
        second = RegistrationFactory(
            mission=mission, status=Status.WAITLISTED, confirmed_at=confirmed(20)
        )
        first = RegistrationFactory(
            mission=mission, status=Status.WAITLISTED, confirmed_at=confirmed(10)
        )
        accepted = RegistrationFactory(
            mission=mission, status=Status.ACCEPTED, confirmed_at=confirmed(1)
        )
        elsewhere = RegistrationFactory(
            status=Status.WAITLISTED, confirmed_at=confirmed(0)
        )

        response = admin_client.get(reverse(CHANGELIST))

        places = {
            registration.pk: registration.waitlist_place
            for registration in response.context["cl"].result_list
        }
        assert places == {first.pk: 1, second.pk: 2, accepted.pk: None, elsewhere.pk: 1}
        assert places[second.pk] == second.waitlist_position

    @pytest.mark.parametrize(
        "term",
        [
            "Пчёлка",
            "ミツバチ",
            "Bee Garden",
            "280",
            "hanako@example.ru",
            "Сато",
            # Folded as the catalogue folds: hiragana for katakana, е for ё.
            "みつばち",
            "пчелка",
            # Every word must match, the company or the registration.
            "Пчёлка Сато",
        ],
    )
    def test_search_finds_by_company_names_inn_contact_and_email(
        self, admin_client, term
    ):
        company = CompanyFactory(
            name_ru="ООО «Пчёлка»",
            name_ja="ミツバチ農園",
            name_en="Bee Garden LLC",
            inn="2801234562",
        )
        wanted = RegistrationFactory(
            company=company, contact_name="Ханако Сато", email="hanako@example.ru"
        )
        RegistrationFactory(contact_name="Пётр Иванов", company__inn="2700000003")

        response = admin_client.get(reverse(CHANGELIST), {"q": term})

        assert list(response.context["cl"].result_list) == [wanted]

    def test_search_wants_every_word(self, admin_client):
        RegistrationFactory(
            company=CompanyFactory(name_ru="ООО «Пчёлка»"), contact_name="Ханако Сато"
        )
        RegistrationFactory(contact_name="Пётр Иванов")

        response = admin_client.get(reverse(CHANGELIST), {"q": "Пчёлка Иванов"})

        assert list(response.context["cl"].result_list) == []

    def test_filters_by_company_sector_and_status(self, admin_client):
        honey = Sector.objects.get(slug="honey")
        honey_company = CompanyFactory(sectors=[honey])
        wanted = RegistrationFactory(company=honey_company, status=Status.SUBMITTED)
        RegistrationFactory(company=honey_company, status=Status.DECLINED)
        RegistrationFactory(status=Status.SUBMITTED)

        response = admin_client.get(
            reverse(CHANGELIST),
            {"company__sectors__id__exact": honey.pk, "status__exact": "submitted"},
        )

        assert list(response.context["cl"].result_list) == [wanted]

    def test_changelist_queries_do_not_grow_with_registrations(self, admin_client):
        mission = MissionFactory()

        def count_queries():
            with CaptureQueriesContext(connection) as queries:
                response = admin_client.get(reverse(CHANGELIST))
            assert response.status_code == 200
            return len(queries), len(response.context["cl"].result_list)

        every_status = factory.Iterator(Status.values)
        RegistrationFactory.create_batch(5, mission=mission, status=every_status)
        count_queries()  # fills the caches a first view fills (content types)
        few, shown = count_queries()
        RegistrationFactory.create_batch(95, mission=mission, status=every_status)
        many, shown_many = count_queries()

        assert (shown, shown_many) == (5, 100)
        assert many == few

    def test_changelist_stays_within_its_query_budget(
        self, admin_client, django_assert_max_num_queries
    ):
        RegistrationFactory.create_batch(150, status=factory.Iterator(Status.values))

        with django_assert_max_num_queries(12):
            response = admin_client.get(reverse(CHANGELIST), {"all": ""})

        assert len(response.context["cl"].result_list) == 150


class TestOutgoingEmailAdmin:
    @pytest.mark.parametrize("emails", [5, 150])
    def test_changelist_stays_within_its_query_budget(
        self, admin_client, django_assert_max_num_queries, emails
    ):
        registration = RegistrationFactory()
        OutgoingEmail.objects.bulk_create(
            OutgoingEmail(
                owner=registration,
                kind="confirmation",
                recipient=f"person{number}@example.jp",
                language="ja",
                subject="確認",
                body="本文",
            )
            for number in range(emails)
        )

        # The list's own queries and the audit entry of what it showed.
        with django_assert_max_num_queries(11):
            response = admin_client.get(
                reverse("admin:outbox_outgoingemail_changelist"), {"all": ""}
            )

        assert len(response.context["cl"].result_list) == emails

    def test_staff_only_read_the_mail(self, admin_client):
        response = admin_client.get(reverse("admin:outbox_outgoingemail_add"))

        assert response.status_code == 403

    def test_staff_cannot_add_registrations_by_hand(self, admin_client):
        response = admin_client.get(reverse("admin:missions_registration_add"))

        assert response.status_code == 403

    def test_bulk_delete_is_not_offered(self, admin_client):
        RegistrationFactory()

        response = admin_client.get(reverse(CHANGELIST))

        choices = dict(response.context["action_form"].fields["action"].choices)
        assert "delete_selected" not in choices
        assert {"accept", "waitlist", "hold", "decline", "withdraw"} <= set(choices)


class TestRegistrationChangePage:
    def test_shows_status_history_with_who_when_and_why(self, admin_client, staff_user):
        registration = RegistrationFactory(status=Status.ACCEPTED)
        StatusChange.objects.create(
            registration=registration,
            from_status=Status.SUBMITTED,
            to_status=Status.ACCEPTED,
            changed_by=staff_user,
            reason="Мёд хорошо подходит для FOODEX",
        )

        response = admin_client.get(
            reverse("admin:missions_registration_change", args=[registration.pk])
        )

        html = response.content.decode()
        assert response.status_code == 200
        assert "Мёд хорошо подходит для FOODEX" in html
        assert "admin" in html
        assert registration.token not in html

    def test_status_and_seats_cannot_be_edited_directly(self, admin_client, mission):
        registration = RegistrationFactory(
            mission=mission, status=Status.SUBMITTED, delegates=1
        )
        url = reverse("admin:missions_registration_change", args=[registration.pk])

        form = admin_client.get(url).context["adminform"].form
        admin_client.post(
            url,
            {
                "status": "accepted",
                "delegates": 3,
                "contact_name": "Новое имя",
                "contact_position": "",
                "email": "new@example.ru",
                "phone": "",
                "language": "ja",
                "staff_notes": "позвонить в понедельник",
                "status_changes-TOTAL_FORMS": 0,
                "status_changes-INITIAL_FORMS": 0,
                "delegate_people-TOTAL_FORMS": 0,
                "delegate_people-INITIAL_FORMS": 0,
            },
        )

        assert "status" not in form.fields
        assert "delegates" not in form.fields
        registration.refresh_from_db()
        assert registration.status == Status.SUBMITTED
        assert registration.delegates == 1
        assert registration.contact_name == "Новое имя"
        assert registration.staff_notes == "позвонить в понедельник"


class TestStatusActions:
    def test_action_asks_for_a_reason_before_changing_anything(
        self, admin_client, mission
    ):
        registration = RegistrationFactory(mission=mission, status=Status.SUBMITTED)

        response = admin_client.post(
            reverse(CHANGELIST),
            {"action": "accept", "_selected_action": [registration.pk]},
        )

        assert response.status_code == 200
        assert response.templates[0].name == (
            "admin/missions/registration/action_reason.html"
        )
        assert 'name="reason"' in response.content.decode()
        registration.refresh_from_db()
        assert registration.status == Status.SUBMITTED

    def test_accept_beyond_capacity_accepts_in_order_of_confirmation(
        self, admin_client, staff_user
    ):
        mission = MissionFactory(delegate_seats=3)
        late = RegistrationFactory(mission=mission, confirmed_at=confirmed(30))
        early = RegistrationFactory(
            mission=mission, confirmed_at=confirmed(10), delegates=2
        )
        middle = RegistrationFactory(mission=mission, confirmed_at=confirmed(20))
        latest = RegistrationFactory(mission=mission, confirmed_at=confirmed(40))

        response = run_action(
            admin_client,
            "accept",
            [late, early, middle, latest],
            reason="Отобраны на совещании 5 ноября",
        )

        statuses = {
            r.pk: r.status for r in Registration.objects.filter(mission=mission)
        }
        assert statuses == {
            early.pk: Status.ACCEPTED,
            middle.pk: Status.ACCEPTED,
            late.pk: Status.WAITLISTED,
            latest.pk: Status.WAITLISTED,
        }
        message = " ".join(messages_of(response))
        assert "2 registrations accepted." in message
        assert "2 not accepted for lack of seats" in message
        change = StatusChange.objects.get(registration=early)
        assert change.changed_by == staff_user
        assert change.reason == "Отобраны на совещании 5 ноября"
        assert (change.from_status, change.to_status) == ("submitted", "accepted")

    def test_accept_emails_each_registrant(self, admin_client, mission):
        registration = RegistrationFactory(mission=mission, email="kato@example.jp")

        run_action(admin_client, "accept", [registration])

        email = OutgoingEmail.objects.get(registration=registration)
        assert email.recipient == "kato@example.jp"

    def test_waitlist_records_the_staff_member(self, admin_client, staff_user, mission):
        RegistrationFactory(mission=mission, status=Status.ACCEPTED, delegates=5)
        registration = RegistrationFactory(mission=mission, status=Status.SUBMITTED)

        response = run_action(admin_client, "waitlist", [registration], reason="позже")

        registration.refresh_from_db()
        assert registration.status == Status.WAITLISTED
        assert "1 registration put on the waiting list." in messages_of(response)
        change = registration.status_changes.get()
        assert (change.changed_by, change.reason) == (staff_user, "позже")

    def test_decline_of_accepted_promotes_the_first_waitlisted(
        self, admin_client, staff_user
    ):
        mission = MissionFactory(delegate_seats=1)
        accepted = RegistrationFactory(mission=mission, status=Status.ACCEPTED)
        waiting = RegistrationFactory(
            mission=mission, status=Status.WAITLISTED, confirmed_at=confirmed(5)
        )

        response = run_action(admin_client, "decline", [accepted])

        accepted.refresh_from_db()
        waiting.refresh_from_db()
        assert accepted.status == Status.DECLINED
        assert waiting.status == Status.ACCEPTED
        assert accepted.status_changes.get().changed_by == staff_user
        assert "1 registration declined." in messages_of(response)

    def test_withdraw_on_the_company_behalf(self, admin_client, staff_user, mission):
        registration = RegistrationFactory(mission=mission, status=Status.ACCEPTED)

        run_action(admin_client, "withdraw", [registration], reason="Письмо от 3.11")

        registration.refresh_from_db()
        assert registration.status == Status.WITHDRAWN
        change = registration.status_changes.get()
        assert (change.changed_by, change.reason) == (staff_user, "Письмо от 3.11")

    def test_refused_change_is_an_error_message_not_a_server_error(
        self, admin_client, mission
    ):
        declined = RegistrationFactory(mission=mission, status=Status.DECLINED)
        submitted = RegistrationFactory(mission=mission, status=Status.SUBMITTED)

        response = run_action(admin_client, "hold", [declined, submitted])

        assert response.status_code == 200
        levels = {message.level_tag for message in get_messages(response.wsgi_request)}
        assert levels == {"error", "success"}
        declined.refresh_from_db()
        submitted.refresh_from_db()
        assert declined.status == Status.DECLINED
        assert submitted.status == Status.HELD

    def test_accepting_nothing_acceptable_says_it_was_skipped(
        self, admin_client, mission
    ):
        withdrawn = RegistrationFactory(mission=mission, status=Status.WITHDRAWN)

        response = run_action(admin_client, "accept", [withdrawn])

        assert any("skipped" in message for message in messages_of(response))
        withdrawn.refresh_from_db()
        assert withdrawn.status == Status.WITHDRAWN

    def test_action_from_the_registration_page(self, admin_client, staff_user):
        mission = MissionFactory(delegate_seats=1)
        registration = RegistrationFactory(mission=mission)
        url = reverse("admin:missions_registration_change", args=[registration.pk])

        page = admin_client.get(url)
        asked = admin_client.post(
            url, {"CHANGE_FORM-action": "accept", "_selected_action": registration.pk}
        )
        response = admin_client.post(
            url,
            {
                "CHANGE_FORM-action": "accept",
                "_selected_action": registration.pk,
                "apply": "yes",
                "reason": "одобрено",
            },
        )

        assert 'name="CHANGE_FORM-action"' in page.content.decode()
        assert 'name="CHANGE_FORM-action"' in asked.content.decode()
        assert response.status_code == 302
        assert response.url == url
        registration.refresh_from_db()
        assert registration.status == Status.ACCEPTED
        assert registration.status_changes.get().changed_by == staff_user

    def test_coordinator_may_accept(self, client, coordinator, mission):
        registration = RegistrationFactory(mission=mission)

        run_action(client, "accept", [registration])

        registration.refresh_from_db()
        assert registration.status == Status.ACCEPTED
        assert registration.status_changes.get().changed_by == coordinator

    def test_view_only_staff_get_no_status_actions(self, client, mission):
        viewer = User.objects.create_user("viewer", password="x", is_staff=True)
        viewer.user_permissions.add(
            *Group.objects.get(name="Mission coordinator").permissions.filter(
                codename="view_registration"
            )
        )
        client.force_login(viewer)
        registration = RegistrationFactory(mission=mission)

        response = run_action(client, "accept", [registration])

        registration.refresh_from_db()
        assert response.status_code == 200
        assert registration.status == Status.SUBMITTED
        assert not registration.status_changes.exists()


def staff_in(group_name, client, username="staff"):
    user = User.objects.create_user(username, password="x", is_staff=True)
    user.groups.add(Group.objects.get(name=group_name))
    client.force_login(user)
    return user


def mission_post_data(mission, **overrides):
    """The mission change form as the browser posts it, unchanged."""
    data = {
        "title_ru": mission.title_ru,
        "title_ja": mission.title_ja or "",
        "title_en": mission.title_en or "",
        "slug": mission.slug,
        "description_ru": "",
        "description_ja": "",
        "description_en": "",
        "starts_on": mission.starts_on.isoformat(),
        "ends_on": mission.ends_on.isoformat(),
        "cities_ru": "",
        "cities_ja": "",
        "cities_en": "",
        "delegate_seats": mission.delegate_seats,
        "max_delegates_per_company": mission.max_delegates_per_company,
        "admission_mode": mission.admission_mode,
        "registration_open": "on" if mission.registration_open else "",
        "registration_deadline_0": "",
        "registration_deadline_1": "",
        "results_ru": "",
        "results_ja": "",
        "results_en": "",
        "programme-TOTAL_FORMS": 0,
        "programme-INITIAL_FORMS": 0,
    }
    data.update(overrides)
    return {key: value for key, value in data.items() if value != ""} | {
        key: value for key, value in data.items() if key.endswith(("_0", "_1"))
    }


class TestMissionAdmission:
    def change(self, client, mission, **overrides):
        return client.post(
            reverse("admin:missions_mission_change", args=[mission.pk]),
            mission_post_data(mission, **overrides),
        )

    def test_content_editors_see_seats_and_admission_read_only(self, client, mission):
        staff_in("Content editor", client)

        response = client.get(
            reverse("admin:missions_mission_change", args=[mission.pk])
        )
        self.change(
            client,
            mission,
            title_ru="Новое название",
            delegate_seats=50,
            admission_mode="first_come",
            registration_open="",
            cancelled="on",
        )

        form = response.context["adminform"].form
        for name in (
            "starts_on",
            "ends_on",
            "delegate_seats",
            "admission_mode",
            "registration_open",
            "registration_deadline",
            "cancelled",
        ):
            assert name not in form.fields
        mission.refresh_from_db()
        assert mission.title_ru == "Новое название"
        assert (mission.delegate_seats, mission.admission_mode) == (5, "review")
        assert mission.registration_open is True
        assert mission.cancelled is False

    @pytest.mark.parametrize("group", ["Mission coordinator", "Agency manager"])
    def test_coordinators_and_managers_change_seats_and_admission(
        self, client, mission, group
    ):
        staff_in(group, client)

        response = self.change(
            client, mission, delegate_seats=8, admission_mode="first_come"
        )

        assert response.status_code == 302
        mission.refresh_from_db()
        assert (mission.delegate_seats, mission.admission_mode) == (8, "first_come")

    def test_seats_below_the_delegates_accepted_are_refused(self, client, mission):
        staff_in("Mission coordinator", client)
        RegistrationFactory(mission=mission, status=Status.ACCEPTED, delegates=3)

        response = self.change(client, mission, delegate_seats=2)

        assert response.status_code == 200
        errors = response.context["adminform"].form.errors["delegate_seats"]
        assert errors == [
            "3 delegates are already accepted: the mission needs at least that "
            "many seats. Decline or withdraw registrations first."
        ]
        mission.refresh_from_db()
        assert mission.delegate_seats == 5

    def test_added_seats_promote_the_waiting_list(self, client, mission):
        staff_in("Mission coordinator", client)
        RegistrationFactory(mission=mission, status=Status.ACCEPTED, delegates=5)
        waiting = RegistrationFactory(mission=mission, status=Status.WAITLISTED)

        response = self.change(client, mission, delegate_seats=6)

        assert response.status_code == 302
        waiting.refresh_from_db()
        assert waiting.status == Status.ACCEPTED

    def test_the_status_follows_the_dates_in_list_and_filter(self, admin_client):
        upcoming = MissionFactory(title_en="Upcoming one")
        past = MissionFactory(
            title_en="Past one",
            starts_on=datetime.date(2019, 11, 11),
            ends_on=datetime.date(2019, 11, 15),
        )

        response = admin_client.get(
            reverse("admin:missions_mission_changelist"), {"phase": "completed"}
        )

        assert list(response.context["cl"].result_list) == [past]
        html = admin_client.get(
            reverse("admin:missions_mission_changelist")
        ).content.decode()
        assert '<td class="field-status_display">upcoming</td>' in html
        assert '<td class="field-status_display">completed</td>' in html
        assert upcoming.status == "planned"


class TestCompetingRegistrations:
    def test_competing_registrations_are_marked_filtered_and_linked(
        self, admin_client, mission
    ):
        company = CompanyFactory()
        first = RegistrationFactory(mission=mission, company=company, email="a@a.ru")
        second = RegistrationFactory(mission=mission, company=company, email="b@b.ru")
        alone = RegistrationFactory(mission=mission)

        listing = admin_client.get(reverse(CHANGELIST), {"competing": "yes"})
        page = admin_client.get(
            reverse("admin:missions_registration_change", args=[first.pk])
        )

        assert set(listing.context["cl"].result_list) == {first, second}
        assert alone not in listing.context["cl"].result_list
        html = listing.content.decode()
        assert "competes with 1 other registration of the company" in html
        others = admin_client.get(
            reverse(CHANGELIST),
            {"mission__id__exact": mission.pk, "company__id__exact": company.pk},
        )
        assert set(others.context["cl"].result_list) == {first, second}
        change_page = page.content.decode()
        assert (
            reverse("admin:missions_registration_change", args=[second.pk])
            in change_page
        )
        assert "b@b.ru" in change_page

    def test_an_unconfirmed_registration_shows_the_name_as_typed(self, admin_client):
        RegistrationFactory(
            status=Status.UNCONFIRMED,
            company=None,
            confirmed_at=None,
            company_name="ООО «Незнакомец»",
        )

        response = admin_client.get(reverse(CHANGELIST))

        assert "ООО «Незнакомец» <small>(as typed, not confirmed)</small>" in (
            response.content.decode()
        )

    def test_competition_costs_no_query_per_row(
        self, admin_client, django_assert_max_num_queries
    ):
        company = CompanyFactory()
        mission = MissionFactory()
        RegistrationFactory.create_batch(60, mission=mission, company=company)
        RegistrationFactory.create_batch(60, status=factory.Iterator(Status.values))

        with django_assert_max_num_queries(12):
            response = admin_client.get(reverse(CHANGELIST), {"all": ""})

        assert len(response.context["cl"].result_list) == 120


class TestDeletion:
    @pytest.mark.parametrize("group", ["Mission coordinator", "Agency manager"])
    def test_staff_groups_cannot_delete_a_registration(self, client, mission, group):
        staff_in(group, client)
        registration = RegistrationFactory(mission=mission, status=Status.ACCEPTED)
        delete = reverse("admin:missions_registration_delete", args=[registration.pk])

        page = client.get(
            reverse("admin:missions_registration_change", args=[registration.pk])
        )
        response = client.post(delete, {"post": "yes"})

        assert response.status_code == 403
        assert delete not in page.content.decode()
        assert Registration.objects.filter(pk=registration.pk).exists()

    def test_a_superuser_deletes_with_a_reason_keeping_a_record(
        self, admin_client, staff_user
    ):
        mission = MissionFactory(delegate_seats=1)
        registration = RegistrationFactory(mission=mission, status=Status.ACCEPTED)
        waiting = RegistrationFactory(mission=mission, status=Status.WAITLISTED)
        delete = reverse("admin:missions_registration_delete", args=[registration.pk])

        asked = admin_client.get(delete)
        response = admin_client.post(delete, {"post": "yes", "reason": "Тест"})

        assert 'name="reason"' in asked.content.decode()
        assert response.status_code == 302
        assert not Registration.objects.filter(pk=registration.pk).exists()
        audit = DeletedRegistration.objects.get()
        assert (audit.deleted_by, audit.reason) == (staff_user, "Тест")
        assert LogEntry.objects.filter(action_flag=DELETION).count() == 1
        waiting.refresh_from_db()
        assert waiting.status == Status.ACCEPTED

    def test_coordinators_read_the_record_of_deletions(self, client, staff_user):
        registration = RegistrationFactory()
        services.delete_registration(registration=registration, by=staff_user)
        staff_in("Mission coordinator", client)

        listing = client.get(reverse("admin:missions_deletedregistration_changelist"))
        add = client.get(reverse("admin:missions_deletedregistration_add"))

        assert listing.status_code == 200
        assert registration.inn in listing.content.decode()
        assert add.status_code == 403


class TestNoInternalCodes:
    """Every missions admin page speaks the staff's language: labels, never the
    codes stored in the database."""

    CODES = re.compile(
        r"status_(accepted|waitlisted|submitted|declined|withdrawn|held)|"
        r"\b(submitted|waitlisted|unconfirmed) →|\bNone\b"
    )

    @pytest.mark.parametrize("language", ["ru", "ja"])
    def test_registration_pages_show_labels_not_codes(
        self, admin_client, staff_user, mission, language, settings
    ):
        settings.LANGUAGE_CODE = language
        registration = RegistrationFactory(mission=mission, status=Status.SUBMITTED)
        services.accept_registrations(registrations=[registration], by=staff_user)
        pages = [
            reverse(CHANGELIST),
            reverse("admin:missions_registration_change", args=[registration.pk]),
            reverse("admin:missions_registration_delete", args=[registration.pk]),
            reverse("admin:outbox_outgoingemail_changelist"),
            reverse("admin:missions_mission_changelist"),
            reverse("admin:missions_mission_change", args=[mission.pk]),
        ]
        for page in pages:
            with translation.override(language):
                response = admin_client.get(page, HTTP_ACCEPT_LANGUAGE=language)
            # What staff read: the text, not the links and attributes.
            text = re.sub(r"<[^>]*>", " ", response.content.decode())
            assert response.status_code == 200, page
            assert not self.CODES.search(text), (page, self.CODES.search(text))

    def test_an_empty_waiting_list_place_is_a_dash(self, admin_client):
        registration = RegistrationFactory(status=Status.ACCEPTED)

        response = admin_client.get(
            reverse("admin:missions_registration_change", args=[registration.pk])
        )

        place = re.search(
            r'field-waitlist_place_display.*?<div class="readonly">(.*?)</div>',
            response.content.decode(),
            re.S,
        )
        assert place.group(1) == "-"


class TestBulkActionsNeverSurprise:
    """Issue 15 §2: a bulk action does nothing staff did not expect, and says
    what it did besides what was asked."""

    @pytest.mark.parametrize("action", ["accept", "hold", "decline", "withdraw"])
    def test_registrations_of_an_ended_mission_are_refused_by_name(
        self, admin_client, action
    ):
        ended = MissionFactory(
            title_en="Business mission to Japan, December 2020",
            starts_on=datetime.date(2020, 12, 7),
            ends_on=datetime.date(2020, 12, 11),
        )
        old = RegistrationFactory(
            mission=ended,
            status=Status.SUBMITTED,
            company=CompanyFactory(name_en="Amur Honey LLC"),
        )
        current = RegistrationFactory(status=Status.SUBMITTED)

        response = run_action(admin_client, action, [old, current])

        old.refresh_from_db()
        current.refresh_from_db()
        assert old.status == Status.SUBMITTED
        assert not old.status_changes.exists()
        assert not OutgoingEmail.objects.filter(registration=old).exists()
        assert current.status != Status.SUBMITTED
        refusal = next(m for m in messages_of(response) if "has ended" in m)
        assert "1 registration not changed" in refusal
        assert "Amur Honey LLC" in refusal
        assert "Business mission to Japan, December 2020" in refusal

    def test_registrations_of_a_cancelled_mission_are_refused(self, admin_client):
        cancelled = MissionFactory(cancelled=True)
        first, second = RegistrationFactory.create_batch(2, mission=cancelled)

        response = run_action(admin_client, "accept", [first, second])

        assert Registration.objects.filter(status=Status.ACCEPTED).count() == 0
        assert any(
            "2 registrations not changed" in m and "cancelled" in m
            for m in messages_of(response)
        )

    def test_personal_data_may_still_be_erased_after_the_mission(self, admin_client):
        ended = MissionFactory(
            starts_on=datetime.date(2020, 12, 7), ends_on=datetime.date(2020, 12, 11)
        )
        registration = RegistrationFactory(mission=ended, status=Status.ACCEPTED)

        run_action(admin_client, "erase", [registration])

        registration.refresh_from_db()
        assert registration.is_anonymised

    def test_a_decline_says_who_moved_up_and_why(self, admin_client, staff_user):
        mission = MissionFactory(delegate_seats=2)
        declined = RegistrationFactory(
            mission=mission,
            status=Status.ACCEPTED,
            delegates=2,
            company=CompanyFactory(name_en="Zeya Timber LLC"),
        )
        first, second = (
            RegistrationFactory(
                mission=mission,
                status=Status.WAITLISTED,
                confirmed_at=confirmed(minutes),
                company=CompanyFactory(name_en=name),
            )
            for minutes, name in ((5, "Amur Honey LLC"), (6, "Bureya Soy LLC"))
        )

        response = run_action(
            admin_client, "decline", [declined], reason="Отказались от поездки"
        )

        first.refresh_from_db()
        second.refresh_from_db()
        assert (first.status, second.status) == (Status.ACCEPTED, Status.ACCEPTED)
        said = " ".join(messages_of(response))
        assert "1 registration declined." in said
        assert "2 registrations moved up from the waiting list" in said
        assert "Amur Honey LLC" in said
        assert "Bureya Soy LLC" in said
        assert "Zeya Timber LLC" in said
        move = first.status_changes.get()
        assert move.changed_by == staff_user
        assert "Zeya Timber LLC" in move.reason
        assert "declined" in move.reason
        assert declined.status_changes.get().reason == "Отказались от поездки"

    def test_a_withdrawal_names_the_cause_of_the_move(self, admin_client, staff_user):
        mission = MissionFactory(delegate_seats=1)
        leaving = RegistrationFactory(
            mission=mission,
            status=Status.ACCEPTED,
            company=CompanyFactory(name_en="Zeya Timber LLC"),
        )
        waiting = RegistrationFactory(mission=mission, status=Status.WAITLISTED)

        response = run_action(admin_client, "withdraw", [leaving])

        move = waiting.status_changes.get()
        assert move.changed_by == staff_user
        assert "Zeya Timber LLC" in move.reason
        assert "withdrawn" in move.reason
        assert any("moved up" in m for m in messages_of(response))

    def test_a_registrant_withdrawing_moves_the_list_without_a_staff_member(self):
        mission = MissionFactory(delegate_seats=1)
        leaving = RegistrationFactory(mission=mission, status=Status.ACCEPTED)
        waiting = RegistrationFactory(mission=mission, status=Status.WAITLISTED)

        services.withdraw_registration(registration=leaving)

        move = waiting.status_changes.get()
        assert move.changed_by is None
        assert "withdrawn" in move.reason

    def test_accepting_a_hold_without_seats_keeps_it_a_hold(
        self, admin_client, mission
    ):
        RegistrationFactory(mission=mission, status=Status.ACCEPTED, delegates=5)
        held = RegistrationFactory(mission=mission, status=Status.HELD)
        submitted = RegistrationFactory(mission=mission, status=Status.SUBMITTED)

        response = run_action(admin_client, "accept", [held, submitted])

        held.refresh_from_db()
        submitted.refresh_from_db()
        assert held.status == Status.HELD
        assert not held.status_changes.exists()
        assert submitted.status == Status.WAITLISTED
        said = " ".join(messages_of(response))
        assert "1 kept in reserve: not enough seats left" in said

    def test_messages_are_in_the_staff_member_language(self, admin_client, settings):
        ended = MissionFactory(cancelled=True)
        registration = RegistrationFactory(mission=ended)

        with translation.override("ru"):
            response = admin_client.post(
                "/admin/missions/registration/",
                {
                    "action": "accept",
                    "_selected_action": [registration.pk],
                    "apply": "yes",
                },
                follow=True,
                headers={"accept-language": "ru"},
            )

        said = " ".join(messages_of(response))
        assert "не изменена" in said
