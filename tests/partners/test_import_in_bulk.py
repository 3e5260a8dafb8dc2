"""The company import saves its rows in batches: what a row-by-row save did
(unique checks, slugs, sectors, search text, timestamps) still holds, and
the queries do not grow with the rows."""

import datetime

import pytest
from django.db import connection
from django.utils import timezone
from tablib import Dataset

from partners.models import Company, Sector
from partners.resources import CompanyResource
from tests.partners.factories import (
    CompanyFactory,
    SectorFactory,
    inn_with_check_digit,
)
from tests.partners.test_import_export import (
    CSV_FORMAT,
    company_row,
    confirm,
    csv_file,
    import_url,
    preview,
)

pytestmark = pytest.mark.django_db


def dataset(rows) -> Dataset:
    data = Dataset(headers=list(rows[0]))
    for row in rows:
        data.append(list(row.values()))
    return data


def run_import(rows, *, dry_run=False):
    return CompanyResource().import_data(
        dataset(rows),
        dry_run=dry_run,
        use_transactions=True,
        rollback_on_validation_errors=True,
    )


def test_two_new_companies_with_one_english_name_get_their_own_slugs():
    rows = [
        company_row(1, name_en="Amur Honey LLC"),
        company_row(2, name_en="Amur Honey LLC"),
    ]

    result = run_import(rows)

    assert not result.has_validation_errors()
    slugs = set(Company.objects.values_list("slug", flat=True))
    assert slugs == {"amur-honey-llc", f"amur-honey-llc-{inn_with_check_digit(2)}"}


def test_a_new_company_gets_a_free_slug_beside_a_stored_one():
    CompanyFactory(slug="amur-honey-llc")

    run_import([company_row(3, name_en="Amur Honey LLC")])

    assert Company.objects.get(inn=inn_with_check_digit(3)).slug == (
        f"amur-honey-llc-{inn_with_check_digit(3)}"
    )


def test_a_slug_taken_by_another_company_is_a_row_error_on_its_column():
    CompanyFactory(slug="taken")

    result = run_import([company_row(4, slug=""), company_row(5, slug="taken")])

    [invalid] = result.invalid_rows
    assert invalid.number == 2
    assert "Slug already exists" in " ".join(invalid.field_specific_errors["Slug"])
    assert Company.objects.count() == 1


def test_a_slug_a_company_gives_up_is_free_for_a_later_row():
    company = CompanyFactory(slug="old-slug")
    rows = [
        company_row(0, inn=company.inn, slug="new-slug"),
        company_row(6, slug="old-slug"),
    ]

    result = run_import(rows)

    assert not result.has_validation_errors(), result.invalid_rows[0].error_dict
    assert not result.has_errors(), result.base_errors
    assert Company.objects.get(inn=inn_with_check_digit(6)).slug == "old-slug"


def test_imported_companies_are_found_by_their_sectors_in_any_language(client):
    run_import([company_row(7, sectors="honey", is_published="1")])
    company = Company.objects.get(inn=inn_with_check_digit(7))
    company.is_published = True
    company.save()

    page = client.get("/ja/companies/", {"q": Sector.objects.get(slug="honey").name_ja})

    assert company in page.context["companies"]


def test_an_import_replaces_the_sectors_of_an_existing_company():
    caviar = SectorFactory(slug="caviar", name_en="Caviar", name_ja="キャビア")
    company = CompanyFactory(sectors=[caviar])

    run_import([company_row(0, inn=company.inn, slug=company.slug, sectors="food")])

    assert list(company.sectors.values_list("slug", flat=True)) == ["food"]
    company.refresh_from_db()
    assert "caviar" not in company.search_text
    assert "food" in company.search_text


def test_an_empty_sectors_cell_empties_them():
    company = CompanyFactory(sectors=[Sector.objects.get(slug="honey")])

    run_import([company_row(0, inn=company.inn, slug=company.slug, sectors="")])

    assert not company.sectors.exists()


