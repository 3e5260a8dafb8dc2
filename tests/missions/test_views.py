import datetime
import html
import re

import pytest
from django.core import signing
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import pgettext
from icalendar import Calendar

from missions import services
from missions.forms import CONSENT_VERSION, RegistrationForm
from missions.models import Registration
from missions.services.workflow import WITHDRAWN_BY_REGISTRANT
from missions.views import TooManySubmissions
from partners.applications.confirmation import confirmation_signature
from partners.applications.errors import InvalidLink
from partners.applications.history import staff_text
from partners.models import Company, Consent, Prefecture, Sector
from showcase.calendar import get_item
from tests.missions.factories import (
    MissionFactory,
    ProgrammeItemFactory,
    RegistrationFactory,
    days_from_today,
)
from tests.partners.factories import (
    CompanyFactory,
    OrganizationFactory,
    inn_with_check_digit,
)

pytestmark = pytest.mark.django_db

LANGUAGES = ["ru", "ja", "en"]


@pytest.fixture(autouse=True)
def fresh_rate_limit_counters():
    # The rate limit counts in the cache; every test starts with none.
    cache.clear()
    yield
    cache.clear()


def url(name, language, **kwargs):
    with translation.override(language):
        return reverse(f"missions:{name}", kwargs=kwargs)


def html_lang(response) -> str:
    match = re.search(r'<html lang="([a-z-]+)"', response.content.decode())
    return match.group(1) if match else ""


def form_data(**overrides):
    data = {
        "inn": inn_with_check_digit(777),
        "company_name": "ООО «Амурская соя»",
        "district": "",
        "sectors": [Sector.objects.get(slug="soybeans").pk],
        "contact_name": "Ольга Иванова",
        "contact_position": "Коммерческий директор",
        "email": "olga@example.ru",
        "phone": "+7 914 555-12-34",
        "delegates": "2",
        "products": "Соевое масло, соевый шрот",
        "goals": "Поставки в Японию",
        "wanted_prefectures": [Prefecture.objects.get(code="01").pk],
        "wanted_partner_kinds": ["company"],
        "wanted_partners": "",
        "language": "ru",
        "consent": "on",
        "homepage": "",
    }
    data.update(overrides)
    return data


@pytest.fixture
def mission():
    return MissionFactory(
        slug="japan-december-2020",
        title_ru="Бизнес-миссия в Японию, декабрь 2020",
        title_ja="日本ビジネスミッション 2020年12月",
        title_en="Business mission to Japan, December 2020",
        cities_ru="Токио, Ниигата",
        cities_ja="東京、新潟",
        cities_en="Tokyo, Niigata",
        delegate_seats=20,
        max_delegates_per_company=3,
    )


def post_registration(client, mission, language="ru", **overrides):
    return client.post(
        url("mission_register", language, slug=mission.slug),
        form_data(**overrides),
        HTTP_USER_AGENT="Mozilla/5.0 (test)",
    )


# Mission list and page -----------------------------------------------------


@pytest.mark.parametrize(
    ("language", "title", "date"),
    [
        ("ru", "Бизнес-миссия в Японию, декабрь 2020", "7 декабря 2020"),
        ("ja", "日本ビジネスミッション 2020年12月", "2020年12月7日"),
        ("en", "Business mission to Japan, December 2020", "Dec. 7, 2020"),
    ],
)
def test_mission_list_speaks_the_page_language(client, language, title, date):
    MissionFactory(
        title_ru="Бизнес-миссия в Японию, декабрь 2020",
        title_ja="日本ビジネスミッション 2020年12月",
        title_en="Business mission to Japan, December 2020",
        starts_on=datetime.date(2020, 12, 7),
        ends_on=datetime.date(2020, 12, 11),
    )

    response = client.get(url("mission_list", language))

    assert response.status_code == 200
    assert html_lang(response) == language
    content = response.content.decode()
    assert title in content
    assert date in content


def test_mission_list_shows_seats_left_while_registration_is_open(client, mission):
    RegistrationFactory(
        mission=mission, delegates=3, status=Registration.Status.ACCEPTED
    )
    RegistrationFactory(
        mission=mission, delegates=2, status=Registration.Status.SUBMITTED
    )

    response = client.get(url("mission_list", "en"))

    content = response.content.decode()
    assert "Registration is open." in content
    assert "17 delegate seats left." in content
    assert url("mission_register", "en", slug=mission.slug) in content


