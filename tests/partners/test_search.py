"""Search finds what people type: ё and е alike, any case in any alphabet
(on SQLite too), full- and half-width forms, katakana and hiragana, and a
sector by its name or keywords in any language."""

import pytest
from django.urls import reverse

from amur_invest.folding import fold
from partners.models import Company, Sector
from tests.partners.factories import CompanyFactory, SectorFactory

pytestmark = pytest.mark.django_db


def catalogue_names(client, query, language="ru") -> list[str]:
    response = client.get(f"/{language}/companies/", {"q": query})
    assert response.status_code == 200
    return sorted(company.name_en for company in response.context["companies"])


def admin_names(client, query) -> list[str]:
    response = client.get(reverse("admin:partners_company_changelist"), {"q": query})
    assert response.status_code == 200
    return sorted(company.name_en for company in response.context["cl"].result_list)


@pytest.fixture
def honey():
    return Sector.objects.get(slug="honey")


@pytest.fixture
def companies(honey):
    soy = Sector.objects.get(slug="soybeans")
    CompanyFactory(
        name_ru="ООО «Зейский мёд»",
        name_ja="ゼーヤ養蜂",
        name_en="Zeya Apiary",
        products_ru="Липовый мёд",
        products_ja="シナノキのハチミツ",
        products_en="Linden honey",
        sectors=[honey],
    )
    CompanyFactory(
        name_ru="АО «Амурская соя»",
        name_ja="アムール大豆",
        name_en="Amur Soy",
        products_ru="Соевое масло",
        products_ja="大豆油",
        products_en="Soybean oil",
        sectors=[soy],
    )


def test_folding_treats_what_people_mean_alike():
    assert fold("ЁЛКА Ёж") == fold("елка еж")
    assert fold("ＡＭＵＲ　１２３") == "amur 123"
    assert fold("ﾊﾁﾐﾂ") == fold("ハチミツ") == fold("はちみつ")
    assert fold("Straße") == fold("STRASSE")


@pytest.mark.parametrize(
    "query",
    ["мед", "МЁД", "зейский", "ЗЕЙСКИЙ МЕД", "липовый", "ｚｅｙａ", "はちみつ", "ﾊﾁﾐﾂ"],
)
def test_catalogue_finds_what_people_type(client, companies, query):
    assert catalogue_names(client, query) == ["Zeya Apiary"]


@pytest.mark.parametrize(
    "query", ["蜂蜜", "はちみつ", "ハチミツ", "Honey", "пчеловодство"]
)
def test_sector_name_or_keyword_in_any_language_finds_its_companies(
    client, honey, query
):
    CompanyFactory(
        name_ru="ООО «Тайга»",
        name_ja="タイガ社",
        name_en="Taiga LLC",
        products_ru="Прополис",
        products_ja="プロポリス",
        products_en="Propolis",
        sectors=[honey],
    )

    assert catalogue_names(client, query, language="ja") == ["Taiga LLC"]


def test_every_word_must_match(client, companies):
    assert catalogue_names(client, "амурская масло") == ["Amur Soy"]
    assert catalogue_names(client, "амурская мёд") == []


def test_admin_search_finds_the_same_way(staff_client, companies):
    assert admin_names(staff_client, "МЕД") == ["Zeya Apiary"]
    assert admin_names(staff_client, "はちみつ") == ["Zeya Apiary"]
    soy = Company.objects.get(name_en="Amur Soy")
    assert admin_names(staff_client, soy.inn) == ["Amur Soy"]
    assert admin_names(staff_client, soy.email.upper()) == ["Amur Soy"]


def test_search_text_follows_the_sectors_of_a_company(client, honey):
    company = CompanyFactory(
        name_en="Plain LLC", products_ru="", products_ja="", products_en=""
    )
    assert catalogue_names(client, "蜂蜜") == []

    company.sectors.add(honey)
    assert catalogue_names(client, "蜂蜜") == ["Plain LLC"]

    company.sectors.remove(honey)
    assert catalogue_names(client, "蜂蜜") == []

    honey.companies.add(company)
    assert catalogue_names(client, "蜂蜜") == ["Plain LLC"]

    honey.companies.clear()
    assert catalogue_names(client, "蜂蜜") == []


def test_search_text_follows_a_renamed_or_deleted_sector(client):
    sector = SectorFactory(slug="caviar", name_ru="Икра", name_ja="", name_en="")
    CompanyFactory(
        name_en="Roe LLC",
        products_ru="",
        products_ja="",
        products_en="",
        sectors=[sector],
    )

    sector.search_keywords = "キャビア, caviar"
    sector.save()
    assert catalogue_names(client, "キャビア") == ["Roe LLC"]

    sector.delete()
    assert catalogue_names(client, "キャビア") == []
    assert catalogue_names(client, "икра") == []


def test_search_text_follows_an_edited_company(client, companies):
    company = Company.objects.get(name_en="Amur Soy")
    company.products_ru = "Соевый шрот"
    company.save(update_fields=["products_ru"])

    assert catalogue_names(client, "шрот") == ["Amur Soy"]


def test_honey_sector_carries_its_japanese_search_keywords(honey):
    for word in ("はちみつ", "ハチミツ", "蜂蜜"):
        assert word in honey.search_keywords


def test_catalogue_search_stays_within_its_query_budget(
    client, honey, django_assert_max_num_queries
):
    for _ in range(30):
        CompanyFactory(sectors=[honey])

    with django_assert_max_num_queries(6):
        response = client.get("/ja/companies/", {"q": "はちみつ"})

    assert len(response.context["companies"]) == 20
