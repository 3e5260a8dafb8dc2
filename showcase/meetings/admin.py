"""Staff side of the meetings: participants and requests to read, sessions,
tables and interpreters to set, and the meetings themselves, placed by the
scheduler ("schedule" on the sessions) or moved by hand with every conflict
shown. The secret links are never shown here."""

import copy

from django import forms
from django.contrib import admin, messages
from django.db.models import Count, Q
from django.template.response import TemplateResponse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from modeltranslation.admin import TabbedTranslationAdmin

from amur_invest.staff.audit import AuditedAdminMixin
from showcase.meetings import outcomes, printing, services
from showcase.meetings.models import (
    Interpreter,
    JapaneseParticipant,
    Meeting,
    MeetingRequest,
    MeetingSession,
    Table,
    of_host,
)


def hosts_of_their_work(user) -> dict[str, bool]:
    """Which hosts' meetings a staff member runs: those whose applications
    they may read. A mission coordinator sees no participation and an
    exhibition coordinator no registration, and each side of a meeting is
    one of those."""
    return {
        "mission": user.has_perm("missions.view_registration"),
        "exhibition": user.has_perm("exhibitions.view_participation"),
    }


class HostColumn:
    """The mission or the exhibition a row belongs to, in one column; the
    rows of the hosts the staff member's work covers, and only those hosts
    to choose from."""

    # The path from the row to its host's foreign keys.
    host_path = ""

    @admin.display(description=_("mission or exhibition"))
    def host(self, obj):
        return obj.host

    def get_queryset(self, request):
        queryset = super().get_queryset(request)
        for host, allowed in hosts_of_their_work(request.user).items():
            if not allowed:
                queryset = queryset.filter(**{f"{self.host_path}{host}": None})
        return queryset

    def get_list_filter(self, request):
        # No filter by a kind of host the staff member has no rows of.
        hidden = {
            f"{self.host_path}{host}"
            for host, allowed in hosts_of_their_work(request.user).items()
            if not allowed
        }
        return [item for item in super().get_list_filter(request) if item not in hidden]

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name in ("mission", "exhibition") and not hosts_of_their_work(
            request.user
        ).get(db_field.name):
            kwargs["queryset"] = db_field.related_model.objects.none()
        return super().formfield_for_foreignkey(db_field, request, **kwargs)


@admin.register(JapaneseParticipant)
class JapaneseParticipantAdmin(HostColumn, AuditedAdminMixin, admin.ModelAdmin):
    list_display = [
        "organization_name",
        "organization_name_latin",
        "host",
        "prefecture",
        "status",
        "confirmed_at",
    ]
    list_filter = ["status", "mission", "exhibition"]
    search_fields = [
        "organization_name",
        "organization_name_latin",
        "corporate_number",
        "contact_name_latin",
        "email",
    ]
    list_select_related = ["mission", "exhibition", "prefecture"]
    autocomplete_fields = ["organization"]
    readonly_fields = ["consent", "confirmed_at", "created_at", "updated_at"]
    filter_horizontal = ["sectors"]


@admin.register(MeetingRequest)
class MeetingRequestAdmin(HostColumn, admin.ModelAdmin):
    list_display = ["__str__", "host", "direction", "status", "created_at"]
    list_filter = ["status", "direction", "mission", "exhibition"]
    list_select_related = [
        "mission",
        "exhibition",
        "participant",
        "registration__company",
        "participation__company",
    ]
    search_fields = [
        "participant__organization_name",
        "registration__company_name",
        "participation__company_name",
        "reason",
    ]
    raw_id_fields = ["participant", "registration", "participation"]


@admin.action(
    description=_("Schedule the accepted meetings of these missions and exhibitions")
)
def schedule(modeladmin, request, queryset):
    sessions = queryset.select_related("mission", "exhibition")
    for host in {session.host for session in sessions}:
        result, created = services.schedule_host(host=host)
        modeladmin.message_user(
            request,
            ngettext(
                "%(mission)s: %(count)d meeting placed.",
                "%(mission)s: %(count)d meetings placed.",
                len(created),
            )
            % {"mission": host, "count": len(created)},
            messages.SUCCESS,
        )
        if result.unplaced:
            requests = MeetingRequest.objects.in_bulk(result.unplaced).values()
            for item in requests:
                reason = services.UNPLACED_REASONS[result.unplaced[item.pk]]
                modeladmin.message_user(
                    request,
                    _("Not placed: %(request)s: %(reason)s.")
                    % {"request": item, "reason": reason},
                    messages.WARNING,
                )
        for meeting in Meeting.objects.live().filter(**of_host(host, "session__")):
            for conflict in services.conflicts(meeting):
                modeladmin.message_user(
                    request,
                    _("Conflict: %(meeting)s: %(conflict)s")
                    % {"meeting": meeting, "conflict": conflict},
                    messages.ERROR,
                )


