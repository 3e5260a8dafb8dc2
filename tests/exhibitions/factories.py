import datetime
import itertools

import factory
from django.utils import timezone
from factory.django import DjangoModelFactory

from exhibitions.models import Exhibition, Participation, ParticipationProduct
from tests.partners.factories import (
    CompanyFactory,
    ConsentRecordFactory,
    inn_with_check_digit,
)


class ExhibitionFactory(DjangoModelFactory):
    class Meta:
        model = Exhibition
        skip_postgeneration_save = True

    slug = factory.Sequence(lambda n: f"exhibition-{n}")
    name_ru = factory.Sequence(lambda n: f"Выставка продуктов питания {n}")
    name_ja = factory.Sequence(lambda n: f"食品展示会{n}")
    name_en = factory.Sequence(lambda n: f"Food exhibition {n}")
    edition = 46
    starts_on = datetime.date(2020, 3, 10)
    ends_on = datetime.date(2020, 3, 13)
    venue_ru = "Макухари Мессе"
    venue_ja = "幕張メッセ"
    venue_en = "Makuhari Messe"
    city_ru = "Тиба"
    city_ja = "千葉市"
    city_en = "Chiba"
    website = "https://foodex.example.jp/"
    organiser_en = "Japan Management Association"

    @factory.post_generation
    def sectors(self, create, extracted, **kwargs):
        if create and extracted:
            self.sectors.set(extracted)


class ParticipationFactory(DjangoModelFactory):
    class Meta:
        model = Participation

    exhibition = factory.SubFactory(ExhibitionFactory)
    company = factory.SubFactory(CompanyFactory)
    status = Participation.Status.ACCEPTED
    stand = factory.Sequence(lambda n: f"5E-{n:02d}")
    products_shown_ru = "Липовый мёд в сотах"
    products_shown_ja = "シナノキの巣蜜"
    products_shown_en = "Linden comb honey"
    contact_name = factory.Sequence(lambda n: f"Ольга Миронова {n}")
    email = factory.Sequence(lambda n: f"exhibitor{n}@example.ru")
    language = "ru"


class ParticipationProductFactory(DjangoModelFactory):
    class Meta:
        model = ParticipationProduct

    participation = factory.SubFactory(ParticipationFactory)
    name_ru = "Мёд липовый"
    name_ja = "シナノキ蜂蜜"
    name_en = "Linden honey"


_inn_seeds = itertools.count(700_000)


def days_from_today(days: int) -> datetime.date:
    return timezone.localdate() + datetime.timedelta(days=days)


class OpenExhibitionFactory(ExhibitionFactory):
    """An upcoming exhibition taking applications, whatever day tests run."""

    starts_on = factory.LazyFunction(lambda: days_from_today(60))
    ends_on = factory.LazyAttribute(lambda o: o.starts_on + datetime.timedelta(days=3))
    applications_open = True


class ApplicationFactory(ParticipationFactory):
    """A participation that came from the public form and was confirmed."""

    inn = factory.LazyAttribute(
        lambda o: o.company.inn if o.company else inn_with_check_digit(next(_inn_seeds))
    )
    company_name = factory.LazyAttribute(
        lambda o: o.company.name_ru if o.company else "ООО «Новая компания»"
    )
    exhibition = factory.SubFactory(OpenExhibitionFactory)
    status = Participation.Status.SUBMITTED
    stand = ""
    contact_name = factory.Sequence(lambda n: f"Сатоши Ямада {n}")
    products_to_show = "Липовый мёд, мёд в сотах"
    confirmed_at = factory.LazyFunction(timezone.now)


def application(exhibition, *, inn=None, email=None, language="ru", **extra):
    """Keyword arguments for services.submit_participation, as the form builds them."""
    seed = next(_inn_seeds)
    return {
        "exhibition": exhibition,
        "company": {
            "inn": inn or inn_with_check_digit(seed),
            "name": f"ООО «Амурский мёд {seed}»",
            "name_other": extra.pop("name_other", ""),
            "district": extra.pop("district", None),
            "sectors": extra.pop("sectors", []),
        },
        "participation": {
            "contact_name": "Ольга Миронова",
            "contact_position": "директор по экспорту",
            "email": email or f"olga{seed}@example.ru",
            "phone": "+74162000000",
            "products_to_show": "Липовый мёд",
            "volumes_offered": "до 40 тонн в год",
            "certifications_held": "ХАССП",
            "stand_wishes": "Холодильная витрина",
            "language": language,
            **extra,
        },
        "consent": ConsentRecordFactory(language=language),
    }
