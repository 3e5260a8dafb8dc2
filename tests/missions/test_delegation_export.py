"""The delegation list for the hosts in Japan (issue 15 §1): staff choose the
language at export time; the companies and districts named in it, the
products as written for the catalogue, the delegates in Latin letters; no
internal columns; XLSX printed one page wide in landscape; CSV split as the
language's Excel splits it; a page to print; audited with the exact rows."""

import csv
import datetime
import io

import openpyxl
import pytest
from django.contrib.auth.models import Group, User
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation

from amur_invest.staff.models import AuditEntry
from missions.models import Delegate, Registration
from partners.models import District
from tests.missions.factories import MissionFactory, RegistrationFactory
from tests.partners.factories import CompanyFactory

pytestmark = pytest.mark.django_db

Status = Registration.Status


@pytest.fixture(autouse=True)
def english(settings):
    settings.LANGUAGE_CODE = "en"
    with translation.override("en"):
        yield


@pytest.fixture
def mission():
    return MissionFactory(
        slug="japan-december-2020",
        title_ru="Бизнес-миссия в Японию, декабрь 2020",
        title_ja="日本ビジネスミッション 2020年12月",
        title_en="Business mission to Japan, December 2020",
        cities_ru="Токио, Ниигата",
        cities_ja="東京、新潟",
        cities_en="Tokyo, Niigata",
        starts_on=datetime.date(2026, 12, 7),
        ends_on=datetime.date(2026, 12, 11),
    )


@pytest.fixture
def honey(mission):
    company = CompanyFactory(
        name_ru="ООО «Амурский мёд»",
        name_ja="アムール蜂蜜社",
        name_en="Amur Honey LLC",
        inn="2801234562",
        products_ru="Липовый мёд",
        products_ja="シナノキ蜂蜜",
        products_en="Linden honey",
        district=District.objects.get(slug="tambovsky"),
    )
    registration = RegistrationFactory(
        mission=mission,
        company=company,
        status=Status.ACCEPTED,
        delegates=2,
        phone="+74162201010",
        email="olga@amurhoney.example.ru",
        language="ru",
    )
    Delegate.objects.create(
        registration=registration,
        name_ru="Ольга Миронова",
        name_latin="MIRONOVA OLGA",
        position="директор",
    )
    Delegate.objects.create(
        registration=registration,
        name_ru="Дмитрий Зайцев",
        name_latin="ZAITSEV DMITRII",
        position="технолог",
        needs_interpreter=True,
    )
    return registration


def page(mission):
    return reverse(
        "admin:missions_mission_delegation", kwargs={"object_id": mission.pk}
    )


def download(client, mission, language, shape):
    return client.get(page(mission), {"language": language, "format": shape})


def read_csv(response, delimiter):
    text = response.content.decode("utf-8-sig")
    return list(csv.reader(io.StringIO(text), delimiter=delimiter))


def read_xlsx(response):
    return openpyxl.load_workbook(io.BytesIO(response.content)).active


def test_staff_choose_the_language_on_the_mission_admin(admin_client, mission):
    change = admin_client.get(
        reverse("admin:missions_mission_change", args=[mission.pk])
    ).content.decode()
    chooser = admin_client.get(page(mission)).content.decode()

    assert page(mission) in change
    for code in ("ja", "en", "ru"):
        assert f'value="{code}"' in chooser
    assert 'value="print"' in chooser


def test_the_japanese_xlsx_names_companies_in_japanese_and_delegates_in_latin(
    admin_client, mission, honey
):
    RegistrationFactory(mission=mission, status=Status.WAITLISTED)

    response = download(admin_client, mission, "ja", "xlsx")

    assert response.status_code == 200
    assert "-delegation-ja-" in response["Content-Disposition"]
    sheet = read_xlsx(response)
    values = [[cell.value for cell in row] for row in sheet.iter_rows()]
    assert values[0][0] == "日本ビジネスミッション 2020年12月"
    assert "東京、新潟" in values[1][0]
    with translation.override("ja"):
        district = str(honey.company.district.name)
    first, second = values[4], values[5]
    assert first[1:6] == [
        "アムール蜂蜜社",
        district,
        "2801234562",
        "シナノキ蜂蜜",
        "MIRONOVA OLGA",
    ]
    assert second[5] == "ZAITSEV DMITRII"
    assert len(values) == 6
    flat = " ".join(str(value) for row in values for value in row if value)
    assert "ООО «Амурский мёд»" not in flat
    assert "Язык переписки" not in flat
    assert "Correspondence language" not in flat


def test_a_company_without_a_japanese_name_falls_back_as_the_site_does(
    admin_client, mission, honey
):
    honey.company.name_ja = ""
    honey.company.save()

    sheet = read_xlsx(download(admin_client, mission, "ja", "xlsx"))

    assert sheet.cell(row=5, column=2).value == "Amur Honey LLC"


