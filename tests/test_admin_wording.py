"""The admin reads as written for its staff in Russian and Japanese: roles,
the time zone note, the mail page, months, counts and the import message."""

import json
import re

import pytest
from django.contrib.auth.models import Group
from django.contrib.messages.storage.fallback import FallbackStorage
from django.test import RequestFactory
from django.urls import reverse
from django.utils import translation
from import_export.results import Result, RowResult

from amur_invest.outbox.models import OutgoingEmail
from partners.admin import CompanyAdmin
from partners.models import Company
from tests.exhibitions.factories import ParticipationFactory
from tests.showcase.invest_factories import WildHarvestReportFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def russian_admin(admin_client):
    admin_client.defaults["HTTP_ACCEPT_LANGUAGE"] = "ru"
    return admin_client


@pytest.mark.parametrize(
    ("language", "name"), [("ru", "Менеджер агентства"), ("ja", "庁の管理者")]
)
def test_roles_are_named_in_the_reader_language(
    admin_client, admin_user, language, name
):
    admin_client.defaults["HTTP_ACCEPT_LANGUAGE"] = language
    roles = admin_client.get(reverse("admin:auth_group_changelist")).text
    user = admin_client.get(
        reverse("admin:auth_user_change", args=[admin_user.pk])
    ).text
    assert name in roles
    assert name in user
    assert "Agency manager" not in roles


def test_a_role_staff_created_keeps_its_own_name():
    with translation.override("ru"):
        assert str(Group.objects.create(name="Стажёры")) == "Стажёры"
        assert str(Group.objects.get(name="Content editor")) == "Редактор контента"


@pytest.mark.parametrize(
    ("language", "words"), [("ru", "ваши часы отстают на"), ("ja", "時間遅れています")]
)
def test_the_time_zone_note_is_in_the_staff_language(admin_client, language, words):
    admin_client.defaults["HTTP_ACCEPT_LANGUAGE"] = language
    catalogue = admin_client.get(reverse("admin:jsi18n")).content.decode()
    assert words in catalogue or json.dumps(words)[1:-1] in catalogue


def test_the_mail_page_labels_each_field_once(russian_admin):
    email = OutgoingEmail.objects.create(
        owner=ParticipationFactory(),
        kind="status_accepted",
        recipient="olga@amur-honey.example",
        language="ru",
        subject="Заявка принята",
        body="…",
    )
    html = russian_admin.get(
        reverse("admin:outbox_outgoingemail_change", args=[email.pk])
    ).text
    labels = re.findall(r"<label[^>]*>([^<]+)</label>", html)
    labels = [label.strip().rstrip(":").lower() for label in labels]
    assert labels.count("тема") == 1


def test_months_are_lower_case_in_russian_running_text():
    report = WildHarvestReportFactory(month_from=7, month_to=8)
    with translation.override("ru"):
        assert report.season == "июль – август"
    with translation.override("en"):
        assert report.season == "July – August"


def test_the_export_button_says_what_it_does(russian_admin):
    html = russian_admin.get(reverse("admin:partners_company_export")).text
    assert "Выгрузить файл" in html
    assert 'value="Отправить"' not in html


@pytest.mark.parametrize(
    ("language", "message"),
    [
        (
            "ru",
            "Импорт («амурские компании») завершён: прочитано 18 строк. "
            "Добавлено: 1, изменено: 17, удалено: 0, без изменений: 0.",
        ),
        (
            "ja",
            "追加：1件、更新：17件、削除：0件、変更なし：0件。",
        ),
    ],
)
def test_the_import_message_words_its_counts(admin_user, language, message):
    result = Result()
    result.totals[RowResult.IMPORT_TYPE_NEW] = 1
    result.totals[RowResult.IMPORT_TYPE_UPDATE] = 17
    request = RequestFactory().post("/")
    request.user = admin_user
    request.session = {}
    request._messages = FallbackStorage(request)
    model_admin = CompanyAdmin(Company, None)

    with translation.override(language):
        model_admin.add_success_message(result, request)

    [said] = [str(item) for item in request._messages]
    assert message in said


@pytest.mark.parametrize(
    ("language", "added", "imported"),
    [
        ("ru", "Может добавлять: заявка", "Может импортировать сведения о дикоросах"),
        ("ja", "参加申込を追加できる", "天然採取品の報告をインポートできる"),
        ("en", "Can add: registration", "Can import wild-harvest reports"),
    ],
)
def test_rights_are_named_in_the_reader_language(
    admin_client, admin_user, language, added, imported
):
    """The rights on the user and role forms, which Django stores in English
    («Can add registration»), read in the staff member's language."""
    admin_client.defaults["HTTP_ACCEPT_LANGUAGE"] = language
    html = admin_client.get(
        reverse("admin:auth_user_change", args=[admin_user.pk])
    ).text
    assert added in html
    assert imported in html
    if language != "en":
        assert "Can add registration" not in html
        assert "Can view log entry" not in html


