"""Demo data for the missions app: the two business missions to Japan of 2019
and the December 2020 mission, open for registration, with sample
registrations in several states (see the shared FACTS.md).

The years, the November 2019 presentation in Tokyo and the December 2020 plan
come from the press release; exact days, programmes and registrations are
invented for the demo. Missions are matched by slug, programme items by
(mission, start), registrations by (mission, company): loading twice leaves
the same database.
"""

import datetime
from zoneinfo import ZoneInfo

from django.db import transaction
from django.utils import translation

from missions.forms import CONSENT_VERSION, consent_text
from missions.models import Mission, ProgrammeItem, Registration, StatusChange
from partners.models import Company, Consent, Organization, Prefecture, Sector

TOKYO = ZoneInfo("Asia/Tokyo")
Kind = ProgrammeItem.Kind
Status = Registration.Status


def _translated(field: str, texts: tuple[str, str, str]) -> dict:
    return dict(zip((f"{field}_ru", f"{field}_ja", f"{field}_en"), texts, strict=True))


def _at(day: datetime.date, hour: int, minute: int = 0) -> datetime.datetime:
    return datetime.datetime.combine(day, datetime.time(hour, minute), tzinfo=TOKYO)


MISSIONS = [
    {
        "slug": "japan-june-2019",
        "starts_on": datetime.date(2019, 6, 17),
        "ends_on": datetime.date(2019, 6, 21),
        "status": Mission.Status.COMPLETED,
        "admission_mode": Mission.AdmissionMode.REVIEW,
        "delegate_seats": 15,
        "prefectures": ["15", "13"],
        "sectors": ["food", "animal-feed", "soybeans"],
        "title": (
            "Бизнес-миссия в Японию, июнь 2019",
            "日本ビジネスミッション（2019年6月）",
            "Business mission to Japan, June 2019",
        ),
        "cities": ("Ниигата, Токио", "新潟市、東京", "Niigata, Tokyo"),
        "description": (
            "Первая из двух бизнес-миссий 2019 года: амурские производители "
            "продуктов питания и кормов встретились с импортёрами и "
            "префектуральными властями.",
            "2019年に実施した2回のビジネスミッションの第1回です。アムール州の"
            "食品・飼料メーカーが、日本の輸入業者や県の担当者と面談しました。",
            "The first of the two business missions of 2019: Amur makers of food "
            "and animal feed met Japanese importers and prefectural officials.",
        ),
        "results": (
            "Переговоры о поставках продуктов питания и кормов продолжены "
            "после миссии.",
            "食品と飼料の供給について、ミッション後も協議が続いています。",
            "Talks on supplies of food and animal feed continued after the mission.",
        ),
        "programme": [
            (
                (2019, 6, 18, 10),
                Kind.B2B_MEETING,
                (
                    "Деловые переговоры с импортёрами",
                    "輸入業者との商談会",
                    "B2B meetings with importers",
                ),
                ("Ниигата", "新潟市", "Niigata"),
                "Niigata Prefectural Government",
            ),
            (
                (2019, 6, 20, 14),
                Kind.SITE_VISIT,
                (
                    "Посещение оптового рынка",
                    "卸売市場の視察",
                    "Visit to a wholesale market",
                ),
                ("Токио", "東京", "Tokyo"),
                None,
            ),
        ],
    },
    {
        "slug": "japan-november-2019",
        "starts_on": datetime.date(2019, 11, 11),
        "ends_on": datetime.date(2019, 11, 15),
        "status": Mission.Status.COMPLETED,
        "admission_mode": Mission.AdmissionMode.REVIEW,
        "delegate_seats": 20,
        "prefectures": ["13"],
        "sectors": ["food", "honey", "forestry", "wild-harvest"],
        "title": (
            "Бизнес-миссия в Японию, ноябрь 2019",
            "日本ビジネスミッション（2019年11月）",
            "Business mission to Japan, November 2019",
        ),
        "cities": ("Токио", "東京", "Tokyo"),
        "description": (
            "Вторая бизнес-миссия 2019 года. В её программе — презентация "
            "инвестиционных возможностей Амурской области в Токио.",
            "2019年の2回目のビジネスミッションです。東京でアムール州の投資機会"
            "に関するプレゼンテーションを行いました。",
            "The second business mission of 2019, with the presentation of the "
            "Amur Region's investment opportunities in Tokyo.",
        ),
        "results": (
            "Японские компании проявили интерес к лесной отрасли, амурскому мёду "
            "и экологически чистым продуктам.",
            "日本企業は林業、アムール産の蜂蜜、環境にやさしい食品に関心を示しました。",
            "Japanese companies showed interest in forestry, Amur honey and "
            "ecologically clean food.",
        ),
        "programme": [
            (
                (2019, 11, 12, 14),
                Kind.PRESENTATION,
                (
                    "Презентация инвестиционных возможностей Амурской области",
                    "アムール州投資機会プレゼンテーション",
                    "Presentation of the Amur Region's investment opportunities",
                ),
                ("Токио", "東京", "Tokyo"),
                "Public Center of Russian-Japanese Cooperation",
            ),
            (
                (2019, 11, 13, 10),
                Kind.B2B_MEETING,
                (
                    "Переговоры по лесной отрасли и мёду",
                    "林業・蜂蜜分野の商談会",
                    "B2B meetings on forestry and honey",
                ),
                ("Токио", "東京", "Tokyo"),
                None,
            ),
        ],
    },
    {
        "slug": "japan-december-2020",
        "starts_on": datetime.date(2020, 12, 7),
        "ends_on": datetime.date(2020, 12, 11),
        "status": Mission.Status.PLANNED,
        "admission_mode": Mission.AdmissionMode.REVIEW,
        "registration_open": True,
        "delegate_seats": 20,
        "max_delegates_per_company": 3,
        "prefectures": ["13", "15", "01"],
        "sectors": ["food", "honey", "forestry", "wild-harvest"],
        "title": (
            "Бизнес-миссия в Японию, декабрь 2020",
            "日本ビジネスミッション（2020年12月）",
            "Business mission to Japan, December 2020",
        ),
        "cities": (
            "Токио, Ниигата, Саппоро",
            "東京、新潟市、札幌市",
            "Tokyo, Niigata, Sapporo",
        ),
        "description": (
            "Делегация амурских компаний едет в Японию, чтобы представить "
            "продукты питания, мёд, продукцию из дикоросов и лесной отрасли. "
            "Агентство отбирает участников по заявкам: зарегистрируйтесь, "
            "и мы сообщим о решении по электронной почте.",
            "アムール州の企業団が日本を訪れ、食品、蜂蜜、天然採取品、林産品を"
            "紹介します。参加企業は申込内容をもとに当庁が選考し、結果はメールで"
            "お知らせします。",
            "A delegation of Amur companies travels to Japan to present food, "
            "honey, wild-harvest and forestry products. The agency selects the "
            "participants from the registrations and tells each company its "
            "decision by email.",
        ),
        "results": ("", "", ""),
        "programme": [
            (
                (2020, 12, 7, 14),
                Kind.PRESENTATION,
                (
                    "Презентация экологически чистой продукции Приамурья",
                    "アムール州のエコ食品プレゼンテーション",
                    "Presentation of the Amur Region's ecologically clean products",
                ),
                ("Токио", "東京", "Tokyo"),
                None,
            ),
            (
                (2020, 12, 8, 10),
                Kind.B2B_MEETING,
                (
                    "Переговоры с импортёрами продуктов питания",
                    "食品輸入業者との商談会",
                    "B2B meetings with food importers",
                ),
                ("Токио", "東京", "Tokyo"),
                None,
            ),
            (
                (2020, 12, 9, 11),
                Kind.B2B_MEETING,
                (
                    "Встреча в правительстве префектуры Ниигата",
                    "新潟県庁との会談",
                    "Meeting at the Niigata Prefectural Government",
                ),
                ("Ниигата", "新潟市", "Niigata"),
                "Niigata Prefectural Government",
            ),
            (
                (2020, 12, 10, 10),
                Kind.SITE_VISIT,
                (
                    "Посещение предприятия по переработке дикоросов",
                    "天然採取品の加工工場見学",
                    "Visit to a wild-harvest processing plant",
                ),
                ("Саппоро", "札幌市", "Sapporo"),
                None,
            ),
            (
                (2020, 12, 10, 18),
                Kind.RECEPTION,
                ("Деловой приём", "交流レセプション", "Business reception"),
                ("Саппоро", "札幌市", "Sapporo"),
                None,
            ),
        ],
    },
]

