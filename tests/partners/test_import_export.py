"""Spreadsheet import and export in the admin: preview, all-or-nothing,
permissions, explicit columns, formula escaping and zip-bomb refusal."""

import csv
import io
import zipfile

import openpyxl
import pytest
from django.contrib.auth.models import Permission
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import translation
from tablib import Dataset

from amur_invest.spreadsheets.formats import CSV, XLSX
from partners.models import (
    Company,
    Contact,
    District,
    Organization,
    Prefecture,
    Sector,
)
from partners.resources import (
    CompanyResource,
    ContactResource,
    OrganizationResource,
    PrefectureResource,
)
from tests.partners.factories import (
    CompanyFactory,
    ContactFactory,
    OrganizationFactory,
    inn_with_check_digit,
)

pytestmark = pytest.mark.django_db

COMPANY_COLUMNS = [
    "inn",
    "ogrn",
    "name_ru",
    "name_ja",
    "name_en",
    "slug",
    "district",
    "sectors",
    "products_ru",
    "products_ja",
    "products_en",
    "description_ru",
    "description_ja",
    "description_en",
    "website",
    "email",
    "phone",
    "is_published",
    "is_sample",
]
# The same columns as an English-speaking staff member's file heads them.
COMPANY_HEADINGS = [
    "INN",
    "OGRN",
    "Name [ru]",
    "Name [ja]",
    "Name [en]",
    "Slug",
    "District",
    "Sectors",
    "Products [ru]",
    "Products [ja]",
    "Products [en]",
    "Description [ru]",
    "Description [ja]",
    "Description [en]",
    "Website",
    "Email",
    "Phone",
    "Published in the exporters catalogue",
    "Sample data",
]
CSV_FORMAT, XLSX_FORMAT = "0", "1"


@pytest.fixture
def superuser(django_user_model):
    return django_user_model.objects.create_superuser(
        "manager", "manager@amurinvest.example", "amur-pass-2020"
    )


@pytest.fixture
def staff_client(client, superuser):
    # Messages are checked in English; the admin otherwise follows the browser.
    client.defaults["HTTP_ACCEPT_LANGUAGE"] = "en"
    client.force_login(superuser)
    return client


def staff_with(django_user_model, *codenames):
    user = django_user_model.objects.create_user("clerk", password="x", is_staff=True)
    user.user_permissions.add(
        *Permission.objects.filter(
            content_type__app_label="partners", codename__in=codenames
        )
    )
    return user


def company_row(seed, **overrides):
    row = {
        "inn": inn_with_check_digit(seed),
        "ogrn": "",
        "name_ru": f"ООО «Амурский мёд {seed}»",
        "name_ja": f"アムールはちみつ{seed}社",
        "name_en": f"Amur Honey {seed} LLC",
        "district": "zeysky",
        "sectors": "honey, food",
        "products_ru": "Липовый мёд",
        "products_ja": "シナノキのはちみつ",
        "products_en": "Linden honey",
        "email": f"honey{seed}@example.ru",
        "phone": "+7 4162 22-33-44",
        "is_published": "1",
        "is_sample": "1",
    }
    return {**row, **overrides}


def csv_file(rows, name="companies.csv"):
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=list(rows[0]))
    writer.writeheader()
    writer.writerows(rows)
    return SimpleUploadedFile(name, buffer.getvalue().encode(), "text/csv")


def xlsx_file(rows, name="companies.xlsx"):
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.append(list(rows[0]))
    for row in rows:
        sheet.append(list(row.values()))
    buffer = io.BytesIO()
    workbook.save(buffer)
    return SimpleUploadedFile(name, buffer.getvalue())


def import_url(model):
    return reverse(f"admin:partners_{model._meta.model_name}_import")


def preview(client, model, upload, file_format):
    return client.post(
        import_url(model), {"import_file": upload, "format": file_format}
    )


def confirm(client, model, preview_response):
    confirm_form = preview_response.context["confirm_form"]
    url = reverse(f"admin:partners_{model._meta.model_name}_process_import")
    return client.post(url, confirm_form.initial)


# --- Import ----------------------------------------------------------------------


