import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError

from partners.models import Company, Contact, Interaction
from tests.partners.factories import (
    CompanyFactory,
    ContactFactory,
    DistrictFactory,
    OrganizationFactory,
    inn_with_check_digit,
    ogrn_with_check_digit,
    ogrnip_with_check_digit,
    personal_inn_with_check_digits,
)

pytestmark = pytest.mark.django_db


def build_company(**overrides):
    fields = {
        "inn": inn_with_check_digit(1234),
        "slug": "amur-honey",
        "name_ru": "ООО «Амурский мёд»",
        "name_ja": "アムールはちみつ社",
        "name_en": "Amur Honey LLC",
        "district": DistrictFactory(),
    }
    return Company(**{**fields, **overrides})


def test_organisation_inn_with_check_digit_is_valid():
    company = build_company(inn=inn_with_check_digit(4321))
    company.full_clean()


def test_inn_typed_with_spaces_is_stored_as_digits():
    inn = inn_with_check_digit(77)
    company = build_company(inn=f" {inn} ")
    company.full_clean()
    assert company.inn == inn


def test_inn_with_wrong_check_digit_is_refused_with_clear_message():
    company = build_company(inn=with_wrong_last_digit(inn_with_check_digit(55)))
    with pytest.raises(ValidationError) as error:
        company.full_clean()
    assert "not a valid INN" in " ".join(error.value.message_dict["inn"])


def test_inn_of_wrong_length_is_refused():
    with pytest.raises(ValidationError) as error:
        build_company(inn="28012345").full_clean()
    assert "inn" in error.value.message_dict


def test_twelve_digit_inn_of_an_entrepreneur_is_valid():
    inn = personal_inn_with_check_digits(31337)
    assert len(inn) == 12
    company = build_company(inn=inn)
    company.full_clean()
    assert company.inn == inn


def test_twelve_digit_inn_with_wrong_second_check_digit_is_refused():
    wrong = with_wrong_last_digit(personal_inn_with_check_digits(31337))
    with pytest.raises(ValidationError) as error:
        build_company(inn=wrong).full_clean()
    assert "inn" in error.value.message_dict


def test_thirteen_digit_ogrn_is_valid():
    company = build_company(ogrn=ogrn_with_check_digit(42))
    company.full_clean()
    assert len(company.ogrn) == 13


def test_fifteen_digit_ogrnip_is_valid():
    company = build_company(ogrn=ogrnip_with_check_digit(42))
    company.full_clean()
    assert len(company.ogrn) == 15


def with_wrong_last_digit(number):
    return number[:-1] + str((int(number[-1]) + 1) % 10)


@pytest.mark.parametrize(
    "ogrn",
    [
        with_wrong_last_digit(ogrn_with_check_digit(0)),
        with_wrong_last_digit(ogrnip_with_check_digit(0)),
        "102280000000",
        "30428000000001X",
    ],
)
def test_bad_ogrn_is_refused(ogrn):
    with pytest.raises(ValidationError) as error:
        build_company(ogrn=ogrn).full_clean()
    assert "not a valid OGRN" in " ".join(error.value.message_dict["ogrn"])


def test_ogrn_is_optional():
    company = build_company(ogrn="")
    company.full_clean()


def test_company_needs_its_russian_name():
    company = build_company(name_ru=None)
    with pytest.raises(ValidationError) as error:
        company.full_clean()
    assert "name_ru" in error.value.message_dict


def test_company_without_japanese_and_english_names_is_valid():
    company = build_company(name_ja=None, name_en=None)
    company.full_clean()


def test_second_company_with_the_same_inn_is_refused():
    existing = CompanyFactory()
    company = build_company(inn=existing.inn, slug="another")
    with pytest.raises(ValidationError) as error:
        company.full_clean()
    assert "inn" in error.value.message_dict


def test_contacts_without_email_may_be_many():
    ContactFactory(email="")
    contact = ContactFactory.build(email="", organization=OrganizationFactory())
    contact.full_clean()
    contact.save()
    assert Contact.objects.filter(email="").count() == 2


def test_contact_email_is_unique_when_filled():
    ContactFactory(email="sato@pref.hokkaido.example.jp")
    duplicate = ContactFactory.build(
        email="Sato@Pref.Hokkaido.example.jp", organization=OrganizationFactory()
    )
    with pytest.raises(ValidationError) as error:
        duplicate.full_clean()
    assert "already exists" in str(error.value)


def test_contact_email_is_unique_in_the_database_too():
    ContactFactory(email="tanaka@example.jp")
    with pytest.raises(IntegrityError):
        ContactFactory(email="tanaka@example.jp")


def test_interaction_without_organisation_or_contact_is_refused():
    interaction = Interaction(
        happened_on="2019-11-20", kind=Interaction.Kind.MEETING, summary="Tokyo"
    )
    with pytest.raises(ValidationError) as error:
        interaction.full_clean()
    assert "Name the organisation or the contact person." in str(error.value)


def test_interaction_with_only_an_organisation_is_valid():
    interaction = Interaction(
        happened_on="2019-11-20",
        kind=Interaction.Kind.MEETING,
        summary="Presentation of the region in Tokyo",
        organization=OrganizationFactory(),
    )
    interaction.full_clean()