# Sample companies, normally loaded by the partners demo; created here when
# that demo has not run. (INN, slug, district, sectors, names)
COMPANIES = {
    "amur-honey": (
        "2899277756",
        ("ООО «Амурский мёд»", "アムール蜂蜜社", "Amur Honey LLC"),
        ["honey", "food"],
    ),
    "zeya-apiary": (
        "2868291736",
        ("ООО «Зейская пасека»", "ゼーヤ養蜂場", "Zeya Apiary LLC"),
        ["honey", "wild-harvest"],
    ),
    "svobodny-woodworks": (
        "2834873800",
        (
            "ООО «Свободненский деревообработчик»",
            "スヴォボードヌイ木材加工",
            "Svobodny Woodworks LLC",
        ),
        ["forestry"],
    ),
    "gifts-of-selemdzha": (
        "2898933941",
        ("ООО «Дары Селемджи»", "セレムジャの恵み", "Gifts of Selemdzha LLC"),
        ["wild-harvest", "food"],
    ),
    "northern-berry": (
        "2842669420",
        ("ООО «Северная ягода»", "北のベリー社", "Northern Berry LLC"),
        ["wild-harvest"],
    ),
}

# (mission slug, company slug, status, delegates, language, contact, days
# after 1 November 2020 when confirmed)
REGISTRATIONS = [
    (
        "japan-november-2019",
        "amur-honey",
        Status.ACCEPTED,
        2,
        "ru",
        "Ольга Миронова",
        None,
    ),
    (
        "japan-december-2020",
        "amur-honey",
        Status.ACCEPTED,
        2,
        "ru",
        "Ольга Миронова",
        1,
    ),
    (
        "japan-december-2020",
        "svobodny-woodworks",
        Status.ACCEPTED,
        3,
        "ru",
        "Сергей Кравцов",
        2,
    ),
    (
        "japan-december-2020",
        "zeya-apiary",
        Status.SUBMITTED,
        1,
        "en",
        "Nikolai Zuev",
        4,
    ),
    (
        "japan-december-2020",
        "gifts-of-selemdzha",
        Status.WAITLISTED,
        3,
        "ja",
        "Марина Лебедева",
        5,
    ),
    (
        "japan-december-2020",
        "northern-berry",
        Status.UNCONFIRMED,
        1,
        "ru",
        "Игорь Белов",
        None,
    ),
]

