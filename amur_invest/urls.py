from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.conf.urls.static import static
from django.contrib import admin
from django.contrib.sitemaps import views as sitemaps
from django.urls import include, path
from django.utils.translation import gettext_lazy as _

from amur_invest import health
from amur_invest.page_cache import reads_query
from amur_invest.staff.views import preferences
from amur_invest.translation_gaps import waiting_for_translation
from showcase.sitemaps import SITEMAPS
from showcase.views import favicon, robots_txt

handler500 = "amur_invest.outage.handler500"

admin.site.site_header = _("Amur Invest: agency staff")
admin.site.site_title = _("Amur Invest staff")
admin.site.index_title = _("Partners, missions and public content")

urlpatterns = [
    path("healthz", health.healthz, name="healthz"),
    path("readyz", health.readyz, name="readyz"),
    path("admin/two-factor/", include("amur_invest.staff.two_factor_urls")),
    path(
        "admin/preferences/",
        admin.site.admin_view(preferences),
        name="staff_preferences",
    ),
    path(
        "admin/translations/",
        admin.site.admin_view(waiting_for_translation),
        name="waiting_for_translation",
    ),
    path("admin/", admin.site.urls),
    # Outside i18n_patterns: the sitemaps list every language with hreflang.
    path(
        "sitemap.xml",
        sitemaps.index,
        {"sitemaps": SITEMAPS, "sitemap_url_name": "sitemap_section"},
        name="sitemap",
    ),
    path(
        "sitemap-<section>.xml",
        # A section of more than 3,000 addresses comes in pages (?p=2).
        reads_query("p")(sitemaps.sitemap),
        {"sitemaps": SITEMAPS},
        name="sitemap_section",
    ),
    path("robots.txt", robots_txt, name="robots_txt"),
    path("favicon.ico", favicon, name="favicon"),
]

urlpatterns += i18n_patterns(
    path("", include("showcase.urls")),
    path("", include("partners.urls")),
    path("", include("missions.urls")),
    path("", include("showcase.meetings.urls")),
    path("", include("exhibitions.urls")),
    prefix_default_language=True,
)

handler400 = "amur_invest.errors.bad_request"
handler403 = "amur_invest.errors.permission_denied"

if settings.DEBUG:
    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)
