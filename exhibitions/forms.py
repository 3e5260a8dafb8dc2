"""The exhibitor catalogue's filters, as a buyer at the stand uses them."""

from django import forms
from django.db.models import Exists, OuterRef, Q, QuerySet
from django.utils.translation import gettext_lazy as _

from amur_invest.text import one_line
from exhibitions.models import Exhibition, Participation, ParticipationProduct
from partners.models import Company, District, Sector
from partners.search import in_any_language, search_terms
from partners.views import localized

FILTER_NAMES = ("q", "sector", "district")


class ExhibitorFilterForm(forms.Form):
    """GET filters of one exhibition's catalogue; a bad value drops that
    filter alone, never an error page."""

    q = forms.CharField(
        label=_("Search"),
        required=False,
        max_length=100,
        validators=[one_line],
        widget=forms.TextInput(attrs={"type": "search"}),
        help_text=_("A company or a product, in any language."),
    )
    sector = forms.ModelChoiceField(
        label=_("Sector"),
        queryset=Sector.objects.none(),
        to_field_name="slug",
        required=False,
        empty_label=_("All sectors"),
    )
    district = forms.ModelChoiceField(
        label=_("District"),
        queryset=District.objects.none(),
        to_field_name="slug",
        required=False,
        empty_label=_("All districts"),
    )

    def __init__(self, *args, exhibition: Exhibition, **kwargs):
        super().__init__(*args, **kwargs)
        # Only what this exhibition's exhibitors have: no choice leads nowhere.
        exhibitors = {
            "companies__participations__exhibition": exhibition,
            "companies__participations__status": Participation.Status.ACCEPTED,
        }
        self.fields["sector"].queryset = (
            Sector.objects.filter(**exhibitors).distinct().order_by("position", "slug")
        )
        self.fields["district"].queryset = (
            District.objects.filter(**exhibitors)
            .distinct()
            .order_by(localized("name"), "slug")
        )

    def filter(self, participations: QuerySet) -> QuerySet:
        self.is_valid()
        data = self.cleaned_data
        # Every word must match: the company by its folded search text (names,
        # products, sectors in every language), or what it shows here.
        for term in search_terms(data.get("q")):
            named_product = ParticipationProduct.objects.filter(
                in_any_language("name", term), participation=OuterRef("pk")
            )
            participations = participations.filter(
                Q(company__search_text__contains=term)
                | in_any_language("products_shown", term)
                | Exists(named_product)
            )
        if sector := data.get("sector"):
            participations = participations.filter(
                Exists(
                    Company.sectors.through.objects.filter(
                        company=OuterRef("company"), sector=sector
                    )
                )
            )
        if district := data.get("district"):
            participations = participations.filter(company__district=district)
        return participations

    @property
    def is_filtered(self) -> bool:
        return any(self.data.get(name) for name in FILTER_NAMES)
