"""Staff side of the exhibitions: exhibitions with their participants inline,
participations as their own list with filters, import and export.

Staff set a participation's status here for now; review actions with reasons
and emails come with the application workflow shared with missions.
"""

from django.contrib import admin
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from modeltranslation.admin import TabbedTranslationAdmin, TranslationStackedInline

from amur_invest.staff.audit import AuditedAdminMixin
from exhibitions.models import Exhibition, Participation, ParticipationProduct
from exhibitions.resources import ParticipationResource
from partners.admin import StaffImportExportMixin


class ExhibitionStatusFilter(admin.SimpleListFilter):
    """The status follows the dates, so it is filtered by them."""

    title = _("status")
    parameter_name = "when"

    def lookups(self, request, model_admin):
        return Exhibition.Status.choices

    def queryset(self, request, queryset):
        today = timezone.localdate()
        match self.value():
            case Exhibition.Status.CANCELLED:
                return queryset.filter(is_cancelled=True)
            case Exhibition.Status.UPCOMING:
                return queryset.filter(is_cancelled=False, starts_on__gt=today)
            case Exhibition.Status.PAST:
                return queryset.filter(is_cancelled=False, ends_on__lt=today)
            case Exhibition.Status.ONGOING:
                return queryset.filter(
                    Q(starts_on__lte=today, ends_on__gte=today), is_cancelled=False
                )
        return queryset


class ParticipationInline(admin.TabularInline):
    model = Participation
    extra = 0
    # Three columns fit beside the admin menu; the contact is on the change page.
    fields = ("company", "stand", "status")
    autocomplete_fields = ("company",)
    show_change_link = True

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("company")


@admin.register(Exhibition)
class ExhibitionAdmin(TabbedTranslationAdmin):
    # The columns staff act on, so that they fit at 1280 px.
    list_display = (
        "name",
        "starts_on",
        "city",
        "status_display",
        "exhibitor_count_display",
    )
    list_filter = (ExhibitionStatusFilter, "applications_open", "is_sample", "sectors")
    search_fields = ("name_ru", "name_ja", "name_en", "slug", "city_ru", "city_en")
    date_hierarchy = "starts_on"
    prepopulated_fields = {"slug": ("name_en",)}
    filter_horizontal = ("sectors",)
    inlines = (ParticipationInline,)
    readonly_fields = ("public_page", "sequence", "modified_at", "created_at")
    fieldsets = (
        (None, {"fields": ("name", "slug", "edition", "public_page")}),
        (
            _("Dates and place"),
            {"fields": ("starts_on", "ends_on", "venue", "city", "is_cancelled")},
        ),
        (_("Organiser"), {"fields": ("organiser", "website", "sectors")}),
        (
            _("The Amur pavilion"),
            {"fields": ("pavilion_offer", "applications_open", "application_deadline")},
        ),
        (None, {"fields": ("is_sample", "sequence", "modified_at", "created_at")}),
    )

    def get_queryset(self, request):
        return super().get_queryset(request).with_exhibitor_count()

    @admin.display(description=_("status"))
    def status_display(self, exhibition):
        return exhibition.get_status_display()

    @admin.display(description=_("exhibitors"), ordering="exhibitor_count")
    def exhibitor_count_display(self, exhibition):
        url = reverse("admin:exhibitions_participation_changelist")
        return format_html(
            '<a href="{}?exhibition__id__exact={}">{}</a>',
            url,
            exhibition.pk,
            exhibition.exhibitor_count,
        )

    @admin.display(description=_("public page"))
    def public_page(self, exhibition):
        if exhibition.pk is None:
            return "—"
        url = exhibition.get_absolute_url()
        return format_html('<a href="{}">{}</a>', url, url)


class ParticipationProductInline(TranslationStackedInline):
    model = ParticipationProduct
    extra = 0
    fields = ("name", "description", "photo", "position")


@admin.register(Participation)
class ParticipationAdmin(
    AuditedAdminMixin, StaffImportExportMixin, TabbedTranslationAdmin
):
    resource_classes = [ParticipationResource]
    # Names through methods: Django keeps foreign-key columns on one line,
    # and long company names then push the status out of a 1280 px screen.
    list_display = ("company_name", "exhibition_name", "stand", "status")
    list_filter = (
        "status",
        ("exhibition", admin.RelatedOnlyFieldListFilter),
        ("company__sectors", admin.RelatedOnlyFieldListFilter),
        ("company__district", admin.RelatedOnlyFieldListFilter),
        "language",
    )
    list_select_related = ("company", "exhibition")
    search_fields = (
        "company__name_ru",
        "company__name_ja",
        "company__name_en",
        "company__inn",
        "contact_name",
        "email",
        "stand",
    )
    autocomplete_fields = ("exhibition", "company")
    readonly_fields = (
        "public_page",
        "consent",
        "confirmed_at",
        "created_at",
        "updated_at",
    )
    inlines = (ParticipationProductInline,)
    fieldsets = (
        (None, {"fields": ("exhibition", "company", "status", "public_page")}),
        (
            _("At the exhibition"),
            {
                "fields": (
                    "stand",
                    "pavilion",
                    "products_shown",
                    "certifications",
                    "volumes",
                )
            },
        ),
        (
            _("Contact"),
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
            _("Record"),
            {
                "fields": (
                    "staff_notes",
                    "consent",
                    "confirmed_at",
                    "created_at",
                    "updated_at",
                )
            },
        ),
    )

    @admin.display(description=_("company"), ordering="company__slug")
    def company_name(self, participation):
        return participation.company.name

    @admin.display(description=_("exhibition"), ordering="exhibition__starts_on")
    def exhibition_name(self, participation):
        return participation.exhibition.name

    @admin.display(description=_("public page"))
    def public_page(self, participation):
        if participation.pk is None or not participation.is_public:
            return _("Shown in the public catalogue once accepted.")
        url = participation.get_absolute_url()
        return format_html('<a href="{}">{}</a>', url, url)
