"""The investment case in the admin: every page renders under the CSP, trade
figures import and export like the partners' data, and each staff group has
the rights its work needs."""

import csv
import io

import pytest
from django.contrib.auth.models import Group
from django.core.cache import cache
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from showcase.models import (
    DistrictCoordinator,
    HomePage,
    InvestmentProject,
    InvestmentSite,
    SectorProfile,
    SupportMeasure,
    TradeFigure,
    WildHarvestReport,
)
from showcase.models.home import HOME_PAGE_CACHE_KEY
from showcase.resources.trade import TradeFigureResource
from tests.partners.test_admin import assert_no_script_blocked_by_csp
from tests.showcase.invest_factories import (
    InvestmentProjectFactory,
    InvestmentSiteFactory,
    SupportMeasureFactory,
    TradeFigureFactory,
    WildHarvestReportFactory,
    district,
    sector,
)

pytestmark = pytest.mark.django_db

TRADE_COLUMNS = [
    "year",
    "partner_country",
    "flow",
    "commodity_group",
    "value",
    "currency",
    "source",
    "is_sample",
]


@pytest.fixture(autouse=True)
def fresh_home_page():
    cache.delete(HOME_PAGE_CACHE_KEY)
    yield
    cache.delete(HOME_PAGE_CACHE_KEY)


@pytest.fixture
def staff_client(client, django_user_model):
    user = django_user_model.objects.create_superuser("boss", "b@example.ru", "x")
    client.defaults["HTTP_ACCEPT_LANGUAGE"] = "en"
    client.force_login(user)
    return client


def member_of(client, django_user_model, group):
    user = django_user_model.objects.create_user(group, password="x", is_staff=True)
    user.groups.add(Group.objects.get(name=group))
    client.defaults["HTTP_ACCEPT_LANGUAGE"] = "en"
    client.force_login(user)
    return client


def one_row_of(model, django_user_model=None):
    makers = {
        TradeFigure: TradeFigureFactory,
        SupportMeasure: lambda: SupportMeasureFactory(sectors=[sector("honey")]),
        InvestmentSite: InvestmentSiteFactory,
        InvestmentProject: lambda: InvestmentProjectFactory(
            site=InvestmentSiteFactory(), support_measures=[SupportMeasureFactory()]
        ),
        SectorProfile: lambda: SectorProfile.objects.create(
            sector=sector("honey"), offer_ru="Мёд"
        ),
        HomePage: HomePage.load,
        WildHarvestReport: WildHarvestReportFactory,
        DistrictCoordinator: lambda: DistrictCoordinator.objects.create(
            user=django_user_model.objects.create_user("coordinator"),
            district=district("zeysky"),
        ),
    }
    return makers[model]()


def admin_url(model, view, *args):
    meta = model._meta
    return reverse(f"admin:{meta.app_label}_{meta.model_name}_{view}", args=args)


EVERY_MODEL = [
    TradeFigure,
    SupportMeasure,
    InvestmentSite,
    InvestmentProject,
    SectorProfile,
    HomePage,
    WildHarvestReport,
    DistrictCoordinator,
]


@pytest.mark.parametrize("model", EVERY_MODEL, ids=lambda m: m.__name__)
def test_list_and_change_pages_render_under_the_csp(
    staff_client, django_user_model, model
):
    row = one_row_of(model, django_user_model)

    for url in (admin_url(model, "changelist"), admin_url(model, "change", row.pk)):
        response = staff_client.get(url)
        assert response.status_code == 200
        assert_no_script_blocked_by_csp(response)
    search = staff_client.get(admin_url(model, "changelist"), {"q": "a"})
    assert search.status_code == 200


def test_the_home_page_row_is_edited_never_added_or_deleted(staff_client):
    row = HomePage.load()

    assert staff_client.get(admin_url(HomePage, "add")).status_code == 403
    assert staff_client.get(admin_url(HomePage, "delete", row.pk)).status_code == 403


@pytest.mark.parametrize("model", [TradeFigure, WildHarvestReport])
def test_import_and_export_pages_render_under_the_csp(staff_client, model):
    for view in ("import", "export"):
        response = staff_client.get(admin_url(model, view))
        assert response.status_code == 200
        assert_no_script_blocked_by_csp(response)


# --- Trade figures in spreadsheets --------------------------------------------------


def trade_row(**overrides):
    row = {
        "year": "2019",
        "partner_country": "JP",
        "flow": "export",
        "commodity_group": "food",
        "value": "17500",
        "currency": "USD",
        "source": "Far Eastern customs",
        "is_sample": "0",
    }
    return {**row, **overrides}


def csv_upload(rows):
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=list(rows[0]))
    writer.writeheader()
    writer.writerows(rows)
    return SimpleUploadedFile("trade.csv", buffer.getvalue().encode(), "text/csv")


