"""Admin of registrations: review, status actions with a reason, history, exports."""

from django import forms
from django.contrib import admin, messages
from django.contrib.admin import helpers
from django.contrib.admin.options import ActionLocation
from django.template.response import TemplateResponse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext, pgettext_lazy

from amur_invest import audit
from amur_invest.audit import AuditedAdminMixin
from missions import services
from missions.admin.exports import can_export_registrations, export_response
from missions.models import Registration, StatusChange
from missions.resources import export_registrations, with_waitlist_place
from partners.models import Organization

# Actions offered both on the list of registrations and on one registration.
BOTH_PLACES = [ActionLocation.CHANGE_LIST, ActionLocation.CHANGE_FORM]


def status_action(name, *, description, title, service, done):
    """An admin action that asks for a reason, then runs `service` for each
    selected registration; `done(n)` words the success message."""

    @admin.action(
        description=description, permissions=("change",), location=BOTH_PLACES
    )
    def action(modeladmin, request, queryset):
        return modeladmin.with_reason(
            request,
            queryset,
            action=name,
            title=title,
            apply=modeladmin.per_registration(service, done=done),
        )

    action.__name__ = name
    return action


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
class RegistrationAdmin(AuditedAdminMixin, admin.ModelAdmin):
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

    waitlist = status_action(
        "waitlist",
        description=_("Put on the waiting list"),
        title=_("Put registrations on the waiting list"),
        service=services.waitlist_registration,
        done=lambda n: ngettext(
            "%(count)d registration put on the waiting list.",
            "%(count)d registrations put on the waiting list.",
            n,
        ),
    )
    decline = status_action(
        "decline",
        description=_("Decline"),
        title=_("Decline registrations"),
        service=services.decline_registration,
        done=lambda n: ngettext(
            "%(count)d registration declined.",
            "%(count)d registrations declined.",
            n,
        ),
    )
    withdraw = status_action(
        "withdraw",
        description=_("Withdraw on the company's behalf"),
        title=_("Withdraw registrations"),
        service=services.withdraw_registration,
        done=lambda n: ngettext(
            "%(count)d registration withdrawn.",
            "%(count)d registrations withdrawn.",
            n,
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
        return self.export(request, queryset, kind="delegation", file_format="xlsx")

    @admin.action(
        description=_("Export delegation list (CSV)"), permissions=("export",)
    )
    def export_delegation_csv(self, request, queryset):
        return self.export(request, queryset, kind="delegation", file_format="csv")

    @admin.action(
        description=_("Export selected registrations (XLSX)"), permissions=("export",)
    )
    def export_registrations_xlsx(self, request, queryset):
        return self.export(request, queryset, kind="registrations", file_format="xlsx")

    @admin.action(
        description=_("Export selected registrations (CSV)"), permissions=("export",)
    )
    def export_registrations_csv(self, request, queryset):
        return self.export(request, queryset, kind="registrations", file_format="csv")

    def export(self, request, queryset, *, kind, file_format):
        export = export_registrations(
            queryset=queryset, kind=kind, file_format=file_format, name="registrations"
        )
        audit.record(
            request=request,
            action=audit.Action.EXPORTED,
            model=Registration,
            ids=queryset.values_list("pk", flat=True),
            summary=f"{kind}.{file_format}",
        )
        return export_response(export)
