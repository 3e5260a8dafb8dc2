"""Staff review applications for the pavilion in the admin: accept or decline
with a reason, kept in the history, the company emailed in its language;
competing applications of one company flagged. An exhibition coordinator
reviews participations and sees nothing of mission registrations."""

import functools
import re

import pytest
from django.contrib.auth.models import Group
from django.contrib.messages import get_messages
from django.urls import reverse
from django.utils import translation

from amur_invest.outbox.models import OutgoingEmail
from exhibitions.models import Participation
from partners.models import Consent
from tests.exhibitions.factories import ApplicationFactory, OpenExhibitionFactory
from tests.missions.factories import RegistrationFactory
from tests.partners.factories import CompanyFactory

pytestmark = pytest.mark.django_db

Status = Participation.Status
CHANGELIST = "admin:exhibitions_participation_changelist"


@pytest.fixture(autouse=True)
def staff_read_english(settings):
    settings.LANGUAGE_CODE = "en"
    with translation.override("en"):
        yield


@pytest.fixture
def committed(django_capture_on_commit_callbacks):
    return functools.partial(django_capture_on_commit_callbacks, execute=True)


@pytest.fixture
def coordinator(django_user_model):
    user = django_user_model.objects.create_user(
        "kato", password="x", is_staff=True, email="kato@amurinvest.example"
    )
    user.groups.add(Group.objects.get(name="Exhibition coordinator"))
    return user


@pytest.fixture
def coordinator_client(client, coordinator):
    client.force_login(coordinator)
    return client


def messages_of(response) -> list[str]:
    return [str(message) for message in get_messages(response.wsgi_request)]


def run_action(client, action, participations, reason=""):
    return client.post(
        reverse(CHANGELIST),
        {
            "action": action,
            "_selected_action": [participation.pk for participation in participations],
            "apply": "yes",
            "reason": reason,
        },
        follow=True,
    )


def test_an_action_asks_for_the_reason_first(coordinator_client):
    participation = ApplicationFactory()

    response = coordinator_client.post(
        reverse(CHANGELIST),
        {"action": "decline", "_selected_action": [participation.pk]},
    )

    assert response.status_code == 200
    assert response.templates[0].name == (
        "admin/partners/applications/action_reason.html"
    )
    assert 'name="reason"' in response.content.decode()
    assert participation.company.name_en in response.content.decode()
    participation.refresh_from_db()
    assert participation.status == Status.SUBMITTED


@pytest.mark.parametrize(
    ("language", "subject"),
    [
        ("ja", "アムール州パビリオンへようこそ"),
        ("ru", "Добро пожаловать в Амурский павильон"),
        ("en", "Welcome to the Amur pavilion"),
    ],
)
def test_accepting_records_the_reason_and_emails_the_company_in_its_language(
    coordinator_client, coordinator, mailoutbox, committed, language, subject
):
    participation = ApplicationFactory(language=language, email="sato@example.jp")

    with committed():
        response = run_action(
            coordinator_client, "accept", [participation], reason="Мёд нужен"
        )

    participation.refresh_from_db()
    assert participation.status == Status.ACCEPTED
    assert "1 participation accepted." in messages_of(response)
    step = participation.status_changes.last()
    assert (step.to_status, step.changed_by, step.reason) == (
        Status.ACCEPTED,
        coordinator,
        "Мёд нужен",
    )
    [message] = mailoutbox
    assert message.to == ["sato@example.jp"]
    assert message.subject.startswith(subject)
    assert f"/{language}/applications/{participation.token}/" in message.body
    assert "\n" not in message.subject


def test_declining_tells_the_company_and_keeps_it_out_of_the_catalogue(
    coordinator_client, mailoutbox, committed, client
):
    participation = ApplicationFactory(language="ja")

    with committed():
        run_action(coordinator_client, "decline", [participation], reason="Нет места")

    participation.refresh_from_db()
    assert participation.status == Status.DECLINED
    assert participation.status_changes.last().reason == "Нет места"
    assert mailoutbox[0].subject.startswith("出展申込の結果のお知らせ")
    catalogue = client.get(participation.exhibition.get_absolute_url())
    assert participation.company.name_ja not in catalogue.content.decode()


