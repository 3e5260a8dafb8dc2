"""The sitemap for people: every public section and what it holds, in the
page's language."""

from collections.abc import Callable
from dataclasses import dataclass, field

from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView

from missions.models import Mission
from partners.localized import localized
from partners.models import Company
from showcase.models import NewsItem, Presentation

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


# (URL name, title, items). A section whose page does not exist yet (another
# part of the site still in the making) is left out.
SECTIONS: list[tuple[str, str, Callable | None]] = [
    ("showcase:home", _("Home"), None),
    ("showcase:invest", _("Investment case"), None),
    ("partners:company_list", _("Exporters"), companies),
    ("missions:mission_list", _("Business missions"), missions),
    ("exhibitions:exhibition_list", _("Exhibitions"), None),
    ("showcase:event_list", _("Events"), None),
    ("showcase:presentation_list", _("Presentations"), presentations),
    ("showcase:news_list", _("News"), news),
    ("showcase:contact", _("Contact the agency"), None),
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


class SitemapView(TemplateView):
    template_name = "showcase/sitemap.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        built = (build_section(*section) for section in SECTIONS)
        context["sections"] = [section for section in built if section]
        return context
