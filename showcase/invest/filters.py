"""The investment projects catalogue's GET filters. A bad value in the
address drops that filter alone: never an error page."""

from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from partners.filters import SectorDistrictFilterForm
from partners.models import District, Sector
from showcase.invest.models import InvestmentProject, SizeBand

FILTERS = ("sector", "district", "stage", "size")


class ProjectFilterForm(SectorDistrictFilterForm):
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
        self.offer(
            Sector.objects.filter(**published).distinct(),
            District.objects.filter(**published).distinct(),
        )

    def filter(self, projects: QuerySet) -> QuerySet:
        data = self.valid_filters()
        if sector := data.get("sector"):
            projects = projects.filter(sector=sector)
        if district := data.get("district"):
            projects = projects.filter(district=district)
        if stage := data.get("stage"):
            projects = projects.filter(stage=stage)
        if size := data.get("size"):
            projects = projects.in_size_band(size)
        return projects
