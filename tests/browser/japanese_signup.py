"""The Japanese company's sign-up for meetings, as both browser tests of the
meetings (a mission's, a pavilion's) fill it in."""

from partners.models import Prefecture
from tests.meetings.factories import corporate_number


def hokkaido() -> Prefecture:
    # Created here rather than trusted from the migrations: see
    # tests/browser/test_registration.py.
    prefecture, _ = Prefecture.objects.get_or_create(
        code="01",
        defaults={
            "name_ru": "Хоккайдо",
            "name_ja": "北海道",
            "name_en": "Hokkaido",
            "region": "hokkaido",
        },
    )
    return prefecture


def fill_in(page, prefecture: Prefecture) -> None:
    """Tokachi Honey, in Japanese, speaking Japanese only."""
    page.fill("#id_corporate_number", corporate_number(800000000001))
    page.fill("#id_organization_name", "十勝はちみつ株式会社")
    page.fill("#id_organization_name_latin", "Tokachi Honey Co.")
    page.select_option("#id_prefecture", str(prefecture.pk))
    page.fill("#id_contact_name_native", "佐藤 花子")
    page.fill("#id_contact_name_latin", "Hanako Sato")
    page.fill("#id_email", "sato@example.jp")
    page.check("input[name=languages][value=ja]")
    page.check("#id_consent")