def test_good_csv_is_previewed_then_written_after_confirm(staff_client):
    rows = [company_row(1), company_row(2, district="blagoveshchensk", sectors="")]
    response = preview(staff_client, Company, csv_file(rows), CSV_FORMAT)
    assert response.status_code == 200
    assert "confirm_form" in response.context
    assert not Company.objects.exists()

    response = confirm(staff_client, Company, response)
    assert response.status_code == 302
    honey = Company.objects.get(inn=inn_with_check_digit(1))
    assert honey.name_ja == "アムールはちみつ1社"
    assert honey.district.slug == "zeysky"
    assert sorted(honey.sectors.values_list("slug", flat=True)) == ["food", "honey"]
    assert honey.slug == "amur-honey-1-llc"
    assert Company.objects.count() == 2


def test_good_xlsx_is_written_after_confirm(staff_client):
    rows = [company_row(3), company_row(4)]
    response = preview(staff_client, Company, xlsx_file(rows), XLSX_FORMAT)
    assert "confirm_form" in response.context
    confirm(staff_client, Company, response)
    assert set(Company.objects.values_list("inn", flat=True)) == {
        inn_with_check_digit(3),
        inn_with_check_digit(4),
    }


def test_existing_company_is_matched_by_normalised_inn(staff_client):
    company = CompanyFactory(name_en="Old name")
    spaced = f"{company.inn[:4]} {company.inn[4:]}"
    row = company_row(0, inn=spaced, name_en="New name", slug=company.slug)
    response = preview(staff_client, Company, csv_file([row]), CSV_FORMAT)
    confirm(staff_client, Company, response)
    assert Company.objects.count() == 1
    company.refresh_from_db()
    assert company.name_en == "New name"


@pytest.mark.parametrize(
    ("bad_cells", "column", "reason"),
    [
        ({"inn": "2801234560"}, "INN", "not a valid INN"),
        ({"ogrn": "1022800000000"}, "OGRN", "not a valid OGRN"),
        ({"district": "atlantis"}, "District", "Unknown district “atlantis”"),
        ({"sectors": "honey, caviar"}, "Sectors", "Unknown sector “caviar”"),
        ({"name_ru": ""}, "Name [ru]", "This field cannot be blank."),
    ],
)
def test_file_with_a_bad_row_writes_nothing_and_names_row_and_column(
    staff_client, bad_cells, column, reason
):
    rows = [company_row(10), company_row(11, **bad_cells), company_row(12)]
    response = preview(staff_client, Company, csv_file(rows), CSV_FORMAT)
    assert "confirm_form" not in response.context
    result = response.context["result"]
    assert [row.number for row in result.invalid_rows] == [2]
    errors = result.invalid_rows[0].field_specific_errors
    assert reason in " ".join(errors[column])
    assert set(errors) <= set(COMPANY_HEADINGS), "errors name the file's columns"
    assert reason in response.text
    assert "Traceback" not in response.text
    assert not Company.objects.exists()


@pytest.mark.parametrize(
    ("column", "heading"),
    [
        ("name_ru", "Name [ru]"),
        ("products_ja", "Products [ja]"),
        ("inn", "INN"),
        ("district", "District"),
    ],
)
def test_cell_with_a_nul_character_is_a_row_error_on_that_column(
    staff_client, column, heading
):
    # PostgreSQL cannot store NUL: without this check the row fails in the
    # database with a traceback instead of a message.
    rows = [company_row(80, **{column: "Мёд\x00"})]

    response = preview(staff_client, Company, csv_file(rows), CSV_FORMAT)

    [invalid] = response.context["result"].invalid_rows
    assert set(invalid.field_specific_errors) == {heading}
    assert "Null characters are not allowed." in invalid.field_specific_errors[heading]
    assert not Company.objects.exists()


def test_the_same_inn_twice_in_one_file_is_refused_on_the_second_row(staff_client):
    rows = [company_row(85), company_row(86), company_row(85, name_en="Again LLC")]

    response = preview(staff_client, Company, csv_file(rows), CSV_FORMAT)

    [invalid] = response.context["result"].invalid_rows
    assert invalid.number == 3
    assert "INN already exists" in " ".join(invalid.field_specific_errors["INN"])
    assert not Company.objects.exists()


def test_import_that_turns_invalid_before_confirm_writes_nothing(staff_client):
    district = District.objects.create(
        slug="disappearing", name_ru="Временный район", kind="municipal_okrug"
    )
    rows = [company_row(20), company_row(21, district=district.slug)]
    response = preview(staff_client, Company, csv_file(rows), CSV_FORMAT)
    assert "confirm_form" in response.context
    district.delete()

    response = confirm(staff_client, Company, response)
    assert response.status_code == 302
    assert response.url == import_url(Company)
    assert not Company.objects.exists()
    message = str(next(iter(response.wsgi_request._messages)))
    # The second data row: row 3 in Excel, under the heading row.
    assert "Nothing was imported: rows 3 are not valid" in message


