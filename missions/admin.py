"""Staff side of the business missions: missions with their programme, and the
review of registrations.

A registration's status changes only through the services (actions below), so
that seats are counted under the mission's lock, the change is recorded with
who and why, and the registrant gets an email.
"""

from django import forms
from django.contrib import admin, messages
from django.contrib.admin import helpers
from django.contrib.admin.options import ActionLocation
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext, pgettext_lazy
from modeltranslation.admin import TabbedTranslationAdmin, TranslationTabularInline

from missions import services
from missions.models import (
    Mission,
    OutgoingEmail,
    ProgrammeItem,
    Registration,
    StatusChange,
)
from missions.resources import (
    EXPORT_KINDS,
    FILE_FORMATS,
    export_mission,
    export_registrations,
    with_waitlist_place,
)
from partners.models import Organization

# Actions offered both on the list of registrations and on one registration.
BOTH_PLACES = [ActionLocation.CHANGE_LIST, ActionLocation.CHANGE_FORM]


def can_export_registrations(user) -> bool:
    """Exports carry contact details of every registrant: they need the
    "export registrations" permission on top of the right to see them."""
    return user.has_perm("missions.view_registration") and user.has_perm(
        "missions.export_registration"
    )


def export_response(export) -> HttpResponse:
    response = HttpResponse(export.content, content_type=export.content_type)
    response["Content-Disposition"] = f'attachment; filename="{export.filename}"'
    return response


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
        return export_response(
            export_mission(mission=mission, kind=kind, file_format=file_format)
        )


class StatusChangeInline(admin.TabularInline):
    """The registration's history, as it happened: nobody edits it."""

    model = StatusChange
    extra = 0
    can_delete = False
    fields = ("changed_at", "changed_by", "from_status", "to_status", "reason")
    readonly_fields = fields
    verbose_name_plural = _("status history")

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("changed_by")

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False


class ReasonForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 4, "cols": 60}),
        help_text=_("Optional. Kept in the status history of each registration."),
    )


