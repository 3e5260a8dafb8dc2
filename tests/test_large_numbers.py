"""Large amounts written as each language's readers write them."""

from decimal import Decimal

import pytest
from django.utils import translation

from amur_invest.large_numbers import money, significant


@pytest.mark.parametrize(
    ("language", "value", "currency", "expected"),
    [
        ("ja", "4300000000", "JPY", "43億円"),
        ("ja", "4349000000", "JPY", "43億円"),
        ("ja", "430000000", "JPY", "4.3億円"),
        ("ja", "30000000", "USD", "3,000万米ドル"),
        ("ja", "1230000000000", "JPY", "1.2兆円"),
        ("ja", "2400000000", "RUB", "24億ルーブル"),
        ("ja", "8500", "JPY", "8,500円"),
        ("en", "4300000000", "JPY", "¥4.3 billion"),
        ("en", "30000000", "USD", "US$30 million"),
        ("en", "996000000", "JPY", "¥1 billion"),
        ("en", "123456", "JPY", "¥120,000"),
        ("ru", "4300000000", "JPY", "4,3 млрд иен"),
        ("ru", "30000000", "USD", "30 млн долл. США"),
        ("ru", "2400000000", "RUB", "2,4 млрд руб."),
    ],
)
def test_amounts_are_rounded_and_scaled_as_the_reader_writes_them(
    language, value, currency, expected
):
    with translation.override(language):
        assert money(Decimal(value), currency) == expected


def test_two_significant_digits_keep_a_tenth_at_most():
    assert significant(Decimal("4.349")) == Decimal("4.3")
    assert significant(Decimal("43.49")) == Decimal("43")
    assert significant(Decimal("0.04")) == Decimal("0.0")
