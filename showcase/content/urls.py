"""Addresses of the presentations and the news (names in the `showcase`
namespace, as `showcase.urls` includes them)."""

from django.urls import path

from showcase.content import views

urlpatterns = [
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
]
