"""Exchange rates: set by agency managers, read by every page that shows an
amount."""

from django.contrib import admin

from showcase.invest.models import ExchangeRate


@admin.register(ExchangeRate)
class ExchangeRateAdmin(admin.ModelAdmin):
    list_display = ["currency", "roubles_per_unit", "set_on", "updated_at"]
    list_filter = ["currency"]
    date_hierarchy = "set_on"
    search_fields = ["currency"]
    readonly_fields = ["updated_at"]
    fields = ["currency", "roubles_per_unit", "set_on", "updated_at"]
