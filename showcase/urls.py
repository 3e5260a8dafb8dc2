"""The public site's addresses, all named in the `showcase` namespace: the
home page and the sitemap here, each concern's pages from its own `urls`
(no two concerns share an address prefix, so their order does not matter)."""

from django.urls import include, path

from showcase import views

app_name = "showcase"

urlpatterns = [
    path("", views.HomeView.as_view(), name="home"),
    path("sitemap/", views.SitemapView.as_view(), name="sitemap"),
    path("privacy/", views.PrivacyView.as_view(), name="privacy"),
    path("", include("showcase.invest.urls")),
    path("", include("showcase.calendar.urls")),
    path("", include("showcase.inquiries.urls")),
    path("", include("showcase.content.urls")),
]
