"""Admin of missions with their programme, counts of seats and exports."""

from django.contrib import admin
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.urls import path, reverse
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext_lazy as _
from modeltranslation.admin import TabbedTranslationAdmin, TranslationTabularInline

from amur_invest import audit
from missions.admin.exports import can_export_registrations, export_response
from missions.models import Mission, ProgrammeItem, Registration
from missions.resources import EXPORT_KINDS, FILE_FORMATS, export_mission


class ProgrammeItemInline(TranslationTabularInline):
    model = ProgrammeItem
    extra = 0
    fields = ("starts_at", "ends_at", "kind", "title", "place", "counterpart")
    # Searched in the partners app's organisation admin, not listed in full.
    autocomplete_fields = ("counterpart",)


@admin.register(Mission)
class MissionAdmin(TabbedTranslationAdmin):
    list_display = (
        "title",
        "starts_on",
        "ends_on",
        "admission_mode",
        "registration_open",
        "delegate_seats",
        "seats_taken_display",
        "seats_left_display",
        "submitted_display",
        "waitlisted_display",
        "exports_display",
    )
    list_filter = ("status", "admission_mode", "registration_open")
    search_fields = ("title_ru", "title_ja", "title_en", "slug")
    date_hierarchy = "starts_on"
    prepopulated_fields = {"slug": ("title_en",)}
    filter_horizontal = ("prefectures", "sectors")
    inlines = (ProgrammeItemInline,)
    readonly_fields = ("registrations_summary",)
    fieldsets = (
        (None, {"fields": ("title", "slug", "description", "status")}),
        (
            _("Dates and destination"),
            {"fields": ("starts_on", "ends_on", "prefectures", "cities", "sectors")},
        ),
        (
            _("Registration"),
            {
                "fields": (
                    "delegate_seats",
                    "max_delegates_per_company",
                    "admission_mode",
                    "registration_open",
                    "registration_deadline",
                    "registrations_summary",
                )
            },
        ),
        (_("Results"), {"fields": ("results",)}),
    )

    def get_queryset(self, request):
        return super().get_queryset(request).with_counts()

    @admin.display(description=_("seats taken"), ordering="delegates_accepted")
    def seats_taken_display(self, mission):
        return mission.delegates_accepted

    @admin.display(description=_("seats left"))
    def seats_left_display(self, mission):
        return max(mission.delegate_seats - mission.delegates_accepted, 0)

    @admin.display(description=_("submitted"), ordering="count_submitted")
    def submitted_display(self, mission):
        return mission.count_submitted

    @admin.display(description=_("waiting list"), ordering="count_waitlisted")
    def waitlisted_display(self, mission):
        return mission.count_waitlisted

    @admin.display(description=_("export"))
    def exports_display(self, mission):
        return format_html_join(
            " · ",
            '<a href="{}">{}</a>',
            (
                (self.export_url(mission, "delegation", file_format), label)
                for file_format, label in (("xlsx", "XLSX"), ("csv", "CSV"))
            ),
        )

    @admin.display(description=_("registrations"))
    def registrations_summary(self, mission):
        if mission.pk is None:
            return "—"
        counts = format_html_join(
            "",
            "<li>{}: {}</li>",
            (
                (label, getattr(mission, f"count_{status}"))
                for status, label in Registration.Status.choices
            ),
        )
        changelist = reverse("admin:missions_registration_changelist")
        exports = format_html_join(
            " · ",
            '<a href="{}">{} ({})</a>',
            (
                (self.export_url(mission, kind.slug, file_format), kind.label, label)
                for kind in EXPORT_KINDS.values()
                for file_format, label in (("xlsx", "XLSX"), ("csv", "CSV"))
            ),
        )
        return format_html(
            "<p>{}</p><ul>{}</ul><p><a href='{}?mission__id__exact={}'>{}</a></p>"
            "<p>{}</p>",
            _("%(taken)s of %(seats)s delegate seats taken, %(left)s left.")
            % {
                "taken": mission.delegates_accepted,
                "seats": mission.delegate_seats,
                "left": max(mission.delegate_seats - mission.delegates_accepted, 0),
            },
            counts,
            changelist,
            mission.pk,
            _("Review the registrations"),
            exports,
        )

    def export_url(self, mission, kind, file_format):
        return reverse(
            "admin:missions_mission_export",
            kwargs={"object_id": mission.pk, "kind": kind, "file_format": file_format},
        )

    def get_urls(self):
        export = path(
            "<path:object_id>/export/<slug:kind>.<slug:file_format>",
            self.admin_site.admin_view(self.export_view),
            name="missions_mission_export",
        )
        return [export, *super().get_urls()]

    def export_view(self, request, object_id, kind, file_format):
        """Download one mission's delegation list or all its registrations."""
        if not can_export_registrations(request.user):
            raise PermissionDenied
        if kind not in EXPORT_KINDS or file_format not in FILE_FORMATS:
            raise Http404
        mission = self.get_object(request, object_id)
        if mission is None or not self.has_view_permission(request, mission):
            raise Http404
        audit.record(
            request=request,
            action=audit.Action.EXPORTED,
            model=Registration,
            ids=mission.registrations.values_list("pk", flat=True),
            summary=f"{mission.slug}: {kind}.{file_format}",
        )
        return export_response(
            export_mission(mission=mission, kind=kind, file_format=file_format)
        )