def test_mission_list_shows_the_deadline_and_closed_registration(client):
    deadline = datetime.datetime(2030, 11, 20, 18, 0, tzinfo=datetime.UTC)
    MissionFactory(registration_deadline=deadline)
    closed = MissionFactory(registration_open=False)

    response = client.get(url("mission_list", "en"))

    content = response.content.decode()
    assert "Registration is open until Nov. 21, 2030" in content
    assert "Registration is closed." in content
    assert url("mission_register", "en", slug=closed.slug) not in content


def test_mission_list_query_count_does_not_grow_with_missions(
    client, django_assert_max_num_queries
):
    def add_missions(count):
        for _ in range(count):
            mission = MissionFactory()
            mission.prefectures.set(Prefecture.objects.filter(code__in=["01", "13"]))
            mission.sectors.set(Sector.objects.filter(slug__in=["food", "honey"]))
            RegistrationFactory(mission=mission, status=Registration.Status.ACCEPTED)

    add_missions(2)
    with django_assert_max_num_queries(5):
        few = client.get(url("mission_list", "ja"))
    assert few.content.decode().count("mission-card__title") == 2
    add_missions(20)
    with django_assert_max_num_queries(6):
        response = client.get(url("mission_list", "ja"))
    assert response.content.decode().count("mission-card__title") == 20


def test_mission_list_pages_the_missions_latest_first(client):
    first = datetime.date(2021, 1, 4)
    for week in range(23):
        MissionFactory(
            starts_on=first + datetime.timedelta(weeks=week),
            ends_on=first + datetime.timedelta(weeks=week, days=3),
        )

    second_page = client.get(url("mission_list", "en"), {"page": 2})
    stale_link = client.get(url("mission_list", "en"), {"page": 9})

    content = second_page.content.decode()
    assert content.count("mission-card__title") == 3
    assert "Jan. 4, 2021" in content
    assert "Page 2 of 2" in content
    assert stale_link.status_code == 200
    assert "Page 2 of 2" in stale_link.content.decode()


@pytest.mark.parametrize("language", LANGUAGES)
def test_mission_page_shows_destinations_programme_and_registration(
    client, mission, language
):
    mission.prefectures.set(Prefecture.objects.filter(code="13"))
    mission.sectors.set(Sector.objects.filter(slug="honey"))
    ProgrammeItemFactory(mission=mission, counterpart=OrganizationFactory())

    response = client.get(url("mission_detail", language, slug=mission.slug))

    assert response.status_code == 200
    assert html_lang(response) == language
    content = response.content.decode()
    with translation.override(language):
        expected = [
            mission.title,
            mission.cities,
            Prefecture.objects.get(code="13").name,
            Sector.objects.get(slug="honey").name,
            mission.programme.get().title,
        ]
    for text in expected:
        assert text in content
    assert url("mission_register", language, slug=mission.slug) in content


def test_mission_page_in_japanese_uses_japanese_dates(client):
    mission = MissionFactory(
        starts_on=datetime.date(2020, 12, 7), ends_on=datetime.date(2020, 12, 11)
    )

    response = client.get(url("mission_detail", "ja", slug=mission.slug))

    content = response.content.decode()
    assert "2020年12月7日" in content
    assert "2020年12月11日" in content


@pytest.mark.parametrize(
    ("days_since_start", "label"),
    [(-30, "upcoming"), (1, "in progress"), (10, "completed")],
)
def test_mission_pages_show_the_status_the_dates_give(client, days_since_start, label):
    starts_on = days_from_today(-days_since_start)
    mission = MissionFactory(
        starts_on=starts_on,
        ends_on=starts_on + datetime.timedelta(days=4),
        registration_open=True,
    )

    for page in (
        url("mission_list", "en"),
        url("mission_detail", "en", slug=mission.slug),
    ):
        content = client.get(page).content.decode()
        assert f'class="badge badge--{mission.status}">{label}<' in content
        register = url("mission_register", "en", slug=mission.slug)
        assert (register in content) is (label == "upcoming")


def test_a_started_mission_refuses_registrations(client):
    mission = MissionFactory(
        starts_on=days_from_today(0), ends_on=days_from_today(3), registration_open=True
    )

    response = post_registration(client, mission, language="en")

    assert "Registration for this mission is closed." in response.content.decode()
    assert not Registration.objects.exists()


