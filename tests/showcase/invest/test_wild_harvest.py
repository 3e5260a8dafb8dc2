"""Wild harvest: district coordinators report for their own district only,
in admin lists, forms, exports and imports; the public page shows the
harvest calendar and the volumes."""

import csv
import io

import pytest
from django.contrib.auth.models import Group
from django.core.cache import cache
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from showcase.invest.resources.harvest import WildHarvestReportResource
from showcase.models import DistrictCoordinator, WildHarvestReport
from showcase.models.home import HOME_PAGE_CACHE_KEY
from tests.showcase.invest_factories import (
    InvestmentProjectFactory,
    WildHarvestReportFactory,
    district,
)

pytestmark = pytest.mark.django_db

CHANGELIST = reverse("admin:showcase_wildharvestreport_changelist")
ADD = reverse("admin:showcase_wildharvestreport_add")
IMPORT = reverse("admin:showcase_wildharvestreport_import")
PROCESS_IMPORT = reverse("admin:showcase_wildharvestreport_process_import")
EXPORT = reverse("admin:showcase_wildharvestreport_export")
EXPORT_COLUMNS = [
    "year",
    "district",
    "product",
    "volume_tonnes",
    "month_from",
    "month_to",
    "processing_on_site",
    "notes",
    "is_sample",
]


@pytest.fixture(autouse=True)
def fresh_home_page():
    # The home page row is cached; a row of an earlier test must not leak.
    cache.delete(HOME_PAGE_CACHE_KEY)
    yield
    cache.delete(HOME_PAGE_CACHE_KEY)


def staff(django_user_model, username, group, district_slug=None):
    user = django_user_model.objects.create_user(username, password="x", is_staff=True)
    user.groups.add(Group.objects.get(name=group))
    if district_slug:
        DistrictCoordinator.objects.create(user=user, district=district(district_slug))
    return user


# A coordinator may also work in another staff group. The union of the
# groups' permissions must not widen the district: every coordinator test
# below runs for a coordinator in no other group and in each of the others.
ALSO_IN = [None, "Content editor", "Agency manager", "Mission coordinator"]


@pytest.fixture(params=ALSO_IN, ids=lambda group: f"also {group}" if group else "alone")
def zeya_coordinator(request, django_user_model):
    user = staff(django_user_model, "zeya", "District coordinator", "zeysky")
    if request.param:
        user.groups.add(Group.objects.get(name=request.param))
    return user


@pytest.fixture
def reports():
    return {
        "zeysky": WildHarvestReportFactory(district=district("zeysky")),
        "tyndinsky": WildHarvestReportFactory(district=district("tyndinsky")),
    }


def login(client, user):
    client.defaults["HTTP_ACCEPT_LANGUAGE"] = "en"
    client.force_login(user)
    return client


def report_form(district_slug, **overrides):
    return {
        "district": district(district_slug).pk,
        "product": "blueberry",
        "year": "2020",
        "volume_tonnes": "120",
        "month_from": "7",
        "month_to": "8",
        **overrides,
    }


def csv_upload(rows):
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=list(rows[0]))
    writer.writeheader()
    writer.writerows(rows)
    return SimpleUploadedFile("harvest.csv", buffer.getvalue().encode(), "text/csv")


def harvest_row(district_slug, product="cranberry", volume="75"):
    return {
        "year": "2020",
        "district": district_slug,
        "product": product,
        "volume_tonnes": volume,
        "month_from": "9",
        "month_to": "10",
        "processing_on_site": "0",
    }


# --- Lists and forms ------------------------------------------------------------


def test_coordinator_lists_only_the_reports_of_their_district(
    client, zeya_coordinator, reports
):
    response = login(client, zeya_coordinator).get(CHANGELIST)

    assert list(response.context["cl"].result_list) == [reports["zeysky"]]


def test_agency_staff_list_every_district(client, django_user_model, reports):
    manager = staff(django_user_model, "manager", "Agency manager")

    response = login(client, manager).get(CHANGELIST)

    assert set(response.context["cl"].result_list) == set(reports.values())


