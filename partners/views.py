"""The public exporters catalogue and company pages."""

from django import forms
from django.db.models import Exists, OuterRef, QuerySet
from django.utils.translation import gettext_lazy as _
from django.views.generic import DetailView, ListView

from amur_invest.page_cache import reads_query
from amur_invest.pagination import NearestPageMixin
from partners.filters import SectorDistrictFilterForm
from partners.localized import localized
from partners.models import Company, District, Sector


class CatalogueFilterForm(SectorDistrictFilterForm):
    """The catalogue's GET filters."""

    q = forms.CharField(
        label=_("Search"),
        required=False,
        max_length=100,
        widget=forms.TextInput(attrs={"type": "search"}),
        help_text=_("A company name, product or sector, in any language."),
    )
    field_order = ["q", "sector", "district"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Only districts that have something to show. EXISTS stops at a
        # district's first company; a join with DISTINCT would read them all.
        shown = Company.objects.published().filter(district=OuterRef("pk"))
        self.offer(Sector.objects.all(), District.objects.filter(Exists(shown)))

    def filter(self, companies: QuerySet) -> QuerySet:
        data = self.valid_filters()
        if query := data.get("q"):
            companies = companies.search(query)
        if sector := data.get("sector"):
            companies = companies.filter(sectors=sector)
        if district := data.get("district"):
            companies = companies.filter(district=district)
        return companies


def public_companies() -> QuerySet:
    """Published companies with what a card shows, in a fixed number of queries."""
    return (
        Company.objects.published()
        .select_related("district")
        .prefetch_related("sectors")
    )


@reads_query("q", "sector", "district", "page")
class CompanyListView(NearestPageMixin, ListView):
    """The public exporters catalogue."""

    template_name = "partners/company_list.html"
    context_object_name = "companies"
    paginate_by = 20

    def get_queryset(self):
        self.filter_form = CatalogueFilterForm(self.request.GET or None)
        companies = public_companies()
        if self.filter_form.is_bound:
            companies = self.filter_form.filter(companies)
        return companies.order_by(localized("name"), "slug")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["filter_form"] = self.filter_form
        context["is_filtered"] = any(
            self.request.GET.get(name) for name in ("q", "sector", "district")
        )
        return context


class CompanyDetailView(DetailView):
    """A company's public page; unpublished companies do not exist here."""

    template_name = "partners/company_detail.html"
    context_object_name = "company"

    def get_queryset(self):
        return public_companies()
