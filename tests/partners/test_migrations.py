"""Reference data and staff roles arrive with the migrations."""

import importlib

import pytest
from django.apps import apps
from django.contrib.auth.models import Group
from django.utils import translation

from partners.models import District, Prefecture, Sector

pytestmark = pytest.mark.django_db

DISTRICT_SLUGS = {
    "blagoveshchensk", "belogorsk", "svobodny", "tynda", "zeya", "shimanovsk",
    "raichikhinsk", "tsiolkovsky", "progress", "arkharinsky", "belogorsky",
    "blagoveshchensky", "bureysky", "zavitinsky", "zeysky", "ivanovsky",
    "konstantinovsky", "magdagachinsky", "mazanovsky", "mikhaylovsky", "oktyabrsky",
    "romnensky", "selemdzhinsky", "seryshevsky", "skovorodinsky", "svobodnensky",
    "tambovsky", "tyndinsky", "shimanovsky",
}  # fmt: skip
SECTOR_SLUGS = [
    "food", "animal-feed", "forestry", "wild-harvest", "honey", "agriculture",
    "soybeans", "fishery", "tourism", "logistics", "energy", "mining",
    "construction-materials",
]  # fmt: skip


def test_all_47_prefectures_have_codes_names_and_regions():
    prefectures = list(Prefecture.objects.order_by("code"))
    assert [p.code for p in prefectures] == [f"{n:02d}" for n in range(1, 48)]
    for prefecture in prefectures:
        assert all([prefecture.name_ru, prefecture.name_ja, prefecture.name_en])
        assert prefecture.region in Prefecture.Region.values


@pytest.mark.parametrize(
    ("code", "name_ja", "name_en", "name_ru", "region"),
    [
        ("01", "北海道", "Hokkaido", "Хоккайдо", "hokkaido"),
        ("13", "東京都", "Tokyo", "Токио", "kanto"),
        ("26", "京都府", "Kyoto", "Киото", "kansai"),
        ("47", "沖縄県", "Okinawa", "Окинава", "kyushu_okinawa"),
    ],
)
def test_prefecture_names_follow_jis_codes(code, name_ja, name_en, name_ru, region):
    prefecture = Prefecture.objects.get(code=code)
    assert (prefecture.name_ja, prefecture.name_en, prefecture.name_ru) == (
        name_ja,
        name_en,
        name_ru,
    )
    assert prefecture.region == region


def test_every_amur_district_is_present_in_three_languages():
    districts = District.objects.filter(slug__in=DISTRICT_SLUGS)
    assert {d.slug for d in districts} == DISTRICT_SLUGS
    for district in districts:
        assert all([district.name_ru, district.name_ja, district.name_en])
        assert district.centre_ru


def test_cities_are_city_districts():
    city = District.objects.get(slug="blagoveshchensk")
    rural = District.objects.get(slug="blagoveshchensky")
    assert city.kind == District.Kind.CITY_OKRUG
    assert rural.kind != District.Kind.CITY_OKRUG
    assert city.name_ja == "ブラゴヴェシチェンスク市"


def test_starting_sectors_are_ordered_and_described_in_three_languages():
    sectors = list(Sector.objects.filter(slug__in=SECTOR_SLUGS))
    assert [s.slug for s in sectors] == SECTOR_SLUGS
    for sector in sectors:
        for language in ("ru", "ja", "en"):
            assert getattr(sector, f"name_{language}")
            assert getattr(sector, f"description_{language}").endswith((".", "。"))


def test_reference_data_migration_can_run_again_without_duplicates():
    migration = importlib.import_module("partners.migrations.0003_reference_data")
    Sector.objects.filter(slug="honey").update(name_en="Changed")
    # With the live models, modeltranslation maps the original column to the
    # active language; migrations run with the default language, Russian.
    with translation.override("ru"):
        migration.load_reference_data(apps, None)
    assert Prefecture.objects.count() == 47
    assert District.objects.filter(slug__in=DISTRICT_SLUGS).count() == 29
    assert Sector.objects.get(slug="honey").name_en == "Honey"


def group_codenames(name, app_label="partners"):
    group = Group.objects.get(name=name)
    return set(
        group.permissions.filter(content_type__app_label=app_label).values_list(
            "codename", flat=True
        )
    )


def test_agency_manager_may_do_everything_with_partners_including_exchange():
    codenames = group_codenames("Agency manager")
    for model in ("company", "organization", "contact", "prefecture"):
        assert {f"import_{model}", f"export_{model}", f"delete_{model}"} <= codenames
    assert {"change_company_records", "add_interaction", "view_consent"} <= codenames


def test_mission_coordinator_only_views_partners():
    codenames = group_codenames("Mission coordinator")
    assert {"view_company", "view_contact", "view_organization"} <= codenames
    assert all(codename.startswith("view_") for codename in codenames)
    # Besides reading, they send their registrants' mail again (a right on
    # the mail, not on partners).
    mail = group_codenames("Mission coordinator", app_label="outbox")
    assert mail == {"view_outgoingemail", "resend_outgoingemail"}


def test_content_editor_changes_public_texts_but_not_company_records():
    codenames = group_codenames("Content editor")
    assert {"change_sector", "change_company", "view_district"} <= codenames
    assert "change_company_records" not in codenames
    assert "delete_company" not in codenames
    assert "import_company" not in codenames


def test_district_coordinator_views_districts_and_companies():
    assert group_codenames("District coordinator") == {"view_district", "view_company"}