def test_resource_rolls_back_every_row_when_one_is_invalid():
    dataset = Dataset(headers=list(company_row(30)))
    dataset.append(list(company_row(30).values()))
    dataset.append(list(company_row(31, district="nowhere").values()))
    result = CompanyResource().import_data(
        dataset,
        dry_run=False,
        use_transactions=True,
        rollback_on_validation_errors=True,
    )
    assert result.has_validation_errors()
    assert not Company.objects.exists()


def test_contacts_are_matched_by_email_and_linked_by_organisation_name(staff_client):
    organization = OrganizationFactory(name_ru="Правительство префектуры Ниигата")
    contact = ContactFactory(email="sato@pref.niigata.example.jp", position="")
    rows = [
        {
            "email": "Sato@Pref.Niigata.example.jp",
            "name_latin": "Ichiro Sato",
            "name_native": "佐藤一郎",
            "organization": "Правительство префектуры Ниигата",
            "prefecture": "15",
            "position": "Director",
            "preferred_language": "ja",
        },
        {
            "email": "",
            "name_latin": "Jiro Kato",
            "name_native": "加藤次郎",
            "organization": str(organization.pk),
            "prefecture": "15",
            "position": "",
            "preferred_language": "en",
        },
    ]
    response = preview(staff_client, Contact, csv_file(rows), CSV_FORMAT)
    confirm(staff_client, Contact, response)
    contact.refresh_from_db()
    assert contact.position == "Director"
    assert contact.organization == organization
    assert contact.prefecture.code == "15"
    assert Contact.objects.get(name_latin="Jiro Kato").organization == organization


def test_contact_with_unknown_organisation_is_reported(staff_client):
    rows = [{"email": "x@example.jp", "name_latin": "X", "organization": "Nobody Inc."}]
    response = preview(staff_client, Contact, csv_file(rows), CSV_FORMAT)
    assert "Unknown organisation “Nobody Inc.”" in response.text
    assert not Contact.objects.filter(email="x@example.jp").exists()


def test_organisation_with_unknown_prefecture_is_reported(staff_client):
    rows = [{"name_ru": "Ассоциация", "kind": "association", "prefecture": "48"}]
    response = preview(staff_client, Organization, csv_file(rows), CSV_FORMAT)
    assert "Unknown prefecture “48”" in response.text
    assert not Organization.objects.exists()


def test_prefectures_are_matched_by_code_even_without_leading_zero(staff_client):
    rows = [
        {
            "code": 1,
            "name_ru": "Хоккайдо",
            "name_ja": "北海道",
            "name_en": "Hokkaido Prefecture",
            "region": "hokkaido",
        }
    ]
    response = preview(staff_client, Prefecture, xlsx_file(rows), XLSX_FORMAT)
    confirm(staff_client, Prefecture, response)
    assert Prefecture.objects.count() == 47
    assert Prefecture.objects.get(code="01").name_en == "Hokkaido Prefecture"


# --- Permissions -----------------------------------------------------------------


def test_staff_without_import_permission_gets_no_button_and_403(
    client, django_user_model
):
    client.force_login(staff_with(django_user_model, "view_company", "change_company"))
    changelist = client.get(reverse("admin:partners_company_changelist"))
    assert changelist.status_code == 200
    assert import_url(Company) not in changelist.text
    assert client.get(import_url(Company)).status_code == 403
    rows = [company_row(40)]
    response = preview(client, Company, csv_file(rows), CSV_FORMAT)
    assert response.status_code == 403
    assert not Company.objects.exists()


def test_staff_with_import_permission_sees_the_button(client, django_user_model):
    client.force_login(
        staff_with(django_user_model, "view_company", "add_company", "import_company")
    )
    changelist = client.get(reverse("admin:partners_company_changelist"))
    assert import_url(Company) in changelist.text
    assert client.get(import_url(Company)).status_code == 200


def test_staff_without_export_permission_cannot_export(client, django_user_model):
    CompanyFactory()
    client.force_login(staff_with(django_user_model, "view_company"))
    export_url = reverse("admin:partners_company_export")
    changelist = client.get(reverse("admin:partners_company_changelist"))
    assert export_url not in changelist.text
    assert client.get(export_url).status_code == 403
    assert client.post(export_url, {"format": CSV_FORMAT}).status_code == 403


