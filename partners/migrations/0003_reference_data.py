"""Reference data every database needs: Japan's 47 prefectures, the Amur
Region's city and municipal districts, and the starting sectors.

Rows are matched by code or slug with update_or_create, so running the
migration on a database that already has some of them only refreshes the
names. The reverse is a no-op: companies and organisations point at these rows
with PROTECT, and staff may have edited them since.
"""

from django.db import migrations

# (code, Japanese, English, Russian, region), codes from JIS X 0401.
PREFECTURES = [
    ("01", "北海道", "Hokkaido", "Хоккайдо", "hokkaido"),
    ("02", "青森県", "Aomori", "Аомори", "tohoku"),
    ("03", "岩手県", "Iwate", "Иватэ", "tohoku"),
    ("04", "宮城県", "Miyagi", "Мияги", "tohoku"),
    ("05", "秋田県", "Akita", "Акита", "tohoku"),
    ("06", "山形県", "Yamagata", "Ямагата", "tohoku"),
    ("07", "福島県", "Fukushima", "Фукусима", "tohoku"),
    ("08", "茨城県", "Ibaraki", "Ибараки", "kanto"),
    ("09", "栃木県", "Tochigi", "Тотиги", "kanto"),
    ("10", "群馬県", "Gunma", "Гумма", "kanto"),
    ("11", "埼玉県", "Saitama", "Сайтама", "kanto"),
    ("12", "千葉県", "Chiba", "Тиба", "kanto"),
    ("13", "東京都", "Tokyo", "Токио", "kanto"),
    ("14", "神奈川県", "Kanagawa", "Канагава", "kanto"),
    ("15", "新潟県", "Niigata", "Ниигата", "chubu"),
    ("16", "富山県", "Toyama", "Тояма", "chubu"),
    ("17", "石川県", "Ishikawa", "Исикава", "chubu"),
    ("18", "福井県", "Fukui", "Фукуи", "chubu"),
    ("19", "山梨県", "Yamanashi", "Яманаси", "chubu"),
    ("20", "長野県", "Nagano", "Нагано", "chubu"),
    ("21", "岐阜県", "Gifu", "Гифу", "chubu"),
    ("22", "静岡県", "Shizuoka", "Сидзуока", "chubu"),
    ("23", "愛知県", "Aichi", "Айти", "chubu"),
    ("24", "三重県", "Mie", "Миэ", "kansai"),
    ("25", "滋賀県", "Shiga", "Сига", "kansai"),
    ("26", "京都府", "Kyoto", "Киото", "kansai"),
    ("27", "大阪府", "Osaka", "Осака", "kansai"),
    ("28", "兵庫県", "Hyogo", "Хиого", "kansai"),
    ("29", "奈良県", "Nara", "Нара", "kansai"),
    ("30", "和歌山県", "Wakayama", "Вакаяма", "kansai"),
    ("31", "鳥取県", "Tottori", "Тоттори", "chugoku"),
    ("32", "島根県", "Shimane", "Симанэ", "chugoku"),
    ("33", "岡山県", "Okayama", "Окаяма", "chugoku"),
    ("34", "広島県", "Hiroshima", "Хиросима", "chugoku"),
    ("35", "山口県", "Yamaguchi", "Ямагути", "chugoku"),
    ("36", "徳島県", "Tokushima", "Токусима", "shikoku"),
    ("37", "香川県", "Kagawa", "Кагава", "shikoku"),
    ("38", "愛媛県", "Ehime", "Эхимэ", "shikoku"),
    ("39", "高知県", "Kochi", "Коти", "shikoku"),
    ("40", "福岡県", "Fukuoka", "Фукуока", "kyushu_okinawa"),
    ("41", "佐賀県", "Saga", "Сага", "kyushu_okinawa"),
    ("42", "長崎県", "Nagasaki", "Нагасаки", "kyushu_okinawa"),
    ("43", "熊本県", "Kumamoto", "Кумамото", "kyushu_okinawa"),
    ("44", "大分県", "Oita", "Оита", "kyushu_okinawa"),
    ("45", "宮崎県", "Miyazaki", "Миядзаки", "kyushu_okinawa"),
    ("46", "鹿児島県", "Kagoshima", "Кагосима", "kyushu_okinawa"),
    ("47", "沖縄県", "Okinawa", "Окинава", "kyushu_okinawa"),
]

