"""Files on their way through Excel: exports that Excel opens correctly in
each staff language, and imports that refuse a file which lost characters
when Excel saved it, instead of publishing question marks."""

import codecs
import csv
import io

import openpyxl
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from partners.models import Company, Organization
from tests.partners.factories import CompanyFactory, OrganizationFactory
from tests.partners.test_import_export import (
    COMPANY_COLUMNS,
    CSV_FORMAT,
    XLSX_FORMAT,
    company_row,
    confirm,
    csv_file,
    preview,
    xlsx_file,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def manager(django_user_model):
    return django_user_model.objects.create_superuser(
        "manager", "manager@amurinvest.example", "amur-pass-2020"
    )


@pytest.fixture
def staff_in(client, manager):
    """A logged-in staff member whose admin speaks `language`."""

    def login(language):
        client.defaults["HTTP_ACCEPT_LANGUAGE"] = language
        client.force_login(manager)
        return client

    return login


def export(client, model, file_format, columns=COMPANY_COLUMNS) -> bytes:
    prefix = f"{model._meta.model_name}resource"
    data = {"format": file_format, "resource": "0"}
    data.update({f"{prefix}_{column}": "on" for column in columns})
    response = client.post(
        reverse(f"admin:partners_{model._meta.model_name}_export"), data
    )
    assert response.status_code == 200
    return response.content


def saved_by_russian_excel(content: bytes) -> bytes:
    """What Russian Excel writes for "CSV (разделители - точки с запятой)":
    Windows-1251, every character it cannot hold as "?"."""
    return content.decode("utf-8-sig").encode("cp1251", errors="replace")


def upload(content: bytes, name="companies.csv"):
    return SimpleUploadedFile(name, content)


@pytest.fixture
def japanese_company():
    return CompanyFactory(
        name_ru="ООО «Зейский мёд»",
        name_ja="ゼーヤ蜂蜜株式会社",
        name_en="Zeya Honey LLC",
        products_ja="シナノキのはちみつ",
        phone="+7 416 222-33-44",
    )


# --- Exports Excel opens -----------------------------------------------------------


@pytest.mark.parametrize(
    ("language", "separator", "inn_heading"),
    [("ru", ";", "ИНН"), ("ja", ",", "納税者番号（INN）"), ("en", ",", "INN")],
)
def test_csv_export_is_utf8_with_bom_split_as_the_staff_excel_splits(
    staff_in, japanese_company, language, separator, inn_heading
):
    content = export(staff_in(language), Company, CSV_FORMAT)

    assert content.startswith(codecs.BOM_UTF8)
    text = content.decode("utf-8-sig")
    assert not text.startswith("sep="), "a sep= line makes Excel ignore the BOM"
    header, row = csv.reader(io.StringIO(text), delimiter=separator)
    assert header[0] == inn_heading
    assert len(header) == len(COMPANY_COLUMNS)
    assert "ゼーヤ蜂蜜株式会社" in row
    assert "ООО «Зейский мёд»" in row


@pytest.mark.parametrize(
    ("language", "title"),
    [("ru", "Амурские компании"), ("ja", "アムール州の企業"), ("en", "Amur companies")],
)
def test_xlsx_export_has_a_named_sheet_typed_cells_and_readable_phones(
    staff_in, japanese_company, language, title
):
    content = export(staff_in(language), Company, XLSX_FORMAT)

    sheet = openpyxl.load_workbook(io.BytesIO(content)).active
    assert sheet.title == title
    cells = dict(zip(COMPANY_COLUMNS, sheet[2], strict=True))
    assert cells["phone"].value == "+7 416 222-33-44"
    assert cells["phone"].data_type == "s"
    # An INN may start with 0: it stays text, never a number Excel reformats.
    assert cells["inn"].value == japanese_company.inn
    assert cells["inn"].data_type == "s"
    assert cells["is_published"].value is True
    assert sheet.freeze_panes == "A2"


def test_xlsx_export_stores_numbers_as_numbers(staff_in):
    organization = OrganizationFactory()

    content = export(
        staff_in("en"), Organization, XLSX_FORMAT, columns=["id", "name_ru", "kind"]
    )

    sheet = openpyxl.load_workbook(io.BytesIO(content)).active
    assert sheet["A2"].value == organization.pk
    assert sheet["A2"].data_type == "n"


@pytest.mark.parametrize(
    ("language", "file_format", "name"),
    [
        ("ru", CSV_FORMAT, "companies.csv"),
        ("ja", CSV_FORMAT, "companies.csv"),
        ("en", XLSX_FORMAT, "companies.xlsx"),
        ("ru", XLSX_FORMAT, "companies.xlsx"),
    ],
)
def test_exported_file_imports_back_unchanged_in_any_staff_language(
    staff_in, japanese_company, language, file_format, name
):
    client = staff_in(language)
    content = export(client, Company, file_format)

    response = preview(client, Company, upload(content, name), file_format)

    assert "confirm_form" in response.context, response.text
    [row] = response.context["result"].valid_rows()
    # Nothing changed on the way: the row is reported unchanged, not written.
    assert row.import_type == "skip"
    confirm(client, Company, response)
    japanese_company.refresh_from_db()
    assert japanese_company.name_ja == "ゼーヤ蜂蜜株式会社"
    assert japanese_company.phone == "+7 416 222-33-44"
    assert japanese_company.is_published


def test_file_headed_by_keys_or_by_headings_of_another_language_is_read(staff_in):
    client = staff_in("ja")
    row = company_row(1)
    by_heading = {
        "ИНН": row.pop("inn"),
        "Name [ru]": row.pop("name_ru"),
        "名称 [ja]": row.pop("name_ja"),
        "Отрасли": row.pop("sectors"),
        **row,
    }

    response = preview(client, Company, csv_file([by_heading]), CSV_FORMAT)

    assert "confirm_form" in response.context, response.text
    confirm(client, Company, response)
    company = Company.objects.get()
    assert company.name_ja == "アムールはちみつ1社"
    assert sorted(company.sectors.values_list("slug", flat=True)) == ["food", "honey"]


def test_file_with_a_column_nobody_knows_is_refused_not_half_read(staff_in):
    row = {**company_row(2), "Название (яп.)": "アムール"}

    response = preview(staff_in("en"), Company, csv_file([row]), CSV_FORMAT)

    assert "confirm_form" not in response.context
    assert "columns this import does not know: “Название (яп.)”" in response.text
    assert not Company.objects.exists()


# --- The round trip through Russian Excel -------------------------------------------


def test_csv_that_lost_its_japanese_in_russian_excel_is_refused_whole(
    staff_in, japanese_company
):
    other = CompanyFactory(name_ja="アムール大豆", name_en="Amur Soy")
    client = staff_in("ru")
    content = saved_by_russian_excel(export(client, Company, CSV_FORMAT))
    assert "?????????" in content.decode("cp1251")

    response = preview(client, Company, upload(content), CSV_FORMAT)

    assert "confirm_form" not in response.context
    text = response.text
    assert "Ничего не импортировано" in text
    assert "«CSV UTF-8 (разделитель - запятая) (*.csv)»" in text
    assert "«Книга Excel (*.xlsx)»" in text
    assert "Traceback" not in text
    japanese_company.refresh_from_db()
    other.refresh_from_db()
    assert japanese_company.name_ja == "ゼーヤ蜂蜜株式会社"
    assert other.name_ja == "アムール大豆"


def test_lost_characters_are_caught_again_at_confirmation(staff_in, japanese_company):
    """A file that reached the confirmation step some other way still writes
    nothing: the check runs on every read of the file."""
    client = staff_in("en")
    response = preview(
        client,
        Company,
        upload(export(client, Company, CSV_FORMAT)),
        CSV_FORMAT,
    )
    confirm_form = response.context["confirm_form"]
    from django.core.cache import cache

    key = "django-import-export-" + confirm_form.initial["import_file_name"]
    cache.set(key, saved_by_russian_excel(cache.get(key)), 60)

    response = confirm(client, Company, response)

    assert response.status_code == 302
    message = str(next(iter(response.wsgi_request._messages)))
    assert "characters were lost" in message
    japanese_company.refresh_from_db()
    assert japanese_company.name_ja == "ゼーヤ蜂蜜株式会社"


@pytest.mark.parametrize(
    ("make_file", "file_format"), [(csv_file, CSV_FORMAT), (xlsx_file, XLSX_FORMAT)]
)
def test_new_company_whose_japanese_name_is_question_marks_is_refused(
    staff_in, make_file, file_format
):
    rows = [company_row(3), company_row(4, name_ja="????????", products_ja="???")]

    response = preview(staff_in("en"), Company, make_file(rows), file_format)

    assert "confirm_form" not in response.context
    assert "row 3, column “Name [ja]”" in response.text
    assert "row 3, column “Products [ja]”" in response.text
    assert not Company.objects.exists()


def test_new_company_in_a_windows_1251_file_with_question_marks_is_refused(staff_in):
    row = company_row(5)
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=list(row), delimiter=";")
    writer.writeheader()
    writer.writerow(row)
    content = buffer.getvalue().encode("cp1251", errors="replace")

    response = preview(staff_in("en"), Company, upload(content), CSV_FORMAT)

    assert "characters were lost" in response.text
    assert not Company.objects.exists()


