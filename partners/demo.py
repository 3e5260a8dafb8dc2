"""Demo data for the partners app, built from the facts of the agency's work
with Japan (see the shared FACTS.md).

The agency, the regional ministry and the Public Center of Russian-Japanese
Cooperation are real bodies; their people are named in a public press release,
but the email addresses and phone numbers here are made up. Every Amur company
and Japanese organisation is invented and flagged as sample data. Each row is
matched by a natural key (INN, email, English name), so loading twice leaves
the same database.
"""

import datetime

from django.db import transaction

from partners.models import (
    Company,
    Contact,
    District,
    Interaction,
    Language,
    Organization,
    Prefecture,
    Sector,
    TwinRelation,
)

SAMPLE_NOTE = "Демонстрационная запись (sample data): контактные данные вымышлены."

# Russian bodies: (key, kind, name in ru, ja, en)
RUSSIAN_BODIES = [
    (
        "agency",
        Organization.Kind.PUBLIC_BODY,
        "Агентство Амурской области по привлечению инвестиций",
        "アムール州投資誘致庁",
        "Amur Region Investment Attraction Agency",
    ),
    (
        "ministry",
        Organization.Kind.PUBLIC_BODY,
        "Министерство экономического развития и внешних связей Амурской области",
        "アムール州経済発展・対外経済関係省",
        "Ministry of Economic Development and Foreign Economic Relations of the Amur Region",
    ),
    (
        "public_center",
        Organization.Kind.ASSOCIATION,
        "Общественный центр российско-японского сотрудничества",
        "ロシア・日本協力市民センター",
        "Public Center of Russian-Japanese Cooperation",
    ),
]

# The people named in the press release, with invented addresses.
RUSSIAN_CONTACTS = [
    (
        "agency",
        "Pavel Puzanov",
        "Павел Пузанов",
        "Директор",
        "puzanov@amurinvest.example",
    ),
    (
        "ministry",
        "Ekaterina Kireeva",
        "Екатерина Киреева",
        "Первый заместитель министра экономического развития и внешних связей",
        "kireeva@econom.amur.example",
    ),
    (
        "public_center",
        "Marina Sinelnikova",
        "Марина Синельникова",
        "Председатель",
        "sinelnikova@ru-jp-center.example",
    ),
]

# Invented Japanese partners: key -> (kind, prefecture code, city, ru, ja, en, sectors)
JAPANESE_ORGANIZATIONS = {
    "niigata": (
        Organization.Kind.PREFECTURAL_GOVERNMENT,
        "15",
        "Niigata",
        "Правительство префектуры Ниигата",
        "新潟県庁",
        "Niigata Prefectural Government",
        ["food", "logistics"],
    ),
    "hokuyo": (
        Organization.Kind.COMPANY,
        "01",
        "Sapporo",
        "Торговая компания «Хокуё» (пример)",
        "北洋トレーディング株式会社（サンプル）",
        "Hokuyo Trading Co. (sample)",
        ["soybeans", "animal-feed", "food"],
    ),
    "sakura": (
        Organization.Kind.COMPANY,
        "27",
        "Osaka",
        "«Сакура нэйчурал фудз» (пример)",
        "さくらナチュラルフーズ株式会社（サンプル）",
        "Sakura Natural Foods Inc. (sample)",
        ["food", "wild-harvest"],
    ),
    "mitsuboshi": (
        Organization.Kind.COMPANY,
        "13",
        "Tokyo",
        "Медовая компания «Мицубоси» (пример)",
        "三星蜂蜜株式会社（サンプル）",
        "Mitsuboshi Honey Co. (sample)",
        ["honey", "food"],
    ),
    "kaga": (
        Organization.Kind.COMPANY,
        "17",
        "Kanazawa",
        "Лесопромышленная компания «Кага» (пример)",
        "加賀木材株式会社（サンプル）",
        "Kaga Timber Co. (sample)",
        ["forestry"],
    ),
    "chamber": (
        Organization.Kind.CHAMBER,
        "31",
        "Tottori",
        "Союз торгово-промышленных палат побережья Японского моря (пример)",
        "日本海沿岸商工会議所連合会（サンプル）",
        "Japan Sea Coast Chambers of Commerce (sample)",
        ["logistics", "food", "tourism"],
    ),
    "tokachi": (
        Organization.Kind.ASSOCIATION,
        "01",
        "Obihiro",
        "Кормовой кооператив «Токати» (пример)",
        "十勝飼料協同組合（サンプル）",
        "Tokachi Feed Cooperative (sample)",
        ["animal-feed", "agriculture"],
    ),
}