CITY = "city_okrug"
OKRUG = "municipal_okrug"

# (slug, kind, Russian, Japanese, English, centre ru, centre ja, centre en).
# The rural districts became municipal okrugs in the 2020-2022 reform; staff
# can correct a kind in the admin without a migration.
DISTRICTS = [
    ("blagoveshchensk", CITY, "Благовещенск", "ブラゴヴェシチェンスク市", "Blagoveshchensk", "Благовещенск", "ブラゴヴェシチェンスク", "Blagoveshchensk"),
    ("belogorsk", CITY, "Белогорск", "ベロゴルスク市", "Belogorsk", "Белогорск", "ベロゴルスク", "Belogorsk"),
    ("svobodny", CITY, "Свободный", "スヴォボードヌイ市", "Svobodny", "Свободный", "スヴォボードヌイ", "Svobodny"),
    ("tynda", CITY, "Тында", "ティンダ市", "Tynda", "Тында", "ティンダ", "Tynda"),
    ("zeya", CITY, "Зея", "ゼヤ市", "Zeya", "Зея", "ゼヤ", "Zeya"),
    ("shimanovsk", CITY, "Шимановск", "シマノフスク市", "Shimanovsk", "Шимановск", "シマノフスク", "Shimanovsk"),
    ("raichikhinsk", CITY, "Райчихинск", "ライチヒンスク市", "Raichikhinsk", "Райчихинск", "ライチヒンスク", "Raichikhinsk"),
    ("tsiolkovsky", CITY, "Циолковский", "ツィオルコフスキー市", "Tsiolkovsky", "Циолковский", "ツィオルコフスキー", "Tsiolkovsky"),
    ("progress", CITY, "Прогресс", "プログレス町", "Progress", "Прогресс", "プログレス", "Progress"),
    ("arkharinsky", OKRUG, "Архаринский район", "アルハラ地区", "Arkharinsky District", "Архара", "アルハラ", "Arkhara"),
    ("belogorsky", OKRUG, "Белогорский район", "ベロゴルスク地区", "Belogorsky District", "Белогорск", "ベロゴルスク", "Belogorsk"),
    ("blagoveshchensky", OKRUG, "Благовещенский район", "ブラゴヴェシチェンスク地区", "Blagoveshchensky District", "Благовещенск", "ブラゴヴェシチェンスク", "Blagoveshchensk"),
    ("bureysky", OKRUG, "Бурейский район", "ブレヤ地区", "Bureysky District", "Новобурейский", "ノヴォブレイスキー", "Novobureysky"),
    ("zavitinsky", OKRUG, "Завитинский район", "ザヴィチンスク地区", "Zavitinsky District", "Завитинск", "ザヴィチンスク", "Zavitinsk"),
    ("zeysky", OKRUG, "Зейский район", "ゼヤ地区", "Zeysky District", "Зея", "ゼヤ", "Zeya"),
    ("ivanovsky", OKRUG, "Ивановский район", "イヴァノフカ地区", "Ivanovsky District", "Ивановка", "イヴァノフカ", "Ivanovka"),
    ("konstantinovsky", OKRUG, "Константиновский район", "コンスタンチノフカ地区", "Konstantinovsky District", "Константиновка", "コンスタンチノフカ", "Konstantinovka"),
    ("magdagachinsky", OKRUG, "Магдагачинский район", "マグダガチ地区", "Magdagachinsky District", "Магдагачи", "マグダガチ", "Magdagachi"),
    ("mazanovsky", OKRUG, "Мазановский район", "マザノヴォ地区", "Mazanovsky District", "Новокиевский Увал", "ノヴォキエフスキー・ウヴァル", "Novokievsky Uval"),
    ("mikhaylovsky", OKRUG, "Михайловский район", "ミハイロフカ地区", "Mikhaylovsky District", "Поярково", "ポヤルコヴォ", "Poyarkovo"),
    ("oktyabrsky", OKRUG, "Октябрьский район", "オクチャブリスキー地区", "Oktyabrsky District", "Екатеринославка", "エカテリノスラフカ", "Yekaterinoslavka"),
    ("romnensky", OKRUG, "Ромненский район", "ロムヌイ地区", "Romnensky District", "Ромны", "ロムヌイ", "Romny"),
    ("selemdzhinsky", OKRUG, "Селемджинский район", "セレムジャ地区", "Selemdzhinsky District", "Экимчан", "エキムチャン", "Ekimchan"),
    ("seryshevsky", OKRUG, "Серышевский район", "セルィシェヴォ地区", "Seryshevsky District", "Серышево", "セルィシェヴォ", "Seryshevo"),
    ("skovorodinsky", OKRUG, "Сковородинский район", "スコヴォロジノ地区", "Skovorodinsky District", "Сковородино", "スコヴォロジノ", "Skovorodino"),
    ("svobodnensky", OKRUG, "Свободненский район", "スヴォボードヌイ地区", "Svobodnensky District", "Свободный", "スヴォボードヌイ", "Svobodny"),
    ("tambovsky", OKRUG, "Тамбовский район", "タンボフカ地区", "Tambovsky District", "Тамбовка", "タンボフカ", "Tambovka"),
    ("tyndinsky", OKRUG, "Тындинский район", "ティンダ地区", "Tyndinsky District", "Тында", "ティンダ", "Tynda"),
    ("shimanovsky", OKRUG, "Шимановский район", "シマノフスク地区", "Shimanovsky District", "Шимановск", "シマノフスク", "Shimanovsk"),
]

