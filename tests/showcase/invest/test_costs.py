"""The cost of doing business: tariffs, wages and taxes with their sources
and dates, in three languages, the support measures that lower each tax."""

import datetime
from decimal import Decimal

import pytest

from showcase import demo
from showcase.models import CostFigure
from tests.showcase.invest_factories import SupportMeasureFactory, sector

pytestmark = pytest.mark.django_db


def cost(**fields):
    values = {
        "category": CostFigure.Category.POWER,
        "name_ru": "Электроэнергия",
        "name_ja": "電力",
        "name_en": "Power",
        "value": Decimal("6.9"),
        "unit_ru": "руб. за кВт·ч",
        "unit_ja": "ルーブル/kWh",
        "unit_en": "roubles per kWh",
        "source_ru": "Тарифное решение",
        "source_ja": "料金決定",
        "source_en": "Tariff decision",
        "as_of": datetime.date(2026, 11, 1),
    }
    return CostFigure.objects.create(**{**values, **fields})


@pytest.mark.parametrize(
    ("language", "words"),
    [
        (
            "ru",
            [
                "Электроэнергия",
                "6,9",
                "руб. за кВт·ч",
                "Тарифное решение",
                "1 ноября 2026",
            ],
        ),
        ("ja", ["電力", "6.9", "ルーブル/kWh", "料金決定", "2026年11月1日"]),
        ("en", ["Power", "6.9", "roubles per kWh", "Tariff decision", "Nov. 1, 2026"]),
    ],
)
def test_each_figure_shows_its_value_source_and_date(client, language, words):
    cost()

    html = client.get(f"/{language}/invest/costs/").content.decode()

    for word in words:
        assert word in html, word


def test_a_tax_names_the_published_measures_that_lower_it(client):
    lowering = SupportMeasureFactory(slug="tor", name_en="Advanced territory")
    hidden = SupportMeasureFactory(slug="gone", name_en="Withdrawn", is_published=False)
    tax = cost(category=CostFigure.Category.TAX, name_en="Profit tax")
    tax.lowered_by.set([lowering, hidden])

    html = client.get("/en/invest/costs/").content.decode()

    assert 'href="/en/invest/support/#tor"' in html
    assert "Withdrawn" not in html


def test_wages_link_their_sector_and_samples_are_marked(client):
    cost(
        category=CostFigure.Category.WAGES,
        name_en="Forestry",
        sector=sector("forestry"),
        is_sample=True,
    )

    html = client.get("/en/invest/costs/").content.decode()

    assert 'href="/en/invest/sectors/forestry/"' in html
    assert "sample data" in html


def test_the_page_reads_a_fixed_number_of_queries(
    client, django_assert_max_num_queries
):
    for position in range(30):
        tax = cost(category=CostFigure.Category.TAX, position=position)
        tax.lowered_by.set([SupportMeasureFactory()])
    client.get("/en/invest/costs/")

    with django_assert_max_num_queries(2):
        assert client.get("/en/invest/costs/").status_code == 200


def test_the_demo_fills_every_category_with_sample_figures():
    demo.load("investment", tables=["measures"])
    demo.load("costs")

    categories = set(CostFigure.objects.values_list("category", flat=True))

    assert categories == set(CostFigure.Category.values)
    assert not CostFigure.objects.filter(is_sample=False).exists()
    assert CostFigure.objects.filter(lowered_by__isnull=False).exists()
