"""Sitemaps with hreflang alternates for every public page in ru, ja and en."""

from django.contrib.sitemaps import Sitemap
from django.urls import reverse

from partners.models import Company, Sector
from showcase.models import InvestmentProject, InvestmentSite


class TrilingualSitemap(Sitemap):
    i18n = True
    alternates = True
    x_default = True


class StaticPagesSitemap(TrilingualSitemap):
    changefreq = "weekly"
    priority = 0.8

    def items(self):
        return ["showcase:home", "partners:company_list"]

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


SITEMAPS = {"pages": StaticPagesSitemap, "companies": CompanySitemap}
SITEMAPS["invest"] = InvestPagesSitemap
SITEMAPS["sectors"] = SectorSitemap
SITEMAPS["projects"] = ProjectSitemap
SITEMAPS["sites"] = SiteSitemap
