"""District lists in the reader's alphabetical order: gojūon in Japanese,
the Russian alphabet in Russian, not the Latin spelling of their slugs. On
PostgreSQL the ICU collations sort; on SQLite a Python key gives the same
order, and the tests hold the two against each other."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation

from partners.localized import in_reading_order, reading_key
from partners.models import District, Prefecture, Sector

pytestmark = pytest.mark.django_db

JAPANESE = [
    "スヴォボードヌイ市",
    "ゼヤ市",
    "ゼヤ地区",
    "セルィシェヴォ地区",
    "タンボフカ地区",
    "ツィオルコフスキー市",
    "ティンダ市",
    "ザヴィチンスク地区",
]
RUSSIAN = ["Тында", "Тындинский район", "Завитинский район", "Зея", "Зейский район"]


def in_python(names: list[str], language: str) -> list[str]:
    return sorted(names, key=lambda name: reading_key(name, language))


def test_japanese_names_sort_in_gojuon_order_voiced_beside_unvoiced():
    assert in_python(JAPANESE, "ja") == [
        "ザヴィチンスク地区",
        "スヴォボードヌイ市",
        "ゼヤ市",
        "ゼヤ地区",
        "セルィシェヴォ地区",
        "タンボフカ地区",
        "ツィオルコフスキー市",
        "ティンダ市",
    ]


def test_russian_names_sort_alphabetically_with_yo_beside_ye():
    assert in_python(RUSSIAN, "ru") == [
        "Завитинский район",
        "Зейский район",
        "Зея",
        "Тында",
        "Тындинский район",
    ]
    assert in_python(["Ёлкино", "Ежово", "Жданово"], "ru") == [
        "Ежово",
        "Ёлкино",
        "Жданово",
    ]


@pytest.mark.parametrize("language", ["ja", "ru", "en"])
@pytest.mark.parametrize("model", [District, Sector, Prefecture])
def test_the_database_and_python_agree_on_the_order(model, language):
    """On PostgreSQL this holds ICU's order against the Python key that
    SQLite uses; on SQLite it holds the query against the key."""
    with translation.override(language):
        from_database = [str(row) for row in in_reading_order(model.objects.all())]

    assert len(from_database) == model.objects.count() > 5
    assert from_database == in_python(from_database, language)


@pytest.mark.skipif(
    connection.vendor != "postgresql", reason="ICU collations are PostgreSQL's"
)
def test_on_postgresql_the_order_is_the_collation_in_one_query():
    with translation.override("ja"), CaptureQueriesContext(connection) as queries:
        names = [d.name_ja for d in in_reading_order(District.objects.all())]

    assert len(queries) == 1
    assert 'COLLATE "ja-x-icu"' in queries[0]["sql"]
    assert names.index("ザヴィチンスク地区") < names.index("スヴォボードヌイ市")


def option_labels(html: str, name: str) -> list[str]:
    select = re.search(rf'<select[^>]*name="{name}"[^>]*>(.*?)</select>', html, re.S)
    return [label.strip() for label in re.findall(r">([^<]+)</option>", select[1])][1:]


@pytest.mark.parametrize("language", ["ja", "ru"])
def test_the_registration_form_offers_districts_in_the_readers_order(client, language):
    from tests.missions.factories import MissionFactory

    mission = MissionFactory()
    with translation.override(language):
        address = reverse("missions:mission_register", kwargs={"slug": mission.slug})

    html = client.get(address).content.decode()

    districts = option_labels(html, "district")
    assert len(districts) == District.objects.count()
    assert districts == in_python(districts, language)
    assert districts != sorted(
        districts,
        key=lambda name: District.objects.get(**{f"name_{language}": name}).slug,
    )
