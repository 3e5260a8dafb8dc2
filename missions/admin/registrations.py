"""Admin of registrations: review, status actions with a reason, competing
registrations of one company, history, exports, and deletion by superusers."""

from django.contrib import admin
from django.contrib.admin.options import ActionLocation
from django.urls import reverse
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext, pgettext_lazy

from missions import services
from missions.admin.actions import StatusActions
from missions.admin.exports import (
    can_export_registrations,
    export_response,
    exportable,
)
from missions.models import Registration, StatusChange
from missions.resources import export_registrations, with_waitlist_place
from partners.models import Organization

CHANGELIST = "admin:missions_registration_changelist"


class StatusChangeInline(admin.TabularInline):
    """The registration's history, as it happened: nobody edits it."""

    model = StatusChange
    extra = 0
    can_delete = False
    fields = ("changed_at", "changed_by", "kind", "from_status", "to_status", "reason")
    readonly_fields = fields
    verbose_name_plural = _("status history")

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("changed_by")

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False


class CompetingFilter(admin.SimpleListFilter):
    """Registrations whose company has another active registration for the
    same mission: someone other than the company may have registered it."""

    title = _("competing registrations")
    parameter_name = "competing"

    def lookups(self, request, model_admin):
        return [("yes", _("competing with another registration of the company"))]

    def queryset(self, request, queryset):
        if self.value() == "yes":
            return queryset.filter(competitors__gt=0)
        return queryset


# What decides seats (mission, company, delegates, status), what the form said
# about the company, and what the registrant said in their own words stays as
# submitted; staff correct contact details and keep notes.
READ_ONLY = (
    "mission",
    "company",
    "inn",
    "company_name",
    "company_name_other",
    "company_district",
    "company_sectors",
    "competitors_list",
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


@admin.register(Registration)
class RegistrationAdmin(StatusActions, admin.ModelAdmin):
    list_display = (
        "company_display",
        "inn_display",
        "mission",
        "contact_name",
        "delegates",
        "status",
        "competing_display",
        "confirmed_at",
        "waitlist_place_display",
    )
    list_filter = (
        "mission",
        "status",
        CompetingFilter,
        ("company__sectors", admin.RelatedOnlyFieldListFilter),
        ("company__district", admin.RelatedOnlyFieldListFilter),
        "language",
    )
    search_fields = (
        "company__name_ru",
        "company__name_ja",
        "company__name_en",
        "inn",
        "company_name",
        "company_name_other",
        "contact_name",
        "email",
    )
    list_select_related = ("company", "mission")
    date_hierarchy = "confirmed_at"
    inlines = (StatusChangeInline,)
    actions = (
        "accept",
        "waitlist",
        "hold",
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
                    "competitors_list",
                    "delegates",
                    "status",
                    "confirmed_at",
                    "waitlist_place_display",
                )
            },
        ),
        (
            _("The company, as given in the form"),
            {
                "fields": (
                    "inn",
                    "company_name",
                    "company_name_other",
                    "company_district",
                    "company_sectors",
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
    readonly_fields = READ_ONLY

    def get_queryset(self, request):
        registrations = (
            super().get_queryset(request).select_related("company", "mission")
        )
        return with_waitlist_place(registrations.with_competitors())

    def lookup_allowed(self, lookup, value, request):
        # The competing mark links to the company's registrations.
        return lookup == "company__id__exact" or super().lookup_allowed(
            lookup, value, request
        )

    def has_add_permission(self, request):
        # Registrations come from the public form, which records the consent
        # and confirms the email address; staff cannot stand in for either.
        return False

    def has_delete_permission(self, request, obj=None):
        # A registration ends through decline or withdrawal, which keep its
        # history and tell the registrant. Deletion is for superusers, and
        # leaves a DeletedRegistration behind.
        return request.user.is_active and request.user.is_superuser

    def get_actions(self, request, action_location=ActionLocation.CHANGE_LIST):
        actions = super().get_actions(request, action_location=action_location)
        # Deleting one by one, from the change page, goes through the service
        # that keeps the audit record and promotes the waiting list.
        actions.pop("delete_selected", None)
        return actions

    def delete_model(self, request, obj):
        services.delete_registration(
            registration=obj,
            by=request.user,
            reason=request.POST.get("reason", "").strip()[:2000],
        )

    def has_export_permission(self, request):
        return can_export_registrations(request.user)

    @admin.display(description=_("company"), ordering="company_name")
    def company_display(self, registration):
        if registration.company_id is not None:
            return registration.company
        return format_html(
            "{} <small>({})</small>",
            registration.company_name,
            _("as typed, not confirmed"),
        )

    @admin.display(description=_("INN"), ordering="inn")
    def inn_display(self, registration):
        return registration.inn

    @admin.display(description=_("competing"), ordering="competitors")
    def competing_display(self, registration):
        count = getattr(registration, "competitors", 0)
        if not count:
            return self.get_empty_value_display()
        url = reverse(CHANGELIST)
        query = (
            f"?mission__id__exact={registration.mission_id}"
            f"&company__id__exact={registration.company_id}"
        )
        label = ngettext(
            "⚠ competes with %(count)d other registration of the company",
            "⚠ competes with %(count)d other registrations of the company",
            count,
        ) % {"count": count}
        return format_html(
            '<a class="competing-mark" href="{}{}"><strong>{}</strong></a>',
            url,
            query,
            label,
        )

    @admin.display(description=_("other registrations of the company"))
    def competitors_list(self, registration):
        others = Registration.objects.competitors_of(registration).order_by(
            "confirmed_at"
        )
        if not others:
            return self.get_empty_value_display()
        return format_html(
            "{}<ul>{}</ul><p>{}</p>",
            self.competing_display(registration),
            format_html_join(
                "",
                '<li><a href="{}">{} · {} · {}</a></li>',
                (
                    (
                        reverse("admin:missions_registration_change", args=[other.pk]),
                        other.contact_name or "—",
                        other.email,
                        other.get_status_display(),
                    )
                    for other in others
                ),
            ),
            _(
                "Only one of them can be the company's: check with the company "
                "(by its phone or email from official sources), then decline the "
                "others with a reason. None of them is accepted or promoted "
                "automatically until then."
            ),
        )

    @admin.display(
        description=_("place on the waiting list"), ordering="waitlist_place"
    )
    def waitlist_place_display(self, registration):
        place = getattr(registration, "waitlist_place", None)
        return self.get_empty_value_display() if place is None else place

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
            _("Open the registrant's page"),
        )

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
            queryset=exportable(queryset),
            kind=kind,
            file_format=file_format,
            name="registrations",
        )
        return export_response(export)
