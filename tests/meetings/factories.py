import datetime
import itertools

import factory
from factory.django import DjangoModelFactory
from stdnum.jp import cn

from partners.models import Prefecture
from showcase.meetings.models import (
    Interpreter,
    JapaneseParticipant,
    Meeting,
    MeetingRequest,
    MeetingSession,
    Table,
)
from tests.exhibitions.factories import (
    ExhibitionFactory,
    OpenExhibitionFactory,
    ParticipationFactory,
)
from tests.missions.factories import MissionFactory, RegistrationFactory

_numbers = itertools.count(100_000_000_000)


def corporate_number(seed: int | None = None) -> str:
    """A 13-digit 法人番号 whose first digit checks the other twelve."""
    body = str(next(_numbers) if seed is None else seed).zfill(12)
    return cn.calc_check_digit(body) + body


class JapaneseParticipantFactory(DjangoModelFactory):
    class Meta:
        model = JapaneseParticipant
        skip_postgeneration_save = True

    mission = factory.SubFactory(MissionFactory)
    corporate_number = factory.LazyFunction(corporate_number)
    organization_name = factory.Sequence(lambda n: f"北海道食品株式会社{n}")
    organization_name_latin = factory.Sequence(lambda n: f"Hokkaido Foods {n}")
    prefecture = factory.LazyFunction(lambda: Prefecture.objects.get(code="01"))
    contact_name_native = "山田 太郎"
    contact_name_latin = "Taro Yamada"
    email = factory.Sequence(lambda n: f"yamada{n}@example.jp")
    language = "ja"
    offers = "Imports of honey"
    languages = factory.LazyFunction(lambda: ["ja"])
    status = JapaneseParticipant.Status.CONFIRMED
    confirmed_at = factory.LazyFunction(
        lambda: datetime.datetime(2026, 1, 1, tzinfo=datetime.UTC)
    )


class AcceptedRegistrationFactory(RegistrationFactory):
    status = "accepted"


class MeetingRequestFactory(DjangoModelFactory):
    class Meta:
        model = MeetingRequest

    participant = factory.SubFactory(JapaneseParticipantFactory)
    mission = factory.SelfAttribute("participant.mission")
    registration = factory.SubFactory(
        AcceptedRegistrationFactory, mission=factory.SelfAttribute("..mission")
    )
    direction = MeetingRequest.Direction.FROM_JAPANESE
    reason = "Honey imports"
    status = MeetingRequest.Status.ACCEPTED


class MeetingSessionFactory(DjangoModelFactory):
    class Meta:
        model = MeetingSession

    mission = factory.SubFactory(MissionFactory)
    exhibition = None
    day = factory.LazyAttribute(lambda o: (o.mission or o.exhibition).starts_on)
    starts_at = datetime.time(10)
    ends_at = datetime.time(14)
    slot_minutes = 30
    breaks = "12:00-13:00"


class TableFactory(DjangoModelFactory):
    class Meta:
        model = Table

    mission = factory.SubFactory(MissionFactory)
    # The Russian name, whatever language a test has active (modeltranslation
    # would put a plain `name` in that language).
    name_ru = factory.Sequence(lambda n: f"T{n}")


class InterpreterFactory(DjangoModelFactory):
    class Meta:
        model = Interpreter

    mission = factory.SubFactory(MissionFactory)
    name = factory.Sequence(lambda n: f"Interpreter {n}")
    languages = factory.LazyFunction(lambda: ["ru", "ja"])


class MeetingFactory(DjangoModelFactory):
    class Meta:
        model = Meeting

    request = factory.SubFactory(MeetingRequestFactory)
    session = factory.SubFactory(
        MeetingSessionFactory, mission=factory.SelfAttribute("..request.mission")
    )
    starts_at = factory.LazyAttribute(lambda o: o.session.slots()[0])
    table = factory.SubFactory(
        TableFactory, mission=factory.SelfAttribute("..request.mission")
    )


# At an exhibition's pavilion: the exhibition is the host, an accepted
# participation the Amur side.


class PavilionFactory(ExhibitionFactory):
    """A past exhibition whose pavilion held meetings (slots are over)."""

    pavilion_meetings = True


class OpenPavilionFactory(OpenExhibitionFactory):
    """An upcoming exhibition taking Japanese sign-ups for its pavilion."""

    pavilion_meetings = True


class PavilionParticipantFactory(JapaneseParticipantFactory):
    mission = None
    exhibition = factory.SubFactory(PavilionFactory)


class PavilionRequestFactory(MeetingRequestFactory):
    participant = factory.SubFactory(PavilionParticipantFactory)
    mission = None
    registration = None
    exhibition = factory.SelfAttribute("participant.exhibition")
    participation = factory.SubFactory(
        ParticipationFactory, exhibition=factory.SelfAttribute("..exhibition")
    )


class PavilionMeetingFactory(MeetingFactory):
    request = factory.SubFactory(PavilionRequestFactory)
    session = factory.SubFactory(
        MeetingSessionFactory,
        mission=None,
        exhibition=factory.SelfAttribute("..request.exhibition"),
    )
    table = factory.SubFactory(
        TableFactory,
        mission=None,
        exhibition=factory.SelfAttribute("..request.exhibition"),
    )
