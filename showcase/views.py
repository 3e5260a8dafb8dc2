"""The top of the site: the home page, the sitemap for people, and the files
browsers and search engines ask for. Each concern's pages are in its own
`views` module (invest, calendar, inquiries, content)."""

from collections.abc import Callable
from dataclasses import dataclass, field

from django.conf import settings
from django.http import HttpResponse, HttpResponseRedirect
from django.templatetags.static import static
from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext_lazy as _
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_GET
from django.views.generic import TemplateView

from exhibitions.models import Exhibition
from missions.models import Mission
from partners.localized import localized
from partners.models import Company
from partners.views import public_companies
from showcase.content.models import NewsItem, Presentation
from showcase.invest.figures.trade import trade_history
from showcase.invest.models import InvestmentProject, InvestmentSite
from showcase.invest.views import published_projects, sector_cards
from showcase.models.home import HomePage

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
        context["growth"] = trade_history().growth()
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


# --- The sitemap for people, in the page's language --------------------------

# A section lists at most this many items, then links to its own page.
SECTION_ITEMS = 100


@dataclass
class Section:
    title: str
    url: str
    items: list = field(default_factory=list)
    more: bool = False


def companies():
    return Company.objects.published().order_by(localized("name"), "slug")


def missions():
    return Mission.objects.order_by("-starts_on")


def news():
    return NewsItem.objects.published()


def presentations():
    return Presentation.objects.published()


def projects():
    return InvestmentProject.objects.published().order_by(localized("title"), "slug")


def sites():
    return InvestmentSite.objects.published().order_by(localized("name"), "slug")


def exhibitions():
    return Exhibition.objects.order_by("-starts_on", "slug")


# (URL name, title, items). A section whose page does not exist yet (another
# part of the site still in the making) is left out.
SECTIONS: list[tuple[str, str, Callable | None]] = [
    ("showcase:home", _("Home"), None),
    ("showcase:invest", _("Investment case"), None),
    ("showcase:project_list", _("Investment projects"), projects),
    ("showcase:support_list", _("Support measures"), None),
    ("showcase:site_list", _("Sites"), sites),
    ("showcase:wild_harvest", _("Wild harvest"), None),
    ("partners:company_list", _("Exporters"), companies),
    ("missions:mission_list", _("Business missions"), missions),
    ("exhibitions:exhibition_list", _("Exhibitions"), exhibitions),
    ("showcase:event_list", _("Events"), None),
    ("showcase:exchanges", _("Exchanges beyond trade"), None),
    ("showcase:presentation_list", _("Presentations"), presentations),
    ("showcase:news_list", _("News"), news),
    ("showcase:contact", _("Contact the agency"), None),
    ("showcase:contact_promise", _("How we keep the reply promise"), None),
    ("showcase:privacy", _("Privacy policy"), None),
]


def build_section(url_name: str, title, items: Callable | None) -> Section | None:
    try:
        url = reverse(url_name)
    except NoReverseMatch:
        return None
    rows = list(items()[: SECTION_ITEMS + 1]) if items else []
    return Section(
        title=title,
        url=url,
        items=rows[:SECTION_ITEMS],
        more=len(rows) > SECTION_ITEMS,
    )


class PrivacyView(TemplateView):
    """How the agency handles the personal data the site's forms collect,
    under Federal Law No. 152-FZ; the operator is the agency of the footer."""

    template_name = "showcase/privacy.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["missions_days"] = settings.MISSIONS_ANONYMISE_AFTER_DAYS
        context["exhibitions_days"] = settings.EXHIBITIONS_ANONYMISE_AFTER_DAYS
        return context


class SitemapView(TemplateView):
    template_name = "showcase/sitemap.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        built = (build_section(*section) for section in SECTIONS)
        context["sections"] = [section for section in built if section]
        return context
