"""Admin of registrations: review, status actions with a reason, competing
registrations of one company, history, exports, and deletion by superusers."""

from django.contrib import admin
from django.contrib.admin.options import ActionLocation
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext, pgettext_lazy

from amur_invest.lists import joined
from amur_invest.staff import audit
from amur_invest.staff.audit import AuditedAdminMixin
from amur_invest.staff.lists import PlainTickBoxes
from missions import services
from missions.admin.actions import StatusActions
from missions.admin.exports import (
    can_export_registrations,
    export_response,
    exportable,
)
from missions.models import Delegate, Registration, StatusChange
from missions.resources import export_registrations, with_waitlist_place
from partners.applications.admin import ApplicantSearch, CompetingColumns
from partners.applications.admin import CompetingFilter as ApplicationsCompetingFilter
from partners.applications.admin import StatusChangeInline as ApplicationHistoryInline
from partners.models import Organization


class StatusChangeInline(ApplicationHistoryInline):
    model = StatusChange


class DelegateInline(admin.TabularInline):
    """The people the registration sends. Staff correct a name or a position
    as the company asks; the number of people, which decides seats, changes
    on the registrant's page, under the seat rules."""

    model = Delegate
    extra = 0
    can_delete = False
    fields = ("name_ru", "name_latin", "position", "needs_interpreter")
    verbose_name_plural = _("delegates named by the registrant")

    def has_add_permission(self, request, obj=None):
        return False


class CompetingFilter(ApplicationsCompetingFilter):
    title = _("competing registrations")

    def lookups(self, request, model_admin):
        return [("yes", _("competing with another registration of the company"))]


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
    "consent",
    "anonymised_at",
    "created_at",
    "updated_at",
)


@admin.register(Registration)
class RegistrationAdmin(
    AuditedAdminMixin,
    StatusActions,
    ApplicantSearch,
    CompetingColumns,
    PlainTickBoxes,
    admin.ModelAdmin,
):
    competing_advice = _(
        "Only one of them can be the company's: check with the company "
        "(by its phone or email from official sources), then decline the "
        "others with a reason. None of them is accepted or promoted "
        "automatically until then."
    )

    list_display = (
        # The INN and the contact person go under the company's name: the
        # list keeps to what fits 1280 px.
        "company_display",
        "mission",
        "delegates",
        "status",
        "competing_display",
        "confirmed_display",
        "waitlist_place_display",
    )
    list_filter = (
        "mission",
        "status",
        CompetingFilter,
        # All sectors and districts (a few dozen rows): offering only those
        # some registration names would read every registration each time.
        "company__sectors",
        "company__district",
        "language",
        # Rather than a date hierarchy, which reads the dates of every
        # registration on each view of the list.
        "confirmed_at",
    )
    # With the company as the catalogue finds it, folded in the
    # registration's search text (ApplicantSearch).
    search_fields = Registration.searched_fields
    list_select_related = ("company", "mission")
    # The registrant's page is theirs, behind their secret link: staff work
    # on this page, where permissions hold and the audit trail records.
    view_on_site = False
    # The newest first, read from an index: the model's order (by mission and
    # confirmation) would sort every registration joined to its company.
    ordering = ("-created_at", "-pk")
    inlines = (DelegateInline, StatusChangeInline)
    actions = (
        "accept",
        "waitlist",
        "hold",
        "decline",
        "withdraw",
        "erase",
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

    def competing_label(self, count: int) -> str:
        return ngettext(
            "⚠ competes with %(count)d other registration of the company",
            "⚠ competes with %(count)d other registrations of the company",
            count,
        ) % {"count": count}

    @admin.display(description=_("other registrations of the company"))
    def competitors_list(self, registration):
        return super().competitors_list(registration)

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
        pk, summary = obj.pk, str(obj)
        services.delete_registration(
            registration=obj,
            by=request.user,
            reason=request.POST.get("reason", "").strip()[:2000],
        )
        audit.record(
            request=request,
            action=audit.Action.DELETED,
            model=Registration,
            ids=[pk],
            summary=summary,
        )

    def has_export_permission(self, request):
        return can_export_registrations(request.user)

    @admin.display(description=_("company"), ordering="company_name")
    def company_display(self, registration):
        return format_html(
            "{}<br><small>{} {} · {}</small>",
            super().company_display(registration),
            _("INN"),
            registration.inn,
            registration.contact_name,
        )

    @admin.display(
        description=pgettext_lazy("list column", "confirmed"), ordering="confirmed_at"
    )
    def confirmed_display(self, registration):
        # The date is what the list compares; the page gives the time.
        if registration.confirmed_at is None:
            return self.get_empty_value_display()
        moment = timezone.localtime(registration.confirmed_at)
        return date_format(moment, "SHORT_DATE_FORMAT")

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
        return joined(labels.get(kind, kind) for kind in kinds) or "—"

    # Export actions: the selected registrations as a spreadsheet.

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
            queryset=exportable(queryset),
            kind=kind,
            file_format=file_format,
            name="registrations",
        )
        audit.record(
            request=request,
            action=audit.Action.EXPORTED,
            model=Registration,
            ids=export.record_ids,
            summary=f"{kind}.{file_format}",
        )
        return export_response(export)