def test_the_xlsx_prints_one_page_wide_in_landscape_with_the_headings_repeated(
    admin_client, mission, honey
):
    sheet = read_xlsx(download(admin_client, mission, "en", "xlsx"))

    assert sheet.page_setup.orientation == "landscape"
    assert sheet.page_setup.fitToWidth == 1
    assert sheet.page_setup.fitToHeight == 0
    assert sheet.sheet_properties.pageSetUpPr.fitToPage
    assert sheet.print_title_rows == "$1:$4"
    inn, phone = sheet.cell(row=5, column=4), sheet.cell(row=5, column=9)
    assert (inn.value, inn.data_type) == ("2801234562", "s")
    assert (phone.value, phone.data_type) == ("+74162201010", "s")


@pytest.mark.parametrize(
    ("language", "delimiter"), [("ja", ","), ("en", ","), ("ru", ";")]
)
def test_the_csv_is_split_as_the_language_excel_splits_it(
    admin_client, mission, honey, language, delimiter
):
    rows = read_csv(download(admin_client, mission, language, "csv"), delimiter)

    header, first = rows[4], rows[5]
    assert len(header) == 10
    assert first[5] == "MIRONOVA OLGA"
    assert first[3] == "2801234562"
    assert first[8] == "+74162201010"


def test_the_english_csv_has_english_headings_and_names(admin_client, mission, honey):
    rows = read_csv(download(admin_client, mission, "en", "csv"), ",")

    assert rows[0] == ["Business mission to Japan, December 2020"]
    assert rows[4][:2] == ["No.", "Company"]
    assert rows[5][1] == "Amur Honey LLC"
    assert rows[6][7] == "yes"


def test_the_russian_list_keeps_russian_names(admin_client, mission, honey):
    rows = read_csv(download(admin_client, mission, "ru", "csv"), ";")

    assert rows[5][1] == "ООО «Амурский мёд»"
    assert rows[5][5] == "MIRONOVA OLGA"


def test_delegates_not_named_yet_still_take_their_rows(admin_client, mission):
    RegistrationFactory(mission=mission, status=Status.ACCEPTED, delegates=2)

    rows = read_csv(download(admin_client, mission, "en", "csv"), ",")

    assert [row[5] for row in rows[5:]] == ["(not named yet)"] * 2


def test_the_page_to_print_lists_the_same_rows_for_staff_only(
    admin_client, client, mission, honey
):
    response = download(admin_client, mission, "ja", "print")
    anonymous = download(client, mission, "ja", "print")

    content = response.content.decode()
    assert '<html lang="ja">' in content
    assert "アムール蜂蜜社" in content
    assert "ZAITSEV DMITRII" in content
    assert "delegation-print.css" in content
    assert anonymous.status_code == 302
    assert "アムール蜂蜜社" not in anonymous.content.decode()


def test_the_export_is_audited_with_the_exact_row_count(admin_client, mission, honey):
    RegistrationFactory(mission=mission, status=Status.ACCEPTED, delegates=1)

    download(admin_client, mission, "ja", "xlsx")

    entry = AuditEntry.objects.get(action="exported")
    assert entry.object_count == 3
    assert str(honey.pk) in entry.object_ids.split(",")


def test_staff_without_the_export_permission_are_refused(client, mission, honey):
    user = User.objects.create_user("editor", password="x", is_staff=True)
    user.groups.add(Group.objects.get(name="Content editor"))
    client.force_login(user)

    response = download(client, mission, "ja", "csv")

    assert response.status_code == 403


def test_the_old_address_asks_for_the_language(admin_client, mission, honey):
    old = reverse(
        "admin:missions_mission_export",
        kwargs={"object_id": mission.pk, "kind": "delegation", "file_format": "xlsx"},
    )

    response = admin_client.get(old)

    assert response.status_code == 302
    assert response["Location"] == page(mission)


def test_an_unknown_language_shows_the_choice_again(admin_client, mission):
    response = admin_client.get(page(mission), {"language": "fr", "format": "csv"})

    assert response.status_code == 200
    assert "Choose the language" in response.content.decode()


def test_queries_do_not_grow_with_the_delegation(admin_client, mission):
    def count_queries():
        with CaptureQueriesContext(connection) as queries:
            download(admin_client, mission, "ja", "xlsx")
        return len(queries)

    count_queries()
    RegistrationFactory.create_batch(3, mission=mission, status=Status.ACCEPTED)
    few = count_queries()
    for registration in RegistrationFactory.create_batch(
        30, mission=mission, status=Status.ACCEPTED
    ):
        Delegate.objects.create(
            registration=registration, name_ru="Анна", name_latin="ANNA"
        )
    assert count_queries() == few
