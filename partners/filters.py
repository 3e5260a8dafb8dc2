"""What the public lists filtered by sector and district share."""

from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from partners.localized import in_reading_order
from partners.models import District, Sector


class SectorDistrictFilterForm(forms.Form):
    """GET filters of a public list by sector and district. A bad value in the
    address drops that filter alone: never an error page."""

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

    def offer(self, sectors: QuerySet, districts: QuerySet) -> None:
        """The choices: sectors in the agency's order, districts by their
        name in the reader's language."""
        self.fields["sector"].queryset = sectors.order_by("position", "slug")
        self.fields["district"].queryset = in_reading_order(districts)

    def valid_filters(self) -> dict:
        # After validation cleaned_data keeps the fields that passed.
        self.is_valid()
        return self.cleaned_data
