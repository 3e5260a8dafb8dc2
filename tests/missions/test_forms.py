import pytest
from django.utils import translation

from missions.forms import (
    CONSENT_VERSION,
    RegistrationChangeForm,
    RegistrationForm,
    consent_text,
    is_bot_submission,
    normalize_phone,
)
from partners.models import District, Prefecture, Sector
from tests.missions.factories import MissionFactory, RegistrationFactory
from tests.partners.factories import inn_with_check_digit

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def english():
    """These tests read messages in English, the language of the msgids; the
    site's default language is Russian."""
    with translation.override("en"):
        yield


def valid_data(**overrides):
    data = {
        "inn": inn_with_check_digit(4242),
        "company_name": "ООО «Зейский мёд»",
        "district": District.objects.get(slug="zeysky").pk,
        "sectors": [Sector.objects.get(slug="honey").pk],
        "contact_name": "Анна Смирнова",
        "contact_position": "Директор по экспорту",
        "email": "Anna.Smirnova@Example.RU",
        "phone": "8 (4162) 20-30-40",
        "delegates": "2",
        "products": "Липовый мёд, гречишный мёд",
        "goals": "Найти импортёра в Японии",
        "wanted_prefectures": [Prefecture.objects.get(code="13").pk],
        "wanted_partner_kinds": ["company", "association"],
        "wanted_partners": "",
        "language": "ja",
        "consent": "on",
        "homepage": "",
    }
    data.update(overrides)
    return data


def bound_form(mission=None, **overrides):
    mission = mission or MissionFactory(max_delegates_per_company=3)
    return RegistrationForm(valid_data(**overrides), mission=mission)


def test_valid_form_normalises_inn_phone_and_email():
    form = bound_form(inn=f" {inn_with_check_digit(4242)} ")

    assert form.is_valid(), form.errors
    assert form.cleaned_data["inn"] == inn_with_check_digit(4242)
    assert form.cleaned_data["phone"] == "+74162203040"
    assert form.cleaned_data["email"] == "anna.smirnova@example.ru"


def test_service_payload_splits_company_from_registration():
    form = bound_form()
    assert form.is_valid(), form.errors

    company = form.company_data()
    registration = form.registration_data()

    assert company["inn"] == inn_with_check_digit(4242)
    assert company["name"] == "ООО «Зейский мёд»"
    assert company["district"].slug == "zeysky"
    assert [sector.slug for sector in company["sectors"]] == ["honey"]
    assert registration["delegates"] == 2
    assert registration["wanted_partner_kinds"] == ["company", "association"]
    assert registration["language"] == "ja"
    assert "inn" not in registration


def test_inn_with_a_wrong_check_digit_is_refused_with_a_clear_message():
    inn = inn_with_check_digit(4242)
    wrong = inn[:-1] + str((int(inn[-1]) + 1) % 10)

    form = bound_form(inn=wrong)

    assert not form.is_valid()
    assert "is not a valid INN" in form.errors["inn"][0]


def test_inn_of_letters_is_refused():
    form = bound_form(inn="ABC")

    assert not form.is_valid()
    assert "inn" in form.errors


def test_more_delegates_than_the_mission_allows_names_the_limit():
    form = bound_form(
        mission=MissionFactory(max_delegates_per_company=2), delegates="3"
    )

    assert not form.is_valid()
    assert form.errors["delegates"] == [
        "A company can send at most 2 delegates to this mission."
    ]


@pytest.mark.parametrize("delegates", ["0", "-1"])
def test_zero_or_negative_delegates_are_refused(delegates):
    form = bound_form(delegates=delegates)

    assert not form.is_valid()
    assert form.errors["delegates"] == ["At least one delegate is needed."]


def test_delegate_limit_reaches_the_browser_as_min_and_max():
    form = RegistrationForm(mission=MissionFactory(max_delegates_per_company=4))

    html = str(form["delegates"])

    assert 'min="1"' in html
    assert 'max="4"' in html


def test_registration_without_consent_is_refused():
    form = bound_form(consent="")

    assert not form.is_valid()
    assert "consent" in form.errors["consent"][0]


def test_consent_box_starts_unticked_and_names_operator_and_purpose():
    mission = MissionFactory(title_en="Business mission to Japan, December 2020")

    with translation.override("en"):
        form = RegistrationForm(mission=mission)
        html = str(form["consent"])
        label = form.fields["consent"].label

    assert "checked" not in html
    assert "Amur Region Investment Attraction Agency" in label
    assert "152-FZ" in label
    assert "Business mission to Japan, December 2020" in label
    # The wording names the delegates the registrant names later (issue 15).
    assert CONSENT_VERSION == "2026-12"
    assert "delegates" in label