# key of organisation -> (Latin name, Japanese name, position, department, email)
JAPANESE_CONTACTS = {
    "niigata": (
        "Kenji Sato",
        "佐藤 健二",
        "Deputy Director",
        "国際課",
        "k.sato@pref-niigata.example",
    ),
    "hokuyo": (
        "Yuko Takahashi",
        "高橋 裕子",
        "Manager, Russia Desk",
        "ロシア営業部",
        "takahashi@hokuyo-trading.example",
    ),
    "sakura": (
        "Hiroshi Nakamura",
        "中村 浩",
        "Head of Purchasing",
        "仕入部",
        "nakamura@sakura-foods.example",
    ),
    "mitsuboshi": (
        "Daisuke Kobayashi",
        "小林 大輔",
        "Import Manager",
        "輸入部",
        "kobayashi@mitsuboshi-honey.example",
    ),
    "kaga": (
        "Makoto Yoshida",
        "吉田 誠",
        "Director, Raw Materials",
        "原木調達部",
        "yoshida@kaga-timber.example",
    ),
    "chamber": (
        "Akiko Matsumoto",
        "松本 明子",
        "Secretary General",
        "事務局",
        "matsumoto@japansea-cci.example",
    ),
    "tokachi": (
        "Naoki Watanabe",
        "渡辺 直樹",
        "Procurement Officer",
        "購買課",
        "watanabe@tokachi-feed.example",
    ),
}

# Staff notes are kept in Russian, the language the agency's staff write in.
# (organisation key, date, kind, summary, next step, due date)
INTERACTIONS = [
    (
        "hokuyo",
        datetime.date(2019, 11, 14),
        Interaction.Kind.MEETING,
        "Встреча на презентации инвестиционных возможностей области в Токио. "
        "Компания ищет поставщиков сои без ГМО и соевого шрота.",
        "Отправить спецификации и прайс-листы трёх амурских производителей сои.",
        datetime.date(2019, 12, 15),
    ),
    (
        "mitsuboshi",
        datetime.date(2019, 11, 15),
        Interaction.Kind.MEETING,
        "Переговоры о поставках липового и гречишного мёда; "
        "нужны лабораторные анализы по японским нормам.",
        "Согласовать отправку образцов мёда в Токио.",
        datetime.date(2020, 2, 1),
    ),
    (
        "kaga",
        datetime.date(2020, 1, 22),
        Interaction.Kind.LETTER,
        "Письмо о заинтересованности в пиломатериалах из лиственницы "
        "и в совместной глубокой переработке древесины.",
        "Подготовить подборку лесопромышленных площадок Тындинского района.",
        datetime.date(2020, 3, 1),
    ),
    (
        "chamber",
        datetime.date(2020, 1, 30),
        Interaction.Kind.EMAIL,
        "Палата готова собрать японские компании для деловых переговоров "
        "во время бизнес-миссии в декабре 2020 года.",
        "Передать список амурских участников миссии и их продукцию.",
        datetime.date(2020, 10, 1),
    ),
    (
        "niigata",
        datetime.date(2020, 2, 10),
        Interaction.Kind.VIDEO_CONFERENCE,
        "Видеоконференция о программе межрегиональных и побратимских обменов "
        "2020–2021 годов: спорт, культура, побратимство городов.",
        "Направить проект соглашения о побратимских связях.",
        datetime.date(2020, 4, 30),
    ),
    (
        "sakura",
        datetime.date(2020, 3, 11),
        Interaction.Kind.MEETING,
        "Встреча на выставке FOODEX Japan 2020: интерес к замороженной "
        "жимолости, голубике и кедровому ореху.",
        "Организовать видеозвонок с производителями дикоросов.",
        datetime.date(2020, 4, 15),
    ),
    (
        "tokachi",
        datetime.date(2020, 2, 27),
        Interaction.Kind.CALL,
        "Звонок о пробной партии комбикорма на основе амурской сои.",
        "",
        None,
    ),
]


def _company(**fields):
    return fields