def test_completed_mission_shows_results_and_no_registration(client):
    completed = MissionFactory(
        starts_on=datetime.date(2019, 11, 11),
        ends_on=datetime.date(2019, 11, 15),
        registration_open=True,
        results_en="Twelve agreements signed with partners in Hokkaido.",
    )

    response = client.get(url("mission_detail", "en", slug=completed.slug))

    content = response.content.decode()
    assert "Twelve agreements signed with partners in Hokkaido." in content
    assert url("mission_register", "en", slug=completed.slug) not in content


def test_unknown_mission_is_404(client):
    assert client.get(url("mission_detail", "en", slug="nowhere")).status_code == 404


def test_mission_page_query_count_does_not_grow_with_programme(
    client, mission, django_assert_max_num_queries
):
    mission.prefectures.set(Prefecture.objects.filter(code__in=["01", "13", "15"]))
    ProgrammeItemFactory(mission=mission, counterpart=OrganizationFactory())
    page = url("mission_detail", "ru", slug=mission.slug)
    with django_assert_max_num_queries(6):
        short = client.get(page)
    assert short.content.decode().count("programme__item") == 1

    for _ in range(25):
        ProgrammeItemFactory(mission=mission, counterpart=OrganizationFactory())
    with django_assert_max_num_queries(6):
        response = client.get(page)
    assert response.content.decode().count("programme__item") == 26


# Registration form ---------------------------------------------------------


@pytest.mark.parametrize("language", LANGUAGES)
def test_registration_form_opens_in_every_language(client, mission, language):
    response = client.get(url("mission_register", language, slug=mission.slug))

    assert response.status_code == 200
    assert html_lang(response) == language
    content = response.content.decode()
    assert 'name="csrfmiddlewaretoken"' in content
    language_radio = re.search(rf'<input[^>]*value="{language}"[^>]*>', content)
    assert "checked" in language_radio.group(0)
    consent_box = re.search(r'<input[^>]*name="consent"[^>]*>', content).group(0)
    assert "checked" not in consent_box


def test_checkbox_groups_have_fieldsets_with_legends(client, mission):
    response = client.get(url("mission_register", "en", slug=mission.slug))

    content = response.content.decode()
    assert re.search(
        r"<fieldset>\s*<legend>Prefectures you would like to meet \(optional\):?</legend>",
        content,
    )
    assert re.search(r"<fieldset>\s*<legend>Sectors:?</legend>", content)


def test_valid_registration_creates_it_and_sends_the_link(
    client, mission, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = post_registration(client, mission, language="ja")

    assert response.status_code == 302
    assert response["Location"] == url("registration_sent", "ja", slug=mission.slug)
    registration = Registration.objects.get()
    assert registration.status == Registration.Status.UNCONFIRMED
    assert registration.inn == inn_with_check_digit(777)
    assert registration.company is None
    assert registration.phone == "+79145551234"
    assert registration.delegates == 2
    assert [p.code for p in registration.wanted_prefectures.all()] == ["01"]
    assert len(mailoutbox) == 1
    assert mailoutbox[0].to == ["olga@example.ru"]


def test_consent_is_stored_with_text_version_address_and_browser(client, mission):
    post_registration(client, mission, language="en")

    consent = Consent.objects.get()
    assert consent.purpose == Consent.Purpose.MISSION_REGISTRATION
    assert consent.text_version == CONSENT_VERSION
    assert "Amur Region Investment Attraction Agency" in consent.text
    assert mission.title_en in consent.text
    assert consent.language == "en"
    assert consent.ip_address == "127.0.0.1"
    assert consent.user_agent == "Mozilla/5.0 (test)"


def test_consent_keeps_the_address_the_proxy_reports(client, mission, settings):
    settings.CLIENT_IP_META_KEY = "HTTP_X_REAL_IP"
    client.defaults["HTTP_X_REAL_IP"] = "203.0.113.44"

    post_registration(client, mission, language="en")

    assert Consent.objects.get().ip_address == "203.0.113.44"


def test_sent_page_asks_to_check_email(client, mission):
    response = client.get(url("registration_sent", "en", slug=mission.slug))

    assert response.status_code == 200
    assert "Check your email" in response.content.decode()


@pytest.mark.parametrize("language", LANGUAGES)
def test_sent_page_opens_in_every_language(client, mission, language):
    response = client.get(url("registration_sent", language, slug=mission.slug))

    assert response.status_code == 200
    assert html_lang(response) == language


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"inn": "2801000000"}, "is not a valid INN"),
        ({"delegates": "4"}, "at most 3 delegates"),
        ({"delegates": "0"}, "At least one delegate is needed."),
        ({"consent": ""}, "processing of personal data"),
        ({"email": "olga@"}, "Enter a valid email address"),
        ({"phone": "12345"}, "is not a valid phone number"),
    ],
)
def test_bad_input_shows_a_message_and_creates_nothing(
    client, mission, overrides, message
):
    response = post_registration(client, mission, language="en", **overrides)

    assert response.status_code == 200
    content = response.content.decode()
    assert 'class="error-summary"' in content
    assert message in content
    assert not Registration.objects.exists()


