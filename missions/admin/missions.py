"""Admin of missions with their programme, counts of seats and exports.

Seats, admission mode, registration dates, the mission's dates (its status
and the end of registration follow from them) and cancellation decide who
travels: only users with the "manage admission" permission (mission
coordinators, agency managers) change them; content editors see them
read-only."""

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.formats import date_format
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from modeltranslation.admin import TabbedTranslationAdmin, TranslationTabularInline

from amur_invest.staff import audit
from missions import delegation, services
from missions.admin.exports import (
    can_export_registrations,
    export_response,
    exportable,
)
from missions.models import Mission, ProgrammeItem, Registration
from missions.resources import EXPORT_KINDS, FILE_FORMATS, export_registrations

# What the delegation page offers: the two files and the page to print.
DELEGATION_SHAPES = ("xlsx", "csv", "print")


class ProgrammeItemInline(TranslationTabularInline):
    model = ProgrammeItem
    extra = 0
    fields = ("starts_at", "ends_at", "kind", "title", "place", "counterpart")
    # Searched in the partners app's organisation admin, not listed in full.
    autocomplete_fields = ("counterpart",)


ADMISSION_FIELDS = (
    "starts_on",
    "ends_on",
    "delegate_seats",
    "max_delegates_per_company",
    "admission_mode",
    "registration_open",
    "registration_deadline",
    "cancelled",
)


class MissionForm(forms.ModelForm):
    def clean_delegate_seats(self):
        seats = self.cleaned_data["delegate_seats"]
        if self.instance.pk is None:
            return seats
        # The admin saves inside one transaction: the lock taken here holds
        # until the save, so no acceptance slips in between.
        accepted = services.accepted_delegates(mission_id=self.instance.pk)
        if seats < accepted:
            raise forms.ValidationError(services.seats_below_accepted_message(accepted))
        return seats


class PhaseFilter(admin.SimpleListFilter):
    """Upcoming, in progress, completed by today's date; or cancelled."""

    title = _("status")
    parameter_name = "phase"

    def lookups(self, request, model_admin):
        return Mission.Status.choices

    def queryset(self, request, queryset):
        phases = {
            Mission.Status.PLANNED: queryset.upcoming,
            Mission.Status.IN_PROGRESS: queryset.in_progress,
            Mission.Status.COMPLETED: queryset.completed,
            Mission.Status.CANCELLED: lambda: queryset.filter(cancelled=True),
        }
        phase = phases.get(self.value())
        return phase() if phase else queryset


