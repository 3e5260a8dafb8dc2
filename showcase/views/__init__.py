"""Public pages of the showcase, one module per kind of page."""

from showcase.views.events import (
    ActivityView,
    EventCalendarView,
    EventDetailView,
    ExchangesView,
    calendar_feed,
    item_ics,
)
from showcase.views.home import HomeView, favicon, robots_txt
from showcase.views.inquiries import contact, contact_sent
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
    "NewsDetailView",
    "NewsFeed",
    "NewsListView",
    "PresentationDetailView",
    "PresentationListView",
    "SitemapView",
    "SlideView",
    "calendar_feed",
    "contact",
    "contact_sent",
    "favicon",
    "item_ics",
    "robots_txt",
]
