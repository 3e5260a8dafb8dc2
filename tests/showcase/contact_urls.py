"""The site's URLs with an investor inquiry page, for the tests of the
"contact the agency about this" buttons: another part of the project builds
that page, and the buttons appear only where it exists."""

from django.conf.urls.i18n import i18n_patterns
from django.contrib.sitemaps.views import sitemap
from django.http import HttpResponse
from django.urls import include, path

from showcase import urls as showcase_urls
from showcase.sitemaps import SITEMAPS


def inquiry_form(request):
    return HttpResponse("inquiry form")


urlpatterns = [
    path("sitemap.xml", sitemap, {"sitemaps": SITEMAPS}, name="sitemap"),
    *i18n_patterns(
        path(
            "",
            include(
                (
                    [
                        *showcase_urls.urlpatterns,
                        path("contact/", inquiry_form, name="contact"),
                    ],
                    "showcase",
                )
            ),
        ),
        path("", include("partners.urls")),
        prefix_default_language=True,
    ),
]
