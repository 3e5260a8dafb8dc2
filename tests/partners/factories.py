import factory
from factory.django import DjangoModelFactory

from partners.applications.submission import ConsentRecord
from partners.models import (
    Company,
    Consent,
    Contact,
    District,
    Interaction,
    Organization,
    Prefecture,
    Sector,
    TwinRelation,
)


def inn_with_check_digit(seed: int) -> str:
    """A valid 10-digit organisation INN: 28 (Amur Region) + 7 digits + check."""
    body = f"28{seed % 10_000_000:07d}"
    weights = [2, 4, 10, 3, 5, 9, 4, 6, 8]
    check = sum(w * int(d) for w, d in zip(weights, body, strict=True)) % 11 % 10
    return f"{body}{check}"


def ogrn_with_check_digit(seed: int) -> str:
    """A valid 13-digit OGRN."""
    body = f"1022800{seed % 100_000:05d}"
    return f"{body}{int(body) % 11 % 10}"


class DistrictFactory(DjangoModelFactory):
    class Meta:
        model = District
        django_get_or_create = ("slug",)

    slug = factory.Sequence(lambda n: f"test-district-{n}")
    name_ru = factory.Sequence(lambda n: f"Тестовый район {n}")
    name_ja = factory.Sequence(lambda n: f"テスト地区{n}")
    name_en = factory.Sequence(lambda n: f"Test district {n}")
    kind = District.Kind.MUNICIPAL_OKRUG


class SectorFactory(DjangoModelFactory):
    class Meta:
        model = Sector
        django_get_or_create = ("slug",)

    slug = factory.Sequence(lambda n: f"test-sector-{n}")
    name_ru = factory.Sequence(lambda n: f"Отрасль {n}")
    name_ja = factory.Sequence(lambda n: f"分野{n}")
    name_en = factory.Sequence(lambda n: f"Sector {n}")


class CompanyFactory(DjangoModelFactory):
    class Meta:
        model = Company
        skip_postgeneration_save = True

    inn = factory.Sequence(inn_with_check_digit)
    slug = factory.Sequence(lambda n: f"company-{n}")
    name_ru = factory.Sequence(lambda n: f"ООО «Амурский продукт {n}»")
    name_ja = factory.Sequence(lambda n: f"アムール食品{n}社")
    name_en = factory.Sequence(lambda n: f"Amur Produce {n} LLC")
    products_ru = "Мёд, соевое масло"
    products_ja = "蜂蜜、大豆油"
    products_en = "Honey, soybean oil"
    district = factory.SubFactory(DistrictFactory)
    email = factory.Sequence(lambda n: f"company{n}@example.ru")
    is_published = True
    is_sample = True

    @factory.post_generation
    def sectors(self, create, extracted, **kwargs):
        if create and extracted:
            self.sectors.set(extracted)


class OrganizationFactory(DjangoModelFactory):
    class Meta:
        model = Organization

    name_ru = factory.Sequence(lambda n: f"Японская компания {n}")
    name_ja = factory.Sequence(lambda n: f"日本商事{n}株式会社")
    name_en = factory.Sequence(lambda n: f"Nihon Trading {n} Co.")
    kind = Organization.Kind.COMPANY
    prefecture = factory.LazyFunction(
        lambda: Prefecture.objects.filter(code="13").first()
    )


class ContactFactory(DjangoModelFactory):
    class Meta:
        model = Contact

    organization = factory.SubFactory(OrganizationFactory)
    name_latin = factory.Sequence(lambda n: f"Taro Yamada {n}")
    name_native = factory.Sequence(lambda n: f"山田太郎{n}")
    email = factory.Sequence(lambda n: f"contact{n}@example.jp")


class InteractionFactory(DjangoModelFactory):
    class Meta:
        model = Interaction

    happened_on = factory.Faker("date_between", start_date="-1y", end_date="today")
    kind = Interaction.Kind.MEETING
    contact = factory.SubFactory(ContactFactory)
    organization = factory.SelfAttribute("contact.organization")
    summary = "Discussed honey exports."


def personal_inn_with_check_digits(seed: int) -> str:
    """A valid 12-digit INN of an individual entrepreneur registered in Amur."""
    body = f"28{seed % 100_000_000:08d}"
    first = sum(
        w * int(d) for w, d in zip([7, 2, 4, 10, 3, 5, 9, 4, 6, 8], body, strict=True)
    )
    body += str(first % 11 % 10)
    second = sum(
        w * int(d)
        for w, d in zip([3, 7, 2, 4, 10, 3, 5, 9, 4, 6, 8], body, strict=True)
    )
    return body + str(second % 11 % 10)


def ogrnip_with_check_digit(seed: int) -> str:
    """A valid 15-digit OGRNIP. Its check digit is the remainder modulo 13;
    python-stdnum refuses remainders 10-12, so such bodies are skipped."""
    while int(body := f"3042800{seed % 10_000_000:07d}") % 13 > 9:
        seed += 1
    return f"{body}{int(body) % 13}"


class TwinRelationFactory(DjangoModelFactory):
    class Meta:
        model = TwinRelation

    amur_district = factory.LazyFunction(
        lambda: District.objects.get(slug="blagoveshchensk")
    )
    prefecture = factory.LazyFunction(lambda: Prefecture.objects.get(code="01"))
    japanese_municipality = "Asahikawa"
    status = TwinRelation.Status.NEGOTIATING


class ConsentFactory(DjangoModelFactory):
    class Meta:
        model = Consent

    purpose = Consent.Purpose.INQUIRY
    text = "I agree to the processing of my personal data."
    text_version = "2020-01"
    language = "en"
    email = factory.Sequence(lambda n: f"person{n}@example.jp")


class ConsentRecordFactory(factory.Factory):
    """What a public form hands to the application services."""

    class Meta:
        model = ConsentRecord

    text = "Я согласен на обработку персональных данных для участия в бизнес-миссии."
    version = "2020-1"
    language = "ru"
    ip_address = "203.0.113.7"
    user_agent = "Mozilla/5.0 (X11; Linux x86_64) Chromium"