def test_replacement_character_anywhere_refuses_the_file(staff_in):
    rows = [company_row(6, products_en="Linden honey \ufffd\ufffd")]

    response = preview(staff_in("en"), Company, csv_file(rows), CSV_FORMAT)

    assert "row 2, column “Products [en]”" in response.text
    assert not Company.objects.exists()


def test_accent_lost_to_windows_1251_best_fit_is_refused(staff_in):
    company = CompanyFactory(name_en="Café Amur LLC")
    row = company_row(0, inn=company.inn, slug=company.slug, name_en="Cafe Amur LLC")
    row["name_ja"] = row["products_ja"] = ""
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=list(row), delimiter=";")
    writer.writeheader()
    writer.writerow(row)

    response = preview(
        staff_in("en"),
        Company,
        upload(buffer.getvalue().encode("cp1251")),
        CSV_FORMAT,
    )

    assert "row 2, column “Name [en]”" in response.text
    company.refresh_from_db()
    assert company.name_en == "Café Amur LLC"


def test_correction_in_a_unicode_file_is_not_mistaken_for_a_loss(staff_in):
    company = CompanyFactory(name_en="Café Amur LLC")
    row = company_row(0, inn=company.inn, slug=company.slug, name_en="Cafe Amur LLC")

    response = preview(staff_in("en"), Company, csv_file([row]), CSV_FORMAT)

    assert "confirm_form" in response.context, response.text


