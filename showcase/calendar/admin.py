"""Staff keep the events log here: translation tabs, times typed in the
place's own clock, import and export, and the report of the activity by year."""

from zoneinfo import ZoneInfo

from django import forms
from django.contrib import admin
from django.core.exceptions import PermissionDenied
from django.template.response import TemplateResponse
from django.urls import path
from django.utils import formats, timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext
from modeltranslation.admin import TabbedTranslationAdmin

from amur_invest.spreadsheets.admin import StaffImportExportMixin
from showcase.calendar.activity import activity_by_year, meetings_by_mission
from showcase.calendar.models import Event, TimeZone, zone_offset
from showcase.calendar.resources import EventResource
from showcase.meetings import outcomes

LOCAL_TIME_FIELDS = ("starts_at", "ends_at")


class EventAdminForm(forms.ModelForm):
    """Start and end are typed and shown as the clock of the place reads them
    (10:00 in Moscow is 10:00 here, not Blagoveshchensk time), and stored in
    UTC."""

    class Meta:
        model = Event
        fields = [
            "kind",
            "title",
            "place",
            "time_zone",
            "all_day",
            "starts_on",
            "ends_on",
            "starts_at",
            "ends_at",
            "description",
            "outcome",
            "meetings_held",
            "agreements_signed",
            "mission",
            "exhibition",
            "twin_relation",
            "is_plan",
            "is_published",
            "is_cancelled",
            "is_sample",
        ]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in LOCAL_TIME_FIELDS:
            value = getattr(self.instance, name)
            if value is not None and name in self.fields:
                # Naive: the widget shows it as it is, not in the site's zone.
                self.initial[name] = value.astimezone(self.instance.zone).replace(
                    tzinfo=None
                )

    def clean(self):
        cleaned = super().clean()
        zone = ZoneInfo(cleaned.get("time_zone") or TimeZone.BLAGOVESHCHENSK)
        for name in LOCAL_TIME_FIELDS:
            if (value := cleaned.get(name)) is not None:
                # The field read the typed time in the site's zone: take the
                # same wall-clock reading in the place's zone instead.
                cleaned[name] = timezone.make_naive(value).replace(tzinfo=zone)
        return cleaned


def local_when(event: Event) -> str:
    """'12 November 2019 14:00 (UTC+9)', or the dates of an all-day event."""
    if event.all_day:
        first = formats.date_format(event.starts_on)
        if event.ends_on == event.starts_on:
            return first
        return f"{first} – {formats.date_format(event.ends_on)}"
    start = event.local_start
    return pgettext("local time with its offset", "%(time)s (%(offset)s)") % {
        "time": formats.date_format(start.replace(tzinfo=None), "DATETIME_FORMAT"),
        "offset": zone_offset(start),
    }


@admin.register(Event)
class EventAdmin(StaffImportExportMixin, TabbedTranslationAdmin):
    form = EventAdminForm
    resource_classes = [EventResource]
    change_list_template = "showcase/calendar/admin_change_list.html"
    # Cancelled, plan and sample are filters: five columns fit at 1280 px.
    list_display = ("title", "kind", "when_display", "place", "is_published")
    list_filter = (
        "kind",
        "is_plan",
        "is_published",
        "is_cancelled",
        "is_sample",
        "time_zone",
        "all_day",
    )
    search_fields = ("title_ru", "title_ja", "title_en", "place_ru", "place_en")
    date_hierarchy = "starts_on"
    autocomplete_fields = ("mission", "exhibition", "twin_relation")
    readonly_fields = ("sequence", "modified_at", "created_at")
    fieldsets = (
        (None, {"fields": ("kind", "title", "place", "time_zone")}),
        (
            _("When"),
            {
                "fields": ("all_day", ("starts_on", "ends_on"), "starts_at", "ends_at"),
                "description": _(
                    "An all-day event takes its days; a timed event its start "
                    "and end in the local time of the place, and its days follow."
                ),
            },
        ),
        (
            _("About and outcome"),
            {
                "fields": (
                    "description",
                    "outcome",
                    ("meetings_held", "agreements_signed"),
                )
            },
        ),
        (_("Linked to"), {"fields": ("mission", "exhibition", "twin_relation")}),
        (
            _("Publication"),
            {
                "fields": (
                    "is_plan",
                    "is_published",
                    "is_cancelled",
                    "is_sample",
                    "sequence",
                    "modified_at",
                    "created_at",
                )
            },
        ),
    )

    class Media:
        js = ["js/event-admin.js"]

    @admin.display(description=_("when"), ordering="starts_on")
    def when_display(self, event):
        return local_when(event)

    def get_urls(self):
        report = path(
            "activity/",
            self.admin_site.admin_view(self.activity_view),
            name="showcase_event_activity",
        )
        return [report, *super().get_urls()]

    def activity_view(self, request):
        """Activities per year and kind, unpublished events included."""
        if not self.has_view_permission(request):
            raise PermissionDenied
        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "title": _("Activity by year"),
            "table": activity_by_year(include_unpublished=True),
            "missions": meetings_by_mission(),
            "agreements": outcomes.agreements(),
        }
        return TemplateResponse(
            request, "showcase/calendar/admin_activity.html", context
        )
