from django.urls import path

from showcase import views

app_name = "showcase"

urlpatterns = [
    path("", views.HomeView.as_view(), name="home"),
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
    path(
        "invest/sites/<slug:slug>/", views.SiteDetailView.as_view(), name="site_detail"
    ),
    path("invest/wild-harvest/", views.WildHarvestView.as_view(), name="wild_harvest"),
    path(
        "invest/wild-harvest/<int:year>.csv",
        views.wild_harvest_csv,
        name="wild_harvest_csv",
    ),
    path(
        "presentations/",
        views.PresentationListView.as_view(),
        name="presentation_list",
    ),
    path(
        "presentations/<slug:slug>/",
        views.PresentationDetailView.as_view(),
        name="presentation_detail",
    ),
    path(
        "presentations/<slug:slug>/<int:number>/",
        views.SlideView.as_view(),
        name="presentation_slide",
    ),
    path("news/", views.NewsListView.as_view(), name="news_list"),
    path("news/feed/", views.NewsFeed(), name="news_feed"),
    path("news/<slug:slug>/", views.NewsDetailView.as_view(), name="news_detail"),
    path("contact/", views.contact, name="contact"),
    path("contact/sent/", views.contact_sent, name="contact_sent"),
    path("sitemap/", views.SitemapView.as_view(), name="sitemap"),
    path("events/", views.EventCalendarView.as_view(), name="event_list"),
    path("events.ics", views.calendar_feed, name="events_ics"),
    path("events/activity/", views.ActivityView.as_view(), name="activity"),
    path("events/<int:pk>/", views.EventDetailView.as_view(), name="event_detail"),
    path("events/<slug:source>-<int:pk>.ics", views.item_ics, name="item_ics"),
    path("exchanges/", views.ExchangesView.as_view(), name="exchanges"),
]
