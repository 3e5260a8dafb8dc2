"""Amur place names are spelt one way in Japanese everywhere: ティンダ (Tynda),
イヴァノフカ (Ivanovka), ゼヤ (Zeya), in the reference data, the demo, the
interface translations and the rows already stored."""

import importlib
from pathlib import Path

import pytest
from django.apps import apps
from django.conf import settings
from django.db import connection

from partners.models import Company, Consent, District
from showcase import demo
from tests.partners.factories import (
    CompanyFactory,
    ConsentFactory,
    ContactFactory,
    DistrictFactory,
)

# バム鉄道 abbreviates the Baikal–Amur railway, バイカル・アムール鉄道 elsewhere.
OTHER_SPELLINGS = ["ゼーヤ", "イワノフカ", "トゥインダ", "ティンダー", "バム鉄道"]
SPELT_ONE_WAY = importlib.import_module("partners.migrations.0006_japanese_place_names")
DATA_FILES = [
    *demo.FILES,
    "partners/migrations/0003_reference_data.py",
    "locale/ja/LC_MESSAGES/django.po",
]


def run_migration():
    SPELT_ONE_WAY.spell_place_names_one_way(apps, connection.schema_editor())


def stored_texts() -> list[str]:
    texts = []
    for model_name, fields in SPELT_ONE_WAY.FIELDS.items():
        model = apps.get_model("partners", model_name)
        for row in model.objects.values_list(*fields):
            texts.extend(text for text in row if text)
    return texts


@pytest.mark.parametrize("path", DATA_FILES)
def test_data_files_use_one_spelling(path):
    text = (Path(settings.BASE_DIR) / path).read_text(encoding="utf-8")

    assert [name for name in OTHER_SPELLINGS if name in text] == []


@pytest.mark.django_db
def test_demo_data_uses_one_spelling():
    demo.load("partners")

    texts = stored_texts()
    assert texts
    assert [t for t in texts if any(name in t for name in OTHER_SPELLINGS)] == []
    assert Company.objects.filter(name_ja="ゼヤ養蜂場").exists()
    assert Company.objects.filter(name_ja="イヴァノフカ農業社").exists()
    assert District.objects.get(slug="tynda").name_ja == "ティンダ市"


@pytest.mark.django_db
def test_migration_corrects_stored_rows_and_can_run_again():
    apiary = CompanyFactory(
        name_ja="ゼーヤ養蜂場",
        products_ja="イワノフカ産の大豆、トゥインダの蜂蜜",
        description_ja="ティンダー近郊の森で採れた蜂蜜です。",
    )
    district = DistrictFactory(name_ja="イワノフカ試験地区", centre_ja="イワノフカ")
    contact = ContactFactory(department="ゼーヤ事務所")

    run_migration()
    run_migration()

    apiary.refresh_from_db()
    assert apiary.name_ja == "ゼヤ養蜂場"
    assert apiary.products_ja == "イヴァノフカ産の大豆、ティンダの蜂蜜"
    assert apiary.description_ja == "ティンダ近郊の森で採れた蜂蜜です。"
    district.refresh_from_db()
    assert (district.name_ja, district.centre_ja) == (
        "イヴァノフカ試験地区",
        "イヴァノフカ",
    )
    contact.refresh_from_db()
    assert contact.department == "ゼヤ事務所"


@pytest.mark.django_db
def test_migration_leaves_consents_as_they_were_given():
    consent = ConsentFactory(
        text="ゼーヤの事業所で個人データを取り扱うことに同意します。"
    )

    run_migration()

    assert Consent.objects.get(pk=consent.pk).text == consent.text
