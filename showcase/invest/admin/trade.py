"""Trade figures: kept by content editors and agency managers, imported from
the customs tables by the managers; a year reaches the public pages once
staff publish it as complete."""

from django.contrib import admin, messages
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from modeltranslation.admin import TabbedTranslationAdmin

from amur_invest.spreadsheets.admin import StaffImportExportMixin
from showcase.invest.models import TradeFigure, TradeYear
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


def mark_complete(queryset, is_complete: bool) -> int:
    """Each row saved on its own, so that the public pages' cache hears of
    it."""
    changed = 0
    for trade_year in queryset.exclude(is_complete=is_complete):
        trade_year.is_complete = is_complete
        trade_year.save(update_fields=["is_complete", "updated_at"])
        changed += 1
    return changed


@admin.register(TradeYear)
class TradeYearAdmin(TabbedTranslationAdmin):
    list_display = ["year", "is_complete", "source", "taken_on", "updated_at"]
    list_filter = ["is_complete"]
    search_fields = ["year", "source_ru", "source_ja", "source_en"]
    readonly_fields = ["updated_at"]
    fields = ["year", "is_complete", "source", "taken_on", "updated_at"]
    actions = ["publish_as_complete", "withdraw_from_site"]

    @admin.action(
        description=_("Publish the selected years as complete"),
        permissions=["change"],
    )
    def publish_as_complete(self, request, queryset):
        changed = mark_complete(queryset, True)
        self.message_user(
            request,
            ngettext(
                "%(count)d year is now shown on the site.",
                "%(count)d years are now shown on the site.",
                changed,
            )
            % {"count": changed},
            messages.SUCCESS,
        )

    @admin.action(
        description=_("Withdraw the selected years from the site"),
        permissions=["change"],
    )
    def withdraw_from_site(self, request, queryset):
        changed = mark_complete(queryset, False)
        self.message_user(
            request,
            ngettext(
                "%(count)d year is no longer shown on the site.",
                "%(count)d years are no longer shown on the site.",
                changed,
            )
            % {"count": changed},
            messages.SUCCESS,
        )