@admin.register(Mission)
class MissionAdmin(TabbedTranslationAdmin):
    form = MissionForm
    # What staff look for fits 1280 px with the side menu open: the seats
    # left, the waiting list and the exports; the admission mode is a filter.
    list_display = (
        "title",
        "dates_display",
        "status_display",
        "takes_registrations",
        "seats_left_display",
        "submitted_display",
        "waitlisted_display",
        "exports_display",
    )
    list_filter = (PhaseFilter, "admission_mode", "registration_open")
    search_fields = ("title_ru", "title_ja", "title_en", "slug")
    date_hierarchy = "starts_on"
    prepopulated_fields = {"slug": ("title_en",)}
    filter_horizontal = ("prefectures", "sectors")
    inlines = (ProgrammeItemInline,)
    readonly_fields = ("status_display", "registrations_summary")
    fieldsets = (
        (None, {"fields": ("title", "slug", "description", "status_display")}),
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
                    "cancelled",
                    "registrations_summary",
                )
            },
        ),
        (_("Results"), {"fields": ("results",)}),
    )

    def get_queryset(self, request):
        return super().get_queryset(request).with_counts()

    def get_readonly_fields(self, request, obj=None):
        readonly = super().get_readonly_fields(request, obj)
        if request.user.has_perm("missions.manage_admission"):
            return readonly
        return (*readonly, *ADMISSION_FIELDS)

    def save_model(self, request, obj, form, change):
        promoted = services.save_mission(mission=obj, by=request.user)
        if promoted:
            self.message_user(
                request,
                ngettext(
                    "%(count)d registration promoted from the waiting list to "
                    "the new seats.",
                    "%(count)d registrations promoted from the waiting list to "
                    "the new seats.",
                    len(promoted),
                )
                % {"count": len(promoted)},
                messages.SUCCESS,
            )

    @admin.display(description=_("takes registrations now"), boolean=True)
    def takes_registrations(self, mission):
        # The flag alone is not the answer: the deadline and the start of
        # the mission close registration too.
        return mission.is_registration_open

    @admin.display(description=_("status"))
    def status_display(self, mission):
        if mission.pk is None:
            return _("follows the dates")
        return mission.get_status_display()

    @admin.display(description=_("dates"), ordering="starts_on")
    def dates_display(self, mission):
        return format_html(
            "{}&nbsp;–<br>{}",
            date_format(mission.starts_on, "SHORT_DATE_FORMAT"),
            date_format(mission.ends_on, "SHORT_DATE_FORMAT"),
        )

    @admin.display(description=_("seats left"))
    def seats_left_display(self, mission):
        return _("%(left)s of %(seats)s") % {
            "left": max(mission.delegate_seats - mission.delegates_accepted, 0),
            "seats": mission.delegate_seats,
        }

    @admin.display(description=_("submitted"), ordering="count_submitted")
    def submitted_display(self, mission):
        return mission.count_submitted

    @admin.display(description=_("waiting list"), ordering="count_waitlisted")
    def waitlisted_display(self, mission):
        return mission.count_waitlisted

    @admin.display(description=_("export"))
    def exports_display(self, mission):
        return format_html(
            '<a href="{}">{}</a>', self.delegation_url(mission), _("delegation list")
        )

    def delegation_url(self, mission) -> str:
        return reverse(
            "admin:missions_mission_delegation", kwargs={"object_id": mission.pk}
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
        exports = format_html(
            '<a href="{}">{}</a> · {}',
            self.delegation_url(mission),
            _("Delegation list for the hosts (XLSX, CSV, print)"),
            format_html_join(
                " · ",
                '<a href="{}">{} ({})</a>',
                (
                    (self.export_url(mission, "registrations", fmt), label, fmt_label)
                    for label in (EXPORT_KINDS["registrations"].label,)
                    for fmt, fmt_label in (("xlsx", "XLSX"), ("csv", "CSV"))
                ),
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
        admin_view = self.admin_site.admin_view
        return [
            path(
                "<path:object_id>/export/<slug:kind>.<slug:file_format>",
                admin_view(self.export_view),
                name="missions_mission_export",
            ),
            path(
                "<path:object_id>/delegation/",
                admin_view(self.delegation_view),
                name="missions_mission_delegation",
            ),
            *super().get_urls(),
        ]

    def exportable_mission(self, request, object_id):
        """The mission, for a staff member who may export its registrations."""
        if not can_export_registrations(request.user):
            raise PermissionDenied
        mission = self.get_object(request, object_id)
        if mission is None or not self.has_view_permission(request, mission):
            raise Http404
        return mission

    def delegation_view(self, request, object_id):
        """The delegation list for the hosts: staff choose the language and
        the file (XLSX, CSV) or the page to print."""
        mission = self.exportable_mission(request, object_id)
        language = request.GET.get("language")
        shape = request.GET.get("format")
        if language in delegation.LANGUAGES and shape in DELEGATION_SHAPES:
            return self.delegation_response(request, mission, language, shape)
        context = {
            **self.admin_site.each_context(request),
            "title": _("Delegation list for the hosts"),
            "opts": self.opts,
            "original": mission,
            "mission": mission,
            "languages": delegation.LANGUAGES.items(),
            "chosen": language if language in delegation.LANGUAGES else "ja",
            "invalid": bool(language or shape),
        }
        request.current_app = self.admin_site.name
        return TemplateResponse(
            request, "admin/missions/mission/delegation.html", context
        )

    def delegation_response(self, request, mission, language, shape):
        listed = delegation.build(mission, language)
        audit.record(
            request=request,
            action=audit.Action.EXPORTED,
            model=Registration,
            ids=listed.registration_ids,
            count=len(listed.rows),
            summary=f"{mission.slug}: delegation.{shape} ({language})",
        )
        if shape == "print":
            return TemplateResponse(
                request,
                "admin/missions/mission/delegation_print.html",
                {"delegation": listed},
            )
        content = delegation.xlsx(listed) if shape == "xlsx" else delegation.csv(listed)
        response = HttpResponse(content, content_type=FILE_FORMATS[shape].content_type)
        response["Content-Disposition"] = (
            f'attachment; filename="{listed.filename}.{shape}"'
        )
        return response

    def export_view(self, request, object_id, kind, file_format):
        """Download all of one mission's registrations; the delegation list
        asks for its language first."""
        known = kind in EXPORT_KINDS or kind == "delegation"
        if not known or file_format not in FILE_FORMATS:
            raise Http404
        mission = self.exportable_mission(request, object_id)
        if kind == "delegation":
            url = reverse(
                "admin:missions_mission_delegation", kwargs={"object_id": mission.pk}
            )
            language = request.GET.get("language")
            if language in delegation.LANGUAGES:
                return redirect(f"{url}?language={language}&format={file_format}")
            return redirect(url)
        export = export_registrations(
            queryset=exportable(mission.registrations.all()),
            kind=kind,
            file_format=file_format,
            name=mission.slug,
        )
        audit.record(
            request=request,
            action=audit.Action.EXPORTED,
            model=Registration,
            ids=export.record_ids,
            summary=f"{mission.slug}: {kind}.{file_format}",
        )
        return export_response(export)