# Invented Amur companies. INNs carry correct check digits and the Amur
# Region's tax office prefix 28.
COMPANIES = [
    _company(
        inn="2899277756",
        slug="amur-honey",
        district="mazanovsky",
        sectors=["honey", "food"],
        name=(
            "ООО «Амурский мёд»",
            "アムール蜂蜜社",
            "Amur Honey LLC",
        ),
        products=(
            "Липовый, гречишный и цветочный мёд; мёд в сотах; прополис.",
            "シナノキ蜂蜜、ソバ蜂蜜、百花蜜、巣蜜、プロポリス。",
            "Linden, buckwheat and wildflower honey; comb honey; propolis.",
        ),
        description=(
            "Объединяет пасеки Мазановского района. Мёд фасуется в стекло и "
            "в бочки для переработчиков.",
            "マザノヴォ地区の養蜂場をまとめる会社です。瓶詰めのほか、"
            "加工業者向けにドラム缶でも出荷しています。",
            "Brings together apiaries of the Mazanovsky district and packs honey "
            "in jars for shops and in drums for processors.",
        ),
        website="https://amur-honey.example",
        email="info@amur-honey.example",
        phone="+7 416 200-00-01",
    ),
    _company(
        inn="2868291736",
        slug="zeya-apiary",
        district="zeysky",
        sectors=["honey", "wild-harvest"],
        name=(
            "ООО «Зейская пасека»",
            "ゼヤ養蜂場",
            "Zeya Apiary LLC",
        ),
        products=(
            "Таёжный мёд, перга, мёд с кедровым орехом.",
            "タイガの蜂蜜、蜂パン（ビーブレッド）、松の実入り蜂蜜。",
            "Taiga honey, bee bread, honey with pine nuts.",
        ),
        description=(
            "Семейная пасека в экологически чистой северной тайге.",
            "北部のタイガにある家族経営の養蜂場で、周囲に工場などはありません。",
            "A family apiary in the clean northern taiga.",
        ),
        email="zeya-apiary@mail.example",
    ),
    _company(
        inn="2836392770",
        slug="priamurye-soy",
        district="tambovsky",
        sectors=["soybeans", "food"],
        name=(
            "АО «Приамурские соевые продукты»",
            "プリアムーリエ大豆製品社",
            "Priamurye Soy Products JSC",
        ),
        products=(
            "Соя без ГМО, соевое масло, соевый шрот, соевая мука.",
            "非遺伝子組換え大豆、大豆油、大豆ミール、大豆粉。",
            "Non-GMO soybeans, soybean oil, soybean meal, soy flour.",
        ),
        description=(
            "Выращивает и перерабатывает сою на юге области; готово к "
            "долгосрочным контрактам с японскими покупателями.",
            "州南部で大豆を栽培・加工しています。日本の買い手との長期契約を歓迎します。",
            "Grows and processes soybeans in the south of the region and welcomes "
            "long-term contracts with Japanese buyers.",
        ),
        website="https://priamurye-soy.example",
        email="export@priamurye-soy.example",
        phone="+7 416 200-00-03",
    ),
    _company(
        inn="2812798700",
        slug="belogorsk-feed-mill",
        district="belogorsk",
        sectors=["animal-feed"],
        name=(
            "ООО «Белогорский комбикормовый завод»",
            "ベロゴルスク配合飼料工場",
            "Belogorsk Feed Mill LLC",
        ),
        products=(
            "Комбикорма для птицы и крупного рогатого скота, кормовые смеси на основе сои.",
            "家禽・牛用の配合飼料、大豆ベースの飼料ミックス。",
            "Compound feed for poultry and cattle, soy-based feed mixes.",
        ),
        description=(
            "Завод расширяет мощности и ищет партнёров для экспорта кормов.",
            "生産能力を拡大中で、飼料輸出のパートナーを探しています。",
            "The mill is expanding its capacity and looks for feed export partners.",
        ),
        email="sales@belogorsk-feed.example",
    ),
    _company(
        inn="2870531819",
        slug="ivanovka-agro",
        district="ivanovsky",
        sectors=["agriculture", "soybeans", "animal-feed"],
        name=(
            "ООО «Ивановская агрофирма»",
            "イヴァノフカ農業社",
            "Ivanovka Agro LLC",
        ),
        products=(
            "Соя, пшеница, кукуруза на зерно, кормовые культуры.",
            "大豆、小麦、子実用トウモロコシ、飼料作物。",
            "Soybeans, wheat, grain maize, fodder crops.",
        ),
        description=(
            "Хозяйство с собственным элеватором на 20 тысяч тонн.",
            "2万トンを収容する自社エレベーター（穀物倉庫）を持つ農場です。",
            "A farm with its own 20,000-tonne grain elevator.",
        ),
        email="office@ivanovka-agro.example",
    ),
    _company(
        inn="2894208477",
        slug="tynda-timber-terminal",
        district="tyndinsky",
        sectors=["forestry"],
        name=(
            "ООО «Тындинский лесной терминал»",
            "ティンダ森林ターミナル社",
            "Tynda Timber Terminal LLC",
        ),
        products=(
            "Пиломатериалы из лиственницы и сосны, погонаж, топливные пеллеты.",
            "カラマツ・マツの製材品、モールディング材、木質燃料ペレット。",
            "Larch and pine sawn timber, mouldings, fuel pellets.",
        ),
        description=(
            "Лесопильное производство у Байкало-Амурской магистрали с "
            "отгрузкой по железной дороге.",
            "バイカル・アムール鉄道沿いの製材工場で、鉄道で出荷しています。",
            "A sawmill on the Baikal-Amur Mainline that ships by rail.",
        ),
        website="https://tynda-timber.example",
        email="timber@tynda-timber.example",
    ),
    _company(
        inn="2834873800",
        slug="svobodny-woodworks",
        district="svobodny",
        sectors=["forestry", "construction-materials"],
        name=(
            "ООО «Свободненский деревообрабатывающий комбинат»",
            "スヴォボードヌイ木材加工社",
            "Svobodny Woodworks LLC",
        ),
        products=(
            "Клеёный брус, строганая доска, деревянные дома-комплекты.",
            "集成材、かんな掛け板材、木造住宅キット。",
            "Glued laminated beams, planed boards, timber house kits.",
        ),
        description=(
            "Ищет японского партнёра для совместного производства "
            "строительных материалов на экспорт.",
            "輸出向け建材の共同生産に向けて、日本のパートナーを探しています。",
            "Looks for a Japanese partner to make building materials for export together.",
        ),
        email="info@svobodny-wood.example",
    ),
    _company(
        inn="2898933941",
        slug="gifts-of-selemdzha",
        district="selemdzhinsky",
        sectors=["wild-harvest", "food"],
        name=(
            "ООО «Дары Селемджи»",
            "セレムジャの恵み社",
            "Gifts of Selemdzha LLC",
        ),
        products=(
            "Брусника, голубика, кедровый орех, сушёные грибы, папоротник-орляк.",
            "コケモモ、ブルーベリー、松の実、干しきのこ、ワラビ。",
            "Lingonberries, blueberries, pine nuts, dried mushrooms, bracken fern.",
        ),
        description=(
            "Закупает дикоросы у сборщиков северных сёл и замораживает их на месте.",
            "北部の村の採集者から野生の産物を買い取り、現地で冷凍しています。",
            "Buys wild-harvest products from gatherers in northern villages and "
            "freezes them on site.",
        ),
        email="berries@selemdzha.example",
    ),
    _company(
        inn="2842669420",
        slug="northern-berry",
        district="zeya",
        sectors=["wild-harvest"],
        name=(
            "ООО «Северная ягода»",
            "北のベリー社",
            "Northern Berry LLC",
        ),
        products=(
            "Замороженная жимолость и голубика, ягодные пюре.",
            "冷凍ハスカップ、冷凍ブルーベリー、ベリーピューレ。",
            "Frozen honeysuckle and blueberries, berry purées.",
        ),
        description=(
            "Новое предприятие; карточка ждёт проверки агентством.",
            "新しい企業で、当庁による確認を待っています。",
            "A new company; its entry awaits the agency's review.",
        ),
        email="hello@northern-berry.example",
        is_published=False,
    ),
    _company(
        inn="2875113935",
        slug="blagoveshchensk-confectioner",
        district="blagoveshchensk",
        sectors=["food", "honey"],
        name=(
            "ООО «Благовещенский кондитер»",
            "ブラゴヴェシチェンスク製菓社",
            "Blagoveshchensk Confectioner LLC",
        ),
        products=(
            "Медовые пряники, печенье из соевой муки, ягодный мармелад.",
            "蜂蜜のジンジャーブレッド、大豆粉のクッキー、ベリーのゼリー菓子。",
            "Honey gingerbread, soy flour biscuits, berry jellies.",
        ),
        description=(
            "Кондитерская фабрика в областном центре, работает на амурском сырье.",
            "州都にある製菓工場で、アムール州産の原料を使っています。",
            "A confectionery factory in the regional capital that uses Amur ingredients.",
        ),
        website="https://blag-confectioner.example",
        email="export@blag-confectioner.example",
        phone="+7 416 200-00-10",
    ),
]