DETAILS = {
    "products": (
        "Образцы продукции и прайс-лист на японском языке.",
        "Samples and a price list in Japanese.",
    ),
    "goals": (
        "Найти импортёра и обсудить сертификацию для японского рынка.",
        "Find an importer and discuss certification for the Japanese market.",
    ),
}


def _sample_company(slug: str) -> Company:
    inn, names, sector_slugs = COMPANIES[slug]
    company, created = Company.objects.get_or_create(
        inn=inn,
        defaults={"slug": slug, "is_sample": True, **_translated("name", names)},
    )
    if created:
        company.sectors.set(Sector.objects.filter(slug__in=sector_slugs))
    return company


def _load_mission(spec: dict) -> Mission:
    fields = {
        key: spec[key]
        for key in (
            "starts_on",
            "ends_on",
            "status",
            "admission_mode",
            "delegate_seats",
        )
    }
    fields["registration_open"] = spec.get("registration_open", False)
    fields["max_delegates_per_company"] = spec.get("max_delegates_per_company", 3)
    for name in ("title", "cities", "description", "results"):
        fields.update(_translated(name, spec[name]))
    mission, _created = Mission.objects.update_or_create(
        slug=spec["slug"], defaults=fields
    )
    mission.prefectures.set(Prefecture.objects.filter(code__in=spec["prefectures"]))
    mission.sectors.set(Sector.objects.filter(slug__in=spec["sectors"]))
    _load_programme(mission, spec["programme"])
    return mission


