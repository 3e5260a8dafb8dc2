"""Reference columns (districts, sectors, prefectures, kinds, languages) take
a slug or code, or a name in any language; the import page lists what each
accepts and offers a template file with the right headings."""

import io

import openpyxl
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from partners.models import Company, Contact, Organization, Sector
from tests.partners.factories import DistrictFactory, OrganizationFactory
from tests.partners.test_import_export import (
    COMPANY_COLUMNS,
    COMPANY_HEADINGS,
    CSV_FORMAT,
    XLSX_FORMAT,
    company_row,
    confirm,
    csv_file,
    preview,
)

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "district",
    ["zeysky", "Зейский район", "зейский РАЙОН", "ゼヤ地区", "Zeysky District"],
)
def test_district_is_taken_by_slug_or_by_name_in_any_language(staff_client, district):
    rows = [company_row(1, district=district)]

    response = preview(staff_client, Company, csv_file(rows), CSV_FORMAT)
    confirm(staff_client, Company, response)

    assert Company.objects.get().district.slug == "zeysky"


def test_district_name_written_with_e_for_yo_is_found(staff_client):
    DistrictFactory(slug="tyomny", name_ru="Тёмный район", name_ja="", name_en="")
    rows = [company_row(2, district="Темный район")]

    response = preview(staff_client, Company, csv_file(rows), CSV_FORMAT)
    confirm(staff_client, Company, response)

    assert Company.objects.get().district.slug == "tyomny"


def test_sectors_are_taken_by_names_in_any_language_and_separator(staff_client):
    rows = [company_row(3, sectors="Мёд; はちみつ、Food products")]

    response = preview(staff_client, Company, csv_file(rows), CSV_FORMAT)
    confirm(staff_client, Company, response)

    company = Company.objects.get()
    assert sorted(company.sectors.values_list("slug", flat=True)) == ["food", "honey"]


def test_name_shared_by_two_districts_asks_for_the_slug(staff_client):
    DistrictFactory(slug="twin-a", name_ru="Двойник", name_ja="", name_en="")
    DistrictFactory(slug="twin-b", name_ru="Двойник", name_ja="", name_en="")
    rows = [company_row(4, district="Двойник")]

    response = preview(staff_client, Company, csv_file(rows), CSV_FORMAT)

    [invalid] = response.context["result"].invalid_rows
    assert "names more than one row here" in " ".join(
        invalid.field_specific_errors["District"]
    )


def test_organisation_kind_prefecture_and_contact_language_by_their_names(
    staff_client,
):
    organization = OrganizationFactory(name_ru="Торговая палата Ниигаты")
    organizations = [
        {
            "name_ru": "Ассоциация импортёров",
            "kind": "Ассоциация",
            "prefecture": "新潟県",
        }
    ]
    contacts = [
        {
            "email": "sato@example.jp",
            "name_latin": "Ichiro Sato",
            "organization": "торговая палата ниигаты",
            "prefecture": "Niigata",
            "preferred_language": "日本語",
        }
    ]

    response = preview(staff_client, Organization, csv_file(organizations), CSV_FORMAT)
    confirm(staff_client, Organization, response)
    response = preview(staff_client, Contact, csv_file(contacts), CSV_FORMAT)
    confirm(staff_client, Contact, response)

    association = Organization.objects.get(name_ru="Ассоциация импортёров")
    assert association.kind == Organization.Kind.ASSOCIATION
    assert association.prefecture.code == "15"
    contact = Contact.objects.get()
    assert contact.organization == organization
    assert contact.prefecture.code == "15"
    assert contact.preferred_language == "ja"


def test_unknown_kind_is_a_readable_row_error(staff_client):
    rows = [{"name_ru": "Фонд", "kind": "foundation"}]

    response = preview(staff_client, Organization, csv_file(rows), CSV_FORMAT)

    [invalid] = response.context["result"].invalid_rows
    [message] = invalid.field_specific_errors["Kind"]
    assert message.startswith("Unknown value “foundation”: use one of company,")


def test_twelve_digit_inn_mangled_by_excel_says_what_happened(staff_client):
    rows = [company_row(5, inn="2,80123E+11")]

    response = preview(staff_client, Company, csv_file(rows), CSV_FORMAT)

    [invalid] = response.context["result"].invalid_rows
    assert "Excel turned this number into “2,80123E+11”" in " ".join(
        invalid.field_specific_errors["INN"]
    )


# --- The import page ----------------------------------------------------------------


def test_import_page_lists_the_accepted_values_of_each_reference_column(staff_client):
    response = staff_client.get(reverse("admin:partners_company_import"))

    columns = dict(response.context["reference_columns"])
    assert set(columns) == {"District", "Sectors"}
    assert ("zeysky", "Зейский район / ゼヤ地区 / Zeysky District") in columns[
        "District"
    ]
    assert len(columns["Sectors"]) == Sector.objects.count()
    assert "Зейский район / ゼヤ地区 / Zeysky District" in response.text
    assert "Download a template (XLSX)" in response.text
    assert "An import never publishes a company" in response.text


@pytest.mark.parametrize(
    ("model", "columns"),
    [
        (Organization, {"Kind", "Prefecture", "Sectors"}),
        (Contact, {"Prefecture", "Preferred language"}),
    ],
)
def test_every_reference_column_is_listed(staff_client, model, columns):
    response = staff_client.get(
        reverse(f"admin:partners_{model._meta.model_name}_import")
    )

    listed = dict(response.context["reference_columns"])
    assert set(listed) == columns
    if "Preferred language" in listed:
        assert ("ja", "日本語") in listed["Preferred language"]


def test_template_file_has_the_headings_in_the_staff_language(client, superuser):
    client.force_login(superuser)

    response = client.get(
        reverse("admin:partners_company_import_template"), HTTP_ACCEPT_LANGUAGE="ru"
    )

    assert response.status_code == 200
    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
    headings = [cell.value for cell in sheet[1]]
    assert headings[:3] == ["ИНН", "ОГРН", "Название [ru]"]
    assert sheet.title == "Амурские компании"
    assert sheet.max_row == 1


def test_filled_template_imports(staff_client):
    response = staff_client.get(reverse("admin:partners_company_import_template"))
    workbook = openpyxl.load_workbook(io.BytesIO(response.content))
    sheet = workbook.active
    assert [cell.value for cell in sheet[1]] == COMPANY_HEADINGS
    row = company_row(6)
    sheet.append([row.get(column) for column in COMPANY_COLUMNS])
    buffer = io.BytesIO()
    workbook.save(buffer)
    upload = SimpleUploadedFile("filled.xlsx", buffer.getvalue())

    response = preview(staff_client, Company, upload, XLSX_FORMAT)

    assert "confirm_form" in response.context, response.text


def test_template_needs_the_import_permission(client, django_user_model):
    viewer = django_user_model.objects.create_user(
        "viewer", password="x", is_staff=True
    )
    client.force_login(viewer)

    response = client.get(reverse("admin:partners_company_import_template"))

    assert response.status_code == 403


def test_import_page_names_each_column_by_heading_and_key(client, superuser):
    client.force_login(superuser)

    response = client.get(
        reverse("admin:partners_company_import"), HTTP_ACCEPT_LANGUAGE="ja"
    )

    assert "納税者番号（INN） (<code>inn</code>)" in response.text
    assert "名称 [ja] (<code>name_ja</code>)" in response.text
