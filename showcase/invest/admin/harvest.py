"""Wild-harvest reports. A district coordinator sees, enters, imports and
exports the reports of their own district only; agency staff see all."""

from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from amur_invest.spreadsheets.admin import StaffImportExportMixin
from partners.models import District
from showcase.invest.models.harvest import (
    ALL_DISTRICTS,
    DistrictCoordinator,
    WildHarvestReport,
    coordinated_district,
)
from showcase.invest.resources import WildHarvestReportResource


@admin.register(DistrictCoordinator)
class DistrictCoordinatorAdmin(admin.ModelAdmin):
    list_display = ["user", "district"]
    list_select_related = ["user", "district"]
    search_fields = ["user__username", "user__last_name", "district__name_ru"]
    autocomplete_fields = ["user", "district"]


@admin.register(WildHarvestReport)
class WildHarvestReportAdmin(StaffImportExportMixin, admin.ModelAdmin):
    resource_classes = [WildHarvestReportResource]
    list_display = [
        "district",
        "product",
        "year",
        "volume_tonnes",
        "season",
        "processing_on_site",
        "is_sample",
    ]
    list_filter = ["year", "product", "processing_on_site", "district", "is_sample"]
    list_select_related = ["district"]
    search_fields = ["district__name_ru", "district__name_ja", "district__name_en"]
    fields = [
        "district",
        ("product", "year"),
        "volume_tonnes",
        ("month_from", "month_to"),
        "processing_on_site",
        "notes",
        "is_sample",
        "reported_by",
        "updated_at",
    ]
    readonly_fields = ["reported_by", "updated_at"]

    def get_queryset(self, request):
        return super().get_queryset(request).visible_to(request.user)

    def get_list_filter(self, request):
        filters = super().get_list_filter(request)
        if coordinated_district(request.user) is ALL_DISTRICTS:
            return filters
        return [name for name in filters if name != "district"]

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        scope = coordinated_district(request.user)
        if db_field.name == "district" and scope is not ALL_DISTRICTS:
            # A coordinator's own district is the only choice, chosen already.
            kwargs["queryset"] = District.objects.filter(pk=getattr(scope, "pk", None))
            kwargs["initial"] = scope
            kwargs["empty_label"] = None
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def has_add_permission(self, request):
        # A coordinator not yet linked to a district has nowhere to report for.
        if coordinated_district(request.user) is None:
            return False
        return super().has_add_permission(request)

    def get_resource_kwargs(self, request, *args, **kwargs):
        return {
            **super().get_resource_kwargs(request, *args, **kwargs),
            "user": request.user,
        }

    def save_model(self, request, obj, form, change):
        if obj.reported_by_id is None:
            obj.reported_by = request.user
        super().save_model(request, obj, form, change)

    @admin.display(description=_("season"))
    def season(self, report):
        return report.season
