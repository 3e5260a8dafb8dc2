import datetime
import itertools

import factory
from django.utils import timezone
from factory.django import DjangoModelFactory

from missions.models import Mission, ProgrammeItem, Registration
from tests.partners.factories import (
    CompanyFactory,
    ConsentRecordFactory,
    inn_with_check_digit,
)

__all__ = [
    "ConsentRecordFactory",
    "MissionFactory",
    "ProgrammeItemFactory",
    "RegistrationFactory",
    "days_from_today",
    "submission",
]

_inn_seeds = itertools.count(500_000)


def days_from_today(days: int) -> datetime.date:
    return timezone.localdate() + datetime.timedelta(days=days)


class MissionFactory(DjangoModelFactory):
    class Meta:
        model = Mission
        skip_postgeneration_save = True

    slug = factory.Sequence(lambda n: f"mission-{n}")
    title_ru = factory.Sequence(lambda n: f"Бизнес-миссия в Японию {n}")
    title_ja = factory.Sequence(lambda n: f"日本ビジネスミッション{n}")
    title_en = factory.Sequence(lambda n: f"Business mission to Japan {n}")
    # Upcoming whatever day the tests run: a mission takes registrations
    # only before it starts.
    starts_on = factory.LazyFunction(lambda: days_from_today(60))
    ends_on = factory.LazyAttribute(lambda o: o.starts_on + datetime.timedelta(days=4))
    delegate_seats = 20
    max_delegates_per_company = 3
    admission_mode = Mission.AdmissionMode.REVIEW
    registration_open = True


class RegistrationFactory(DjangoModelFactory):
    class Meta:
        model = Registration
        skip_postgeneration_save = True

    mission = factory.SubFactory(MissionFactory)
    company = factory.SubFactory(CompanyFactory)
    # What the form said about the company; a confirmed registration's
    # company is the one matched by this INN.
    inn = factory.LazyAttribute(
        lambda o: o.company.inn if o.company else inn_with_check_digit(next(_inn_seeds))
    )
    company_name = factory.LazyAttribute(
        lambda o: o.company.name_ru if o.company else "ООО «Новая компания»"
    )
    contact_name = factory.Sequence(lambda n: f"Иван Петров {n}")
    email = factory.Sequence(lambda n: f"delegate{n}@example.ru")
    delegates = 1
    language = "ru"
    status = Registration.Status.SUBMITTED
    confirmed_at = factory.Faker("date_time_this_year", tzinfo=datetime.UTC)


class ProgrammeItemFactory(DjangoModelFactory):
    class Meta:
        model = ProgrammeItem

    mission = factory.SubFactory(MissionFactory)
    starts_at = factory.LazyAttribute(
        lambda o: datetime.datetime.combine(
            o.mission.starts_on + datetime.timedelta(days=1),
            datetime.time(10, 0),
            tzinfo=datetime.UTC,
        )
    )
    kind = ProgrammeItem.Kind.B2B_MEETING
    title_ru = "Деловые переговоры"
    title_ja = "商談会"
    title_en = "B2B meetings"


def submission(mission, *, inn=None, email=None, delegates=1, language="ru", **extra):
    """Keyword arguments for services.submit_registration, as the form builds them."""
    seed = next(_inn_seeds)
    return {
        "mission": mission,
        "company": {
            "inn": inn or inn_with_check_digit(seed),
            "name": f"ООО «Зейский мёд {seed}»",
            "name_other": extra.pop("name_other", ""),
            "district": extra.pop("district", None),
            "sectors": extra.pop("sectors", []),
        },
        "registration": {
            "contact_name": "Анна Соколова",
            "contact_position": "директор",
            "email": email or f"anna{seed}@example.ru",
            "phone": "+7 4162 00-00-00",
            "delegates": delegates,
            "products": "Липовый мёд",
            "goals": "Поставки в Японию",
            "wanted_partner_kinds": ["company"],
            "wanted_partners": "Импортёры мёда",
            "language": language,
            **extra,
        },
        "consent": ConsentRecordFactory(language=language),
    }