def test_a_decision_that_cannot_be_taken_is_reported_and_changes_nothing(
    coordinator_client,
):
    declined = ApplicationFactory(status=Status.DECLINED)

    response = run_action(coordinator_client, "accept", [declined])

    declined.refresh_from_db()
    assert declined.status == Status.DECLINED
    assert any("Only a submitted application" in m for m in messages_of(response))


def test_competing_applications_of_one_company_are_marked_and_only_one_is_accepted(
    coordinator_client,
):
    company = CompanyFactory()
    exhibition = OpenExhibitionFactory()
    first, second = (
        ApplicationFactory(exhibition=exhibition, company=company) for _ in range(2)
    )
    ApplicationFactory(exhibition=exhibition)

    listed = coordinator_client.get(reverse(CHANGELIST), {"competing": "yes"})
    response = run_action(coordinator_client, "accept", [first, second])

    assert set(listed.context["cl"].result_list) == {first, second}
    assert "competes with 1 other application of the company" in listed.text
    statuses = sorted(
        Participation.objects.filter(pk__in=[first.pk, second.pk]).values_list(
            "status", flat=True
        )
    )
    assert statuses == [Status.ACCEPTED, Status.SUBMITTED]
    assert any("already been accepted" in m for m in messages_of(response))


def test_the_change_page_shows_the_history_and_the_other_applications(
    coordinator_client,
):
    company = CompanyFactory()
    participation = ApplicationFactory(company=company)
    other = ApplicationFactory(
        company=company, exhibition=participation.exhibition, email="x@example.ru"
    )
    participation.status_changes.create(to_status=Status.SUBMITTED, reason="с сайта")

    response = coordinator_client.get(
        reverse("admin:exhibitions_participation_change", args=[participation.pk])
    )

    html = response.content.decode()
    assert response.status_code == 200
    assert "с сайта" in html
    assert "x@example.ru" in html
    assert other.get_status_display() in html
    assert participation.token not in html  # a credential, not for staff


def test_staff_enter_a_participation_by_hand_and_its_history_starts(
    coordinator_client, coordinator
):
    exhibition = OpenExhibitionFactory()
    company = CompanyFactory()

    response = coordinator_client.post(
        reverse("admin:exhibitions_participation_add"),
        {
            "exhibition": exhibition.pk,
            "company": company.pk,
            "stand": "5E-01",
            "contact_name": "",
            "email": "",
            "language": "ru",
            "products-TOTAL_FORMS": 0,
            "products-INITIAL_FORMS": 0,
            "status_changes-TOTAL_FORMS": 0,
            "status_changes-INITIAL_FORMS": 0,
        },
    )

    assert response.status_code == 302, response.context["adminform"].form.errors
    participation = Participation.objects.get()
    assert participation.status == Status.SUBMITTED
    assert participation.status_changes.get().changed_by == coordinator


def test_the_participation_list_stays_within_its_query_budget(
    coordinator_client, django_assert_max_num_queries
):
    exhibition = OpenExhibitionFactory()
    company = CompanyFactory()
    for _ in range(3):
        ApplicationFactory(exhibition=exhibition, company=company)
    for _ in range(60):
        ApplicationFactory(exhibition=exhibition)

    with django_assert_max_num_queries(16):
        response = coordinator_client.get(reverse(CHANGELIST), {"all": ""})

    assert len(response.context["cl"].result_list) == 63


# The exhibition coordinator ------------------------------------------------------------


def test_the_coordinator_reviews_participations(coordinator):
    for permission in (
        "exhibitions.view_participation",
        "exhibitions.change_participation",
        "exhibitions.view_statuschange",
        "exhibitions.import_participation",
        "exhibitions.export_participation",
        "outbox.view_outgoingemail",
        "partners.view_company",
    ):
        assert coordinator.has_perm(permission), permission