TWIN_RELATION = {
    "amur_district": "blagoveshchensk",
    "prefecture": "15",
    "japanese_municipality": "上越市 (Joetsu)",
    "status": TwinRelation.Status.NEGOTIATING,
    "proposed_on": datetime.date(2020, 2, 10),
    "notes": "Пример (sample data): переговоры о побратимстве в рамках "
    "Годов межрегиональных и побратимских обменов 2020–2021.",
}


def _by_slug(model, slugs) -> dict:
    found = {row.slug: row for row in model.objects.filter(slug__in=set(slugs))}
    missing = set(slugs) - set(found)
    if missing:
        raise LookupError(
            f"{model._meta.verbose_name_plural} missing from the reference data: "
            f"{', '.join(sorted(missing))}. Run the migrations first."
        )
    return found


def _translated(field: str, texts: tuple[str, str, str]) -> dict:
    ru, ja, en = texts
    return {f"{field}_ru": ru, f"{field}_ja": ja, f"{field}_en": en}


def _load_russian_bodies() -> dict[str, Organization]:
    bodies = {}
    for key, kind, ru, ja, en in RUSSIAN_BODIES:
        bodies[key], _ = Organization.objects.update_or_create(
            name_en=en,
            defaults={
                **_translated("name", (ru, ja, en)),
                "kind": kind,
                "country": "RU",
                "city": "Blagoveshchensk",
                "is_sample": False,
            },
        )
    for key, latin, native, position, email in RUSSIAN_CONTACTS:
        Contact.objects.update_or_create(
            email=email,
            defaults={
                "organization": bodies[key],
                "name_latin": latin,
                "name_native": native,
                "position": position,
                "preferred_language": Language.RUSSIAN,
                "notes": SAMPLE_NOTE,
            },
        )
    return bodies