ACTION_COUNTS = [
    ("%(count)d registration accepted.", "%(count)d registrations accepted."),
    ("%(count)d registration declined.", "%(count)d registrations declined."),
    ("%(count)d participation accepted.", "%(count)d participations accepted."),
    ("%(count)d participation declined.", "%(count)d participations declined."),
    ("%(count)d participation withdrawn.", "%(count)d participations withdrawn."),
    ("%(count)d inquiry updated.", "%(count)d inquiries updated."),
    (
        "%(count)s %(name)s was changed successfully.",
        "%(count)s %(name)s were changed successfully.",
    ),
]


@pytest.mark.parametrize(("singular", "plural"), ACTION_COUNTS)
@pytest.mark.parametrize("count", [1, 2, 5, 21])
def test_what_an_action_did_is_counted_one_way_in_russian(singular, plural, count):
    """«5 заявок принято» and «2 заявки на участие приняты» alike, never
    «Принято 2 заявки» beside them: the count comes first."""
    with translation.override("ru"):
        said = translation.ngettext(singular, plural, count) % {
            "count": count,
            "name": "запись",
        }
    assert said.startswith(f"{count} "), said
    assert re.search("[а-яё]{4}", said.replace("запись", "")), said


@pytest.mark.parametrize(
    ("language", "words"),
    [
        ("ru", "Если всё верно, нажмите «Подтвердить импорт»."),
        ("ja", "問題がなければ「インポートを実行」をクリックしてください。"),
    ],
)
def test_the_import_preview_says_what_to_click_in_the_staff_language(
    russian_admin, language, words
):
    """Not the library's «Нажмите 'Подтвердить импорт', если Вас устраивает
    результат»: quotes and the button's own words."""
    from tests.partners.test_import_export import (
        CSV_FORMAT,
        company_row,
        csv_file,
        preview,
    )

    russian_admin.defaults["HTTP_ACCEPT_LANGUAGE"] = language
    response = preview(russian_admin, Company, csv_file([company_row(1)]), CSV_FORMAT)

    assert words in response.text
    assert "'Подтвердить импорт'" not in response.text


@pytest.mark.parametrize(
    ("language", "place", "note"),
    [
        ("ru", "время Благовещенска", "Указывайте %(timezone)s: ваши часы"),
        ("ja", "ブラゴヴェシチェンスク時間", "時刻は%(timezone)sで入力してください"),
        ("en", "Blagoveshchensk time", "Note: enter times in %(timezone)s (your"),
    ],
)
def test_the_time_zone_note_names_the_place_not_the_zone(
    admin_client, language, place, note
):
    """Django's note reads «Enter times in the Asia/Yakutsk timezone»; staff
    read the place, in their language (static/admin-extra/zone_name.js hands
    it to the note)."""
    admin_client.defaults["HTTP_ACCEPT_LANGUAGE"] = language
    page = admin_client.get(reverse("admin:index")).text
    catalogue = admin_client.get(reverse("admin:jsi18n")).content.decode()

    assert f'src="/static/admin-extra/zone_name.js" data-zone-name="{place}"' in page
    assert note in catalogue or json.dumps(note)[1:-1] in catalogue


def test_the_import_page_lists_its_columns_as_the_staff_language_lists_words(
    admin_client,
):
    columns = {}
    for language in ("ja", "ru"):
        admin_client.defaults["HTTP_ACCEPT_LANGUAGE"] = language
        page = admin_client.get(reverse("admin:partners_company_import")).text
        columns[language] = page[
            page.index("(<code>") : page.index("</p>", page.index("(<code>"))
        ]

    assert "</code>)、" in columns["ja"]
    assert ", " not in columns["ja"]
    assert "</code>), " in columns["ru"]


def test_lists_in_admin_columns_and_messages_follow_the_staff_language():
    from amur_invest.spreadsheets.resources import quoted
    from tests.partners.factories import CompanyFactory, SectorFactory

    company = CompanyFactory(
        sectors=[
            SectorFactory(name_ja="蜂蜜", name_ru="Мёд", position=1),
            SectorFactory(name_ja="大豆", name_ru="Соя", position=2),
        ]
    )
    with translation.override("ja"):
        assert quoted(["名称", "INN"]) == "“名称”、“INN”"
        assert CompanyAdmin(Company, None).sector_list(company) == "蜂蜜、大豆"
    with translation.override("ru"):
        assert CompanyAdmin(Company, None).sector_list(company) == "Мёд, Соя"
