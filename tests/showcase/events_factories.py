import datetime

import factory
from factory.django import DjangoModelFactory

from showcase.models import Event


class EventFactory(DjangoModelFactory):
    """An all-day event in Blagoveshchensk unless told otherwise."""

    class Meta:
        model = Event

    kind = Event.Kind.NEGOTIATIONS
    title_ru = factory.Sequence(lambda n: f"Переговоры с японскими партнёрами {n}")
    title_ja = factory.Sequence(lambda n: f"日本のパートナーとの協議{n}")
    title_en = factory.Sequence(lambda n: f"Negotiations with Japanese partners {n}")
    place_ru = "Благовещенск"
    place_ja = "ブラゴヴェシチェンスク"
    place_en = "Blagoveshchensk"
    all_day = True
    starts_on = datetime.date(2019, 11, 12)
