"""Public pages of the showcase, one module per kind of page."""

from showcase.views.events import (
    ActivityView,
    EventCalendarView,
    EventDetailView,
    ExchangesView,
    calendar_feed,
    item_ics,
)
from showcase.views.harvest import WildHarvestView, wild_harvest_csv
from showcase.views.home import HomeView, favicon, robots_txt
from showcase.views.inquiries import contact, contact_sent
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
from showcase.views.news import NewsDetailView, NewsFeed, NewsListView
from showcase.views.presentations import (
    PresentationDetailView,
    PresentationListView,
    SlideView,
)
from showcase.views.sitemap import SitemapView

__all__ = [
    "ActivityView",
    "EventCalendarView",
    "EventDetailView",
    "ExchangesView",
    "HomeView",
    "InvestView",
    "NewsDetailView",
    "NewsFeed",
    "NewsListView",
    "PresentationDetailView",
    "PresentationListView",
    "ProjectDetailView",
    "ProjectListView",
    "SectorDetailView",
    "SiteDetailView",
    "SiteListView",
    "SitemapView",
    "SlideView",
    "SupportMeasureListView",
    "WildHarvestView",
    "calendar_feed",
    "contact",
    "contact_sent",
    "export_structure_csv",
    "favicon",
    "item_ics",
    "robots_txt",
    "sector_exports_csv",
    "trade_csv",
    "wild_harvest_csv",
]