def test_the_coordinator_sees_no_mission_registrations(coordinator):
    group = Group.objects.get(name="Exhibition coordinator")
    missions = group.permissions.filter(content_type__app_label="missions")
    assert not missions.exists()
    assert not coordinator.has_perm("missions.view_registration")


def test_the_coordinator_is_refused_every_registration_page(coordinator_client):
    registration = RegistrationFactory()

    pages = [
        reverse("admin:missions_registration_changelist"),
        reverse("admin:missions_registration_change", args=[registration.pk]),
        reverse("admin:missions_mission_changelist"),
    ]

    for page in pages:
        assert coordinator_client.get(page).status_code == 403, page
    index = coordinator_client.get(reverse("admin:index")).content.decode()
    assert "/admin/missions/registration/" not in index
    assert "/admin/exhibitions/participation/" in index


def test_the_coordinator_reads_no_registrants_consent_or_mail(coordinator_client):
    registration = RegistrationFactory(
        consent=Consent.objects.create(
            purpose=Consent.Purpose.MISSION_REGISTRATION,
            text="Согласие",
            text_version="1",
            language="ru",
            email="delegate@example.ru",
        )
    )
    OutgoingEmail.objects.create(
        owner=registration,
        kind="confirm",
        recipient="delegate@example.ru",
        language="ru",
        subject="Тема",
        body="Текст",
    )
    participation = ApplicationFactory(
        consent=Consent.objects.create(
            purpose=Consent.Purpose.EXHIBITION_APPLICATION,
            text="Согласие",
            text_version="1",
            language="ru",
            email="exhibitor@example.ru",
        )
    )

    consents = coordinator_client.get(reverse("admin:partners_consent_changelist"))
    emails = coordinator_client.get(reverse("admin:outbox_outgoingemail_changelist"))

    assert list(consents.context["cl"].result_list) == [participation.consent]
    text = re.sub(r"<[^>]*>", " ", consents.text + emails.text)
    assert "delegate@example.ru" not in text


def test_the_exhibition_page_lists_confirmed_participations_without_moving_them(
    coordinator_client,
):
    confirmed = ApplicationFactory()
    ApplicationFactory(
        exhibition=confirmed.exhibition, status=Status.UNCONFIRMED, company=None
    )
    url = reverse("admin:exhibitions_exhibition_change", args=[confirmed.exhibition.pk])

    inline = coordinator_client.get(url).context["inline_admin_formsets"][0]

    [form] = inline.formset.forms
    assert form.instance == confirmed
    assert form.fields["company"].disabled


@pytest.mark.parametrize("action", ["accept", "decline", "withdraw"])
def test_participations_of_an_ended_or_cancelled_exhibition_are_refused_by_name(
    coordinator_client, action
):
    from tests.exhibitions.factories import ExhibitionFactory

    foodex = ExhibitionFactory(name_en="FOODEX JAPAN 2020", is_cancelled=True)
    past = ExhibitionFactory(name_en="IFIA JAPAN 2020")
    refused = [
        ApplicationFactory(exhibition=exhibition, company=CompanyFactory(name_en=name))
        for exhibition, name in ((foodex, "Amur Honey LLC"), (past, "Zeya Timber"))
    ]
    current = ApplicationFactory()

    response = run_action(coordinator_client, action, [*refused, current])

    for participation in refused:
        participation.refresh_from_db()
        assert participation.status == Status.SUBMITTED
        assert not participation.status_changes.exists()
    current.refresh_from_db()
    assert current.status != Status.SUBMITTED
    refusal = next(m for m in messages_of(response) if "has ended" in m)
    assert "2 participations not changed" in refusal
    for name in ("Amur Honey LLC", "Zeya Timber", "FOODEX JAPAN 2020"):
        assert name in refusal
