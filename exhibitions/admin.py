"""Staff side of the exhibitions: exhibitions with their participants inline,
participations as their own list with filters, review, import and export.

A participation's status changes only through the review actions (accept,
decline, withdraw), which ask for a reason, keep the step in the history and
email the company in its language; an import may set it, as a spreadsheet
of decisions taken elsewhere.
"""

from django import forms
from django.contrib import admin, messages
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from modeltranslation.admin import TabbedTranslationAdmin, TranslationStackedInline

from amur_invest.lists import joined
from amur_invest.spreadsheets.admin import StaffImportExportMixin
from amur_invest.staff.audit import AuditedAdminMixin
from amur_invest.staff.lists import PlainTickBoxes
from amur_invest.translation_gaps import TranslationGapsMixin
from exhibitions import services
from exhibitions.models import (
    Exhibition,
    Participation,
    ParticipationProduct,
    StatusChange,
)
from exhibitions.resources import ParticipationResource
from partners.applications.admin import (
    ERASURE_EXPLANATION,
    ERASURE_INTRO,
    ApplicantSearch,
    CompetingColumns,
    CompetingFilter,
    ReasonActionsMixin,
    StatusChangeInline,
    status_action,
)


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


class ParticipationInlineForm(forms.ModelForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # The company of an application was matched by its INN: staff add
        # participations here, but do not move one to another company.
        if self.instance.pk is not None:
            self.fields["company"].disabled = True


class ParticipationInline(admin.TabularInline):
    model = Participation
    form = ParticipationInlineForm
    extra = 0
    # Three columns fit beside the admin menu; the contact is on the change
    # page, and the status changes through the review actions there.
    fields = ("company", "stand", "status")
    readonly_fields = ("status",)
    autocomplete_fields = ("company",)
    show_change_link = True

    def get_queryset(self, request):
        # An unconfirmed form post is nobody's application yet.
        participations = super().get_queryset(request).select_related("company")
        return participations.exclude(status=Participation.Status.UNCONFIRMED)


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
    list_filter = (
        ExhibitionStatusFilter,
        "applications_open",
        "pavilion_meetings",
        "is_sample",
        "sectors",
    )
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
            {
                "fields": (
                    "pavilion_offer",
                    "applications_open",
                    "application_deadline",
                    "pavilion_meetings",
                )
            },
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


class ParticipationHistoryInline(StatusChangeInline):
    model = StatusChange


class ParticipationForm(forms.ModelForm):
    def clean_company(self):
        # A participation staff enter by hand names its company; one from the
        # public form gets it when its address is confirmed.
        company = self.cleaned_data.get("company")
        if self.instance.pk is None and company is None:
            raise forms.ValidationError(_("Choose the company."))
        return company


# What the company wrote and what decides the review stay as they came;
# staff write the catalogue, correct the contact and keep notes.
AS_GIVEN = (
    "inn",
    "company_name",
    "company_name_other",
    "company_district",
    "company_sectors",
    "products_to_show",
    "volumes_offered",
    "certifications_held",
    "stand_wishes",
)
RECORD = (
    "public_page",
    "consent",
    "confirmed_at",
    "anonymised_at",
    "created_at",
    "updated_at",
)


@admin.register(Participation)
class ParticipationAdmin(
    TranslationGapsMixin,
    AuditedAdminMixin,
    ReasonActionsMixin,
    ApplicantSearch,
    CompetingColumns,
    PlainTickBoxes,
    StaffImportExportMixin,
    TabbedTranslationAdmin,
):
    form = ParticipationForm
    resource_classes = [ParticipationResource]
    # Names through methods: Django keeps foreign-key columns on one line,
    # and long company names then push the status out of a 1280 px screen.
    list_display = (
        "company_name_display",
        "exhibition_name",
        "stand",
        "status",
        "competing_display",
        "missing_translations",
    )
    list_filter = (
        "status",
        CompetingFilter,
        ("exhibition", admin.RelatedOnlyFieldListFilter),
        ("company__sectors", admin.RelatedOnlyFieldListFilter),
        ("company__district", admin.RelatedOnlyFieldListFilter),
        "language",
    )
    list_select_related = ("company", "exhibition")
    # The applicant's page is theirs, behind their secret link; the public
    # exhibitor page of an accepted one is linked in the record's "public
    # page" field.
    view_on_site = False
    # With the company as the catalogue finds it, folded in the
    # participation's search text (ApplicantSearch).
    search_fields = Participation.searched_fields
    autocomplete_fields = ("exhibition", "company")
    inlines = (ParticipationProductInline, ParticipationHistoryInline)
    actions = ("accept", "decline", "withdraw", "erase")
    fieldsets = (
        (
            None,
            {"fields": ("exhibition", "company", "competitors_list", "status")},
        ),
        (
            _("What the company asked for"),
            {"fields": AS_GIVEN},
        ),
        (
            _("In the catalogue"),
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
        (_("Staff"), {"fields": ("staff_notes",)}),
        (_("Record"), {"classes": ("collapse",), "fields": RECORD}),
    )

    accept = status_action(
        "accept",
        description=_("Accept into the pavilion"),
        title=_("Accept participations"),
        explanation=_(
            "The company is told that it is in the pavilion and appears in the "
            "public exhibitor catalogue. Where the catalogue texts are empty, "
            "they start from the company's own words."
        ),
        service=services.accept_participation,
        done=lambda n: ngettext(
            "%(count)d participation accepted.",
            "%(count)d participations accepted.",
            n,
        ),
    )

    def per_application(self, service, *, done):
        apply = super().per_application(service, done=done)
        if service is not services.accept_participation:
            return apply

        def accept_and_warn(request, queryset, reason):
            apply(request, queryset, reason)
            self.warn_untranslated_catalogue(request, queryset)

        return accept_and_warn

    def warn_untranslated_catalogue(self, request, queryset):
        """After accepting: the participants the Japanese catalogue would
        show in Russian, named, so that their texts are translated first."""
        # The selection may be narrowed by status: find the rows again.
        accepted = Participation.objects.filter(
            pk__in=[item.pk for item in queryset],
            status=Participation.Status.ACCEPTED,
        )
        untranslated = [
            participation
            for participation in accepted.select_related("company")
            if services.lacks_japanese(participation)
        ]
        if not untranslated:
            return
        self.message_user(
            request,
            ngettext(
                "%(count)d accepted participant has no Japanese catalogue text "
                "yet: %(names)s. The Japanese catalogue shows it in Russian "
                "until it is translated.",
                "%(count)d accepted participants have no Japanese catalogue "
                "text yet: %(names)s. The Japanese catalogue shows them in "
                "Russian until they are translated.",
                len(untranslated),
            )
            % {
                "count": len(untranslated),
                "names": joined(item.company for item in untranslated),
            },
            messages.WARNING,
        )

    decline = status_action(
        "decline",
        description=_("Decline"),
        title=_("Decline participations"),
        service=services.decline_participation,
        done=lambda n: ngettext(
            "%(count)d participation declined.",
            "%(count)d participations declined.",
            n,
        ),
    )
    withdraw = status_action(
        "withdraw",
        description=_("Withdraw on the company's behalf"),
        title=_("Withdraw participations"),
        service=services.withdraw_participation,
        done=lambda n: ngettext(
            "%(count)d participation withdrawn.",
            "%(count)d participations withdrawn.",
            n,
        ),
    )
    erase = status_action(
        "erase",
        description=_("Erase personal data (at the person's request)"),
        title=_("Erase personal data of participations"),
        explanation=ERASURE_EXPLANATION,
        intro=ERASURE_INTRO,
        after_the_event=True,
        service=services.anonymise_participation,
        done=lambda n: ngettext(
            "Personal data of %(count)d participation erased.",
            "Personal data of %(count)d participations erased.",
            n,
        ),
    )

    def get_queryset(self, request):
        return super().get_queryset(request).with_competitors()

    def ended_refusal(self, count: int) -> str:
        return ngettext(
            "%(count)d participation not changed: its exhibition has ended or "
            "was cancelled: %(names)s.",
            "%(count)d participations not changed: their exhibition has ended or "
            "was cancelled: %(names)s.",
            count,
        )

    def get_readonly_fields(self, request, obj=None):
        readonly = (*RECORD, "competitors_list", "status", *AS_GIVEN)
        if obj is not None:
            # The company was matched by INN, or chosen by staff when adding.
            readonly = ("exhibition", "company", *readonly)
        return readonly

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        if not change:
            services.record_staff_entry(participation=obj, by=request.user)

    @admin.display(description=_("company"), ordering="company__slug")
    def company_name_display(self, participation):
        if participation.company_id is None:
            return self.company_display(participation)
        return participation.company.name

    @admin.display(description=_("exhibition"), ordering="exhibition__starts_on")
    def exhibition_name(self, participation):
        return participation.exhibition.name

    @admin.display(description=_("public page"))
    def public_page(self, participation):
        if participation.pk is None or not participation.is_public:
            return _("Shown in the public catalogue once accepted.")
        url = participation.catalogue_url()
        return format_html('<a href="{}">{}</a>', url, url)
