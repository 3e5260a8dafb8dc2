"""Staff admin for the partners app: translation tabs on translated models,
spreadsheet import and export where staff keep the data in Excel."""

from django.contrib import admin, messages
from django.contrib.admin.models import CHANGE, LogEntry
from django.db.models import Count
from django.utils import timezone, translation
from django.utils.html import format_html
from django.utils.text import Truncator
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _
from modeltranslation.admin import TabbedTranslationAdmin

from amur_invest.lists import joined
from amur_invest.spreadsheets.admin import StaffImportExportMixin
from amur_invest.staff import audit
from amur_invest.staff.audit import AuditedAdminMixin
from amur_invest.staff.lists import PlainTickBoxes
from amur_invest.translation_gaps import TranslationGapsMixin
from partners.forms import CompanyAdminForm, ContactAdminForm
from partners.models import (
    Company,
    Consent,
    Contact,
    District,
    Interaction,
    Organization,
    Prefecture,
    Sector,
    TwinRelation,
)
from partners.resources import (
    CompanyResource,
    ContactResource,
    OrganizationResource,
    PrefectureResource,
)


def link(url, text):
    if not url:
        return "—"
    return format_html('<a href="{}" rel="noopener noreferrer">{}</a>', url, text)


class InteractionInline(admin.StackedInline):
    model = Interaction
    extra = 0
    fields = [
        ("happened_on", "kind"),
        ("organization", "contact"),
        "summary",
        ("next_step", "due_on"),
        "author",
    ]
    readonly_fields = ["author"]
    autocomplete_fields = ["organization", "contact"]
    show_change_link = True

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .select_related("organization", "contact", "author")
        )


class AuthorOnInteractionsMixin:
    """Interactions added inline are signed by the staff member who saved them."""

    def save_formset(self, request, form, formset, change):
        if formset.model is not Interaction:
            return super().save_formset(request, form, formset, change)
        for interaction in formset.save(commit=False):
            if interaction.author_id is None:
                interaction.author = request.user
            interaction.save()
        for interaction in formset.deleted_objects:
            interaction.delete()
        formset.save_m2m()
        return None


@admin.register(District)
class DistrictAdmin(TabbedTranslationAdmin):
    list_display = ["name", "slug", "kind", "centre", "company_count"]
    list_filter = ["kind"]
    search_fields = ["slug", "name_ru", "name_ja", "name_en"]
    ordering = ["kind", "slug"]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(company_count=Count("companies"))

    @admin.display(description=_("companies"), ordering="company_count")
    def company_count(self, district):
        return district.company_count


@admin.register(Sector)
class SectorAdmin(TabbedTranslationAdmin):
    list_display = ["name", "slug", "position"]
    list_editable = ["position"]
    search_fields = ["slug", "name_ru", "name_ja", "name_en"]


# Fields only agency managers change: they identify the company or reach it.
COMPANY_RECORD_FIELDS = ["inn", "ogrn", "district", "email", "phone", "is_sample"]


