"""What staff see of the last check of a site or support measure: a column
that flags facts not checked for 180 days, and a filter that lists them."""

from django.contrib import admin
from django.utils import formats
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _


class VerificationFilter(admin.SimpleListFilter):
    title = _("verification")
    parameter_name = "verification"

    def lookups(self, request, model_admin):
        return [
            ("stale", _("not verified for 180 days")),
            ("fresh", _("verified in the last 180 days")),
        ]

    def queryset(self, request, queryset):
        if self.value() == "stale":
            return queryset.stale()
        if self.value() == "fresh":
            return queryset.fresh()
        return queryset


@admin.display(description=_("last verified"), ordering="verified_on")
def verification(row) -> str:
    if row.verified_on is None:
        return format_html('<strong class="errornote">{}</strong>', _("never"))
    date = formats.date_format(row.verified_on, "SHORT_DATE_FORMAT")
    if row.is_stale:
        return format_html(
            '<strong class="errornote">{} ({})</strong>', date, _("out of date")
        )
    return date
