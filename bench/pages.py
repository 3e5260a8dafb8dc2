"""Every kind of public page, one address each, read from the database.

The load test and the profiler measure the same pages. Where a kind has many
rows (a company, a mission, an exhibition) the one with the most behind it
is taken, so that the large data set is felt where it is largest. Import
after django.setup().
"""

from django.db.models import Count, Q
from django.urls import reverse
from django.utils import timezone, translation

LANGUAGES = ("ru", "ja", "en")


def busiest(queryset, related: str, **condition):
    """The row with the most `related` rows (matching `condition`)."""
    counted = Count(related, filter=Q(**condition)) if condition else Count(related)
    return queryset.annotate(weight=counted).order_by("-weight", "pk").first()


def page_paths(language: str) -> dict[str, str]:
    """{page kind: path} in `language`; a kind without data is left out."""
    with translation.override(language):
        paths = {
            "home": reverse("showcase:home"),
            "invest": reverse("showcase:invest"),
            "companies": reverse("partners:company_list"),
            "missions": reverse("missions:mission_list"),
            "exhibitions": reverse("exhibitions:exhibition_list"),
            "events month": reverse("showcase:event_list"),
            "events list": reverse("showcase:event_list") + "?view=list",
            "events feed": reverse("showcase:events_ics"),
            "projects": reverse("showcase:project_list"),
            "support": reverse("showcase:support_list"),
            "sites": reverse("showcase:site_list"),
            "costs": reverse("showcase:costs"),
            "wild harvest": reverse("showcase:wild_harvest"),
            "news": reverse("showcase:news_list"),
            "news feed": reverse("showcase:news_feed"),
            "presentations": reverse("showcase:presentation_list"),
            "contact": reverse("showcase:contact"),
            "sitemap": reverse("showcase:sitemap"),
        }
        paths.update(detail_paths())
        paths["sitemap.xml"] = "/sitemap.xml"
        return paths


def detail_paths() -> dict[str, str]:
    from exhibitions.models import Participation
    from missions.models import Mission
    from partners.models import Company, Sector
    from showcase.models import (
        InvestmentProject,
        InvestmentSite,
        NewsItem,
        Presentation,
    )

    found = {}
    if company := Company.objects.published().order_by("pk").first():
        found["company"] = company.get_absolute_url()
    if mission := busiest(Mission.objects.all(), "registrations"):
        found["mission"] = mission.get_absolute_url()
    open_missions = Mission.objects.open_for_registration()
    if mission := busiest(open_missions, "registrations"):
        found["registration form"] = reverse(
            "missions:mission_register", kwargs={"slug": mission.slug}
        )
    accepted = Participation.Status.ACCEPTED
    exhibitors = Participation.objects.filter(status=accepted)
    if participation := exhibitors.order_by("-exhibition__starts_on", "pk").first():
        exhibition = participation.exhibition
        found["exhibition"] = exhibition.get_absolute_url()
        found["exhibitor"] = participation.catalogue_url()
    if sector := busiest(Sector.objects.all(), "companies"):
        found["sector"] = reverse(
            "showcase:sector_detail", kwargs={"slug": sector.slug}
        )
    if project := InvestmentProject.objects.published().order_by("pk").first():
        found["project"] = project.get_absolute_url()
    if site := InvestmentSite.objects.order_by("pk").first():
        found["site"] = site.get_absolute_url()
    if item := NewsItem.objects.published(timezone.localdate()).first():
        found["news item"] = item.get_absolute_url()
    if deck := busiest(Presentation.objects.published(), "slides"):
        found["presentation"] = deck.get_absolute_url()
        found["slide"] = deck.slide_url(1)
    return found