def test_coordinator_cannot_open_or_change_another_districts_report(
    client, zeya_coordinator, reports
):
    other = reports["tyndinsky"]
    url = reverse("admin:showcase_wildharvestreport_change", args=[other.pk])
    login(client, zeya_coordinator)

    assert client.get(url).status_code == 302
    client.post(url, report_form("tyndinsky", volume_tonnes="1"))
    other.refresh_from_db()
    assert other.volume_tonnes == 100


def test_coordinator_cannot_delete_another_districts_report(
    client, zeya_coordinator, reports
):
    own, other = reports["zeysky"], reports["tyndinsky"]
    url = reverse("admin:showcase_wildharvestreport_delete", args=[other.pk])
    login(client, zeya_coordinator)

    page = client.get(url)
    client.post(url, {"post": "yes"})
    client.post(
        CHANGELIST,
        {
            "action": "delete_selected",
            "_selected_action": [own.pk, other.pk],
            "post": "yes",
        },
    )

    assert page.status_code == 302
    assert list(WildHarvestReport.objects.all()) == [other]


def test_coordinator_form_offers_their_district_only_and_chooses_it(
    client, zeya_coordinator
):
    response = login(client, zeya_coordinator).get(ADD)

    field = response.context["adminform"].form.fields["district"]
    assert [d.slug for d in field.queryset] == ["zeysky"]
    assert field.initial == district("zeysky")


def test_coordinator_cannot_save_a_report_for_another_district(
    client, zeya_coordinator
):
    response = login(client, zeya_coordinator).post(ADD, report_form("tyndinsky"))

    assert response.status_code == 200
    assert "district" in response.context["adminform"].form.errors
    assert not WildHarvestReport.objects.exists()


def test_coordinator_saves_a_report_for_their_district_signed_with_their_name(
    client, zeya_coordinator
):
    response = login(client, zeya_coordinator).post(ADD, report_form("zeysky"))

    assert response.status_code == 302
    report = WildHarvestReport.objects.get()
    assert report.district.slug == "zeysky"
    assert report.reported_by == zeya_coordinator


def test_a_harvest_cannot_end_before_it_begins(client, zeya_coordinator):
    form = report_form("zeysky", month_from="9", month_to="7")

    response = login(client, zeya_coordinator).post(ADD, form)

    assert "The harvest cannot end before it begins." in response.text
    assert not WildHarvestReport.objects.exists()


def test_coordinator_has_no_district_filter_of_all_districts(
    client, zeya_coordinator, reports
):
    response = login(client, zeya_coordinator).get(CHANGELIST)

    assert "district__id__exact" not in response.text


@pytest.mark.parametrize("other_group", ALSO_IN)
def test_coordinator_without_a_district_sees_nothing_and_adds_nothing(
    client, django_user_model, reports, other_group
):
    """The coordinator group keeps a newcomer out of every district until
    the agency links one, even one whose other group sees all reports."""
    newcomer = staff(django_user_model, "new", "District coordinator")
    if other_group:
        newcomer.groups.add(Group.objects.get(name=other_group))
    login(client, newcomer)

    response = client.get(CHANGELIST)

    assert list(response.context["cl"].result_list) == []
    assert client.get(ADD).status_code == 403
    assert export_csv(client) == []


def test_a_coordinator_who_edits_content_keeps_the_editors_pages_whole(
    client, django_user_model, reports
):
    """What a coordinator who is also a content editor sees: the editor's
    pages for every district (the district limit is the harvest reports'),
    and the harvest reports of their own district only."""
    editor = staff(django_user_model, "zeya", "District coordinator", "zeysky")
    editor.groups.add(Group.objects.get(name="Content editor"))
    tynda_project = InvestmentProjectFactory(district=district("tyndinsky"))
    login(client, editor)

    projects = client.get(reverse("admin:showcase_investmentproject_changelist"))
    harvest = client.get(CHANGELIST)

    assert list(projects.context["cl"].result_list) == [tynda_project]
    assert list(harvest.context["cl"].result_list) == [reports["zeysky"]]