def _load_japanese_organizations() -> dict[str, Organization]:
    codes = {spec[1] for spec in JAPANESE_ORGANIZATIONS.values()}
    prefectures = {p.code: p for p in Prefecture.objects.filter(code__in=codes)}
    sectors = _by_slug(
        Sector, [s for spec in JAPANESE_ORGANIZATIONS.values() for s in spec[6]]
    )
    organizations = {}
    for key, (kind, code, city, ru, ja, en, slugs) in JAPANESE_ORGANIZATIONS.items():
        organization, _ = Organization.objects.update_or_create(
            name_en=en,
            defaults={
                **_translated("name", (ru, ja, en)),
                "kind": kind,
                "country": "JP",
                "prefecture": prefectures.get(code),
                "city": city,
                "is_sample": True,
                "notes": SAMPLE_NOTE,
            },
        )
        organization.sectors.set([sectors[slug] for slug in slugs])
        organizations[key] = organization
    return organizations


def _load_japanese_contacts(organizations: dict[str, Organization]) -> dict:
    contacts = {}
    for key, (latin, native, position, department, email) in JAPANESE_CONTACTS.items():
        organization = organizations[key]
        contacts[key], _ = Contact.objects.update_or_create(
            email=email,
            defaults={
                "organization": organization,
                "prefecture": organization.prefecture,
                "name_latin": latin,
                "name_native": native,
                "position": position,
                "department": department,
                "preferred_language": Language.JAPANESE,
                "notes": SAMPLE_NOTE,
            },
        )
    return contacts


def _load_interactions(organizations: dict, contacts: dict) -> None:
    for key, happened_on, kind, summary, next_step, due_on in INTERACTIONS:
        Interaction.objects.update_or_create(
            organization=organizations[key],
            happened_on=happened_on,
            kind=kind,
            defaults={
                "contact": contacts[key],
                "summary": summary,
                "next_step": next_step,
                "due_on": due_on,
            },
        )


def _load_companies() -> None:
    districts = _by_slug(District, [c["district"] for c in COMPANIES])
    sectors = _by_slug(Sector, [s for c in COMPANIES for s in c["sectors"]])
    for spec in COMPANIES:
        company, _ = Company.objects.update_or_create(
            inn=spec["inn"],
            defaults={
                "slug": spec["slug"],
                "district": districts[spec["district"]],
                **_translated("name", spec["name"]),
                **_translated("products", spec["products"]),
                **_translated("description", spec["description"]),
                "website": spec.get("website", ""),
                "email": spec.get("email", ""),
                "phone": spec.get("phone", ""),
                "is_published": spec.get("is_published", True),
                "is_sample": True,
            },
        )
        company.sectors.set([sectors[slug] for slug in spec["sectors"]])


def _load_twin_relation() -> None:
    spec = dict(TWIN_RELATION)
    TwinRelation.objects.update_or_create(
        amur_district=District.objects.get(slug=spec.pop("amur_district")),
        prefecture=Prefecture.objects.get(code=spec.pop("prefecture")),
        japanese_municipality=spec.pop("japanese_municipality"),
        defaults=spec,
    )


@transaction.atomic
def load() -> None:
    """Create or update the partners demo data set; safe to run again."""
    _load_russian_bodies()
    organizations = _load_japanese_organizations()
    contacts = _load_japanese_contacts(organizations)
    _load_interactions(organizations, contacts)
    _load_companies()
    _load_twin_relation()