def test_field_errors_are_linked_to_their_inputs(client, mission):
    response = post_registration(client, mission, language="en", email="olga@")

    content = response.content.decode()
    assert 'href="#id_email"' in content
    email_input = re.search(r'<input[^>]*name="email"[^>]*>', content).group(0)
    assert 'aria-describedby="id_email_helptext id_email_error"' in email_input
    assert 'aria-invalid="true"' in email_input
    assert 'id="id_email_error"' in content


@pytest.mark.parametrize(
    "closed",
    [
        {"registration_open": False},
        {"registration_deadline": datetime.datetime(2020, 11, 30, tzinfo=datetime.UTC)},
    ],
    ids=["closed", "past-deadline"],
)
def test_closed_registration_shows_a_message_and_refuses_posts(client, closed):
    mission = MissionFactory(**closed)

    page = client.get(url("mission_register", "en", slug=mission.slug))
    post = post_registration(client, mission, language="en")

    for response in (page, post):
        assert response.status_code == 200
        assert "Registration for this mission is closed." in response.content.decode()
        assert 'name="inn"' not in response.content.decode()
    assert not Registration.objects.exists()


def test_a_second_sender_of_a_registered_company_sees_what_a_new_one_sees(
    client, mission, mailoutbox, django_capture_on_commit_callbacks
):
    company = CompanyFactory(inn=inn_with_check_digit(777))
    RegistrationFactory(mission=mission, company=company, email="first@example.ru")
    with django_capture_on_commit_callbacks(execute=True):
        fresh = post_registration(client, MissionFactory(), language="en")

    with django_capture_on_commit_callbacks(execute=True):
        response = post_registration(
            client, mission, language="en", email="second@example.ru"
        )

    assert response.status_code == fresh.status_code == 302
    assert response["Location"] == url("registration_sent", "en", slug=mission.slug)
    page = client.get(response["Location"]).content.decode()
    assert "already" not in page
    assert [message.to for message in mailoutbox] == [
        ["olga@example.ru"],
        ["second@example.ru"],
    ]
    assert mailoutbox[0].subject.split(":")[0] == mailoutbox[1].subject.split(":")[0]
    assert "first@example.ru" not in mailoutbox[1].body


def test_a_company_name_without_cyrillic_is_refused_in_the_page_language(
    client, mission
):
    response = post_registration(
        client, mission, language="ja", company_name="アムール蜂蜜株式会社"
    )

    assert response.status_code == 200
    with translation.override("ja"):
        message = RegistrationForm.base_fields["company_name"].validators[1]
        try:
            message("アムール蜂蜜株式会社")
        except ValidationError as error:
            expected = error.messages[0]
    assert html.escape(expected) in response.content.decode()
    assert not Registration.objects.exists()


def test_a_name_in_japanese_goes_in_its_own_field(client, mission):
    post_registration(
        client,
        mission,
        language="ja",
        company_name="ООО «Амурский мёд»",
        company_name_other="アムール蜂蜜",
    )

    registration = Registration.objects.get()
    assert (registration.company_name, registration.company_name_other) == (
        "ООО «Амурский мёд»",
        "アムール蜂蜜",
    )


def test_service_refusal_is_shown_on_the_form(client, mission, monkeypatch):
    def refuse(**kwargs):
        raise services.TooManyDelegates("No seats for such a large delegation.")

    monkeypatch.setattr(services, "submit_registration", refuse)

    response = post_registration(client, mission, language="en")

    assert response.status_code == 200
    assert "No seats for such a large delegation." in response.content.decode()