# --- Exports and imports ----------------------------------------------------------


def export_csv(client):
    data = {"format": "0", "resource": "0"}
    data.update({f"wildharvestreportresource_{c}": "on" for c in EXPORT_COLUMNS})
    response = client.post(EXPORT, data)
    assert response.status_code == 200
    text = response.content.decode("utf-8-sig")
    heading = WildHarvestReportResource().heading_of("district")
    return [
        {"district": row[heading]}
        for row in csv.DictReader(io.StringIO(text), dialect=csv.Sniffer().sniff(text))
    ]


def test_coordinator_exports_only_their_district(client, zeya_coordinator, reports):
    rows = export_csv(login(client, zeya_coordinator))

    assert [row["district"] for row in rows] == [district("zeysky").name]


def test_agency_staff_export_every_district(client, django_user_model, reports):
    manager = staff(django_user_model, "manager", "Agency manager")

    rows = export_csv(login(client, manager))

    assert {row["district"] for row in rows} == {
        district("zeysky").name,
        district("tyndinsky").name,
    }


def test_a_row_for_another_district_is_an_invalid_row_and_nothing_is_imported(
    client, zeya_coordinator
):
    upload = csv_upload([harvest_row("zeysky"), harvest_row("tyndinsky")])

    response = login(client, zeya_coordinator).post(
        IMPORT, {"import_file": upload, "format": "0"}
    )

    assert "confirm_form" not in response.context
    [invalid] = response.context["result"].invalid_rows
    assert invalid.number == 2
    assert "You report for" in " ".join(
        invalid.field_specific_errors[
            WildHarvestReportResource().heading_of("district")
        ]
    )
    assert not WildHarvestReport.objects.exists()


def test_coordinator_cannot_overwrite_another_districts_report_by_import(
    client, zeya_coordinator, reports
):
    row = harvest_row("tyndinsky", product="lingonberry", volume="1")

    response = login(client, zeya_coordinator).post(
        IMPORT, {"import_file": csv_upload([row]), "format": "0"}
    )

    assert response.context["result"].invalid_rows
    reports["tyndinsky"].refresh_from_db()
    assert reports["tyndinsky"].volume_tonnes == 100


def test_coordinator_cannot_confirm_an_import_of_another_district(
    client, django_user_model, zeya_coordinator
):
    """The confirm step checks the district again: a confirmation posted
    with a file someone else previewed (an agency manager's, for Tynda) is
    refused whole."""
    manager = staff(django_user_model, "manager", "Agency manager")
    upload = csv_upload([harvest_row("tyndinsky"), harvest_row("zeysky")])
    preview = login(client, manager).post(
        IMPORT, {"import_file": upload, "format": "0"}
    )

    response = login(client, zeya_coordinator).post(
        PROCESS_IMPORT, preview.context["confirm_form"].initial
    )

    assert response.status_code == 302
    assert response.url == IMPORT
    assert not WildHarvestReport.objects.exists()
    [message] = [str(m) for m in response.wsgi_request._messages]
    assert message.startswith("Nothing was imported: rows 2 are not valid.")


def test_an_import_confirmed_after_the_coordinator_moved_district_writes_nothing(
    client, zeya_coordinator
):
    login(client, zeya_coordinator)
    upload = csv_upload([harvest_row("zeysky")])
    preview = client.post(IMPORT, {"import_file": upload, "format": "0"})
    DistrictCoordinator.objects.filter(user=zeya_coordinator).update(
        district=district("tyndinsky")
    )

    response = client.post(PROCESS_IMPORT, preview.context["confirm_form"].initial)

    assert response.url == IMPORT
    assert not WildHarvestReport.objects.exists()


