"""Trade figures: kept by content editors and agency managers, imported from
the customs tables by the managers."""

from django.contrib import admin

from amur_invest.spreadsheets.admin import StaffImportExportMixin
from showcase.invest.models import TradeFigure
from showcase.invest.resources import TradeFigureResource


@admin.register(TradeFigure)
class TradeFigureAdmin(StaffImportExportMixin, admin.ModelAdmin):
    resource_classes = [TradeFigureResource]
    list_display = [
        "year",
        "partner_country",
        "flow",
        "commodity_group",
        "value",
        "currency",
        "source",
    ]
    list_filter = [
        "year",
        "partner_country",
        "flow",
        "commodity_group",
        "currency",
        "is_sample",
    ]
    search_fields = ["source", "partner_country"]
    readonly_fields = ["updated_at"]
    fields = [
        ("year", "partner_country"),
        ("flow", "commodity_group"),
        ("value", "currency"),
        "source",
        "is_sample",
        "updated_at",
    ]