@admin.register(Registration)
class RegistrationAdmin(admin.ModelAdmin):
    list_display = (
        "company",
        "company_inn",
        "mission",
        "contact_name",
        "delegates",
        "status",
        "confirmed_at",
        "waitlist_place_display",
    )
    list_filter = (
        "mission",
        "status",
        ("company__sectors", admin.RelatedOnlyFieldListFilter),
        ("company__district", admin.RelatedOnlyFieldListFilter),
        "language",
    )
    search_fields = (
        "company__name_ru",
        "company__name_ja",
        "company__name_en",
        "company__inn",
        "contact_name",
        "email",
    )
    list_select_related = ("company", "mission")
    date_hierarchy = "confirmed_at"
    inlines = (StatusChangeInline,)
    actions = (
        "accept",
        "waitlist",
        "decline",
        "withdraw",
        "export_delegation_xlsx",
        "export_delegation_csv",
        "export_registrations_xlsx",
        "export_registrations_csv",
    )
    fieldsets = (
        (
            None,
            {
                "fields": (
                    "mission",
                    "company",
                    "delegates",
                    "status",
                    "confirmed_at",
                    "waitlist_place_display",
                )
            },
        ),
        (
            pgettext_lazy("registration fieldset", "Contact"),
            {
                "fields": (
                    "contact_name",
                    "contact_position",
                    "email",
                    "phone",
                    "language",
                )
            },
        ),
        (
            _("What the company wants"),
            {
                "fields": (
                    "products",
                    "goals",
                    "wanted_prefectures",
                    "partner_kinds_display",
                    "wanted_partners",
                )
            },
        ),
        (_("Staff"), {"fields": ("staff_notes",)}),
        (
            _("Record"),
            {
                "classes": ("collapse",),
                "fields": (
                    "registrant_page",
                    "consent",
                    "anonymised_at",
                    "created_at",
                    "updated_at",
                ),
            },
        ),
    )
    # What decides seats (mission, company, delegates, status) and what the
    # registrant said in their own words stays as submitted; staff correct
    # contact details and keep notes.
    readonly_fields = (
        "mission",
        "company",
        "delegates",
        "status",
        "confirmed_at",
        "waitlist_place_display",
        "products",
        "goals",
        "wanted_prefectures",
        "partner_kinds_display",
        "wanted_partners",
        "registrant_page",
        "consent",
        "anonymised_at",
        "created_at",
        "updated_at",
    )

    def get_queryset(self, request):
        return with_waitlist_place(
            super().get_queryset(request).select_related("company", "mission")
        )

    def has_add_permission(self, request):
        # Registrations come from the public form, which records the consent
        # and confirms the email address; staff cannot stand in for either.
        return False

    def get_actions(self, request, action_location=ActionLocation.CHANGE_LIST):
        actions = super().get_actions(request, action_location=action_location)
        # Deleting accepted registrations would free seats without promoting
        # anyone from the waiting list: staff decline or withdraw instead.
        actions.pop("delete_selected", None)
        return actions

    def has_export_permission(self, request):
        return can_export_registrations(request.user)

    @admin.display(description=_("INN"), ordering="company__inn")
    def company_inn(self, registration):
        return registration.company.inn

    @admin.display(
        description=_("place on the waiting list"), ordering="waitlist_place"
    )
    def waitlist_place_display(self, registration):
        return registration.waitlist_place

    @admin.display(description=_("kinds of partner to meet"))
    def partner_kinds_display(self, registration):
        labels = dict(Organization.Kind.choices)
        kinds = registration.wanted_partner_kinds or []
        return ", ".join(str(labels.get(kind, kind)) for kind in kinds) or "—"

    @admin.display(description=_("registrant's own page"))
    def registrant_page(self, registration):
        return format_html(
            '<a href="{}" target="_blank" rel="noopener">{}</a>',
            registration.get_absolute_url(),
            registration.token,
        )

    # Status actions. Each asks for an optional reason first, then calls the
    # service, which records the change and emails the registrant.

    @admin.action(
        description=_("Accept (in order of confirmation while seats last)"),
        permissions=("change",),
        location=BOTH_PLACES,
    )
    def accept(self, request, queryset):
        return self.with_reason(
            request,
            queryset,
            action="accept",
            title=_("Accept registrations"),
            apply=self.apply_accept,
        )

    @admin.action(
        description=_("Put on the waiting list"),
        permissions=("change",),
        location=BOTH_PLACES,
    )
    def waitlist(self, request, queryset):
        return self.with_reason(
            request,
            queryset,
            action="waitlist",
            title=_("Put registrations on the waiting list"),
            apply=self.per_registration(
                services.waitlist_registration,
                done=lambda n: ngettext(
                    "%(count)d registration put on the waiting list.",
                    "%(count)d registrations put on the waiting list.",
                    n,
                ),
            ),
        )

    @admin.action(
        description=_("Decline"),
        permissions=("change",),
        location=BOTH_PLACES,
    )
    def decline(self, request, queryset):
        return self.with_reason(
            request,
            queryset,
            action="decline",
            title=_("Decline registrations"),
            apply=self.per_registration(
                services.decline_registration,
                done=lambda n: ngettext(
                    "%(count)d registration declined.",
                    "%(count)d registrations declined.",
                    n,
                ),
            ),
        )

    @admin.action(
        description=_("Withdraw on the company's behalf"),
        permissions=("change",),
        location=BOTH_PLACES,
    )
    def withdraw(self, request, queryset):
        return self.with_reason(
            request,
            queryset,
            action="withdraw",
            title=_("Withdraw registrations"),
            apply=self.per_registration(
                services.withdraw_registration,
                done=lambda n: ngettext(
                    "%(count)d registration withdrawn.",
                    "%(count)d registrations withdrawn.",
                    n,
                ),
            ),
        )

    def with_reason(self, request, queryset, *, action, title, apply):
        """Show the reason page; on its submission run `apply`. Returning None
        sends the browser back to the page the action came from."""
        if "apply" in request.POST:
            form = ReasonForm(request.POST)
            if form.is_valid():
                apply(request, queryset, form.cleaned_data["reason"])
                return None
        else:
            form = ReasonForm()
        # The change page prefixes its action field; post back under the same name.
        action_field = next(
            (name for name in ("action", "CHANGE_FORM-action") if name in request.POST),
            "action",
        )
        context = {
            **self.admin_site.each_context(request),
            "title": title,
            "opts": self.opts,
            "form": form,
            "registrations": queryset.select_related("company", "mission"),
            "action_name": action,
            "action_field": action_field,
            "action_checkbox_name": helpers.ACTION_CHECKBOX_NAME,
        }
        request.current_app = self.admin_site.name
        return TemplateResponse(
            request, "admin/missions/registration/action_reason.html", context
        )

    def apply_accept(self, request, queryset, reason):
        try:
            result = services.accept_registrations(
                registrations=queryset, by=request.user, reason=reason
            )
        except services.RegistrationError as error:
            self.message_user(request, str(error), messages.ERROR)
            return
        self.report_admission(request, result)

    def report_admission(self, request, result):
        accepted, waitlisted = len(result.accepted), len(result.waitlisted)
        parts = [
            ngettext(
                "%(count)d registration accepted.",
                "%(count)d registrations accepted.",
                accepted,
            )
            % {"count": accepted}
        ]
        if waitlisted:
            parts.append(
                ngettext(
                    "%(count)d not accepted for lack of seats: on the waiting list.",
                    "%(count)d not accepted for lack of seats: on the waiting list.",
                    waitlisted,
                )
                % {"count": waitlisted}
            )
        if result.skipped:
            parts.append(
                ngettext(
                    "%(count)d skipped: its status does not allow acceptance.",
                    "%(count)d skipped: their status does not allow acceptance.",
                    len(result.skipped),
                )
                % {"count": len(result.skipped)}
            )
        level = messages.WARNING if waitlisted or result.skipped else messages.SUCCESS
        self.message_user(request, " ".join(parts), level)

    def per_registration(self, service, *, done):
        """An `apply` that runs `service` for each selected registration and
        reports refusals one by one."""

        def apply(request, queryset, reason):
            changed = 0
            for registration in queryset.select_related("company", "mission"):
                try:
                    service(registration=registration, by=request.user, reason=reason)
                except services.RegistrationError as error:
                    self.message_user(
                        request, f"{registration}: {error}", messages.ERROR
                    )
                else:
                    changed += 1
            if changed:
                self.message_user(
                    request, done(changed) % {"count": changed}, messages.SUCCESS
                )

        return apply

    # Export actions: the selected registrations as a spreadsheet.

    @admin.action(
        description=_("Export delegation list (XLSX)"), permissions=("export",)
    )
    def export_delegation_xlsx(self, request, queryset):
        return self.export(queryset, kind="delegation", file_format="xlsx")

    @admin.action(
        description=_("Export delegation list (CSV)"), permissions=("export",)
    )
    def export_delegation_csv(self, request, queryset):
        return self.export(queryset, kind="delegation", file_format="csv")

    @admin.action(
        description=_("Export selected registrations (XLSX)"), permissions=("export",)
    )
    def export_registrations_xlsx(self, request, queryset):
        return self.export(queryset, kind="registrations", file_format="xlsx")

    @admin.action(
        description=_("Export selected registrations (CSV)"), permissions=("export",)
    )
    def export_registrations_csv(self, request, queryset):
        return self.export(queryset, kind="registrations", file_format="csv")

    def export(self, queryset, *, kind, file_format):
        export = export_registrations(
            queryset=queryset, kind=kind, file_format=file_format, name="registrations"
        )
        return export_response(export)


@admin.register(OutgoingEmail)
class OutgoingEmailAdmin(admin.ModelAdmin):
    """Mail waiting to be sent or already sent: staff look, the worker writes."""

    list_display = ("recipient", "subject", "kind", "created_at", "attempts", "sent_at")
    list_filter = ("kind", "language", ("sent_at", admin.EmptyFieldListFilter))
    search_fields = ("recipient", "subject")
    date_hierarchy = "created_at"

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
