"""A large data set on top of the demo data: what the site holds after years
of use, to measure pages, admin lists and queries against.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/amur_bench \\
        .venv/bin/python bench/large_data.py [--scale 1.0]

At scale 1: 10,000 companies, 2,000 organisations, 5,000 contacts, 100
missions with 100,000 registrations, 500 exhibitions with 20,000
participations, 20,000 events, 2,000 news items, 300 investment projects,
100 support measures, 200 sites for investors, 60 presentations of 12 slides,
25 years of trade figures and wild-harvest reports. Everything is saved
with bulk_create in batches and marked as sample data; the page cache is made
stale at the end. Run it on a database with the demo loaded (manage.py
load_demo): the pictures of the demo rows are reused. Its rows are all
new, so it runs once per database.
"""

import argparse
import datetime
import itertools
import os
import random
import sys
import time
from decimal import Decimal
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

BATCH = 2000
LANGUAGES = ("ru", "ja", "en")
# Numbers of the generated companies' INNs: clear of bench/seed.py (from 1)
# and the import file of bench/imports.py (from 500,000).
INN_START = 3_000_000

COUNTS = {
    "companies": 10_000,
    "organisations": 2_000,
    "contacts": 5_000,
    "missions": 100,
    "registrations_per_mission": 1_000,
    "exhibitions": 500,
    "participations_per_exhibition": 40,
    "events": 20_000,
    "news": 2_000,
    "projects": 300,
    "measures": 100,
    "sites": 200,
    "presentations": 60,
    "inquiries": 10_000,
    "slides_per_presentation": 12,
    "years": 25,
}


def scaled(scale: float) -> dict[str, int]:
    per = {"registrations_per_mission", "participations_per_exhibition"}
    per |= {"slides_per_presentation", "years"}
    return {
        name: count if name in per else max(1, round(count * scale))
        for name, count in COUNTS.items()
    }


def texts(field: str, ru: str, ja: str, en: str) -> dict:
    """The columns of a translated field; the bare one holds Russian."""
    return {field: ru, f"{field}_ru": ru, f"{field}_ja": ja, f"{field}_en": en}


def save_all(model, rows, *, batch_size=BATCH) -> list:
    """bulk_create in batches from any iterable; returns the saved rows."""
    saved = []
    iterator = iter(rows)
    while batch := list(itertools.islice(iterator, batch_size)):
        saved += model.objects.bulk_create(batch, batch_size=batch_size)
    return saved


def searchable(applications):
    """Applications with the search text their save() would give them
    (bulk_create calls no save()): their own fields and their company's."""
    from partners.applications.models import application_search_text
    from partners.models import Company

    company_texts = dict(Company.objects.values_list("pk", "search_text"))
    for application in applications:
        company_text = company_texts.get(application.company_id, "")
        application.search_text = application_search_text(application, company_text)
        yield application


