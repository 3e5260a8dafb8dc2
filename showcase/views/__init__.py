"""Public pages of the showcase, one module per kind of page."""

from showcase.views.harvest import WildHarvestView, wild_harvest_csv
from showcase.views.home import HomeView, favicon, robots_txt
from showcase.views.invest import (
    InvestView,
    ProjectDetailView,
    ProjectListView,
    SectorDetailView,
    SiteDetailView,
    SiteListView,
    SupportMeasureListView,
    export_structure_csv,
    sector_exports_csv,
    trade_csv,
)

__all__ = [
    "HomeView",
    "InvestView",
    "ProjectDetailView",
    "ProjectListView",
    "SectorDetailView",
    "SiteDetailView",
    "SiteListView",
    "SupportMeasureListView",
    "WildHarvestView",
    "export_structure_csv",
    "favicon",
    "robots_txt",
    "sector_exports_csv",
    "trade_csv",
    "wild_harvest_csv",
]
