"""Sitemaps with hreflang alternates for every public page in ru, ja and en.

/sitemap.xml is an index of one sitemap a section, each in pages of
PAGE_ADDRESSES addresses (an item has one a language): one file for every
page would grow past search engines' limits and take seconds to build.
"""

from collections.abc import Sequence
from functools import cached_property

from django.contrib.sitemaps import Sitemap
from django.core.paginator import Paginator
from django.db.models import Count, Max
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

PAGE_ADDRESSES = 3000


class TrilingualSitemap(Sitemap):
    i18n = True
    alternates = True
    x_default = True
    limit = PAGE_ADDRESSES


class LanguageVersions(Sequence):
    """The (row, language) pairs a sitemap in several languages pages
    through, counted and sliced by the database: Django builds the list of
    every row's pairs, reading the whole table for each page and for the
    index."""

    def __init__(self, rows, languages):
        self.rows = rows
        self.languages = list(languages)

    @cached_property
    def row_count(self) -> int:
        return self.rows.count()

    def __len__(self):
        return self.row_count * len(self.languages)

    def __getitem__(self, index):
        if not isinstance(index, slice):
            return self[index : index + 1][0]
        start, stop, _step = index.indices(len(self))
        width = len(self.languages)
        first_row = start // width
        rows = self.rows[first_row : -(-stop // width)]
        pairs = [(row, code) for row in rows for code in self.languages]
        offset = start - first_row * width
        return pairs[offset : offset + max(stop - start, 0)]


class ChangingRowsSitemap(TrilingualSitemap):
    """Rows of a table, paged by the database, whose last change is a
    column: the index's date and page count of the section are one
    aggregate, not a look at every row."""

    changed_field = "updated_at"

    @cached_property
    def versions(self) -> LanguageVersions:
        return LanguageVersions(self.items(), self._languages())

    @property
    def paginator(self):
        return Paginator(self.versions, self.limit)

    def lastmod(self, item):
        return getattr(item, self.changed_field)

    def get_latest_lastmod(self):
        # The index asks for the date, then for the number of pages: both
        # come from one query.
        summary = (
            self.items()
            .order_by()
            .aggregate(latest=Max(self.changed_field), rows=Count("*"))
        )
        self.versions.row_count = summary["rows"]
        return summary["latest"]


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
            "showcase:contact_promise",
            "showcase:sitemap",
            "showcase:privacy",
        ]

    def location(self, item):
        return reverse(item)


class CompanySitemap(ChangingRowsSitemap):
    changefreq = "monthly"
    priority = 0.5

    def items(self):
        return Company.objects.published().order_by("slug")


class InvestPagesSitemap(TrilingualSitemap):
    changefreq = "weekly"
    priority = 0.8

    def items(self):
        return [
            "showcase:invest",
            "showcase:project_list",
            "showcase:support_list",
            "showcase:site_list",
            "showcase:costs",
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


class ProjectSitemap(ChangingRowsSitemap):
    changefreq = "monthly"
    priority = 0.6

    def items(self):
        return InvestmentProject.objects.published().order_by("slug")


class SiteSitemap(ChangingRowsSitemap):
    changefreq = "monthly"
    priority = 0.5

    def items(self):
        return InvestmentSite.objects.published().order_by("slug")


class MissionSitemap(ChangingRowsSitemap):
    changefreq = "weekly"
    priority = 0.6

    def items(self):
        return Mission.objects.order_by("-starts_on", "slug")


class NewsSitemap(ChangingRowsSitemap):
    changefreq = "monthly"
    priority = 0.6

    def items(self):
        return NewsItem.objects.published().order_by("-published_on", "-id")


class PresentationSitemap(ChangingRowsSitemap):
    changefreq = "yearly"
    priority = 0.6

    def items(self):
        return Presentation.objects.published().order_by("-presented_on", "-id")


class SlideSitemap(ChangingRowsSitemap):
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


class ExhibitionSitemap(ChangingRowsSitemap):
    changefreq = "monthly"
    priority = 0.6
    changed_field = "modified_at"

    def items(self):
        return Exhibition.objects.order_by("-starts_on", "slug")


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
