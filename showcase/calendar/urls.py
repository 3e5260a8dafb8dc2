"""Addresses of the calendar, its feeds and the pages it feeds (names in the
`showcase` namespace, as `showcase.urls` includes them)."""

from django.urls import path

from showcase.calendar import views

urlpatterns = [
    path("events/", views.EventCalendarView.as_view(), name="event_list"),
    path("events.ics", views.calendar_feed, name="events_ics"),
    path("events/activity/", views.ActivityView.as_view(), name="activity"),
    path("events/<int:pk>/", views.EventDetailView.as_view(), name="event_detail"),
    path("events/<slug:source>-<int:pk>.ics", views.item_ics, name="item_ics"),
    path("exchanges/", views.ExchangesView.as_view(), name="exchanges"),
]
