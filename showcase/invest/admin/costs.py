"""Costs of doing business: kept by agency managers and content editors."""

from django.contrib import admin
from modeltranslation.admin import TabbedTranslationAdmin

from showcase.invest.models import CostFigure


@admin.register(CostFigure)
class CostFigureAdmin(TabbedTranslationAdmin):
    list_display = [
        "name",
        "category",
        "value",
        "unit",
        "as_of",
        "position",
    ]
    # The sector and the sample mark are filters: the list fits 1280 px.
    list_editable = ["position"]
    list_filter = ["category", "is_sample", "sector"]
    list_select_related = ["sector"]
    search_fields = ["name_ru", "name_ja", "name_en", "source_ru"]
    autocomplete_fields = ["sector", "lowered_by"]
    readonly_fields = ["updated_at"]
    fields = [
        ("category", "sector"),
        "name",
        ("value", "unit"),
        ("source", "as_of"),
        "note",
        "lowered_by",
        ("position", "is_sample"),
        "updated_at",
    ]