# slug -> {language: (name, one-sentence description)}; position follows the list.
SECTORS = [
    ("food", {
        "ru": ("Пищевая промышленность", "Продукты питания амурского производства: от соевого масла и круп до кондитерских изделий."),
        "ja": ("食品", "大豆油や穀物加工品から菓子まで、アムール州で作られる食品です。"),
        "en": ("Food products", "Food made in the Amur Region, from soybean oil and cereals to confectionery."),
    }),
    ("animal-feed", {
        "ru": ("Корма для животных", "Корма и кормовые добавки из местной сои, кукурузы и зерна."),
        "ja": ("飼料", "地元産の大豆、トウモロコシ、穀物を原料とする飼料と飼料添加物です。"),
        "en": ("Animal feed", "Feed and feed additives made from local soybeans, maize and grain."),
    }),
    ("forestry", {
        "ru": ("Лесная промышленность", "Заготовка и глубокая переработка древесины, к которой японский бизнес проявляет особый интерес."),
        "ja": ("林業・木材", "日本企業の関心が高い、木材の伐採から高度な加工までを担う分野です。"),
        "en": ("Forestry and timber", "Logging and advanced wood processing, a field in which Japanese business shows keen interest."),
    }),
    ("wild-harvest", {
        "ru": ("Дикоросы и экопродукция", "Брусника, голубика, жимолость, грибы, папоротник и кедровый орех из северных районов области."),
        "ja": ("天然採取品・エコ製品", "州北部で採れるコケモモ、ブルーベリー、ハスカップ、キノコ、ワラビ、松の実などです。"),
        "en": ("Wild-harvest and eco products", "Lingonberries, blueberries, honeysuckle, mushrooms, fern and pine nuts from the north of the region."),
    }),
    ("honey", {
        "ru": ("Мёд", "Амурский мёд из липы и разнотравья, который неизменно привлекает внимание покупателей."),
        "ja": ("はちみつ", "シナノキや野の花から採れるアムールのはちみつは、いつも注目を集めています。"),
        "en": ("Honey", "Amur linden and wildflower honey, which has always drawn buyers' attention."),
    }),
    ("agriculture", {
        "ru": ("Сельское хозяйство", "Растениеводство и животноводство на плодородных землях Зейско-Буреинской равнины."),
        "ja": ("農業", "ゼヤ・ブレヤ平原の肥沃な土地での耕種農業と畜産です。"),
        "en": ("Agriculture", "Crop and livestock farming on the fertile Zeya-Bureya plain."),
    }),
    ("soybeans", {
        "ru": ("Соя", "Амурская область выращивает больше всех сои в России и перерабатывает её на месте."),
        "ja": ("大豆", "アムール州はロシア最大の大豆産地で、州内での加工も進んでいます。"),
        "en": ("Soybeans", "The Amur Region grows more soybeans than any other Russian region and processes them locally."),
    }),
    ("fishery", {
        "ru": ("Рыбное хозяйство", "Рыбоводство и переработка рыбы в бассейне Амура и его притоков."),
        "ja": ("水産業", "アムール川とその支流の流域での養殖と水産加工です。"),
        "en": ("Fishery", "Fish farming and fish processing in the basin of the Amur and its tributaries."),
    }),
    ("tourism", {
        "ru": ("Туризм", "Приграничный, событийный и природный туризм, включая поездки к космодрому «Восточный»."),
        "ja": ("観光", "国境観光、イベント観光、自然観光のほか、ボストーチヌイ宇宙基地への旅行もあります。"),
        "en": ("Tourism", "Border, event and nature tourism, including trips to the Vostochny Cosmodrome."),
    }),
    ("logistics", {
        "ru": ("Транспорт и логистика", "Транссиб, БАМ и мосты через Амур связывают область с Китаем и портами Тихого океана."),
        "ja": ("運輸・物流", "シベリア鉄道、バイカル・アムール鉄道、アムール川の橋が州と中国や太平洋の港を結んでいます。"),
        "en": ("Transport and logistics", "The Trans-Siberian and Baikal-Amur railways and the bridges over the Amur link the region with China and Pacific ports."),
    }),
    ("energy", {
        "ru": ("Энергетика", "Зейская и Бурейская ГЭС дают области избыток электроэнергии для новых производств."),
        "ja": ("エネルギー", "ゼヤ水力発電所とブレヤ水力発電所により、新しい工場に回せる余剰電力があります。"),
        "en": ("Energy", "The Zeya and Bureya hydropower plants give the region surplus power for new plants."),
    }),
    ("mining", {
        "ru": ("Добыча полезных ископаемых", "Золото, уголь, железная руда и другие ресурсы недр области."),
        "ja": ("鉱業", "金、石炭、鉄鉱石など、州の豊かな地下資源です。"),
        "en": ("Mining", "Gold, coal, iron ore and the region's other mineral resources."),
    }),
    ("construction-materials", {
        "ru": ("Строительные материалы", "Производство цемента, кирпича, бетона и изделий из местного сырья."),
        "ja": ("建設資材", "地元の原料によるセメント、れんが、コンクリートと関連製品の生産です。"),
        "en": ("Construction materials", "Cement, brick, concrete and related products made from local raw materials."),
    }),
]