def _load_programme(mission: Mission, items) -> None:
    for (year, month, day, hour), kind, title, place, counterpart in items:
        organization = (
            Organization.objects.filter(name_en=counterpart).first()
            if counterpart
            else None
        )
        ProgrammeItem.objects.update_or_create(
            mission=mission,
            starts_at=_at(datetime.date(year, month, day), hour),
            defaults={
                "kind": kind,
                "counterpart": organization,
                **_translated("title", title),
                **_translated("place", place),
            },
        )


def _confirmed_at(mission: Mission, days: int | None):
    if days is not None:
        return _at(datetime.date(2020, 11, 1), 9) + datetime.timedelta(days=days)
    if mission.status == Mission.Status.COMPLETED:
        return _at(mission.starts_on - datetime.timedelta(days=30), 9)
    return None


def _history(registration: Registration) -> None:
    """A plausible history for a sample registration, written once."""
    if registration.status_changes.exists():
        return
    steps = [("", Status.UNCONFIRMED)]
    if registration.status != Status.UNCONFIRMED:
        steps.append((Status.UNCONFIRMED, Status.SUBMITTED))
    if registration.status in (Status.ACCEPTED, Status.WAITLISTED):
        steps.append((Status.SUBMITTED, registration.status))
    changed_at = registration.confirmed_at or registration.created_at
    StatusChange.objects.bulk_create(
        StatusChange(
            registration=registration,
            from_status=before,
            to_status=after,
            changed_at=changed_at,
            reason="Демонстрационная запись",
        )
        for before, after in steps
    )


def _load_registration(missions: dict, row) -> None:
    mission_slug, company_slug, status, delegates, language, contact, days = row
    mission = missions[mission_slug]
    russian = language == "ru"
    registration, _created = Registration.objects.update_or_create(
        mission=mission,
        company=_sample_company(company_slug),
        defaults={
            "contact_name": contact,
            "contact_position": "директор" if russian else "director",
            "email": f"{company_slug}@mail.example",
            "delegates": delegates,
            "language": language,
            "status": status,
            "confirmed_at": _confirmed_at(mission, days),
            "products": DETAILS["products"][0 if russian else 1],
            "goals": DETAILS["goals"][0 if russian else 1],
            "wanted_partner_kinds": ["company", "chamber"],
            "staff_notes": "Демонстрационная запись (sample data).",
        },
    )
    registration.wanted_prefectures.set(mission.prefectures.all())
    _history(registration)
    _consent(registration)


def _consent(registration: Registration) -> None:
    """Sample registrations carry a consent as real ones do: the form's text in
    the registrant's language, from a documentation address (RFC 5737)."""
    if registration.consent_id:
        return
    with translation.override(registration.language):
        text = consent_text(registration.mission)
    registration.consent = Consent.objects.create(
        purpose=Consent.Purpose.MISSION_REGISTRATION,
        text=text,
        text_version=CONSENT_VERSION,
        language=registration.language,
        email=registration.email,
        given_at=registration.created_at,
        ip_address="192.0.2.10",
        user_agent="Sample data",
    )
    registration.save(update_fields=["consent"])


def load() -> None:
    with transaction.atomic():
        missions = {spec["slug"]: _load_mission(spec) for spec in MISSIONS}
        for row in REGISTRATIONS:
            _load_registration(missions, row)
