"""Sitemaps with hreflang alternates for every public page in ru, ja and en."""

from django.contrib.sitemaps import Sitemap
from django.urls import reverse

from exhibitions.models import Exhibition
from partners.models import Company


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


SITEMAPS = {"pages": StaticPagesSitemap, "companies": CompanySitemap}


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


SITEMAPS["calendar"] = CalendarPagesSitemap
SITEMAPS["exhibitions"] = ExhibitionSitemap