def test_coordinator_imports_their_own_district_after_the_preview(
    client, zeya_coordinator, reports
):
    rows = [harvest_row("zeysky"), harvest_row("zeysky", "lingonberry", "410")]
    login(client, zeya_coordinator)

    preview = client.post(IMPORT, {"import_file": csv_upload(rows), "format": "0"})
    assert not WildHarvestReport.objects.filter(product="cranberry").exists()
    response = client.post(PROCESS_IMPORT, preview.context["confirm_form"].initial)

    assert response.status_code == 302
    zeya = WildHarvestReport.objects.filter(district__slug="zeysky")
    assert zeya.count() == 2
    assert zeya.get(product="lingonberry").volume_tonnes == 410
    assert zeya.get(product="cranberry").reported_by == zeya_coordinator


def test_agency_staff_import_any_district(client, django_user_model):
    manager = staff(django_user_model, "manager", "Agency manager")
    rows = [harvest_row("zeysky"), harvest_row("tyndinsky")]
    login(client, manager)

    preview = client.post(IMPORT, {"import_file": csv_upload(rows), "format": "0"})
    client.post(PROCESS_IMPORT, preview.context["confirm_form"].initial)

    assert WildHarvestReport.objects.count() == 2


def test_import_names_an_unknown_product_and_month_by_column(client, zeya_coordinator):
    row = {**harvest_row("zeysky", product="caviar"), "month_to": "13"}

    response = login(client, zeya_coordinator).post(
        IMPORT, {"import_file": csv_upload([row]), "format": "0"}
    )

    [invalid] = response.context["result"].invalid_rows
    resource = WildHarvestReportResource()
    assert set(invalid.field_specific_errors) == {
        resource.heading_of("product"),
        resource.heading_of("month_to"),
    }


def test_changelist_query_count_holds_with_many_reports(
    client, django_user_model, django_assert_max_num_queries
):
    manager = staff(django_user_model, "manager", "Agency manager")
    for slug in ("zeysky", "tyndinsky", "selemdzhinsky"):
        for year in range(2000, 2030):
            WildHarvestReportFactory(district=district(slug), year=year)
    login(client, manager)
    client.get(CHANGELIST)

    with django_assert_max_num_queries(12):
        response = client.get(CHANGELIST)

    assert response.status_code == 200
    assert len(response.context["cl"].result_list) == 90


# --- The public page --------------------------------------------------------------


@pytest.mark.parametrize(
    ("language", "product", "month"),
    [
        ("ru", "Брусника", "Авг."),
        ("ja", "コケモモ", "8月"),
        ("en", "Lingonberry", "Aug."),
    ],
)
def test_harvest_page_shows_the_calendar_in_the_page_language(
    client, language, product, month
):
    WildHarvestReportFactory(month_from=8, month_to=9)

    html = client.get(f"/{language}/invest/wild-harvest/").content.decode()

    assert product in html
    assert month in html
    assert html.count('class="harvest-calendar__on"') == 2


def test_calendar_joins_the_seasons_of_every_district():
    from showcase.invest.figures.harvest import calendar

    reports = [
        WildHarvestReportFactory(district=district("zeysky"), month_from=7, month_to=8),
        WildHarvestReportFactory(
            district=district("tyndinsky"), month_from=8, month_to=9
        ),
    ]

    [line] = calendar(reports)

    assert [n for n, on in enumerate(line.months, start=1) if on] == [7, 8, 9]
    assert len(line.districts) == 2


def test_harvest_page_shows_the_year_asked_for_and_the_latest_otherwise(client):
    WildHarvestReportFactory(year=2019, product="fern", month_from=5, month_to=6)
    WildHarvestReportFactory(year=2020)

    assert client.get("/en/invest/wild-harvest/?year=2019").context["year"] == 2019
    for bad in ("1999", "abc", "", "2019" * 50, "9" * 5000):
        assert (
            client.get(f"/en/invest/wild-harvest/?year={bad}").context["year"] == 2020
        )


def test_harvest_page_without_reports_says_so(client):
    html = client.get("/en/invest/wild-harvest/").content.decode()

    assert "The districts have not reported yet." in html


def test_harvest_csv_of_a_year_without_reports_is_not_found(client):
    assert client.get("/en/invest/wild-harvest/1999.csv").status_code == 404