def test_existing_company_is_matched_by_inn_at_confirmation(client, mission):
    company = CompanyFactory(inn=inn_with_check_digit(777))
    post_registration(client, mission)
    registration = Registration.objects.get()

    client.get(
        url(
            "registration_confirm",
            "ru",
            signed=confirmation_signature(registration),
        )
    )

    assert Company.objects.filter(inn=inn_with_check_digit(777)).count() == 1
    registration.refresh_from_db()
    assert registration.company == company


def test_filled_honeypot_pretends_success_and_creates_nothing(
    client, mission, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = post_registration(
            client, mission, homepage="http://cheap-pills.example"
        )

    assert response.status_code == 302
    assert response["Location"] == url("registration_sent", "ru", slug=mission.slug)
    assert not Registration.objects.exists()
    assert not Company.objects.filter(inn=inn_with_check_digit(777)).exists()
    assert mailoutbox == []


def test_mistakes_in_the_form_never_count_towards_the_rate_limit(
    client, mission, settings
):
    settings.MISSIONS_REGISTRATION_RATE = "2/h"
    for _ in range(5):
        refused = post_registration(client, mission, language="ja", delegates="9")
        assert refused.status_code == 200

    response = post_registration(client, mission, language="ja")

    assert response.status_code == 302
    assert Registration.objects.count() == 1


def test_too_many_registrations_from_one_address_keep_the_page_and_what_was_typed(
    client, mission, settings
):
    settings.MISSIONS_REGISTRATION_RATE = "2/h"
    for seed in (1, 2):
        sent = post_registration(
            client, mission, inn=inn_with_check_digit(seed), email=f"{seed}@x.ru"
        )
        assert sent.status_code == 302

    response = post_registration(
        client,
        mission,
        language="ja",
        inn=inn_with_check_digit(3),
        email="third@example.ru",
        products="Липовый мёд из Зеи",
    )

    assert response.status_code == 429
    assert html_lang(response) == "ja"
    content = response.content.decode()
    assert 'class="error-summary"' in content
    with translation.override("ja"):
        assert html.escape(str(TooManySubmissions())) in content
    assert 'value="third@example.ru"' in content
    assert "Липовый мёд из Зеи" in content
    assert Registration.objects.count() == 2
    # Reading the form stays possible.
    assert (
        client.get(url("mission_register", "ja", slug=mission.slug)).status_code == 200
    )


def test_too_many_emails_to_one_address_is_told_on_the_form(client, mission, settings):
    settings.APPLICATIONS_EMAILS_PER_ADDRESS_PER_HOUR = 1
    post_registration(client, mission, inn=inn_with_check_digit(1))

    response = post_registration(client, mission, inn=inn_with_check_digit(2))

    assert response.status_code == 429
    assert 'name="inn"' in response.content.decode()
    assert Registration.objects.count() == 1


def test_form_requires_csrf_token(mission):
    from django.test import Client

    strict = Client(enforce_csrf_checks=True)

    response = post_registration(strict, mission)

    assert response.status_code == 403
    assert not Registration.objects.exists()


# Confirmation link -----------------------------------------------------------


@pytest.fixture
def unconfirmed(mission):
    return RegistrationFactory(
        mission=mission,
        status=Registration.Status.UNCONFIRMED,
        confirmed_at=None,
        language="ja",
    )


def test_good_confirmation_link_confirms_and_opens_the_registration(
    client, unconfirmed
):
    signed = confirmation_signature(unconfirmed)

    response = client.get(url("registration_confirm", "ja", signed=signed))

    assert response.status_code == 302
    assert response["Location"] == url(
        "registration_detail", "ja", token=unconfirmed.token
    )
    assert response["Referrer-Policy"] == "no-referrer"
    unconfirmed.refresh_from_db()
    assert unconfirmed.status == Registration.Status.SUBMITTED


def test_confirming_twice_changes_nothing(client, unconfirmed):
    link = url(
        "registration_confirm",
        "ja",
        signed=confirmation_signature(unconfirmed),
    )
    client.get(link)
    unconfirmed.refresh_from_db()
    first_confirmation = unconfirmed.confirmed_at
    changes = unconfirmed.status_changes.count()

    response = client.get(link)

    assert response.status_code == 302
    unconfirmed.refresh_from_db()
    assert unconfirmed.status == Registration.Status.SUBMITTED
    assert unconfirmed.confirmed_at == first_confirmation
    assert unconfirmed.status_changes.count() == changes


@pytest.mark.parametrize(
    ("ended", "message"),
    [
        (Registration.Status.WITHDRAWN, "This registration was withdrawn"),
        (Registration.Status.DECLINED, "The agency has declined this registration"),
    ],
)
def test_the_link_of_an_ended_registration_tells_the_truth(client, ended, message):
    registration = RegistrationFactory(status=ended)
    link = url(
        "registration_confirm",
        "en",
        signed=confirmation_signature(registration),
    )

    response = client.get(link, follow=True)

    content = response.content.decode()
    assert message in content
    assert "your email address is confirmed" not in content
    registration.refresh_from_db()
    assert registration.status == ended


@pytest.mark.parametrize("language", LANGUAGES)
def test_forged_confirmation_link_is_a_clear_400(client, unconfirmed, language):
    forged = confirmation_signature(unconfirmed)[:-3] + "abc"

    response = client.get(url("registration_confirm", language, signed=forged))

    assert response.status_code == 400
    assert html_lang(response) == language
    with translation.override(language):
        assert str(InvalidLink()) in response.content.decode()
    unconfirmed.refresh_from_db()
    assert unconfirmed.status == Registration.Status.UNCONFIRMED


def test_expired_confirmation_link_is_a_clear_410(client, unconfirmed, monkeypatch):
    long_ago = signing.time.time() - 73 * 3600
    with monkeypatch.context() as patch:
        patch.setattr(signing.time, "time", lambda: long_ago)
        signed = confirmation_signature(unconfirmed)

    response = client.get(url("registration_confirm", "en", signed=signed))

    assert response.status_code == 410
    assert "expired" in response.content.decode()
    unconfirmed.refresh_from_db()
    assert unconfirmed.status == Registration.Status.UNCONFIRMED


# The registrant's own page ---------------------------------------------------


@pytest.fixture
def registration(mission):
    registration = RegistrationFactory(
        mission=mission,
        contact_name="Ольга Иванова",
        products="Соевое масло",
        wanted_partner_kinds=["association"],
        delegates=2,
    )
    registration.wanted_prefectures.set(Prefecture.objects.filter(code="15"))
    return registration


@pytest.mark.parametrize("language", LANGUAGES)
def test_registrant_page_shows_status_and_what_was_sent(client, registration, language):
    response = client.get(
        url("registration_detail", language, token=registration.token)
    )

    assert response.status_code == 200
    assert html_lang(response) == language
    content = response.content.decode()
    with translation.override(language):
        expected = [
            registration.mission.title,
            str(registration.get_status_display()),
            Prefecture.objects.get(code="15").name,
            registration.company_name,
        ]
    for text in expected:
        assert text in content
    assert "Ольга Иванова" in content
    assert "Соевое масло" in content


def test_registrant_page_is_private(client, registration):
    response = client.get(url("registration_detail", "en", token=registration.token))

    # The page carries the delegates form, which posts back: same-origin
    # keeps the URL from every other site and lets the CSRF check pass.
    assert response["Referrer-Policy"] == "same-origin"
    assert "no-store" in response["Cache-Control"]
    assert "private" in response["Cache-Control"]
    assert '<meta name="robots" content="noindex' in response.content.decode()


def test_unknown_token_is_404(client):
    response = client.get(url("registration_detail", "en", token="not-a-token"))

    assert response.status_code == 404


@pytest.mark.parametrize("page", ["", "withdraw/", "erase/", "mission.ics"])
@pytest.mark.parametrize("method", ["get", "post"])
def test_token_with_a_nul_byte_is_404_not_a_database_error(client, page, method):
    # PostgreSQL refuses NUL in text: such a token must not reach the query.
    response = getattr(client, method)(f"/en/registrations/%00abc/{page}")

    assert response.status_code == 404


def test_registrant_page_shows_the_place_on_the_waiting_list(client, mission):
    start = timezone.now() - datetime.timedelta(days=2)
    for hours in (1, 2):
        RegistrationFactory(
            mission=mission,
            status=Registration.Status.WAITLISTED,
            confirmed_at=start + datetime.timedelta(hours=hours),
        )
    third = RegistrationFactory(
        mission=mission,
        status=Registration.Status.WAITLISTED,
        confirmed_at=start + datetime.timedelta(hours=3),
    )

    response = client.get(url("registration_detail", "en", token=third.token))

    assert "number 3 on the waiting list" in response.content.decode()


def test_registrant_page_lists_the_status_history(client, unconfirmed):
    client.get(
        url(
            "registration_confirm",
            "en",
            signed=confirmation_signature(unconfirmed),
        )
    )
    client.post(url("registration_withdraw", "en", token=unconfirmed.token))

    response = client.get(url("registration_detail", "en", token=unconfirmed.token))

    history = response.content.decode().split('class="status-history"')[1]
    assert re.search(
        r"</time>: submitted</li>\s*<li>.*</time>: withdrawn</li>", history
    )


@pytest.mark.parametrize("language", LANGUAGES)
def test_withdraw_page_asks_for_confirmation_first(client, registration, language):
    response = client.get(
        url("registration_withdraw", language, token=registration.token)
    )

    assert response.status_code == 200
    assert html_lang(response) == language
    assert 'method="post"' in response.content.decode()
    # Not no-referrer: the browser would post with `Origin: null` and fail CSRF.
    assert response["Referrer-Policy"] == "same-origin"
    assert "no-store" in response["Cache-Control"]
    registration.refresh_from_db()
    assert registration.status == Registration.Status.SUBMITTED


def test_withdraw_by_post_withdraws_and_returns_to_the_page(client, registration):
    response = client.post(url("registration_withdraw", "en", token=registration.token))

    assert response.status_code == 302
    assert response["Location"] == url(
        "registration_detail", "en", token=registration.token
    )
    registration.refresh_from_db()
    assert registration.status == Registration.Status.WITHDRAWN
    page = client.get(response["Location"]).content.decode()
    assert "withdrawn" in page
    assert url("registration_withdraw", "en", token=registration.token) not in page


def test_withdrawing_twice_shows_a_message_not_an_error(client, registration):
    withdraw_url = url("registration_withdraw", "en", token=registration.token)
    client.post(withdraw_url)

    response = client.post(withdraw_url, follow=True)

    assert response.status_code == 200
    assert "can no longer be withdrawn" in response.content.decode()


def test_erase_asks_first_then_erases_the_personal_data(client, registration):
    erase_url = url("registration_erase", "en", token=registration.token)

    asked = client.get(erase_url)
    registration.refresh_from_db()
    assert registration.anonymised_at is None
    assert 'method="post"' in asked.content.decode()

    response = client.post(erase_url)

    assert response.status_code == 302
    registration.refresh_from_db()
    assert registration.anonymised_at is not None
    assert registration.contact_name == ""
    page = client.get(response["Location"]).content.decode()
    assert "Ольга Иванова" not in page
    assert "was erased on" in page


def test_mission_dates_download_as_an_all_day_event(client, registration):
    ics_url = url("registration_ics", "ja", token=registration.token)

    first = client.get(ics_url)
    second = client.get(ics_url)

    assert first.status_code == 200
    assert first["Content-Type"] == "text/calendar; charset=utf-8"
    assert "no-store" in first["Cache-Control"]
    event = Calendar.from_ical(first.content).walk("VEVENT")[0]
    mission = registration.mission
    assert event.decoded("dtstart") == mission.starts_on
    assert event.decoded("dtend") == mission.ends_on + datetime.timedelta(days=1)
    assert str(event["summary"]) == "日本ビジネスミッション 2020年12月"
    again = Calendar.from_ical(second.content).walk("VEVENT")[0]
    assert str(event["uid"]) == str(again["uid"])
    assert registration.token not in first.content.decode()


def test_the_mission_file_follows_the_public_calendars_rules(client, registration):
    """One iCalendar writer: the registrant's file carries the public
    calendar's UID for the mission, its SEQUENCE, and STATUS:CANCELLED
    (with the title saying so) once the mission is cancelled."""
    mission = registration.mission
    mission.cancelled = True
    mission.save()
    in_the_feed = get_item("mission", mission.pk)

    response = client.get(url("registration_ics", "en", token=registration.token))

    event = Calendar.from_ical(response.content).walk("VEVENT")[0]
    assert str(event["uid"]) == in_the_feed.uid
    assert event["sequence"] == in_the_feed.sequence
    assert str(event["status"]) == "CANCELLED"
    assert str(event["summary"]) == (
        "Cancelled: Business mission to Japan, December 2020"
    )


def test_calendar_of_an_unknown_token_is_404(client):
    assert client.get(url("registration_ics", "en", token="nope")).status_code == 404


def test_the_two_keep_it_buttons_say_what_they_keep_in_japanese(client, registration):
    withdraw = client.get(url("registration_withdraw", "ja", token=registration.token))
    erase = client.get(url("registration_erase", "ja", token=registration.token))

    with translation.override("ja"):
        keep_registration = pgettext("withdrawing a registration", "No, keep it")
        keep_data = pgettext("erasing personal data", "No, keep it")
    assert keep_registration != keep_data
    assert keep_registration in withdraw.content.decode()
    assert keep_data not in withdraw.content.decode()
    assert keep_data in erase.content.decode()


# Who withdrew (staff on this page are refused: tests/operations/test_secret_links.py)


def test_a_withdrawal_by_the_registrant_says_so(client, registration):
    client.post(url("registration_withdraw", "en", token=registration.token))

    change = registration.status_changes.get()
    assert change.changed_by is None
    assert change.reason == staff_text(WITHDRAWN_BY_REGISTRANT)


# The registrant corrects the registration ---------------------------------------


def edit_data(registration, **overrides):
    data = {
        "contact_name": registration.contact_name,
        "contact_position": registration.contact_position,
        "email": registration.email,
        "phone": "+7 914 555-12-34",
        "delegates": str(registration.delegates),
        "products": registration.products or "Соевое масло",
        "goals": registration.goals,
        "wanted_prefectures": [p.pk for p in registration.wanted_prefectures.all()],
        "wanted_partner_kinds": registration.wanted_partner_kinds,
        "wanted_partners": registration.wanted_partners,
        "language": registration.language,
    }
    data.update(overrides)
    return data


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_correction_page_opens_with_the_current_values(
    client, registration, language
):
    response = client.get(url("registration_edit", language, token=registration.token))

    assert response.status_code == 200
    assert html_lang(response) == language
    assert response["Referrer-Policy"] == "same-origin"
    assert "no-store" in response["Cache-Control"]
    content = response.content.decode()
    assert 'value="Ольга Иванова"' in content
    assert re.search(r'<input[^>]*name="delegates"[^>]*value="2"', content)


def test_the_registrant_corrects_the_registration_and_sees_it_on_the_page(
    client, registration, mailoutbox, django_capture_on_commit_callbacks
):
    edit = url("registration_edit", "en", token=registration.token)

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            edit, edit_data(registration, delegates="3", goals="Найти импортёра")
        )

    assert response.status_code == 302
    page = client.get(response["Location"]).content.decode()
    assert "Your registration is corrected." in page
    assert "Найти импортёра" in page
    assert "details changed" in page
    registration.refresh_from_db()
    assert registration.delegates == 3
    assert [message.to for message in mailoutbox] == [[registration.email]]


