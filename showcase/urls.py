from django.urls import path

from showcase import views

app_name = "showcase"

urlpatterns = [
    path("", views.HomeView.as_view(), name="home"),
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
