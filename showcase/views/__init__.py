"""Public pages of the showcase, one module per kind of page."""

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
    "HomeView",
    "NewsDetailView",
    "NewsFeed",
    "NewsListView",
    "PresentationDetailView",
    "PresentationListView",
    "SitemapView",
    "SlideView",
    "contact",
    "contact_sent",
    "favicon",
    "robots_txt",
]
