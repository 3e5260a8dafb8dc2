"""Reading uploaded files: long files are refused while they are read, with
memory flat; damaged files get a sentence, never BadZipFile or a traceback;
control characters are row errors on import and never break an export."""

import contextlib
import csv
import io
import tracemalloc
import zipfile

import openpyxl
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from amur_invest.spreadsheets.files import TooManyRows, read_csv, read_xlsx
from amur_invest.spreadsheets.formats import CSV, XLSX
from partners.models import Company
from partners.resources import CompanyResource
from tests.partners.factories import CompanyFactory
from tests.partners.test_import_export import (
    COMPANY_COLUMNS,
    CSV_FORMAT,
    XLSX_FORMAT,
    company_row,
    csv_file,
    preview,
    xlsx_file,
)

pytestmark = pytest.mark.django_db


SHEET_HEAD = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
)


def workbook_with_sheet(sheet_xml_chunks) -> bytes:
    """A minimal XLSX whose one sheet is written from `sheet_xml_chunks`, as a
    stream, so that the test itself never holds the whole sheet."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(
            "[Content_Types].xml",
            '<?xml version="1.0" encoding="UTF-8"?>'
            '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
            '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
            '<Default Extension="xml" ContentType="application/xml"/>'
            '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
            '<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
            "</Types>",
        )
        archive.writestr(
            "_rels/.rels",
            '<?xml version="1.0" encoding="UTF-8"?>'
            '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/>'
            "</Relationships>",
        )
        archive.writestr(
            "xl/workbook.xml",
            '<?xml version="1.0" encoding="UTF-8"?>'
            '<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
            'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">'
            '<sheets><sheet name="Companies" sheetId="1" r:id="rId1"/></sheets></workbook>',
        )
        archive.writestr(
            "xl/_rels/workbook.xml.rels",
            '<?xml version="1.0" encoding="UTF-8"?>'
            '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/>'
            "</Relationships>",
        )
        with archive.open("xl/worksheets/sheet1.xml", "w") as sheet:
            for chunk in sheet_xml_chunks:
                sheet.write(chunk.encode())
    return buffer.getvalue()


def inline_row(number: int, *values) -> str:
    cells = "".join(
        f'<c r="{column}{number}" t="inlineStr"><is><t>{value}</t></is></c>'
        for column, value in zip("ABCDEFGH", values, strict=False)
    )
    return f'<row r="{number}">{cells}</row>'


def sparse_sheet(last_row: int, declared_rows: int | None = None):
    """A heading row, two companies, and one in row `last_row`, under a
    dimension that declares the sheet `declared_rows` long."""
    declared_rows = declared_rows or last_row
    yield SHEET_HEAD + f'<dimension ref="A1:B{declared_rows}"/><sheetData>'
    yield inline_row(1, "inn", "name_ru")
    yield inline_row(2, "2801000001", "Первая")
    yield inline_row(3, "2801000002", "Вторая")
    yield inline_row(last_row, "2801000003", "Последняя")
    yield "</sheetData></worksheet>"


def dense_sheet(rows: int):
    yield SHEET_HEAD + f'<dimension ref="A1:A{rows}"/><sheetData>'
    yield inline_row(1, "inn")
    for number in range(2, rows + 1):
        yield f'<row r="{number}"><c r="A{number}"><v>{number}</v></c></row>'
    yield "</sheetData></worksheet>"


def peak_memory_of(function, *args, **kwargs) -> int:
    tracemalloc.start()
    try:
        with contextlib.suppress(TooManyRows):
            function(*args, **kwargs)
        return tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


# --- Row limit while reading ------------------------------------------------------


def test_small_xlsx_declaring_a_million_rows_is_refused():
    data = workbook_with_sheet(sparse_sheet(1_000_000))
    assert len(data) < 5_000

    with pytest.raises(TooManyRows, match="more than 2000 rows"):
        read_xlsx(data, limit=2000)


def test_rows_far_down_a_sheet_cost_no_memory_on_the_way():
    # Measured on a shorter sheet: tracemalloc slows every step down.
    data = workbook_with_sheet(sparse_sheet(100_000))

    assert peak_memory_of(read_xlsx, data, limit=2000) < 10 * 2**20


def test_dense_xlsx_is_refused_at_the_first_row_past_the_limit(settings):
    data = workbook_with_sheet(dense_sheet(200_000))

    # Building 200,000 rows would take far more than this; stopping at row
    # 51 takes next to nothing.
    assert peak_memory_of(read_xlsx, data, limit=50) < 10 * 2**20
    with pytest.raises(TooManyRows):
        read_xlsx(data, limit=50)


def test_long_csv_is_refused_while_it_is_read_with_memory_flat():
    data = ("inn\n" + "2801000001\n" * 300_000).encode()

    peak = peak_memory_of(read_csv, data, limit=2000)

    # The decoded text itself is about 3 MB; a parsed dataset would be many
    # times that.
    assert peak < 4 * len(data)
    with pytest.raises(TooManyRows):
        read_csv(data, limit=2000)


def test_admin_refuses_the_million_row_xlsx_with_a_message(staff_client):
    upload = SimpleUploadedFile(
        "million.xlsx", workbook_with_sheet(sparse_sheet(1_000_000))
    )

    response = preview(staff_client, Company, upload, XLSX_FORMAT)

    assert "The file has more than 2000 rows" in response.text
    assert "confirm_form" not in response.context
    assert not Company.objects.exists()


def test_blank_rows_after_the_data_are_neither_rows_nor_counted(settings):
    settings.IMPORT_MAX_ROWS = 5
    padded = workbook_with_sheet(sparse_sheet(4, declared_rows=1_000_000))

    dataset = XLSX().create_dataset(padded)

    assert len(dataset) == 3
    assert dataset.headers == ["inn", "name_ru"]


def test_blank_lines_at_the_end_of_a_csv_are_ignored():
    dataset = CSV().create_dataset("inn;name_ru\r\n1;Один\r\n;\r\n;;\r\n\r\n".encode())

    assert [tuple(row) for row in dataset] == [("1", "Один")]


# --- Damaged files ------------------------------------------------------------------


def truncated_xlsx() -> bytes:
    workbook = openpyxl.Workbook()
    workbook.active.append(COMPANY_COLUMNS)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()[:-200]


def zip_without_a_workbook() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("hello.txt", "not a workbook")
    return buffer.getvalue()


def broken_sheet_xml() -> bytes:
    return workbook_with_sheet([SHEET_HEAD + "<sheetData><row r='1'><c"])


@pytest.mark.parametrize(
    "content",
    [
        b"inn,name_ru\n2801234567,Test\n",
        b"PK\x03\x04 not really a zip",
        truncated_xlsx(),
        zip_without_a_workbook(),
        broken_sheet_xml(),
    ],
    ids=["csv-as-xlsx", "fake-zip", "truncated", "no-workbook", "broken-xml"],
)
def test_damaged_xlsx_gets_a_sentence_not_a_traceback(staff_client, content):
    upload = SimpleUploadedFile("companies.xlsx", content)

    response = preview(staff_client, Company, upload, XLSX_FORMAT)

    assert response.status_code == 200
    assert "cannot be read as an Excel workbook" in response.text
    for technical in ("BadZipFile", "Traceback", "KeyError", "encountered while"):
        assert technical not in response.text


def test_workbook_uploaded_as_csv_is_named_for_what_it_is(staff_client):
    upload = xlsx_file([company_row(1)], name="companies.csv")

    response = preview(staff_client, Company, upload, CSV_FORMAT)

    assert "This is an Excel workbook, not a CSV file" in response.text


def test_csv_row_wider_than_its_headings_is_refused(staff_client):
    upload = SimpleUploadedFile(
        "companies.csv",
        "inn,name_ru\n2801234567,ООО Мёд, и воск\n".encode(),
    )

    response = preview(staff_client, Company, upload, CSV_FORMAT)

    assert "Row 1 has more cells than the heading row" in response.text


# --- Control characters --------------------------------------------------------------


@pytest.mark.parametrize(
    ("column", "heading", "value"),
    [
        ("name_ru", "Name [ru]", "ООО «Мёд\x0bи воск»"),
        ("name_ja", "Name [ja]", "アムール\x1b蜂蜜"),
        ("products_en", "Products [en]", "Honey\x0cWax"),
        ("phone", "Phone", "+7 416\x07 222"),
    ],
)
def test_control_character_in_a_cell_is_a_row_error_naming_its_column(
    staff_client, column, heading, value
):
    rows = [company_row(1), company_row(2, **{column: value})]

    response = preview(staff_client, Company, csv_file(rows), CSV_FORMAT)

    [invalid] = response.context["result"].invalid_rows
    assert invalid.number == 2
    assert set(invalid.field_specific_errors) == {heading}
    assert "invisible control characters" in " ".join(
        invalid.field_specific_errors[heading]
    )
    assert not Company.objects.exists()


def company_stored_before_the_validators():
    company = CompanyFactory()
    # Rows saved before text was checked may hold what openpyxl cannot write.
    Company.objects.filter(pk=company.pk).update(
        name_ru="ООО\x0b«Мёд\x1f»", products_en="Honey\x0c\x08 and wax"
    )
    return company


@pytest.mark.parametrize("file_format", [CSV, XLSX])
def test_old_rows_with_control_characters_export_without_them(file_format):
    company_stored_before_the_validators()

    content = file_format().export_data(CompanyResource().export())

    if file_format is XLSX:
        sheet = openpyxl.load_workbook(io.BytesIO(content)).active
        cells = dict(zip(COMPANY_COLUMNS, [c.value for c in sheet[2]], strict=True))
    else:
        _header, row = csv.reader(io.StringIO(content.decode("utf-8-sig")))
        cells = dict(zip(COMPANY_COLUMNS, row, strict=True))
    assert cells["name_ru"] == "ООО«Мёд»"
    assert cells["products_en"] == "Honey and wax"


def test_admin_xlsx_export_of_an_old_row_with_control_characters_works(staff_client):
    company_stored_before_the_validators()
    data = {"format": XLSX_FORMAT, "resource": "0"}
    data.update({f"companyresource_{column}": "on" for column in COMPANY_COLUMNS})

    response = staff_client.post(reverse("admin:partners_company_export"), data)

    assert response.status_code == 200
    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
    assert sheet["C2"].value == "ООО«Мёд»"