def test_more_delegates_than_seats_left_is_refused_on_the_page(client, mission):
    mission.delegate_seats = 3
    mission.save()
    RegistrationFactory(
        mission=mission, status=Registration.Status.ACCEPTED, delegates=2
    )
    accepted = RegistrationFactory(
        mission=mission, status=Registration.Status.ACCEPTED, delegates=1
    )

    response = client.post(
        url("registration_edit", "en", token=accepted.token),
        edit_data(accepted, delegates="3"),
    )

    assert response.status_code == 200
    content = response.content.decode()
    assert 'href="#id_delegates"' in content
    assert "All seats of the delegation are taken" in content
    accepted.refresh_from_db()
    assert accepted.delegates == 1


def test_corrections_stop_at_the_deadline(client):
    registration = RegistrationFactory(
        mission=MissionFactory(
            registration_deadline=timezone.now() - datetime.timedelta(minutes=1)
        )
    )
    edit = url("registration_edit", "en", token=registration.token)

    page = client.get(edit)
    post = client.post(edit, edit_data(registration, delegates="3"))

    for response in (page, post):
        assert "can no longer be corrected here" in response.content.decode()
        assert 'name="delegates"' not in response.content.decode()
    registration.refresh_from_db()
    assert registration.delegates == 1
    detail = client.get(url("registration_detail", "en", token=registration.token))
    assert edit not in detail.content.decode()
