"""The investment case: trade with Japan, sectors, projects, support measures
and sites for investors; the wild harvest (when each product is gathered,
and how much each northern district can supply); the numbers behind each
chart as CSV."""

import json

from django.core.validators import slug_re
from django.db.models import Count, Prefetch
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.views.decorators.http import require_GET
from django.views.generic import DetailView, ListView, TemplateView

from amur_invest import page_cache
from amur_invest.pagination import NearestPageMixin
from partners.localized import in_reading_order, localized
from partners.models import Company, District, Sector
from partners.views import public_companies
from showcase.invest.charts import csv_response
from showcase.invest.figures import harvest, trade
from showcase.invest.filters import FILTERS, ProjectFilterForm
from showcase.invest.models import (
    CostFigure,
    InvestmentProject,
    InvestmentSite,
    SectorProfile,
    SupportMeasure,
)

SECTOR_COMPANIES = 6
SECTOR_PROJECTS = 6
FEATURED_PROJECTS = 3


def sector_counts() -> dict[int, tuple[int, int]]:
    """{sector id: (published companies, published projects)}, counted in
    two grouped queries and remembered until public records change: the
    home page and the investment case print them, and counting thousands
    of companies a sector at a time costs tens of milliseconds."""

    def count() -> dict[int, tuple[int, int]]:
        links = Company.sectors.through.objects.filter(company__is_published=True)
        # order_by(): a model's ordering would split the groups.
        companies = dict(links.order_by().values_list("sector").annotate(n=Count("pk")))
        projects = dict(
            InvestmentProject.objects.published()
            .order_by()
            .values_list("sector")
            .annotate(n=Count("pk"))
        )
        return {
            sector: (companies.get(sector, 0), projects.get(sector, 0))
            for sector in companies.keys() | projects.keys()
        }

    return page_cache.remembered("sector-counts", count)


def sector_cards() -> list[Sector]:
    """Sectors with their page, photograph and what each one lists."""
    counts = sector_counts()
    sectors = list(
        Sector.objects.select_related("profile").order_by("position", "slug")
    )
    for sector in sectors:
        sector.company_count, sector.project_count = counts.get(sector.pk, (0, 0))
    return sectors


def profile_of(sector) -> SectorProfile | None:
    try:
        return sector.profile
    except SectorProfile.DoesNotExist:
        return None


def published_projects():
    return InvestmentProject.objects.published().for_cards()


@page_cache.reads_query("year")
class InvestView(TemplateView):
    """Trade with Japan in figures, the export structure and the ways in."""

    template_name = "showcase/invest/index.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        history = trade.trade_history()
        context["growth"] = history.growth()
        context["trade"] = trade.trade_dataset(history)
        years = [item.year for item in history.years if item.exports]
        if year := structure_year(self.request.GET.get("year"), years):
            context["structure_years"] = years
            context["structure_year"] = year
            context["structure"] = trade.export_structure_dataset(
                year=year, origin=history.year(year).provenance
            )
        context["sectors"] = sector_cards()
        context["projects"] = published_projects()[:FEATURED_PROJECTS]
        context["project_count"] = InvestmentProject.objects.published().count()
        return context


def structure_year(asked: str | None, years: list[int]) -> int | None:
    """The year whose export structure to show: the one asked for, else the
    latest complete year (the headline's); only years with exports count."""
    # Compared as text: int() of a 5,000-digit address would raise.
    by_text = {str(year): year for year in years}
    if asked in by_text:
        return by_text[asked]
    return years[-1] if years else None


class SectorDetailView(DetailView):
    """What a sector offers Japan, its figures, companies, projects and the
    support measures that apply."""

    template_name = "showcase/invest/sector_detail.html"
    context_object_name = "sector"

    def get_queryset(self):
        return Sector.objects.select_related("profile")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        sector = self.object
        profile = profile_of(sector)
        companies = public_companies().filter(sectors=sector)
        context["profile"] = profile
        context["companies"] = companies.order_by(localized("name"), "slug")[
            :SECTOR_COMPANIES
        ]
        projects = published_projects().filter(sector=sector)
        context["projects"] = projects[:SECTOR_PROJECTS]
        counts = sector_counts().get(sector.pk, (0, 0))
        context["company_count"], context["project_count"] = counts
        context["measures"] = SupportMeasure.objects.published().for_sector(sector)
        if profile and profile.commodity_group:
            context["figures"] = trade.group_exports_dataset(
                group=profile.commodity_group
            )
        return context


@page_cache.reads_query(*FILTERS, "page")
class ProjectListView(NearestPageMixin, ListView):
    """The investment projects catalogue, filtered by sector, district, stage
    and size."""

    template_name = "showcase/invest/project_list.html"
    context_object_name = "projects"
    paginate_by = 12

    def get_queryset(self):
        self.filter_form = ProjectFilterForm(self.request.GET or None)
        projects = published_projects()
        if self.filter_form.is_bound:
            projects = self.filter_form.filter(projects)
        return projects

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["filter_form"] = self.filter_form
        context["is_filtered"] = any(self.request.GET.get(name) for name in FILTERS)
        return context


