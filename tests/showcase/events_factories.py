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


KINDS = list(Event.Kind.values)


def bulk_events(count: int, *, first_day: datetime.date, days: int = 1500) -> None:
    """Many events at once, spread over `days` from `first_day`, a third of
    them timed and a tenth over several days (bulk_create skips save(), so
    the days are given here)."""
    events = []
    for number in range(count):
        day = first_day + datetime.timedelta(days=number % days)
        timed = number % 3 == 0
        length = 3 if number % 10 == 0 else 0
        start = (
            datetime.datetime.combine(day, datetime.time(1), tzinfo=datetime.UTC)
            if timed
            else None
        )
        events.append(
            Event(
                kind=KINDS[number % len(KINDS)],
                title_ru=f"Событие {number}",
                title_ja=f"イベント{number}",
                title_en=f"Event {number}",
                all_day=not timed,
                starts_on=day,
                ends_on=day + datetime.timedelta(days=0 if timed else length),
                starts_at=start,
                ends_at=start + datetime.timedelta(hours=2) if timed else None,
                is_published=number % 50 != 0,
            )
        )
    Event.objects.bulk_create(events, batch_size=2000)
