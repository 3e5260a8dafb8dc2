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

from showcase.invest.resources.trade import TradeFigureResource
from showcase.models import (
    DistrictCoordinator,
    HomePage,
    InvestmentProject,
    InvestmentSite,
    SectorProfile,
    SupportMeasure,
    TradeFigure,
    TradeYear,
    WildHarvestReport,
)
from showcase.models.home import HOME_PAGE_CACHE_KEY
from tests.partners.test_admin import assert_no_script_blocked_by_csp
from tests.showcase.invest_factories import (
    InvestmentProjectFactory,
    InvestmentSiteFactory,
    SupportMeasureFactory,
    TradeFigureFactory,
    TradeYearFactory,
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
        TradeYear: TradeYearFactory,
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
    TradeYear,
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

    listed = staff_client.get(admin_url(model, "changelist"))
    changed = staff_client.get(admin_url(model, "change", row.pk))

    for response in (listed, changed):
        assert response.status_code == 200
        assert_no_script_blocked_by_csp(response)
    assert list(listed.context["cl"].result_list) == [row]
    assert changed.context["original"] == row


def searched_rows_of(model, django_user_model):
    """A row to find, another row the search must leave out, and the words
    staff type to find the first."""
    coordinator = django_user_model.objects.create_user
    makers = {
        TradeFigure: lambda: (
            TradeFigureFactory(source="Rosstat customs"),
            TradeFigureFactory(year=2018),
            "rosstat",
        ),
        TradeYear: lambda: (
            TradeYearFactory(year=2019, source_en="Rosstat customs"),
            TradeYearFactory(year=2018, source_en="Other", source_ru="Другое"),
            "rosstat",
        ),
        SupportMeasure: lambda: (
            SupportMeasureFactory(name_en="Land without an auction"),
            SupportMeasureFactory(),
            "auction",
        ),
        InvestmentSite: lambda: (
            InvestmentSiteFactory(name_en="Plot by the Zeya dam"),
            InvestmentSiteFactory(),
            "dam",
        ),
        InvestmentProject: lambda: (
            InvestmentProjectFactory(title_en="Larch pellet plant"),
            InvestmentProjectFactory(),
            "pellet",
        ),
        SectorProfile: lambda: (
            SectorProfile.objects.create(sector=sector("honey")),
            SectorProfile.objects.create(sector=sector("food")),
            sector("honey").name_ja,
        ),
        WildHarvestReport: lambda: (
            WildHarvestReportFactory(district=district("zeysky")),
            WildHarvestReportFactory(district=district("tyndinsky")),
            district("zeysky").name_ja,
        ),
        DistrictCoordinator: lambda: (
            DistrictCoordinator.objects.create(
                user=coordinator("zeya-reports"), district=district("zeysky")
            ),
            DistrictCoordinator.objects.create(
                user=coordinator("tynda-reports"), district=district("tyndinsky")
            ),
            "zeya",
        ),
    }
    return makers[model]()


@pytest.mark.parametrize(
    "model", [m for m in EVERY_MODEL if m is not HomePage], ids=lambda m: m.__name__
)
def test_changelist_search_finds_the_row_and_leaves_out_the_others(
    staff_client, django_user_model, model
):
    found, _left_out, words = searched_rows_of(model, django_user_model)

    response = staff_client.get(admin_url(model, "changelist"), {"q": words})

    assert response.status_code == 200
    assert list(response.context["cl"].result_list) == [found]


def test_the_home_page_row_is_edited_never_added_or_deleted(staff_client):
    row = HomePage.load()

    assert staff_client.get(admin_url(HomePage, "add")).status_code == 403
    assert staff_client.get(admin_url(HomePage, "delete", row.pk)).status_code == 403


@pytest.mark.parametrize("model", [TradeFigure, WildHarvestReport])
def test_import_and_export_pages_render_under_the_csp(staff_client, model):
    for view, field in (("import", "import_file"), ("export", "format")):
        response = staff_client.get(admin_url(model, view))
        assert response.status_code == 200
        assert f'name="{field}"' in response.text
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
    # The flow and the commodity group in words, as the admin names them.
    flow, group = (
        dict(TradeFigure._meta.get_field(name).choices)[code]
        for name, code in (("flow", "export"), ("commodity_group", "food"))
    )
    assert row[:4] == ["2019", "JP", str(flow), str(group)]


# --- Rights of each group ------------------------------------------------------------


def test_content_editor_keeps_projects_and_figures_but_cannot_import_figures(
    client, django_user_model
):
    member_of(client, django_user_model, "Content editor")
    figure = TradeFigureFactory()

    add_project = client.get(admin_url(InvestmentProject, "add"))
    figures = client.get(admin_url(TradeFigure, "changelist"))

    assert add_project.status_code == figures.status_code == 200
    assert "title_ru" in add_project.context["adminform"].form.fields
    assert list(figures.context["cl"].result_list) == [figure]
    # Content editors publish the investment page: they keep its figures.
    assert figures.context["has_add_permission"] is True
    assert client.get(admin_url(TradeFigure, "add")).status_code == 200
    assert client.get(admin_url(TradeFigure, "import")).status_code == 403


def test_agency_manager_imports_and_exports_trade_figures(client, django_user_model):
    member_of(client, django_user_model, "Agency manager")

    imports = client.get(admin_url(TradeFigure, "import"))
    exports = client.get(admin_url(TradeFigure, "export"))
    link = client.get(admin_url(DistrictCoordinator, "add"))

    assert imports.status_code == exports.status_code == link.status_code == 200
    assert 'name="import_file"' in imports.text
    assert 'name="format"' in exports.text
    assert {"user", "district"} <= set(link.context["adminform"].form.fields)


def test_district_coordinator_keeps_harvest_reports_and_nothing_else(
    client, django_user_model
):
    member_of(client, django_user_model, "District coordinator")
    DistrictCoordinator.objects.create(
        user=django_user_model.objects.get(username="District coordinator"),
        district=district("zeysky"),
    )
    zeya = WildHarvestReportFactory(district=district("zeysky"))
    WildHarvestReportFactory(district=district("tyndinsky"))

    reports = client.get(admin_url(WildHarvestReport, "changelist"))
    imports = client.get(admin_url(WildHarvestReport, "import"))

    assert reports.status_code == imports.status_code == 200
    assert list(reports.context["cl"].result_list) == [zeya]
    assert 'name="import_file"' in imports.text
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
        response = staff_client.get(admin_url(TradeFigure, "changelist"))

    assert response.status_code == 200
    years = [figure.year for figure in response.context["cl"].result_list]
    assert sorted(years) == list(range(1990, 2040))


def test_project_changelist_query_count_holds_with_many_rows(
    staff_client, django_assert_max_num_queries
):
    projects = [InvestmentProjectFactory() for _ in range(60)]
    staff_client.get(admin_url(InvestmentProject, "changelist"))

    with django_assert_max_num_queries(10):
        response = staff_client.get(admin_url(InvestmentProject, "changelist"))

    assert response.status_code == 200
    assert set(response.context["cl"].result_list) == set(projects)


# --- Trade years: published as complete by the agency manager ----------------------


def test_agency_manager_publishes_a_year_and_it_reaches_the_site(
    client, django_user_model
):
    TradeFigureFactory(year=2018)
    draft = TradeYearFactory(year=2019, is_complete=False)
    TradeFigureFactory(year=2019)
    member_of(client, django_user_model, "Agency manager")
    assert "2019" not in client.get("/en/invest/trade-japan.csv").content.decode()

    response = client.post(
        admin_url(TradeYear, "changelist"),
        {"action": "publish_as_complete", "_selected_action": [draft.pk]},
        follow=True,
    )

    assert response.status_code == 200
    assert TradeYear.objects.get(year=2019).is_complete
    assert "2019" in client.get("/en/invest/trade-japan.csv").content.decode()


def test_content_editor_cannot_publish_a_year(client, django_user_model):
    TradeYearFactory(year=2019, is_complete=False)
    member_of(client, django_user_model, "Content editor")

    listed = client.get(admin_url(TradeYear, "changelist"))

    assert listed.status_code == 200
    assert "publish_as_complete" not in listed.text
