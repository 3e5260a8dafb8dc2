"""Search keywords for the reference sectors (staff may change them later),
and the search text of every existing company. Idempotent: keywords are only
filled where staff have not written any."""

from django.db import migrations

from partners.search import company_search_text

SECTOR_KEYWORDS = {
    "food": "продукты питания, еда, food, foodstuffs, 食品, 食料品",
    "animal-feed": "корм, корма, комбикорм, feed, fodder, 飼料, えさ",
    "forestry": "лес, древесина, пиломатериалы, timber, wood, lumber, 木材, 林業, 材木",
    "wild-harvest": (
        "дикоросы, ягоды, грибы, брусника, голубика, жимолость, папоротник, "
        "кедровый орех, berries, mushrooms, lingonberry, blueberry, honeysuckle, "
        "fern, pine nuts, 山菜, ベリー, きのこ, コケモモ, ブルーベリー, ハスカップ, "
        "ワラビ, 松の実"
    ),
    "honey": (
        "мёд, пчеловодство, пасека, прополис, honey, beekeeping, apiary, "
        "propolis, はちみつ, ハチミツ, 蜂蜜, 養蜂"
    ),
    "agriculture": "сельское хозяйство, зерно, farming, grain, crops, 農業, 穀物",
    "soybeans": "соя, соевые бобы, соевое масло, soy, soya, soybean oil, 大豆, だいず, 大豆油",
    "fishery": "рыба, рыбоводство, fish, fishing, aquaculture, 魚, 水産, 養殖",
    "tourism": "туризм, путешествия, travel, tours, 観光, 旅行",
    "logistics": (
        "транспорт, логистика, перевозки, железная дорога, transport, shipping, "
        "freight, railway, 運輸, 物流, 輸送"
    ),
    "energy": "электроэнергия, ГЭС, electricity, hydropower, 電力, 水力発電",
    "mining": "добыча, золото, уголь, руда, gold, coal, ore, minerals, 鉱業, 金, 石炭",
    "construction-materials": (
        "стройматериалы, цемент, кирпич, бетон, cement, brick, concrete, 建材, "
        "セメント, れんが, コンクリート"
    ),
}


def fill_search(apps, schema_editor):
    Sector = apps.get_model("partners", "Sector")
    Company = apps.get_model("partners", "Company")
    for slug, keywords in SECTOR_KEYWORDS.items():
        Sector.objects.filter(slug=slug, search_keywords="").update(
            search_keywords=keywords
        )
    companies = list(Company.objects.prefetch_related("sectors"))
    for company in companies:
        company.search_text = company_search_text(company, company.sectors.all())
    Company.objects.bulk_update(companies, ["search_text"], batch_size=500)


class Migration(migrations.Migration):
    dependencies = [("partners", "0007_company_search_text_and_sector_keywords")]

    operations = [migrations.RunPython(fill_search, migrations.RunPython.noop)]