def load_prefectures(Prefecture):
    for code, name_ja, name_en, name_ru, region in PREFECTURES:
        Prefecture.objects.update_or_create(
            code=code,
            defaults={
                "name": name_ru,
                "name_ru": name_ru,
                "name_ja": name_ja,
                "name_en": name_en,
                "region": region,
            },
        )


def load_districts(District):
    for slug, kind, ru, ja, en, centre_ru, centre_ja, centre_en in DISTRICTS:
        District.objects.update_or_create(
            slug=slug,
            defaults={
                "kind": kind,
                "name": ru,
                "name_ru": ru,
                "name_ja": ja,
                "name_en": en,
                "centre": centre_ru,
                "centre_ru": centre_ru,
                "centre_ja": centre_ja,
                "centre_en": centre_en,
            },
        )


def load_sectors(Sector):
    for position, (slug, texts) in enumerate(SECTORS, start=1):
        defaults = {"position": position * 10}
        for language, (name, description) in texts.items():
            defaults[f"name_{language}"] = name
            defaults[f"description_{language}"] = description
        defaults["name"] = defaults["name_ru"]
        defaults["description"] = defaults["description_ru"]
        Sector.objects.update_or_create(slug=slug, defaults=defaults)


def load_reference_data(apps, schema_editor):
    load_prefectures(apps.get_model("partners", "Prefecture"))
    load_districts(apps.get_model("partners", "District"))
    load_sectors(apps.get_model("partners", "Sector"))


class Migration(migrations.Migration):
    dependencies = [
        ("partners", "0002_import_export_permissions"),
    ]

    operations = [
        migrations.RunPython(load_reference_data, migrations.RunPython.noop),
    ]