def test_an_updated_company_is_stamped_as_changed():
    company = CompanyFactory()
    Company.objects.filter(pk=company.pk).update(
        updated_at=timezone.now() - datetime.timedelta(days=30)
    )

    run_import([company_row(0, inn=company.inn, slug=company.slug)])

    company.refresh_from_db()
    assert timezone.now() - company.updated_at < datetime.timedelta(minutes=1)


def test_the_preview_shows_the_sectors_of_new_companies_and_writes_nothing(
    staff_client,
):
    response = preview(
        staff_client, Company, csv_file([company_row(8, sectors="honey")]), CSV_FORMAT
    )

    [row] = response.context["result"].valid_rows()
    assert "honey" in " ".join(str(cell) for cell in row.diff)
    assert not Company.objects.exists()
    confirm(staff_client, Company, response)
    assert Company.objects.get().sectors.get().slug == "honey"


def test_a_bad_row_in_a_later_batch_writes_nothing(monkeypatch):
    monkeypatch.setattr(CompanyResource._meta, "batch_size", 2)
    rows = [company_row(number) for number in range(10, 15)]
    rows.append(company_row(15, district="atlantis"))

    result = run_import(rows)

    assert [row.number for row in result.invalid_rows] == [6]
    assert not Company.objects.exists()
    assert not Company.sectors.through.objects.exists()


def refuse_in_the_database(inn: str) -> None:
    """From now on (until the test's transaction ends) PostgreSQL refuses to
    insert the company with this INN, as a statement timeout would: a
    failure no preview can foresee."""
    assert inn.isdigit()
    with connection.cursor() as cursor:
        cursor.execute(
            f"""
            CREATE FUNCTION refuse_company() RETURNS trigger
            LANGUAGE plpgsql AS $$
            BEGIN
              IF NEW.inn = '{inn}' THEN
                RAISE EXCEPTION 'canceling statement due to statement timeout'
                  USING ERRCODE = 'query_canceled';
              END IF;
              RETURN NEW;
            END $$;
            CREATE TRIGGER refuse_company BEFORE INSERT ON partners_company
              FOR EACH ROW EXECUTE FUNCTION refuse_company();
            """
        )


@pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="the refusal is a PostgreSQL trigger (CI runs PostgreSQL)",
)
def test_a_database_error_in_a_later_batch_of_a_confirmed_import_writes_nothing(
    staff_client, monkeypatch
):
    """Through the admin's preview and confirm, as staff import: the batches
    before the failure were saved, and must not stay; the staff member reads
    what happened in words, not the database's, and gets no error page."""
    monkeypatch.setattr(CompanyResource._meta, "batch_size", 2)
    rows = [company_row(number) for number in range(40, 46)]
    previewed = preview(staff_client, Company, csv_file(rows), CSV_FORMAT)
    assert "confirm_form" in previewed.context
    refuse_in_the_database(inn_with_check_digit(44))  # the third batch

    response = confirm(staff_client, Company, previewed)

    assert response.status_code == 302
    assert response.url == import_url(Company)
    assert not Company.objects.exists()
    assert not Company.sectors.through.objects.exists()
    [message] = [str(m) for m in response.wsgi_request._messages]
    assert message.startswith("Nothing was imported: the database did not save")
    assert "timeout" not in message
    page = staff_client.get(response.url)
    assert page.status_code == 200


def test_the_queries_of_an_import_do_not_grow_with_its_rows(
    django_assert_max_num_queries,
):
    run_import([company_row(20)])  # reference tables read once per import
    few = [company_row(number) for number in range(30, 35)]
    many = [company_row(number) for number in range(100, 400)]

    with django_assert_max_num_queries(30) as small:
        run_import(few)
    with django_assert_max_num_queries(len(small.captured_queries) + 4):
        run_import(many)

    assert Company.objects.count() == 306