class ProjectDetailView(DetailView):
    template_name = "showcase/invest/project_detail.html"
    context_object_name = "project"

    def get_queryset(self):
        return (
            published_projects()
            .select_related("site__district")
            .prefetch_related(
                Prefetch(
                    "support_measures",
                    queryset=SupportMeasure.objects.published(),
                )
            )
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        site = self.object.site
        context["site"] = site if site and site.is_published else None
        return context


class SupportMeasureListView(ListView):
    """The register of incentives with their explicit terms. One page, so
    that projects and sectors can link to a measure's anchor."""

    template_name = "showcase/invest/support_list.html"
    context_object_name = "measures"

    def get_queryset(self):
        # A list of each measure's sectors rather than its prefetched
        # manager: the template would build a manager for every measure
        # (and the prefetch another), the costliest part of the page's ORM.
        return SupportMeasure.objects.published().prefetch_related(
            Prefetch("sectors", to_attr="sector_list")
        )


@page_cache.reads_query("district", "page")
class SiteListView(NearestPageMixin, ListView):
    """Land plots and premises for investors, filtered by district."""

    template_name = "showcase/invest/site_list.html"
    context_object_name = "sites"
    paginate_by = 20

    def get_queryset(self):
        sites = InvestmentSite.objects.published().select_related("district")
        slug = self.request.GET.get("district", "")
        # Anything but a slug names no district (a NUL byte would even reach
        # PostgreSQL as an error).
        self.district = (
            District.objects.filter(slug=slug).first()
            if len(slug) <= 100 and slug_re.fullmatch(slug)
            else None
        )
        if self.district:
            sites = sites.filter(district=self.district)
        return sites

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["district"] = self.district
        context["map_sites"] = points = map_points(self.object_list)
        # In an attribute, escaped as any text: no inline script for the CSP.
        context["map_sites_json"] = json.dumps(points, ensure_ascii=False)
        context["districts"] = in_reading_order(
            District.objects.filter(investment_sites__is_published=True).distinct()
        )
        return context


def map_points(sites) -> list[dict]:
    """Every listed site with a position, for the map above the list (all of
    them, not one page), in one query."""
    rows = sites.filter(latitude__isnull=False, longitude__isnull=False).values(
        "slug", "name", "latitude", "longitude"
    )
    return [
        {
            "name": row["name"],
            "url": reverse("showcase:site_detail", kwargs={"slug": row["slug"]}),
            "lat": float(row["latitude"]),
            "lon": float(row["longitude"]),
        }
        for row in rows
    ]


class SiteDetailView(DetailView):
    template_name = "showcase/invest/site_detail.html"
    context_object_name = "site"

    def get_queryset(self):
        return InvestmentSite.objects.published().select_related("district")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["projects"] = published_projects().filter(site=self.object)
        return context


class CostsView(TemplateView):
    """What doing business costs: tariffs, wages, taxes and the support
    measures that lower them, each figure with its source and date."""

    template_name = "showcase/invest/costs.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        figures = CostFigure.objects.select_related("sector").prefetch_related(
            Prefetch(
                "lowered_by",
                queryset=SupportMeasure.objects.published().order_by("position"),
            )
        )
        by_category = {}
        for figure in figures:
            by_category.setdefault(figure.category, []).append(figure)
        context["sections"] = [
            (category, by_category[category.value])
            for category in CostFigure.Category
            if category.value in by_category
        ]
        context["is_sample"] = any(figure.is_sample for figure in figures)
        return context


def chosen_year(value: str | None, years: list[int]) -> int | None:
    """The year asked for when there are reports for it, else the latest."""
    # Compared as text: int() of a 5,000-digit address would raise.
    by_text = {str(year): year for year in years}
    if value in by_text:
        return by_text[value]
    return years[0] if years else None


@page_cache.reads_query("year")
class WildHarvestView(TemplateView):
    template_name = "showcase/invest/wild_harvest.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        years = harvest.harvest_years()
        year = chosen_year(self.request.GET.get("year"), years)
        reports = harvest.reports_of(year) if year else []
        context.update(
            years=years,
            year=year,
            months=harvest.months(),
            calendar=harvest.calendar(reports),
            volumes=harvest.volumes_dataset(reports, year) if year else None,
            is_sample=any(report.is_sample for report in reports),
        )
        return context


# --- The numbers behind each chart, as CSV ------------------------------------


@require_GET
def trade_csv(request):
    return csv_response(trade.trade_dataset(trade.trade_history()))


@require_GET
def export_structure_csv(request, year: int):
    dataset = trade.export_structure_dataset(year=year)
    if not dataset:
        raise Http404
    return csv_response(dataset)


@require_GET
def sector_exports_csv(request, slug: str):
    profile = get_object_or_404(
        SectorProfile.objects.exclude(commodity_group=""), sector__slug=slug
    )
    return csv_response(trade.group_exports_dataset(group=profile.commodity_group))


@require_GET
def wild_harvest_csv(request, year: int):
    reports = harvest.reports_of(year)
    if not reports:
        raise Http404
    return csv_response(harvest.volumes_dataset(reports, year))