@admin.register(Company)
class CompanyAdmin(
    TranslationGapsMixin,
    AuditedAdminMixin,
    PlainTickBoxes,
    StaffImportExportMixin,
    TabbedTranslationAdmin,
):
    resource_classes = [CompanyResource]
    form = CompanyAdminForm
    list_display = [
        "name",
        "inn",
        "district",
        "sector_list",
        "is_published",
        "missing_translations",
    ]
    list_filter = ["is_published", "is_sample", "sectors", "district__kind", "district"]
    list_select_related = ["district"]
    search_fields = ["search_text"]
    search_help_text = _(
        "Name, product or sector in any language, INN, OGRN or email. "
        "Ё and е, upper and lower case, katakana and hiragana are alike."
    )
    autocomplete_fields = ["district", "sectors"]
    readonly_fields = ["created_at", "updated_at"]
    fieldsets = [
        (None, {"fields": ["name", "slug", "inn", "ogrn", "district", "sectors"]}),
        (_("Catalogue"), {"fields": ["products", "description", "is_published"]}),
        (_("Contacts"), {"fields": ["website", "email", "phone"]}),
        (None, {"fields": ["is_sample", "created_at", "updated_at"]}),
    ]

    actions = ["publish", "unpublish"]

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("sectors")

    def get_search_results(self, request, queryset, search_term):
        # The search column holds folded text (partners.search): fold what
        # was typed the same way, and match every word.
        if not search_term.strip():
            return queryset, False
        return queryset.search(search_term), False

    def import_notes(self):
        return [
            gettext(
                "An import never publishes a company: new companies stay out of "
                "the public catalogue until you select them in the list and "
                "choose “Publish in the catalogue”."
            )
        ]

    @admin.action(description=_("Publish in the catalogue"), permissions=["change"])
    def publish(self, request, queryset):
        count = self.set_published(request, queryset, published=True)
        self.message_user(
            request,
            ngettext(
                "%(count)d company is now in the public catalogue.",
                "%(count)d companies are now in the public catalogue.",
                count,
            )
            % {"count": count},
            messages.SUCCESS,
        )

    @admin.action(description=_("Withdraw from the catalogue"), permissions=["change"])
    def unpublish(self, request, queryset):
        count = self.set_published(request, queryset, published=False)
        self.message_user(
            request,
            ngettext(
                "%(count)d company was withdrawn from the public catalogue.",
                "%(count)d companies were withdrawn from the public catalogue.",
                count,
            )
            % {"count": count},
            messages.SUCCESS,
        )

    @staticmethod
    def set_published(request, queryset, *, published: bool) -> int:
        """Publish or withdraw the selected companies, recorded in each one's
        history and in the audit trail as a change by this staff member."""
        companies = list(queryset.exclude(is_published=published))
        Company.objects.filter(pk__in=[company.pk for company in companies]).update(
            is_published=published, updated_at=timezone.now()
        )
        if companies:
            # Stored untranslated, as the admin's own change messages are.
            with translation.override(None):
                field = str(Company._meta.get_field("is_published").verbose_name)
            LogEntry.objects.log_actions(
                request.user.pk,
                companies,
                CHANGE,
                change_message=[{"changed": {"fields": [field]}}],
            )
            audit.record(
                request=request,
                action=audit.Action.CHANGED,
                model=Company,
                ids=[company.pk for company in companies],
                summary=field,
            )
        return len(companies)

    def get_readonly_fields(self, request, obj=None):
        readonly = list(super().get_readonly_fields(request, obj))
        if not request.user.has_perm("partners.change_company_records"):
            readonly += COMPANY_RECORD_FIELDS
        return readonly

    @admin.display(description=_("sectors"))
    def sector_list(self, company):
        return joined(sector.name for sector in company.sectors.all())

    @admin.display(description=_("website"))
    def website_link(self, company):
        return link(company.website, company.website)


@admin.register(Prefecture)
class PrefectureAdmin(StaffImportExportMixin, TabbedTranslationAdmin):
    resource_classes = [PrefectureResource]
    list_display = ["code", "name", "region"]
    list_display_links = ["code", "name"]
    list_filter = ["region"]
    search_fields = ["code", "name_ru", "name_ja", "name_en"]


@admin.register(Organization)
class OrganizationAdmin(
    AuthorOnInteractionsMixin, StaffImportExportMixin, TabbedTranslationAdmin
):
    resource_classes = [OrganizationResource]
    list_display = ["name", "kind", "prefecture", "city", "website_link", "is_sample"]
    list_filter = ["kind", "prefecture__region", "sectors", "is_sample"]
    list_select_related = ["prefecture"]
    search_fields = ["name_ru", "name_ja", "name_en", "city"]
    autocomplete_fields = ["prefecture", "sectors"]
    readonly_fields = ["created_at", "updated_at"]
    inlines = [InteractionInline]

    @admin.display(description=_("website"))
    def website_link(self, organization):
        return link(organization.website, organization.website)