def test_consent_text_follows_the_active_language():
    mission = MissionFactory()

    with translation.override("en"):
        english = consent_text(mission)
    with translation.override("ja"):
        japanese = consent_text(mission)

    assert mission.title_en in english
    assert mission.title_ja in japanese


@pytest.mark.parametrize("email", ["anna", "anna@", "anna@example", "@example.ru"])
def test_bad_email_is_refused(email):
    form = bound_form(email=email)

    assert not form.is_valid()
    assert form.errors["email"] == [
        "Enter a valid email address, like name@example.ru."
    ]


@pytest.mark.parametrize("phone", ["12345", "phone", "+7 999"])
def test_bad_phone_is_refused_with_an_example(phone):
    form = bound_form(phone=phone)

    assert not form.is_valid()
    assert "is not a valid phone number" in form.errors["phone"][0]
    assert "+7 4162 123456" in form.errors["phone"][0]


@pytest.mark.parametrize(
    ("raw", "e164"),
    [
        ("+7 914 555-12-34", "+79145551234"),
        ("8 (4162) 20-30-40", "+74162203040"),
        ("+81 3-1234-5678", "+81312345678"),
    ],
)
def test_phone_is_stored_in_e164(raw, e164):
    assert normalize_phone(raw) == e164


def test_district_is_optional_and_sectors_are_not():
    form = bound_form(district="", sectors=[])

    assert not form.is_valid()
    assert "district" not in form.errors
    assert form.errors["sectors"] == ["Choose at least one sector."]


def test_partner_kinds_outside_the_list_are_refused():
    form = bound_form(wanted_partner_kinds=["spy_agency"])

    assert not form.is_valid()
    assert "wanted_partner_kinds" in form.errors


@pytest.mark.parametrize("language", ["ru", "ja", "en"])
def test_correspondence_language_starts_as_the_page_language(language):
    with translation.override(language):
        form = RegistrationForm(mission=MissionFactory())

    assert form["language"].initial == language


def test_filled_honeypot_marks_a_bot():
    assert is_bot_submission({"homepage": "http://spam.example"})
    assert not is_bot_submission({"homepage": "  "})
    assert not is_bot_submission({})


def test_honeypot_is_out_of_the_tab_order_and_of_autofill():
    html = str(RegistrationForm(mission=MissionFactory())["homepage"])

    assert 'tabindex="-1"' in html
    assert 'autocomplete="off"' in html


def test_optional_fields_say_so_and_required_ones_do_not():
    with translation.override("en"):
        form = RegistrationForm(mission=MissionFactory())
        position = str(form.fields["contact_position"].label)
        name = str(form.fields["contact_name"].label)
        honeypot = str(form.fields["homepage"].label)

    assert position == "Position (optional)"
    assert name == "Full name"
    assert honeypot == "Leave this field empty"


@pytest.mark.parametrize(
    "name", ["Amur Honey LLC", "アムール蜂蜜株式会社", "12345", "«» — ."]
)
def test_the_company_name_must_be_the_russian_one(name):
    form = bound_form(company_name=name)

    assert not form.is_valid()
    assert "in Russian, as it is registered" in form.errors["company_name"][0]


@pytest.mark.parametrize("name", ["ООО «Амурский мёд»", "ИП Иванов И. И.", "АО Amur"])
def test_a_russian_company_name_is_accepted(name):
    assert bound_form(company_name=name).is_valid()


def test_the_russian_message_is_in_russian():
    with translation.override("ru"):
        form = bound_form(company_name="Amur Honey LLC")
        assert not form.is_valid()
        message = form.errors["company_name"][0]

    assert "по-русски" in message


def test_a_name_in_english_or_japanese_is_optional_and_kept():
    form = bound_form(company_name_other="アムール蜂蜜")

    assert form.is_valid(), form.errors
    assert form.company_data()["name_other"] == "アムール蜂蜜"
    assert bound_form().is_valid()


def test_the_correction_form_starts_with_the_registration_and_bounds_delegates():
    registration = RegistrationFactory(
        mission=MissionFactory(max_delegates_per_company=2),
        contact_name="Анна Ли",
        delegates=2,
        wanted_partner_kinds=["chamber"],
    )
    registration.wanted_prefectures.set(Prefecture.objects.filter(code="13"))

    form = RegistrationChangeForm(registration=registration)

    assert form["contact_name"].value() == "Анна Ли"
    assert form["delegates"].value() == 2
    assert form["wanted_partner_kinds"].value() == ["chamber"]
    assert 'max="2"' in str(form["delegates"])
    assert "inn" not in form.fields
    assert "consent" not in form.fields
