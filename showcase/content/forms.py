"""The news list's filter: a sector, by its slug in the address."""

from django import forms
from django.utils.translation import gettext_lazy as _

from partners.models import Sector


class NewsFilterForm(forms.Form):
    """An unknown sector in the address is ignored, never an error page."""

    sector = forms.ModelChoiceField(
        label=_("Sector"),
        queryset=Sector.objects.none(),
        to_field_name="slug",
        required=False,
        empty_label=_("All sectors"),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Only sectors that have news to show.
        self.fields["sector"].queryset = (
            Sector.objects.filter(news_items__is_published=True)
            .distinct()
            .order_by("position", "slug")
        )

    def chosen_sector(self) -> Sector | None:
        self.is_valid()
        return self.cleaned_data.get("sector")
