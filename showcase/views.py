"""The home page and the files browsers and search engines ask for."""

from django.http import HttpResponse, HttpResponseRedirect
from django.templatetags.static import static
from django.urls import reverse
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_GET
from django.views.generic import TemplateView

from partners.models import Company
from partners.views import public_companies
from showcase.figures.trade import trade_history
from showcase.models import HomePage
from showcase.views.invest import published_projects, sector_cards

HOME_EXPORTERS = 6
HOME_PROJECTS = 3


class HomeView(TemplateView):
    """The investment case at a glance: trade with Japan in figures, sectors,
    projects and a few exporters."""

    template_name = "showcase/home.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        home = HomePage.load()
        context["home"] = home
        context["growth"] = trade_history().growth(home.headline_year)
        context["sectors"] = sector_cards()
        context["projects"] = published_projects()[:HOME_PROJECTS]
        # Newest first, with the id as tie-breaker so the choice is stable.
        context["exporters"] = public_companies().order_by("-created_at", "-id")[
            :HOME_EXPORTERS
        ]
        context["exporter_count"] = Company.objects.published().count()
        return context


@require_GET
@cache_control(max_age=86400, public=True)
def robots_txt(request):
    """Let crawlers in, keep them out of staff and registrants' private pages."""
    lines = [
        "User-agent: *",
        "Disallow: /admin/",
        "Disallow: /*/registrations/",
        f"Sitemap: {request.build_absolute_uri(reverse('sitemap'))}",
    ]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain")


@require_GET
@cache_control(max_age=86400, public=True)
def favicon(request):
    """Browsers ask for /favicon.ico on pages that name no icon (the admin):
    send them to the logo rather than into the 404 log."""
    return HttpResponseRedirect(static("img/logo.svg"))
