"""Small things a Japanese reader notices: form errors in plain Japanese
rather than the framework's このフィールドは必須です, a Japanese comma between
a venue and its city, one name for the Baikal–Amur railway."""

import importlib

import pytest
from django.apps import apps
from django.db import connection
from django.utils import translation

from exhibitions.models import Exhibition
from partners.models import Sector
from tests.exhibitions.factories import ExhibitionFactory
from tests.public_forms import FORMS

pytestmark = pytest.mark.django_db

FRAMEWORK_WORDING = ["このフィールドは必須です", "Обязательное поле"]


@pytest.mark.parametrize("form", sorted(FORMS))
@pytest.mark.parametrize(
    ("language", "fill_in", "choose"),
    [
        ("ja", "入力してください。", "一覧から選択してください。"),
        ("ru", "Заполните это поле.", "Выберите вариант из списка."),
    ],
)
def test_an_empty_public_form_asks_in_plain_words(
    client, form, language, fill_in, choose
):
    public_form = FORMS[form]()
    empty = dict.fromkeys(public_form.data, "")

    response = public_form.post(client, language, **empty)

    html = response.content.decode()
    assert response.status_code == 200
    assert [words for words in FRAMEWORK_WORDING if words in html] == []
    assert fill_in in html
    if form != "inquiry":  # the inquiry form has no list to choose from
        assert choose in html or "選択してください" in html or "Выберите" in html


def test_a_message_the_form_states_itself_is_kept(client):
    public_form = FORMS["registration"]()

    response = public_form.post(client, "ja", sectors=[])

    assert "分野を1つ以上選択してください。" in response.content.decode()


@pytest.mark.parametrize(
    ("language", "place"),
    [
        ("ja", "幕張メッセ、千葉市"),
        ("ru", "Макухари Мессе, Тиба"),
        ("en", "Makuhari Messe, Chiba"),
    ],
)
def test_a_venue_and_its_city_are_joined_as_the_language_lists_them(
    client, language, place
):
    exhibition = ExhibitionFactory()

    with translation.override(language):
        assert exhibition.place == place
        html = client.get(f"/{language}/exhibitions/?when=past").content.decode()
    assert place in html


def test_a_city_without_a_venue_stands_alone():
    exhibition = ExhibitionFactory(venue_ru="", venue_ja="", venue_en="")

    with translation.override("ja"):
        assert Exhibition.objects.get(pk=exhibition.pk).place == "千葉市"


def test_the_railway_has_one_japanese_name_in_rows_already_stored():
    migration = importlib.import_module(
        "partners.migrations.0014_one_japanese_name_for_the_baikal_amur_railway"
    )
    Sector.objects.filter(slug="logistics").update(
        description_ja="シベリア鉄道、バム鉄道、アムール川の橋"
    )

    migration.one_railway_name(apps, connection.schema_editor())

    assert (
        Sector.objects.get(slug="logistics").description_ja
        == "シベリア鉄道、バイカル・アムール鉄道、アムール川の橋"
    )
