"""The import preview reads as staff's own file: rows that change nothing
are said to be unchanged, after the changes; empty cells are empty; rows
are numbered as Excel numbers them; a file refused as a whole says why in
words, once."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from partners.models import Company
from tests.partners.test_import_export import (
    CSV_FORMAT,
    company_row,
    confirm,
    csv_file,
    preview,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def staff_client(client, django_user_model):
    client.defaults["HTTP_ACCEPT_LANGUAGE"] = "en"
    client.force_login(
        django_user_model.objects.create_superuser(
            "manager", "manager@amurinvest.example", "amur-pass-2020"
        )
    )
    return client


def types_of(response) -> list[str]:
    return [row.import_type for row in response.context["result"].valid_rows()]


def test_a_row_that_changes_nothing_is_shown_unchanged_after_the_changes(
    staff_client,
):
    rows = [company_row(40), company_row(41)]
    confirm(
        staff_client,
        Company,
        preview(staff_client, Company, csv_file(rows), CSV_FORMAT),
    )
    rows[1]["name_en"] = "Amur Honey Renamed LLC"

    response = preview(staff_client, Company, csv_file(rows), CSV_FORMAT)

    assert sorted(types_of(response)) == ["skip", "update"]
    html = response.text
    assert html.index("Renamed") < html.index("Unchanged")
    assert ">None<" not in html


def test_rows_are_numbered_as_excel_numbers_them(staff_client):
    rows = [company_row(42), company_row(43, district="nowhere")]

    response = preview(staff_client, Company, csv_file(rows), CSV_FORMAT)

    [invalid] = response.context["result"].invalid_rows
    assert invalid.number + 1 == 3
    assert "<td>3</td>" in response.text
    assert "the heading row is row 1" in response.text


def test_a_heading_row_lost_to_question_marks_is_refused_in_words(staff_client):
    body = b"???,???,???\n7701234567,x,y\n"
    upload = SimpleUploadedFile("companies.csv", body, "text/csv")

    response = preview(staff_client, Company, upload, CSV_FORMAT)

    html = response.text
    assert response.status_code == 200
    assert "unique_values" not in html
    assert "Traceback" not in html
    errors = [str(error.error) for error in response.context["result"].base_errors]
    assert len(errors) == 1
    assert not response.context["result"].row_errors()