def preview(client, rows):
    return client.post(
        admin_url(TradeFigure, "import"),
        {"import_file": csv_upload(rows), "format": "0"},
    )


def test_trade_figures_are_previewed_then_written(staff_client):
    rows = [trade_row(), trade_row(flow="import", commodity_group="machinery")]

    response = preview(staff_client, rows)
    assert not TradeFigure.objects.exists()
    staff_client.post(
        admin_url(TradeFigure, "process_import"),
        response.context["confirm_form"].initial,
    )

    assert TradeFigure.objects.count() == 2
    assert TradeFigure.objects.get(flow="export").value == 17500


def test_an_existing_figure_is_found_by_its_key_and_updated(staff_client):
    figure = TradeFigureFactory(value=1)

    response = preview(staff_client, [trade_row(partner_country="jp")])
    staff_client.post(
        admin_url(TradeFigure, "process_import"),
        response.context["confirm_form"].initial,
    )

    figure.refresh_from_db()
    assert figure.value == 17500
    assert TradeFigure.objects.count() == 1


@pytest.mark.parametrize(
    ("cells", "column"),
    [
        ({"flow": "sideways"}, "flow"),
        ({"commodity_group": "caviar"}, "commodity_group"),
        ({"value": "-5"}, "value"),
        ({"year": "1850"}, "year"),
        ({"currency": "XYZ"}, "currency"),
    ],
)
def test_a_bad_trade_row_writes_nothing_and_names_its_column(
    staff_client, cells, column
):
    rows = [trade_row(), trade_row(**{"commodity_group": "honey", **cells})]

    response = preview(staff_client, rows)

    assert "confirm_form" not in response.context
    [invalid] = response.context["result"].invalid_rows
    assert invalid.number == 2
    assert TradeFigureResource().heading_of(column) in invalid.field_specific_errors
    assert not TradeFigure.objects.exists()


def test_the_same_figure_twice_in_a_file_is_refused(staff_client):
    response = preview(staff_client, [trade_row(), trade_row(value="1")])

    [invalid] = response.context["result"].invalid_rows
    assert invalid.number == 2


def test_trade_export_has_explicit_columns(staff_client):
    TradeFigureFactory()
    data = {"format": "0", "resource": "0"}
    data.update({f"tradefigureresource_{column}": "on" for column in TRADE_COLUMNS})

    response = staff_client.post(admin_url(TradeFigure, "export"), data)

    [header, row] = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    resource = TradeFigureResource()
    assert header == [resource.heading_of(column) for column in TRADE_COLUMNS]
    assert row[:4] == ["2019", "JP", "export", "food"]


# --- Rights of each group ------------------------------------------------------------


def test_content_editor_keeps_projects_but_cannot_import_trade_figures(
    client, django_user_model
):
    member_of(client, django_user_model, "Content editor")

    assert client.get(admin_url(InvestmentProject, "add")).status_code == 200
    assert client.get(admin_url(TradeFigure, "changelist")).status_code == 200
    assert client.get(admin_url(TradeFigure, "import")).status_code == 403
    assert client.get(admin_url(TradeFigure, "add")).status_code == 403


def test_agency_manager_imports_and_exports_trade_figures(client, django_user_model):
    member_of(client, django_user_model, "Agency manager")

    assert client.get(admin_url(TradeFigure, "import")).status_code == 200
    assert client.get(admin_url(TradeFigure, "export")).status_code == 200
    assert client.get(admin_url(DistrictCoordinator, "add")).status_code == 200


def test_district_coordinator_keeps_harvest_reports_and_nothing_else(
    client, django_user_model
):
    member_of(client, django_user_model, "District coordinator")

    assert client.get(admin_url(WildHarvestReport, "changelist")).status_code == 200
    assert client.get(admin_url(WildHarvestReport, "import")).status_code == 200
    assert client.get(admin_url(InvestmentProject, "changelist")).status_code == 403
    assert client.get(admin_url(TradeFigure, "changelist")).status_code == 403
    assert client.get(admin_url(DistrictCoordinator, "changelist")).status_code == 403


def test_trade_changelist_query_count_holds_with_many_rows(
    staff_client, django_assert_max_num_queries
):
    for year in range(1990, 2040):
        TradeFigureFactory(year=year)
    staff_client.get(admin_url(TradeFigure, "changelist"))

    with django_assert_max_num_queries(10):
        staff_client.get(admin_url(TradeFigure, "changelist"))


def test_project_changelist_query_count_holds_with_many_rows(
    staff_client, django_assert_max_num_queries
):
    for _ in range(60):
        InvestmentProjectFactory()
    staff_client.get(admin_url(InvestmentProject, "changelist"))

    with django_assert_max_num_queries(10):
        staff_client.get(admin_url(InvestmentProject, "changelist"))
