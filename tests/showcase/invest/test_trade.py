"""Trade with Japan: totals, growth and export structure are computed from
the TradeFigure rows."""

from decimal import Decimal

import pytest
from django.core.cache import cache
from django.template.loader import render_to_string
from django.utils import translation

from showcase import demo
from showcase.invest.figures import trade
from showcase.models.home import HOME_PAGE_CACHE_KEY
from tests.showcase.invest_factories import TradeFigureFactory, TradeYearFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def fresh_home_page():
    # The home page row is cached; a row of an earlier test must not leak.
    cache.delete(HOME_PAGE_CACHE_KEY)
    yield
    cache.delete(HOME_PAGE_CACHE_KEY)


def test_demo_rows_give_the_ratios_of_the_press_release():
    demo.load("investment", tables=["trade_years", "trade_figures"])

    growth = trade.trade_history().growth(2019)

    assert (growth.year, growth.base_year) == (2019, 2018)
    assert growth.turnover == Decimal("1.9")
    assert growth.exports == Decimal("2.4")
    assert growth.is_sample


def test_demo_exports_include_food_and_animal_feed():
    demo.load("investment", tables=["trade_years", "trade_figures"])

    dataset = trade.export_structure_dataset(year=2019)

    keys = [row.key for row in dataset.rows]
    assert keys[:2] == ["food", "animal_feed"]
    assert sum(row.total for row in dataset.rows) == Decimal(48)


def test_turnover_is_exports_plus_imports_of_each_year():
    TradeFigureFactory(year=2018, flow="export", commodity_group="food", value=300)
    TradeFigureFactory(year=2018, flow="export", commodity_group="timber", value=200)
    TradeFigureFactory(year=2018, flow="import", commodity_group="machinery", value=500)

    [year] = trade.trade_history().years

    assert (year.exports, year.imports, year.turnover) == (500, 500, 1000)


def test_growth_compares_with_the_year_before_and_rounds_to_a_tenth():
    TradeFigureFactory(year=2018, value=300)
    TradeFigureFactory(year=2019, value=1000)

    growth = trade.trade_history().growth()

    assert growth.year == 2019
    assert growth.exports == Decimal("3.3")


def test_no_growth_without_the_year_before():
    TradeFigureFactory(year=2017, value=300)
    TradeFigureFactory(year=2019, value=1000)

    assert trade.trade_history().growth() is None
    assert trade.trade_history().growth(2017) is None


def test_no_growth_ratio_from_a_year_without_exports():
    TradeFigureFactory(year=2018, flow="import", commodity_group="machinery", value=500)
    TradeFigureFactory(year=2019, value=1000)

    growth = trade.trade_history().growth()

    assert growth.exports is None
    assert growth.turnover == Decimal("2.0")


def test_other_countries_and_currencies_are_not_summed_with_japan_in_dollars():
    TradeFigureFactory(year=2019, value=1000)
    TradeFigureFactory(year=2019, value=9999, partner_country="CN")
    TradeFigureFactory(year=2019, value=7777, currency="RUB")

    [year] = trade.trade_history().years

    assert year.exports == 1000


def test_nothing_is_sample_data_when_no_row_is():
    TradeFigureFactory(is_sample=False)

    assert not trade.trade_history().is_sample


def test_export_structure_puts_the_largest_first_and_other_goods_last():
    TradeFigureFactory(commodity_group="other", value=5000)
    TradeFigureFactory(commodity_group="honey", value=100)
    TradeFigureFactory(commodity_group="timber", value=900)
    TradeFigureFactory(commodity_group="food", value=0)

    keys = [row.key for row in trade.export_structure_dataset(year=2019).rows]

    assert keys == ["timber", "honey", "other"]


def test_datasets_are_labelled_in_the_active_language():
    TradeFigureFactory(commodity_group="honey")

    with translation.override("ja"):
        dataset = trade.export_structure_dataset(year=2019)

    assert dataset.rows[0].label == "はちみつ"
    assert dataset.unit == "百万米ドル"


# --- Complete years and where the figures come from -------------------------------


def test_a_year_not_published_as_complete_stays_off_every_dataset():
    TradeFigureFactory(year=2019, value=1000)
    TradeYearFactory(year=2020, is_complete=False)
    TradeFigureFactory(year=2020, value=5000, commodity_group="honey")

    assert [year.year for year in trade.trade_history().years] == [2019]
    assert not trade.export_structure_dataset(year=2020)
    honey = trade.group_exports_dataset(group="honey")
    assert [row.label for row in honey.rows] == []


def test_figures_without_a_trade_year_are_not_shown():
    TradeFigureFactory.build(year=2021).save()  # no TradeYear: never published

    assert not trade.trade_history()


def test_each_row_carries_its_years_source_and_date_in_the_active_language():
    TradeYearFactory(year=2018, source_en="Customs, first release")
    TradeFigureFactory(year=2018, value=300)
    TradeFigureFactory(year=2019, value=1000, is_sample=True)

    with translation.override("ja"):
        dataset = trade.trade_dataset(trade.trade_history())

    first, second = (row.provenance for row in dataset.rows)
    assert first.source == "極東税関"
    assert not first.is_sample
    assert second.is_sample
    assert [origin.source for origin in dataset.sources] == ["極東税関"]
    assert dataset.sources[0].taken_on.isoformat() == "2026-03-02"


def test_a_fall_is_told_as_the_percentage_lost():
    TradeFigureFactory(year=2019, value=1000)
    TradeFigureFactory(year=2020, value=850)

    growth = trade.trade_history().growth()

    assert (growth.year, growth.base_year) == (2020, 2019)
    assert growth.exports_fall == 15
    assert growth.turnover_fall == 15


def test_a_rise_has_no_fall():
    TradeFigureFactory(year=2019, value=1000)
    TradeFigureFactory(year=2020, value=1100)

    assert trade.trade_history().growth().exports_fall is None


@pytest.mark.parametrize(
    ("language", "said", "not_said"),
    [
        ("en", "down 15%", "0.9 times"),
        ("ja", "前年比15%減", "0.9倍"),
        ("ru", "на 15% меньше", "в 0,9 раза"),
    ],
)
def test_the_headline_says_a_fall_as_a_fall(language, said, not_said):
    TradeFigureFactory(year=2019, value=1000)
    TradeFigureFactory(year=2020, value=850)

    with translation.override(language):
        html = render_to_string(
            "showcase/invest/_growth.html",
            {"growth": trade.trade_history().growth()},
        )

    assert said in html
    assert not_said not in html
    assert "2020" in html
    assert "2019" in html
