"""The three public forms as a stranger fills them in: a mission
registration, an application for an exhibition pavilion, an investor inquiry.
Shared by the tests of what the forms refuse, what they mail and the fuzzing.
"""

import itertools
from dataclasses import dataclass

from exhibitions.models import Participation
from missions.models import Registration
from partners.models import Prefecture, Sector
from showcase.models import Inquiry
from tests.exhibitions.factories import OpenExhibitionFactory
from tests.missions.factories import MissionFactory
from tests.partners.factories import inn_with_check_digit

_inn_seeds = itertools.count(4_300_000)


@dataclass
class PublicForm:
    """One public form: where it is, what a person fills in, where it keeps
    what was sent, and the fields where the sender names people and things
    in words of their own (what could carry a message to someone else)."""

    path: str
    data: dict
    model: type
    typed_names: tuple[str, ...]

    def post(self, client, page="ru", *, address="198.51.100.7", **changes):
        """Post the form from the page in language `page`; a new company
        each time, unless `changes` names its INN."""
        data = {**self.data, **changes}
        if "inn" in data and "inn" not in changes:
            data["inn"] = inn_with_check_digit(next(_inn_seeds))
        return client.post(
            f"/{page}/{self.path}",
            data,
            REMOTE_ADDR=address,
            HTTP_USER_AGENT="Mozilla/5.0 (a stranger)",
        )


COMPANY_AND_CONTACT_NAMES = (
    "company_name",
    "company_name_other",
    "contact_name",
    "contact_position",
)


def company_fields() -> dict:
    return {
        "inn": "",
        "company_name": "ООО «Амурский мёд»",
        "company_name_other": "",
        "district": "",
        "sectors": [Sector.objects.get(slug="honey").pk],
        "contact_name": "Ольга Миронова",
        "contact_position": "Директор по экспорту",
        "email": "olga@example.ru",
        "phone": "+7 914 555-12-34",
        "language": "ru",
        "consent": "on",
        "homepage": "",
    }


def registration_form() -> PublicForm:
    mission = MissionFactory(delegate_seats=100, max_delegates_per_company=3)
    details = {
        "delegates": "1",
        "products": "Липовый мёд",
        "goals": "Поставки в Японию",
        "wanted_prefectures": [Prefecture.objects.get(code="01").pk],
        "wanted_partner_kinds": ["company"],
        "wanted_partners": "",
    }
    return PublicForm(
        f"missions/{mission.slug}/register/",
        {**company_fields(), **details},
        Registration,
        COMPANY_AND_CONTACT_NAMES,
    )


def application_form() -> PublicForm:
    exhibition = OpenExhibitionFactory()
    details = {
        "products_to_show": "Липовый мёд, мёд в сотах",
        "volumes_offered": "до 40 тонн в год",
        "certifications_held": "ХАССП",
        "stand_wishes": "",
    }
    return PublicForm(
        f"exhibitions/{exhibition.slug}/apply/",
        {**company_fields(), **details},
        Participation,
        COMPANY_AND_CONTACT_NAMES,
    )


def inquiry_form() -> PublicForm:
    data = {
        "name": "山田太郎",
        "organization": "北海道貿易株式会社",
        "email": "yamada@example.jp",
        "phone": "+81 3 1234 5678",
        "country": "日本",
        "message": "アムール州の蜂蜜の輸入に関心があります。",
        "consent": "on",
        "homepage": "",
    }
    return PublicForm("contact/", data, Inquiry, ("name", "organization", "country"))


FORMS = {
    "registration": registration_form,
    "application": application_form,
    "inquiry": inquiry_form,
}