def test_staff_with_export_permission_downloads_csv(client, django_user_model):
    company = CompanyFactory()
    client.force_login(staff_with(django_user_model, "view_company", "export_company"))
    data = {"format": CSV_FORMAT, "resource": "0"}
    data.update({f"companyresource_{column}": "on" for column in COMPANY_COLUMNS})
    response = client.post(reverse("admin:partners_company_export"), data)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    assert company.inn in response.content.decode()


# --- Export ----------------------------------------------------------------------


def test_company_export_names_district_and_sectors_in_the_staff_language():
    company = CompanyFactory(
        district=District.objects.get(slug="zeysky"), name_ja="ゼヤはちみつ社"
    )
    company.sectors.set(Sector.objects.filter(slug__in=["honey", "food"]))
    assert CompanyResource().export().headers == COMPANY_HEADINGS
    with translation.override("ru"):
        dataset = CompanyResource().export()
    row = dict(zip(COMPANY_COLUMNS, dataset[0], strict=True))
    assert row["district"] == "Зейский район"
    assert sorted(row["sectors"].split(",")) == ["Мёд", "Пищевая промышленность"]
    assert row["name_ja"] == "ゼヤはちみつ社"
    with translation.override("ja"):
        row = dict(zip(COMPANY_COLUMNS, CompanyResource().export()[0], strict=True))
    assert row["district"] == str(District.objects.get(slug="zeysky").name_ja)


def test_a_sector_name_holding_a_list_separator_is_exported_as_its_slug():
    company = CompanyFactory()
    company.sectors.set(
        [Sector.objects.create(slug="fish", name_ru="Рыба, икра", name_ja="魚")]
    )
    row = dict(zip(COMPANY_COLUMNS, CompanyResource().export()[0], strict=True))
    assert row["sectors"] == "fish"


def test_an_exported_company_file_imports_back_unchanged():
    company = CompanyFactory(district=District.objects.get(slug="zeysky"))
    company.sectors.set(Sector.objects.filter(slug__in=["honey", "food"]))
    before = CompanyResource().export()
    expected = before.dict
    result = CompanyResource().import_data(before, dry_run=False, raise_errors=True)
    assert not result.has_errors()
    company.refresh_from_db()
    assert company.district.slug == "zeysky"
    assert sorted(company.sectors.values_list("slug", flat=True)) == ["food", "honey"]
    assert CompanyResource().export().dict == expected


def test_other_exports_have_explicit_columns():
    assert OrganizationResource().export().headers == [
        "ID",
        "Name [ru]",
        "Name [ja]",
        "Name [en]",
        "Kind",
        "Country",
        "Prefecture",
        "City",
        "Sectors",
        "Website",
        "Staff notes",
        "Sample data",
    ]
    assert ContactResource().export().headers[:3] == [
        "Email",
        "Name in Latin script",
        "Name in Japanese or Russian script",
    ]
    prefectures = PrefectureResource().export()
    assert prefectures.headers == [
        "Code",
        "Name [ru]",
        "Name [ja]",
        "Name [en]",
        "Region",
    ]
    assert prefectures[12][:3] == ("13", "Токио", "東京都")


DANGEROUS = {
    "name_en": '=HYPERLINK("http://evil.example")',
    "products_en": "+7 cmd",
    "description_en": "-2+3",
    "website": "",
    "phone": "@SUM(A1)",
    "products_ja": "\tTAB",
    "description_ja": "\rCR",
}


def dangerous_company():
    return CompanyFactory(
        name_en=DANGEROUS["name_en"],
        products_en=DANGEROUS["products_en"],
        description_en=DANGEROUS["description_en"],
        phone=DANGEROUS["phone"],
        products_ja=DANGEROUS["products_ja"],
        description_ja=DANGEROUS["description_ja"],
    )


def test_csv_export_escapes_every_formula_prefix():
    dangerous_company()
    exported = CSV().export_data(CompanyResource().export())
    row = exported_rows(exported)[0]
    for column, value in DANGEROUS.items():
        if value:
            assert row[column] == "'" + value, column
    assert row["inn"].isdigit()


def test_xlsx_export_keeps_formula_like_text_as_text_cells_without_apostrophe():
    dangerous_company()
    exported = XLSX().export_data(CompanyResource().export())
    sheet = openpyxl.load_workbook(io.BytesIO(exported)).active
    cells = dict(zip(COMPANY_COLUMNS, sheet[2], strict=True))
    for column, value in DANGEROUS.items():
        if value:
            # XLSX stores a lone carriage return as a line feed. A string
            # cell is never evaluated, so it needs no apostrophe, which Excel
            # would show.
            assert cells[column].value == value.replace("\r", "\n"), column
            assert cells[column].data_type == "s", column