def test_russian_only_changes_in_a_windows_1251_file_are_imported(
    staff_in, japanese_company
):
    """Russian Excel's plain CSV is fine for a file without Japanese."""
    client = staff_in("ru")
    content = export(
        client, Company, CSV_FORMAT, columns=["inn", "name_ru", "products_ru"]
    )
    text = content.decode("utf-8-sig").replace("Зейский мёд", "Зейский мёд и воск")

    response = preview(client, Company, upload(text.encode("cp1251")), CSV_FORMAT)

    assert "confirm_form" in response.context, response.text
    confirm(client, Company, response)
    japanese_company.refresh_from_db()
    assert japanese_company.name_ru == "ООО «Зейский мёд и воск»"
    assert japanese_company.name_ja == "ゼーヤ蜂蜜株式会社"


def test_csv_from_japanese_excel_in_shift_jis_is_read_as_japanese(staff_in):
    """Japanese Excel's plain "CSV" is Shift_JIS (cp932), which holds Japanese
    and Cyrillic: it must not be read as Windows-1251 mojibake."""
    row = company_row(7, name_ru="ООО Амурский мёд 7")
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=list(row))
    writer.writeheader()
    writer.writerow(row)

    response = preview(
        staff_in("ja"), Company, upload(buffer.getvalue().encode("cp932")), CSV_FORMAT
    )

    assert "confirm_form" in response.context, response.text
    confirm(staff_in("ja"), Company, response)
    company = Company.objects.get()
    assert company.name_ja == "アムールはちみつ7社"
    assert company.name_ru == "ООО Амурский мёд 7"


@pytest.mark.parametrize(
    ("language", "separator"), [("ru", "«;»"), ("ja", "「,」"), ("en", "“,”")]
)
def test_export_page_says_how_the_csv_is_separated(staff_in, language, separator):
    response = staff_in(language).get(reverse("admin:partners_company_export"))

    assert separator in response.text