class Generator:
    def __init__(self, counts: dict[str, int], seed: int = 2020):
        from django.utils import timezone

        self.counts = counts
        self.random = random.Random(seed)
        self.today = timezone.localdate()
        self.now = timezone.now()

    def day(self, offset_days: int) -> datetime.date:
        return self.today + datetime.timedelta(days=offset_days)

    def run(self, report=print) -> None:
        from amur_invest import page_cache

        steps = [
            ("companies", self.companies),
            ("organisations and contacts", self.organisations),
            ("missions and registrations", self.missions),
            ("exhibitions and participations", self.exhibitions),
            ("events", self.events),
            ("investment case", self.investment),
            ("news", self.news),
            ("presentations", self.presentations),
            ("inquiries", self.inquiries),
        ]
        for name, step in steps:
            started = time.perf_counter()
            made = step()
            report(f"  {name}: {made} rows in {time.perf_counter() - started:.1f} s")
        page_cache.start_new_generation()

    # --- partners -------------------------------------------------------------

    def companies(self) -> int:
        from bench.seed import company_inn
        from partners.models import Company, District, Sector
        from partners.search import company_search_text

        districts = list(District.objects.all())
        sectors = list(Sector.objects.all())
        rows, chosen = [], []
        for number in range(self.counts["companies"]):
            company = Company(
                inn=company_inn(INN_START + number),
                slug=f"bulk-company-{number}",
                district=self.random.choice(districts),
                website=f"https://company{number}.example.ru",
                email=f"office{number}@company{number}.example.ru",
                phone=f"+7 4162 {number % 100:02d}-{number % 97:02d}-{number % 89:02d}",
                is_published=number % 10 < 7,
                is_sample=True,
                **texts(
                    "name",
                    f"ООО «Амурская компания {number}»",
                    f"アムール企業{number}",
                    f"Amur Company {number} LLC",
                ),
                **texts(
                    "products",
                    "Соевые бобы, мёд, пиломатериалы",
                    "大豆、はちみつ、製材",
                    "Soybeans, honey, sawn timber",
                ),
                **texts(
                    "description",
                    "Экспортёр Амурской области. " * 5,
                    "アムール州の輸出企業です。" * 5,
                    "An exporter of the Amur Region. " * 5,
                ),
            )
            picked = self.random.sample(sectors, k=min(len(sectors), 1 + number % 3))
            company.search_text = company_search_text(company, picked)
            rows.append(company)
            chosen.append(picked)
        saved = save_all(Company, rows)
        through = Company.sectors.through
        links = (
            through(company_id=company.pk, sector_id=sector.pk)
            for company, picked in zip(saved, chosen, strict=True)
            for sector in picked
        )
        return len(saved) + len(save_all(through, links))

    def organisations(self) -> int:
        from partners.models import Contact, Organization, Prefecture, Sector

        prefectures = list(Prefecture.objects.all())
        sectors = list(Sector.objects.all())
        kinds = [choice for choice, _label in Organization.Kind.choices]
        organisations = save_all(
            Organization,
            (
                Organization(
                    kind=kinds[number % len(kinds)],
                    prefecture=self.random.choice(prefectures),
                    city="Niigata",
                    website=f"https://org{number}.example.jp",
                    is_sample=True,
                    **texts(
                        "name",
                        f"Японская организация {number}",
                        f"日本の団体{number}",
                        f"Japanese Organisation {number}",
                    ),
                )
                for number in range(self.counts["organisations"])
            ),
        )
        through = Organization.sectors.through
        links = save_all(
            through,
            (
                through(organization_id=organisation.pk, sector_id=sector.pk)
                for organisation in organisations
                for sector in self.random.sample(sectors, k=2)
            ),
        )
        contacts = save_all(
            Contact,
            (
                Contact(
                    organization=organisations[number % len(organisations)],
                    name_latin=f"Taro Yamada {number}",
                    name_native=f"山田太郎{number}",
                    position="Manager",
                    department="Overseas trade",
                    email=f"contact{number}@org.example.jp",
                    phone="+81 25-123-4567",
                    notes="",
                )
                for number in range(self.counts["contacts"])
            ),
        )
        return len(organisations) + len(links) + len(contacts)

    # --- missions -------------------------------------------------------------

    def missions(self) -> int:
        from missions.models import Mission, ProgrammeItem, Registration
        from partners.models import Company, Prefecture, Sector

        prefectures = list(Prefecture.objects.all())
        sectors = list(Sector.objects.all())
        missions = []
        for number in range(self.counts["missions"]):
            # A few upcoming and open, the rest in the past, one a month.
            starts = self.day(30 * (number - self.counts["missions"] + 5))
            missions.append(
                Mission(
                    slug=f"bulk-mission-{number}",
                    starts_on=starts,
                    ends_on=starts + datetime.timedelta(days=5),
                    **texts("cities", "Ниигата, Токио", "新潟、東京", "Niigata, Tokyo"),
                    delegate_seats=300,
                    max_delegates_per_company=3,
                    registration_open=starts > self.today,
                    **texts(
                        "title",
                        f"Бизнес-миссия в Японию № {number}",
                        f"日本へのビジネスミッション第{number}回",
                        f"Business mission to Japan No. {number}",
                    ),
                    **texts(
                        "description",
                        "Переговоры с японскими покупателями. " * 4,
                        "日本のバイヤーとの商談です。" * 4,
                        "Meetings with Japanese buyers. " * 4,
                    ),
                    **texts("results", "", "", ""),
                )
            )
        missions = save_all(Mission, missions)
        made = len(missions)
        for through, column, pool in (
            (Mission.prefectures.through, "prefecture_id", prefectures),
            (Mission.sectors.through, "sector_id", sectors),
        ):
            made += len(
                save_all(
                    through,
                    (
                        through(mission_id=mission.pk, **{column: item.pk})
                        for mission in missions
                        for item in self.random.sample(pool, k=3)
                    ),
                )
            )
        made += len(save_all(ProgrammeItem, self.programme(missions)))
        company_ids = list(
            Company.objects.filter(slug__startswith="bulk-company-")
            .order_by("pk")
            .values_list("pk", "inn")
        )
        registrations = searchable(self.registrations(missions, company_ids))
        made += len(save_all(Registration, registrations))
        return made

    def programme(self, missions):
        from missions.models import ProgrammeItem

        kinds = [choice for choice, _label in ProgrammeItem.Kind.choices]
        for mission in missions:
            for number in range(5):
                starts = datetime.datetime.combine(
                    mission.starts_on, datetime.time(10 + number), tzinfo=datetime.UTC
                )
                yield ProgrammeItem(
                    mission=mission,
                    starts_at=starts,
                    kind=kinds[number % len(kinds)],
                    **texts(
                        "title",
                        f"Встреча {number}",
                        f"商談{number}",
                        f"Meeting {number}",
                    ),
                    **texts("place", "Ниигата", "新潟", "Niigata"),
                )

    def registrations(self, missions, company_ids):
        from missions.models import Registration

        Status = Registration.Status
        per_mission = self.counts["registrations_per_mission"]
        # Each mission: accepted up to its seats, then waiting, submitted,
        # declined, withdrawn and a few still unconfirmed.
        statuses = (
            [Status.ACCEPTED] * 150
            + [Status.WAITLISTED] * 200
            + [Status.SUBMITTED] * 400
            + [Status.DECLINED] * 100
            + [Status.WITHDRAWN] * 100
            + [Status.UNCONFIRMED] * 50
        )
        for index, mission in enumerate(missions):
            for number in range(min(per_mission, len(company_ids))):
                company_id, inn = company_ids[(index * 97 + number) % len(company_ids)]
                status = statuses[number % len(statuses)]
                confirmed = status != Status.UNCONFIRMED
                yield Registration(
                    mission=mission,
                    company_id=company_id if confirmed else None,
                    inn=inn,
                    company_name=f"ООО «Амурская компания {company_id}»",
                    company_name_other="",
                    contact_name=f"Иван Петров {number}",
                    contact_position="Директор",
                    email=f"delegate{index}-{number}@example.ru",
                    phone="+7 4162 22-33-44",
                    delegates=2,
                    products="Соевые бобы",
                    goals="Найти покупателей в Японии",
                    wanted_partners="",
                    language=LANGUAGES[number % 3],
                    status=status,
                    confirmed_at=self.now if confirmed else None,
                    staff_notes="",
                )

    # --- exhibitions and events ---------------------------------------------------

    def exhibitions(self) -> int:
        from exhibitions.models import Exhibition, Participation
        from partners.models import Company

        count = self.counts["exhibitions"]
        exhibitions = save_all(
            Exhibition,
            (
                Exhibition(
                    slug=f"bulk-exhibition-{number}",
                    edition=number % 50 + 1,
                    starts_on=self.day(7 * (number - count + 40)),
                    ends_on=self.day(7 * (number - count + 40) + 3),
                    website=f"https://expo{number}.example.jp",
                    is_sample=True,
                    applications_open=number >= count - 40,
                    **texts(
                        "name",
                        f"Выставка продуктов питания {number}",
                        f"食品見本市{number}",
                        f"Food Expo {number}",
                    ),
                    **texts(
                        "venue", "Токио Биг Сайт", "東京ビッグサイト", "Tokyo Big Sight"
                    ),
                    **texts("city", "Токио", "東京", "Tokyo"),
                    **texts("organiser", "JETRO", "ジェトロ", "JETRO"),
                    **texts(
                        "pavilion_offer",
                        "Стенд Амурской области.",
                        "アムール州ブースです。",
                        "The Amur Region's pavilion.",
                    ),
                )
                for number in range(count)
            ),
        )
        company_ids = list(
            Company.objects.filter(slug__startswith="bulk-company-", is_published=True)
            .order_by("pk")
            .values_list("pk", flat=True)
        )
        Status = Participation.Status
        statuses = [Status.ACCEPTED] * 6 + [Status.SUBMITTED, Status.DECLINED]
        per = min(self.counts["participations_per_exhibition"], len(company_ids))
        participations = save_all(
            Participation,
            searchable(
                Participation(
                    exhibition=exhibition,
                    company_id=company_ids[(index * 31 + number) % len(company_ids)],
                    stand=f"A-{number}",
                    **texts("pavilion", "Амур", "アムール", "Amur"),
                    status=statuses[number % len(statuses)],
                    contact_name=f"Анна Смирнова {number}",
                    contact_position="Менеджер",
                    email=f"exhibitor{index}-{number}@example.ru",
                    phone="+7 4162 22-33-44",
                    confirmed_at=self.now,
                    staff_notes="",
                    **texts(
                        "products_shown",
                        "Мёд, соевое масло",
                        "はちみつ、大豆油",
                        "Honey, soybean oil",
                    ),
                    **texts("certifications", "", "", ""),
                    **texts("volumes", "", "", ""),
                )
                for index, exhibition in enumerate(exhibitions)
                for number in range(per)
            ),
        )
        return len(exhibitions) + len(participations)

    def events(self) -> int:
        from showcase.models import Event

        kinds = [choice for choice, _label in Event.Kind.choices]
        count = self.counts["events"]
        return len(
            save_all(
                Event,
                (
                    Event(
                        kind=kinds[number % len(kinds)],
                        all_day=True,
                        starts_on=self.day(number - count + 365),
                        ends_on=self.day(number - count + 366),
                        is_published=True,
                        is_sample=True,
                        **texts(
                            "title",
                            f"Переговоры с префектурой {number}",
                            f"県との協議{number}",
                            f"Talks with a prefecture {number}",
                        ),
                        **texts(
                            "place",
                            "Благовещенск",
                            "ブラゴヴェシチェンスク",
                            "Blagoveshchensk",
                        ),
                        **texts(
                            "description",
                            "Встреча делегаций.",
                            "代表団の会談です。",
                            "Delegations met.",
                        ),
                        **texts("outcome", "", "", ""),
                    )
                    for number in range(count)
                ),
            )
        )

    # --- investment case, news, presentations -------------------------------------

    def investment(self) -> int:
        from partners.models import District, Sector
        from showcase.models import (
            InvestmentProject,
            InvestmentSite,
            SupportMeasure,
            TradeFigure,
            WildHarvestReport,
        )

        districts = list(District.objects.all())
        sectors = list(Sector.objects.all())
        photo = InvestmentProject.objects.exclude(image="").first()
        made = len(save_all(TradeFigure, self.trade_figures()))
        made += len(save_all(WildHarvestReport, self.harvest(districts)))
        measures = save_all(
            SupportMeasure,
            (
                SupportMeasure(
                    slug=f"bulk-measure-{number}",
                    level=SupportMeasure.Level.values[
                        number % len(SupportMeasure.Level.values)
                    ],
                    kind=SupportMeasure.Kind.values[
                        number % len(SupportMeasure.Kind.values)
                    ],
                    url="https://invest.amurobl.example/support",
                    position=100 + number,
                    is_published=True,
                    is_sample=True,
                    **texts(
                        "name",
                        f"Льгота {number}",
                        f"優遇措置{number}",
                        f"Incentive {number}",
                    ),
                    **texts(
                        "eligibility",
                        "Резиденты ТОР.",
                        "先行発展区の入居企業。",
                        "Residents of the priority development area.",
                    ),
                    **texts(
                        "benefit",
                        "Снижение налога на прибыль.",
                        "法人税の減免。",
                        "Lower profit tax.",
                    ),
                    **texts(
                        "limit",
                        "до 10 млн ₽",
                        "1000万ルーブルまで",
                        "up to ₽10 million",
                    ),
                    **texts(
                        "legal_basis",
                        "Закон Амурской области",
                        "アムール州法",
                        "Amur Region law",
                    ),
                )
                for number in range(self.counts["measures"])
            ),
        )
        sites = save_all(
            InvestmentSite,
            (
                InvestmentSite(
                    slug=f"bulk-site-{number}",
                    kind=InvestmentSite.Kind.values[
                        number % len(InvestmentSite.Kind.values)
                    ],
                    district=districts[number % len(districts)],
                    area=Decimal(10 + number),
                    area_unit=InvestmentSite.AreaUnit.values[0],
                    ownership=InvestmentSite.Ownership.values[0],
                    has_power=True,
                    has_road=True,
                    investment_map_url="",
                    is_published=True,
                    is_sample=True,
                    **texts(
                        "name", f"Участок {number}", f"用地{number}", f"Plot {number}"
                    ),
                    **texts(
                        "address",
                        "Благовещенск",
                        "ブラゴヴェシチェンスク",
                        "Blagoveshchensk",
                    ),
                    **texts("infrastructure_notes", "", "", ""),
                    **texts(
                        "description",
                        "Земельный участок.",
                        "土地区画です。",
                        "A land plot.",
                    ),
                )
                for number in range(self.counts["sites"])
            ),
        )
        projects = save_all(
            InvestmentProject,
            (
                InvestmentProject(
                    slug=f"bulk-project-{number}",
                    sector=sectors[number % len(sectors)],
                    district=districts[number % len(districts)],
                    investment_size=Decimal(100 + number),
                    stage=InvestmentProject.Stage.values[
                        number % len(InvestmentProject.Stage.values)
                    ],
                    site=sites[number % len(sites)],
                    image=photo.image.name if photo else "",
                    is_published=True,
                    is_sample=True,
                    **texts(
                        "title",
                        f"Проект {number}",
                        f"プロジェクト{number}",
                        f"Project {number}",
                    ),
                    **texts(
                        "summary",
                        "Переработка сои.",
                        "大豆の加工。",
                        "Soybean processing.",
                    ),
                    **texts(
                        "description",
                        "Описание проекта. " * 10,
                        "プロジェクトの説明。" * 10,
                        "About the project. " * 10,
                    ),
                    **texts("partner_sought", "Инвестор.", "投資家。", "An investor."),
                    **texts("image_alt", "Поле сои", "大豆畑", "A soybean field"),
                )
                for number in range(self.counts["projects"])
            ),
        )
        through = InvestmentProject.support_measures.through
        links = save_all(
            through,
            (
                through(investmentproject_id=project.pk, supportmeasure_id=measure.pk)
                for project in projects
                for measure in self.random.sample(measures, k=min(3, len(measures)))
            ),
        )
        return made + len(measures) + len(sites) + len(projects) + len(links)

    def trade_figures(self):
        from showcase.invest.models.trade import Flow
        from showcase.models import TradeFigure

        existing = set(
            TradeFigure.objects.values_list("year", "flow", "commodity_group")
        )
        groups = sorted({group for _year, _flow, group in existing}) or ["food"]
        flows = Flow.values
        for year in range(self.today.year - self.counts["years"], self.today.year):
            for flow in flows:
                for group in groups:
                    if (year, flow, group) not in existing:
                        yield TradeFigure(
                            year=year,
                            flow=flow,
                            commodity_group=group,
                            value=Decimal(1000 + year % 100 * 37),
                            source="Sample",
                            is_sample=True,
                        )

    def harvest(self, districts):
        from showcase.invest.models.harvest import Product
        from showcase.models import WildHarvestReport

        existing = set(
            WildHarvestReport.objects.values_list("district_id", "product", "year")
        )
        products = Product.values
        for year in range(self.today.year - self.counts["years"], self.today.year):
            for district in districts:
                for product in products:
                    if (district.pk, product, year) not in existing:
                        yield WildHarvestReport(
                            district=district,
                            product=product,
                            year=year,
                            volume_tonnes=Decimal(5 + year % 7),
                            month_from=7,
                            month_to=9,
                            is_sample=True,
                        )

    def news(self) -> int:
        from showcase.models import NewsItem

        photo = NewsItem.objects.exclude(image="").first()
        return len(
            save_all(
                NewsItem,
                (
                    NewsItem(
                        slug=f"bulk-news-{number}",
                        published_on=self.day(-number),
                        image=photo.image.name if photo else "",
                        is_published=True,
                        is_sample=True,
                        **texts(
                            "title",
                            f"Новость {number}",
                            f"ニュース{number}",
                            f"News item {number}",
                        ),
                        **texts(
                            "summary", "Коротко о главном.", "要約です。", "In short."
                        ),
                        **texts(
                            "body",
                            "Текст новости.\n\n" * 10,
                            "本文です。\n\n" * 10,
                            "The story.\n\n" * 10,
                        ),
                        **texts("image_alt", "Фото", "写真", "A photograph"),
                    )
                    for number in range(self.counts["news"])
                ),
            )
        )

    def presentations(self) -> int:
        from showcase.models import Presentation, Slide

        decks = save_all(
            Presentation,
            (
                Presentation(
                    slug=f"bulk-deck-{number}",
                    presented_on=self.day(-30 * number),
                    is_published=True,
                    is_sample=True,
                    **texts(
                        "title",
                        f"Презентация {number}",
                        f"プレゼンテーション{number}",
                        f"Presentation {number}",
                    ),
                    **texts(
                        "summary",
                        "Инвестиционные возможности.",
                        "投資の機会。",
                        "Investment opportunities.",
                    ),
                )
                for number in range(self.counts["presentations"])
            ),
        )
        slides = save_all(
            Slide,
            (
                Slide(
                    presentation=deck,
                    position=position,
                    **texts(
                        "heading",
                        f"Слайд {position}",
                        f"スライド{position}",
                        f"Slide {position}",
                    ),
                    **texts(
                        "body", "Текст слайда.", "スライドの本文。", "The slide's text."
                    ),
                )
                for deck in decks
                for position in range(1, self.counts["slides_per_presentation"] + 1)
            ),
        )
        return len(decks) + len(slides)

    # --- inquiries ------------------------------------------------------------------

    def inquiries(self) -> int:
        """Ten years of investors' questions, most of them answered."""
        from showcase.models import Inquiry

        Status = Inquiry.Status
        statuses = [Status.ANSWERED] * 8 + [Status.CLOSED, Status.NEW]
        return len(
            save_all(
                Inquiry,
                (
                    Inquiry(
                        name=f"山田 太郎 {number}",
                        organization=f"株式会社サンプル{number % 700}",
                        email=f"investor{number}@example.jp",
                        country="日本",
                        message="投資の条件について教えてください。",
                        language=LANGUAGES[number % 3],
                        status=statuses[number % len(statuses)],
                        reply_due_on=self.day(14 - number // 3),
                    )
                    for number in range(self.counts["inquiries"])
                ),
            )
        )


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--scale", type=float, default=1.0)
    args = parser.parse_args(argv)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "amur_invest.settings")
    import django

    django.setup()
    started = time.perf_counter()
    Generator(scaled(args.scale)).run()
    print(f"large data set ready in {time.perf_counter() - started:.0f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
