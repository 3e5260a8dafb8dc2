"""Amounts also in yen and US dollars, at the rates staff set, with their
date."""

import datetime
from decimal import Decimal

import pytest
from django.utils import translation

from showcase.invest import money
from showcase.invest.money import Rate
from showcase.models import ExchangeRate
from tests.showcase.invest_factories import InvestmentProjectFactory

pytestmark = pytest.mark.django_db

DECEMBER_1 = datetime.date(2026, 12, 1)
RATES = {
    "JPY": Rate(Decimal("0.5"), DECEMBER_1),
    "USD": Rate(Decimal("80"), DECEMBER_1),
}


def set_rates(on=DECEMBER_1):
    ExchangeRate.objects.create(currency="JPY", roubles_per_unit="0.5", set_on=on)
    ExchangeRate.objects.create(currency="USD", roubles_per_unit="80", set_on=on)


def test_roubles_become_yen_and_dollars_with_the_rates_date():
    found = money.conversions(Decimal(2_150_000_000), "RUB", RATES)

    with translation.override("ja"):
        text = money.in_words(money.conversions(Decimal(2_150_000_000), "RUB", RATES))

    assert [c.currency for c in found] == ["JPY", "USD"]
    assert text == "≈ 43億円、≈ 2,700万米ドル（2026年12月1日のレート）"


def test_yen_become_dollars_and_roubles_through_the_rouble():
    with translation.override("en"):
        text = money.in_words(money.conversions(Decimal(100_000_000), "JPY", RATES))

    assert text == "≈ US$630,000, ≈ 50 million roubles (rate of Dec. 1, 2026)"


def test_rates_of_different_days_each_say_their_date():
    rates = {**RATES, "USD": Rate(Decimal("80"), datetime.date(2026, 11, 20))}

    with translation.override("en"):
        text = money.in_words(money.conversions(Decimal(8_000_000_000), "RUB", rates))

    assert text == (
        "≈ ¥16 billion (rate of Dec. 1, 2026), ≈ US$100 million (rate of Nov. 20, 2026)"
    )


def test_without_a_rate_nothing_is_converted():
    assert money.conversions(Decimal(1000), "EUR", RATES) == []
    assert money.conversions(Decimal(1000), "RUB", {}) == []


def test_the_latest_rate_of_each_currency_is_used():
    set_rates(on=datetime.date(2026, 11, 1))
    ExchangeRate.objects.create(
        currency="JPY", roubles_per_unit="0.6", set_on=DECEMBER_1
    )

    rates = money.latest_rates()

    assert rates["JPY"] == Rate(Decimal("0.6"), DECEMBER_1)
    assert rates["USD"].set_on == datetime.date(2026, 11, 1)


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        ("ja", "≈ 43億円、≈ 2,700万米ドル（2026年12月1日のレート）"),
        ("en", "≈ ¥4.3 billion, ≈ US$27 million (rate of Dec. 1, 2026)"),
        ("ru", "≈ 4,3 млрд иен, ≈ 27 млн долл. США (по курсу на 1 декабря 2026 г.)"),
    ],
)
def test_project_amounts_show_in_yen_and_dollars(client, language, expected):
    set_rates()
    project = InvestmentProjectFactory(investment_size=Decimal(2150), currency="RUB")

    detail = client.get(f"/{language}/invest/projects/{project.slug}/").content.decode()
    listed = client.get(f"/{language}/invest/projects/").content.decode()

    assert expected in detail
    assert expected in listed


def test_project_list_reads_the_rates_once(client, django_assert_max_num_queries):
    set_rates()
    for index in range(13):  # more than a page, so both counts paginate
        InvestmentProjectFactory(slug=f"p-{index}", currency="RUB")
    few = count_queries(client, django_assert_max_num_queries)
    for index in range(13, 30):
        InvestmentProjectFactory(slug=f"p-{index}", currency="RUB")

    assert count_queries(client, django_assert_max_num_queries) == few


def count_queries(client, django_assert_max_num_queries) -> int:
    client.get("/en/invest/projects/")  # the agency's row is read once
    with django_assert_max_num_queries(50) as captured:
        client.get("/en/invest/projects/")
    return len(captured.captured_queries)
