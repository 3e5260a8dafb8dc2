"""Addresses of the investment case, under /invest/ (names in the `showcase`
namespace, as `showcase.urls` includes them)."""

from django.urls import path

from showcase.invest import views

urlpatterns = [
    path("invest/", views.InvestView.as_view(), name="invest"),
    path("invest/trade-japan.csv", views.trade_csv, name="trade_csv"),
    path(
        "invest/exports-<int:year>.csv",
        views.export_structure_csv,
        name="export_structure_csv",
    ),
    path(
        "invest/sectors/<slug:slug>/",
        views.SectorDetailView.as_view(),
        name="sector_detail",
    ),
    path(
        "invest/sectors/<slug:slug>/exports.csv",
        views.sector_exports_csv,
        name="sector_exports_csv",
    ),
    path("invest/projects/", views.ProjectListView.as_view(), name="project_list"),
    path(
        "invest/projects/<slug:slug>/",
        views.ProjectDetailView.as_view(),
        name="project_detail",
    ),
    path(
        "invest/support/",
        views.SupportMeasureListView.as_view(),
        name="support_list",
    ),
    path("invest/sites/", views.SiteListView.as_view(), name="site_list"),
    path("invest/costs/", views.CostsView.as_view(), name="costs"),
    path(
        "invest/sites/<slug:slug>/", views.SiteDetailView.as_view(), name="site_detail"
    ),
    path("invest/wild-harvest/", views.WildHarvestView.as_view(), name="wild_harvest"),
    path(
        "invest/wild-harvest/<int:year>.csv",
        views.wild_harvest_csv,
        name="wild_harvest_csv",
    ),
]