def test_admin_export_of_csv_is_escaped(staff_client):
    dangerous_company()
    data = {"format": CSV_FORMAT, "resource": "0"}
    data.update({f"companyresource_{column}": "on" for column in COMPANY_COLUMNS})
    response = staff_client.post(reverse("admin:partners_company_export"), data)
    assert "'=HYPERLINK" in response.content.decode()
    assert ",=HYPERLINK" not in response.content.decode()


def test_exported_escaped_cells_come_back_unchanged_on_import(staff_client):
    company = CompanyFactory(phone="+7 4162 22-33-44", name_en="-Minus- Ltd")
    exported = CSV().export_data(CompanyResource().export())
    upload = SimpleUploadedFile("back.csv", exported, "text/csv")
    response = preview(staff_client, Company, upload, CSV_FORMAT)
    confirm(staff_client, Company, response)
    company.refresh_from_db()
    assert company.phone == "+7 4162 22-33-44"
    assert company.name_en == "-Minus- Ltd"


def exported_rows(content: bytes) -> list[dict]:
    """The rows of an exported CSV by column key (in English, comma-separated)."""
    reader = csv.reader(io.StringIO(content.decode("utf-8-sig")))
    headings = next(reader)
    assert headings == COMPANY_HEADINGS
    return [dict(zip(COMPANY_COLUMNS, row, strict=True)) for row in reader]


# --- Oversized uploads -----------------------------------------------------------


