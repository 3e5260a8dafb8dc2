from django.views.generic import DetailView, ListView

from partners.models import Company


class CompanyListView(ListView):
    """The public exporters catalogue."""

    queryset = Company.objects.published()
    paginate_by = 20


class CompanyDetailView(DetailView):
    queryset = Company.objects.published()
