"""Sitemaps with hreflang alternates for every public page in ru, ja and en."""

from django.contrib.sitemaps import Sitemap
from django.urls import reverse

from exhibitions.models import Exhibition
from missions.models import Mission
from partners.models import Company, Sector
from showcase.models import (
    InvestmentProject,
    InvestmentSite,
    NewsItem,
    Presentation,
    Slide,
)


class TrilingualSitemap(Sitemap):
    i18n = True
    alternates = True
    x_default = True


class StaticPagesSitemap(TrilingualSitemap):
    changefreq = "weekly"
    priority = 0.8

    def items(self):
        return [
            "showcase:home",
            "partners:company_list",
            "missions:mission_list",
            "showcase:news_list",
            "showcase:presentation_list",
            "showcase:contact",
            "showcase:sitemap",
        ]

    def location(self, item):
        return reverse(item)


class CompanySitemap(TrilingualSitemap):
    changefreq = "monthly"
    priority = 0.5

    def items(self):
        return Company.objects.published().order_by("slug")

    def lastmod(self, company):
        return company.updated_at


class InvestPagesSitemap(TrilingualSitemap):
    changefreq = "weekly"
    priority = 0.8

    def items(self):
        return [
            "showcase:invest",
            "showcase:project_list",
            "showcase:support_list",
            "showcase:site_list",
            "showcase:wild_harvest",
        ]

    def location(self, item):
        return reverse(item)


class SectorSitemap(TrilingualSitemap):
    changefreq = "monthly"
    priority = 0.6

    def items(self):
        return Sector.objects.order_by("position", "slug")

    def location(self, sector):
        return reverse("showcase:sector_detail", kwargs={"slug": sector.slug})


class ProjectSitemap(TrilingualSitemap):
    changefreq = "monthly"
    priority = 0.6

    def items(self):
        return InvestmentProject.objects.published().order_by("slug")

    def lastmod(self, project):
        return project.updated_at


class SiteSitemap(TrilingualSitemap):
    changefreq = "monthly"
    priority = 0.5

    def items(self):
        return InvestmentSite.objects.published().order_by("slug")

    def lastmod(self, site):
        return site.updated_at


class MissionSitemap(TrilingualSitemap):
    changefreq = "weekly"
    priority = 0.6

    def items(self):
        return Mission.objects.order_by("-starts_on", "slug")

    def lastmod(self, mission):
        return mission.updated_at


class NewsSitemap(TrilingualSitemap):
    changefreq = "monthly"
    priority = 0.6

    def items(self):
        return NewsItem.objects.published().order_by("-published_on", "-id")

    def lastmod(self, item):
        return item.updated_at


class PresentationSitemap(TrilingualSitemap):
    changefreq = "yearly"
    priority = 0.6

    def items(self):
        return Presentation.objects.published().order_by("-presented_on", "-id")

    def lastmod(self, presentation):
        return presentation.updated_at


class SlideSitemap(TrilingualSitemap):
    """Every slide at its own address: its text is what search engines read."""

    changefreq = "yearly"
    priority = 0.3

    def items(self):
        return (
            Slide.objects.filter(presentation__is_published=True)
            .numbered()
            .select_related("presentation")
            .order_by("presentation_id", "position", "id")
        )

    def location(self, slide):
        return slide.presentation.slide_url(slide.number)

    def lastmod(self, slide):
        return slide.updated_at


class CalendarPagesSitemap(StaticPagesSitemap):
    """The exhibitions, the calendar and the pages fed by it."""

    changefreq = "weekly"
    priority = 0.7

    def items(self):
        return [
            "exhibitions:exhibition_list",
            "showcase:event_list",
            "showcase:activity",
            "showcase:exchanges",
        ]


class ExhibitionSitemap(TrilingualSitemap):
    changefreq = "monthly"
    priority = 0.6

    def items(self):
        return Exhibition.objects.order_by("-starts_on", "slug")

    def lastmod(self, exhibition):
        return exhibition.modified_at


SITEMAPS = {
    "pages": StaticPagesSitemap,
    "companies": CompanySitemap,
    "missions": MissionSitemap,
    "news": NewsSitemap,
    "presentations": PresentationSitemap,
    "slides": SlideSitemap,
    "calendar": CalendarPagesSitemap,
    "exhibitions": ExhibitionSitemap,
    "invest": InvestPagesSitemap,
    "sectors": SectorSitemap,
    "projects": ProjectSitemap,
    "sites": SiteSitemap,
}