def test_harvest_page_query_count_holds_with_many_reports(
    client, django_assert_max_num_queries
):
    products = ["lingonberry", "blueberry", "mushrooms", "fern", "pine_nuts"]
    slugs = ["zeysky", "tyndinsky", "selemdzhinsky", "magdagachinsky", "skovorodinsky"]
    for slug in slugs:
        for product in products:
            for year in (2019, 2020):
                WildHarvestReportFactory(
                    district=district(slug), product=product, year=year
                )

    with django_assert_max_num_queries(4):
        response = client.get("/en/invest/wild-harvest/")

    assert len(response.context["calendar"]) == 5


# --- In words staff read, and back ------------------------------------------------


def stored_reports():
    return sorted(
        WildHarvestReport.objects.values_list(
            "district__slug",
            "product",
            "year",
            "volume_tonnes",
            "month_from",
            "month_to",
            "processing_on_site",
            "notes",
            "is_sample",
        )
    )


@pytest.mark.parametrize(
    ("language", "file_format", "words", "codes"),
    [
        ("ru", "0", ["Зейский", "клюква", "Сентябрь", "да"], ["zeysky", "cranberry"]),
        ("ja", "1", ["ゼヤ", "9月", "はい"], ["zeysky", "cranberry"]),
        # English names the product as its code does.
        ("en", "0", ["Zeysky District", "cranberry", "September", "yes"], ["zeysky"]),
    ],
)
def test_the_export_is_in_words_of_the_staff_language_and_imports_back(
    client, django_user_model, language, file_format, words, codes
):
    """The export says «Зейский район; клюква; Сентябрь; да», not «zeysky;
    cranberry;9;1»; the same file, as downloaded, imports every report back."""
    from amur_invest.spreadsheets.files import read_xlsx

    manager = staff(django_user_model, "manager", "Agency manager")
    WildHarvestReportFactory(
        district=district("zeysky"),
        product="cranberry",
        volume_tonnes="55.5",
        month_from=9,
        month_to=10,
        processing_on_site=True,
        notes="Мари; «по дороге»",
    )
    WildHarvestReportFactory(district=district("tyndinsky"), is_sample=True)
    before = stored_reports()
    login(client, manager)
    client.defaults["HTTP_ACCEPT_LANGUAGE"] = language

    data = {"format": file_format, "resource": "0"}
    data.update({f"wildharvestreportresource_{c}": "on" for c in EXPORT_COLUMNS})
    exported = client.post(EXPORT, data).content
    if file_format == "0":
        text = exported.decode("utf-8-sig")
    else:
        dataset = read_xlsx(exported, limit=100)
        text = "\n".join(
            ";".join(str(cell) for cell in row) for row in [dataset.headers, *dataset]
        )
    for code in codes:
        assert code not in text
    for word in words:
        assert word in text

    WildHarvestReport.objects.all().delete()
    name = "harvest.csv" if file_format == "0" else "harvest.xlsx"
    preview = client.post(
        IMPORT,
        {"import_file": SimpleUploadedFile(name, exported), "format": file_format},
    )
    assert not preview.context["result"].has_validation_errors()
    client.post(PROCESS_IMPORT, preview.context["confirm_form"].initial)

    assert stored_reports() == before


def test_codes_of_earlier_files_import_as_words_do(client, django_user_model):
    manager = staff(django_user_model, "manager", "Agency manager")
    rows = [
        {**harvest_row("zeysky"), "processing_on_site": "1"},
        {
            **harvest_row("Тындинский район", product="Брусника", volume="2"),
            "month_from": "Июль",
            "month_to": "8月",
            "processing_on_site": "いいえ",
        },
    ]
    login(client, manager)

    preview = client.post(IMPORT, {"import_file": csv_upload(rows), "format": "0"})
    client.post(PROCESS_IMPORT, preview.context["confirm_form"].initial)

    assert stored_reports() == [
        ("tyndinsky", "lingonberry", 2020, 2, 7, 8, False, "", False),
        ("zeysky", "cranberry", 2020, 75, 9, 10, True, "", False),
    ]