class MeetingSessionForm(forms.ModelForm):
    """A session cannot be shortened or moved from under its meetings."""

    class Meta:
        model = MeetingSession
        fields = [
            "mission",
            "exhibition",
            "day",
            "starts_at",
            "ends_at",
            "slot_minutes",
            "breaks",
            "time_zone",
            "place",
        ]

    def clean(self):
        data = super().clean()
        if not self.errors and self.instance.pk:
            # The instance takes the form's values only after clean().
            changed = copy.copy(self.instance)
            for name, value in data.items():
                setattr(changed, name, value)
            outside = changed.meetings_outside()
            if outside:
                raise forms.ValidationError(
                    _(
                        "%(count)s meetings already placed would fall outside "
                        "the session's slots. Move or cancel them first."
                    ),
                    params={"count": len(outside)},
                )
        return data


@admin.action(description=_("Print the plan of each table and interpreter"))
def print_plan(modeladmin, request, queryset):
    """A page to print: each table's and each interpreter's day, a sheet
    each, times on the clock of the place; the missions' and exhibitions'
    rates on top."""
    sessions = list(queryset.select_related("mission", "exhibition"))
    meetings = (
        Meeting.objects.live()
        .filter(session__in=sessions)
        .select_related(
            "table",
            "interpreter",
            "participant",
            "registration__company",
            "participation__company",
            "session__mission",
            "session__exhibition",
        )
    )
    hosts = {session.host for session in sessions}
    rates = outcomes.rates_by_host(hosts)
    context = {
        **modeladmin.admin_site.each_context(request),
        "title": _("Meeting plans"),
        "plans": printing.plans(meetings),
        "rates": [
            (host, rates[host]) for host in sorted(hosts, key=lambda h: h.starts_on)
        ],
        "back_url": request.get_full_path(),
    }
    return TemplateResponse(request, "meetings/admin/plan.html", context)


@admin.register(MeetingSession)
class MeetingSessionAdmin(HostColumn, admin.ModelAdmin):
    form = MeetingSessionForm
    list_display = [
        "host",
        "day",
        "starts_at",
        "ends_at",
        "slot_minutes",
        "breaks",
        "meeting_count",
    ]
    list_filter = ["mission", "exhibition"]
    list_select_related = ["mission", "exhibition"]
    actions = [schedule, print_plan]

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .annotate(
                live_meetings=Count("meetings", filter=Q(meetings__cancelled=False))
            )
        )

    @admin.display(description=_("meetings"), ordering="live_meetings")
    def meeting_count(self, session):
        return session.live_meetings


@admin.register(Table)
class TableAdmin(HostColumn, TabbedTranslationAdmin):
    list_display = ["name", "host"]
    list_filter = ["mission", "exhibition"]
    list_select_related = ["mission", "exhibition"]


@admin.register(Interpreter)
class InterpreterAdmin(HostColumn, admin.ModelAdmin):
    list_display = ["name", "host", "languages", "works_from", "works_until"]
    list_filter = ["mission", "exhibition"]
    list_select_related = ["mission", "exhibition"]


class MeetingForm(forms.ModelForm):
    """Moving a meeting by hand: every conflict is shown, none allowed."""

    class Meta:
        model = Meeting
        fields = [
            "request",
            "session",
            "starts_at",
            "table",
            "interpreter",
            "cancelled",
            "held_japanese",
            "held_amur",
            "outcome",
            "outcome_notes",
        ]

    def clean(self):
        data = super().clean()
        if self.errors:
            return data
        meeting = self.instance
        if meeting.request_id is None and data.get("request"):
            meeting.request = data["request"]
        if not meeting.cancelled and meeting.request_id:
            meeting.take_sides_from_request()
            for conflict in services.conflicts(meeting):
                self.add_error(None, conflict)
        return data


@admin.register(Meeting)
class MeetingAdmin(HostColumn, admin.ModelAdmin):
    form = MeetingForm
    host_path = "session__"
    list_display = [
        "starts_at",
        "table",
        "participant",
        "amur_side",
        "interpreter",
        "cancelled",
        "outcome",
    ]
    list_filter = [
        "session__mission",
        "session__exhibition",
        # Only the sessions, tables and interpreters of the meetings listed:
        # a coordinator's filters name nothing of the other host's.
        ("session", admin.RelatedOnlyFieldListFilter),
        ("table", admin.RelatedOnlyFieldListFilter),
        ("interpreter", admin.RelatedOnlyFieldListFilter),
        "cancelled",
    ]
    list_select_related = [
        "table",
        "participant",
        "registration__company",
        "registration__mission",
        "participation__company",
        "participation__exhibition",
        "participant__mission",
        "participant__exhibition",
        "interpreter",
    ]
    raw_id_fields = ["request"]
    readonly_fields = ["sequence"]
    date_hierarchy = "starts_at"

    @admin.display(description=_("Amur company"))
    def amur_side(self, meeting):
        return meeting.amur_side

    def save_model(self, request, obj, form, change):
        moved = {"starts_at", "table", "interpreter", "cancelled", "session"}
        if change and moved & set(form.changed_data):
            obj.sequence += 1
            obj.reminded_at = None
        # Staff may record what a side told them: a meeting that took place
        # becomes an interaction in the partner records all the same.
        if not obj.cancelled and (obj.held_japanese or obj.held_amur):
            services.record_interaction(obj)
        super().save_model(request, obj, form, change)
