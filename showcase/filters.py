"""The investment projects catalogue's GET filters. A bad value in the
address drops that filter alone: never an error page."""

from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from partners.localized import localized
from partners.models import District, Sector
from showcase.models import InvestmentProject, SizeBand

FILTERS = ("sector", "district", "stage", "size")


class ProjectFilterForm(forms.Form):
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
    stage = forms.ChoiceField(
        label=_("Stage"),
        choices=[("", _("Any stage")), *InvestmentProject.Stage.choices],
        required=False,
    )
    size = forms.ChoiceField(
        label=_("Investment needed"),
        choices=[("", _("Any size")), *SizeBand.choices],
        required=False,
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Only sectors and districts that have a published project to show.
        published = {"investment_projects__is_published": True}
        self.fields["sector"].queryset = (
            Sector.objects.filter(**published).distinct().order_by("position", "slug")
        )
        self.fields["district"].queryset = (
            District.objects.filter(**published)
            .distinct()
            .order_by(localized("name"), "slug")
        )

    def filter(self, projects: QuerySet) -> QuerySet:
        # After validation cleaned_data keeps the fields that passed.
        self.is_valid()
        data = self.cleaned_data
        if sector := data.get("sector"):
            projects = projects.filter(sector=sector)
        if district := data.get("district"):
            projects = projects.filter(district=district)
        if stage := data.get("stage"):
            projects = projects.filter(stage=stage)
        if size := data.get("size"):
            projects = projects.in_size_band(size)
        return projects