def zip_bomb(unpacked_bytes):
    """A valid-looking XLSX whose one member unpacks to unpacked_bytes."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        with archive.open("xl/worksheets/sheet1.xml", "w") as member:
            chunk = b"0" * 2**20
            for _ in range(unpacked_bytes // len(chunk)):
                member.write(chunk)
    return buffer.getvalue()


def test_xlsx_that_would_unpack_past_50_mb_is_refused_before_parsing(
    staff_client, monkeypatch
):
    def must_not_parse(*args, **kwargs):
        pytest.fail("openpyxl must not see a zip bomb")

    monkeypatch.setattr(openpyxl, "load_workbook", must_not_parse)
    bomb = zip_bomb(51 * 2**20)
    assert len(bomb) < 1 * 2**20
    upload = SimpleUploadedFile("bomb.xlsx", bomb)
    response = preview(staff_client, Company, upload, XLSX_FORMAT)
    assert response.status_code == 200
    assert "would unpack to 51 MB, more than the 50 MB allowed" in response.text
    assert "confirm_form" not in response.context


def test_zip_bomb_is_refused_even_under_another_name(staff_client):
    upload = SimpleUploadedFile("innocent.csv", zip_bomb(51 * 2**20))
    response = preview(staff_client, Company, upload, XLSX_FORMAT)
    assert "more than the 50 MB allowed" in response.text


def test_xlsx_format_itself_refuses_a_zip_bomb():
    with pytest.raises(ValueError, match="more than the 50 MB allowed"):
        XLSX().create_dataset(zip_bomb(51 * 2**20))


def test_upload_over_the_size_cap_is_refused(staff_client, settings):
    settings.IMPORT_MAX_UPLOAD_BYTES = 100
    rows = [company_row(50), company_row(51)]
    response = preview(staff_client, Company, csv_file(rows), CSV_FORMAT)
    assert "files up to 100" in response.text
    assert "confirm_form" not in response.context


@pytest.mark.parametrize(
    ("make_file", "file_format"), [(csv_file, CSV_FORMAT), (xlsx_file, XLSX_FORMAT)]
)
def test_file_with_more_rows_than_allowed_is_refused_before_any_row(
    staff_client, settings, make_file, file_format
):
    settings.IMPORT_MAX_ROWS = 2
    rows = [company_row(90), company_row(91), company_row(92)]

    response = preview(staff_client, Company, make_file(rows), file_format)

    assert "The file has more than 2 rows; up to 2 can be imported at once." in (
        response.text
    )
    assert "result" not in response.context
    assert not Company.objects.exists()


def test_file_at_the_row_limit_is_previewed(staff_client, settings):
    settings.IMPORT_MAX_ROWS = 2
    rows = [company_row(93), company_row(94)]

    response = preview(staff_client, Company, csv_file(rows), CSV_FORMAT)

    assert "confirm_form" in response.context


def test_new_organisations_are_imported_from_a_file_without_ids(staff_client):
    rows = [
        {
            "name_ru": "Торговая палата Ниигаты",
            "name_ja": "新潟商工会議所",
            "name_en": "Niigata Chamber of Commerce",
            "kind": "chamber",
            "prefecture": "15",
            "sectors": "food,logistics",
        }
    ]
    response = preview(staff_client, Organization, csv_file(rows), CSV_FORMAT)
    confirm(staff_client, Organization, response)
    chamber = Organization.objects.get()
    assert chamber.name_ja == "新潟商工会議所"
    assert chamber.prefecture.code == "15"
    assert sorted(chamber.sectors.values_list("slug", flat=True)) == [
        "food",
        "logistics",
    ]


# --- Files as Excel writes them ---------------------------------------------------


def text_upload(rows, *, encoding, delimiter, name="companies.csv"):
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=list(rows[0]), delimiter=delimiter)
    writer.writeheader()
    writer.writerows(rows)
    return SimpleUploadedFile(name, buffer.getvalue().encode(encoding))


@pytest.mark.parametrize(
    ("encoding", "delimiter"),
    [
        ("cp1251", ";"),  # Russian Excel, "CSV (разделители — точка с запятой)"
        ("utf-8-sig", ";"),  # "CSV UTF-8" from Russian Excel
        ("utf-16", "\t"),  # "Unicode text"
    ],
)
def test_csv_saved_by_russian_excel_is_imported(staff_client, encoding, delimiter):
    row = company_row(60)
    if encoding == "cp1251":
        # Windows-1251 has no Japanese: such a file carries Russian and English.
        row["name_ja"] = row["products_ja"] = ""
    upload = text_upload([row], encoding=encoding, delimiter=delimiter)

    response = preview(staff_client, Company, upload, CSV_FORMAT)
    assert "confirm_form" in response.context, response.text
    confirm(staff_client, Company, response)

    company = Company.objects.get(inn=inn_with_check_digit(60))
    assert company.name_ru == row["name_ru"]
    assert company.products_ru == "Липовый мёд"


def test_csv_in_an_unreadable_encoding_gets_a_clear_message(staff_client):
    # 0x98 is undefined in Windows-1251 and invalid as UTF-8.
    upload = SimpleUploadedFile("companies.csv", b"inn,name_ru\n\x98\x98,\x98\n")

    response = preview(staff_client, Company, upload, CSV_FORMAT)

    assert "cannot be read as text" in response.text
    assert "codec" not in response.text
    assert "confirm_form" not in response.context


@pytest.mark.parametrize(
    ("model", "rows", "missing", "heading"),
    [
        (Company, [company_row(70)], "inn", "INN"),
        (Company, [company_row(71)], "name_ru", "Name [ru]"),
        (
            Contact,
            [{"email": "sato@example.jp", "name_latin": "Sato"}],
            "email",
            "Email",
        ),
        (Prefecture, [{"code": "15", "region": "chubu"}], "code", "Code"),
    ],
    ids=["company-inn", "company-name", "contact-email", "prefecture-code"],
)
def test_file_without_a_needed_column_names_it_and_writes_nothing(
    staff_client, model, rows, missing, heading
):
    for row in rows:
        row.pop(missing)
    before = model.objects.count()

    response = preview(staff_client, model, csv_file(rows), CSV_FORMAT)

    assert f"The file has no column {heading} ({missing})." in response.text
    assert "Traceback" not in response.text
    assert "confirm_form" not in response.context
    assert model.objects.count() == before


def test_missing_column_is_reported_in_the_staff_language(client, superuser):
    client.force_login(superuser)
    client.defaults["HTTP_ACCEPT_LANGUAGE"] = "ja"
    row = company_row(72)
    row.pop("inn")

    response = preview(client, Company, csv_file([row]), CSV_FORMAT)

    assert "ファイルに列 納税者番号（INN） (inn) がありません。" in response.text


@pytest.mark.parametrize("view", ["import", "export"])
def test_import_and_export_pages_have_the_admin_breadcrumbs(staff_client, view):
    response = staff_client.get(reverse(f"admin:partners_company_{view}"))

    assert '<ol class="breadcrumbs">' in response.text
    assert '<div class="breadcrumbs">' not in response.text


def test_export_page_names_columns_by_field_and_heading(staff_client):
    response = staff_client.get(reverse("admin:partners_company_export"))

    labels = [field.label for field in response.context["form"] if field.label]
    assert "INN (inn)" in labels
    assert "Name [ja] (name_ja)" in labels
    assert "Inn" not in labels
