"""The wild-harvest page: when each product is gathered, and how much each
northern district can supply."""

from django.http import Http404
from django.views.decorators.http import require_GET
from django.views.generic import TemplateView

from amur_invest.page_cache import reads_query
from showcase.charts import csv_response
from showcase.figures import harvest


def chosen_year(value: str | None, years: list[int]) -> int | None:
    """The year asked for when there are reports for it, else the latest."""
    # Compared as text: int() of a 5,000-digit address would raise.
    by_text = {str(year): year for year in years}
    if value in by_text:
        return by_text[value]
    return years[0] if years else None


@reads_query("year")
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


@require_GET
def wild_harvest_csv(request, year: int):
    reports = harvest.reports_of(year)
    if not reports:
        raise Http404
    return csv_response(harvest.volumes_dataset(reports, year))