@admin.register(Contact)
class ContactAdmin(
    AuditedAdminMixin,
    AuthorOnInteractionsMixin,
    StaffImportExportMixin,
    admin.ModelAdmin,
):
    resource_classes = [ContactResource]
    form = ContactAdminForm
    list_display = [
        "name_latin",
        "name_native",
        "organization",
        "prefecture",
        "email_link",
    ]
    list_filter = ["preferred_language", "prefecture__region", "organization__kind"]
    list_select_related = ["organization", "prefecture"]
    search_fields = [
        "name_latin",
        "name_native",
        "email",
        "organization__name_ru",
        "organization__name_ja",
        "organization__name_en",
    ]
    autocomplete_fields = ["organization", "prefecture"]
    readonly_fields = ["created_at", "updated_at"]
    inlines = [InteractionInline]

    @admin.display(description=_("email"), ordering="email")
    def email_link(self, contact):
        return link(f"mailto:{contact.email}" if contact.email else "", contact.email)


@admin.register(Interaction)
class InteractionAdmin(admin.ModelAdmin):
    list_display = [
        "happened_on",
        "kind",
        "organization",
        "contact",
        "short_summary",
        "due_on",
    ]
    list_filter = ["kind", "author", "organization__prefecture__region"]
    list_select_related = ["organization", "contact", "author"]
    search_fields = [
        "summary",
        "next_step",
        "organization__name_ru",
        "organization__name_ja",
        "organization__name_en",
        "contact__name_latin",
        "contact__name_native",
    ]
    autocomplete_fields = ["organization", "contact"]
    readonly_fields = ["author", "created_at"]
    date_hierarchy = "happened_on"

    def save_model(self, request, obj, form, change):
        if obj.author_id is None:
            obj.author = request.user
        super().save_model(request, obj, form, change)

    @admin.display(description=_("summary"))
    def short_summary(self, interaction):
        return Truncator(interaction.summary).chars(80)


@admin.register(TwinRelation)
class TwinRelationAdmin(admin.ModelAdmin):
    list_display = [
        "amur_district",
        "japanese_municipality",
        "prefecture",
        "status",
        "proposed_on",
        "signed_on",
    ]
    list_filter = ["status", "prefecture__region"]
    list_select_related = ["amur_district", "prefecture"]
    search_fields = [
        "japanese_municipality",
        "amur_district__name_ru",
        "prefecture__name_ru",
        "prefecture__name_ja",
        "prefecture__name_en",
    ]
    autocomplete_fields = ["amur_district", "prefecture"]


# Whose consents a staff member may read: those given on the forms whose
# records they may view. A reviewer of exhibitions reads no consent (and so no
# address) of a mission registrant.
CONSENT_READERS = {
    Consent.Purpose.MISSION_REGISTRATION: "missions.view_registration",
    Consent.Purpose.EXHIBITION_APPLICATION: "exhibitions.view_participation",
    Consent.Purpose.INQUIRY: "showcase.view_inquiry",
}


@admin.register(Consent)
class ConsentAdmin(AuditedAdminMixin, admin.ModelAdmin):
    """Evidence under 152-FZ: staff may read it, nobody may alter it here."""

    def get_queryset(self, request):
        consents = super().get_queryset(request)
        user = request.user
        readable = [
            purpose
            for purpose, permission in CONSENT_READERS.items()
            if user.has_perm(permission)
        ]
        return consents.filter(purpose__in=readable)

    list_display = [
        "given_at",
        "purpose",
        "text_version",
        "language",
        "email",
        "withdrawn_at",
    ]
    list_filter = ["purpose", "language", "text_version"]
    search_fields = ["email", "text_hash"]
    date_hierarchy = "given_at"

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
