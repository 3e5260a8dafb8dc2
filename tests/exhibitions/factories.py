import datetime

import factory
from factory.django import DjangoModelFactory

from exhibitions.models import Exhibition, Participation, ParticipationProduct
from tests.partners.factories import CompanyFactory


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
