import factory
from factory.django import DjangoModelFactory

from partners.models import (
    Company,
    Contact,
    District,
    Interaction,
    Organization,
    Prefecture,
    Sector,
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
