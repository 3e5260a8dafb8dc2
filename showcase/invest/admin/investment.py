"""Sector pages, support measures, sites and investment projects: the public
investment case, kept by content editors and agency managers."""

from django.contrib import admin
from django.utils.translation import gettext_lazy as _
from modeltranslation.admin import TabbedTranslationAdmin

from amur_invest.lists import joined
from amur_invest.translation_gaps import TranslationGapsMixin
from showcase.invest.admin.verification import VerificationFilter, verification
from showcase.invest.models import (
    InvestmentProject,
    InvestmentSite,
    SectorProfile,
    SupportMeasure,
)
from showcase.templatetags.invest_tags import number

VERIFICATION_FIELDSET = (_("Last check"), {"fields": [("verified_on", "verified_by")]})


@admin.register(SectorProfile)
class SectorProfileAdmin(TabbedTranslationAdmin):
    list_display = ["sector", "commodity_group", "has_image"]
    list_select_related = ["sector"]
    search_fields = ["sector__name_ru", "sector__name_ja", "sector__name_en"]
    autocomplete_fields = ["sector"]

    @admin.display(description=_("photograph"), boolean=True)
    def has_image(self, profile):
        return bool(profile.image)


@admin.register(SupportMeasure)
class SupportMeasureAdmin(TranslationGapsMixin, TabbedTranslationAdmin):
    list_display = [
        # Level and kind are filters: the list fits 1280 px.
        "name",
        "limit",
        "position",
        verification,
        "is_published",
        "missing_translations",
    ]
    list_editable = ["position"]
    list_filter = [
        VerificationFilter,
        "level",
        "kind",
        "is_published",
        "is_sample",
        "sectors",
    ]
    search_fields = ["slug", "name_ru", "name_ja", "name_en"]
    autocomplete_fields = ["sectors"]
    readonly_fields = ["updated_at"]
    fieldsets = [
        (None, {"fields": ["name", "slug", ("level", "kind"), "sectors"]}),
        (
            _("Terms"),
            {"fields": ["eligibility", "benefit", "limit", "legal_basis", "url"]},
        ),
        VERIFICATION_FIELDSET,
        (None, {"fields": ["position", "is_published", "is_sample", "updated_at"]}),
    ]


@admin.register(InvestmentSite)
class InvestmentSiteAdmin(TranslationGapsMixin, TabbedTranslationAdmin):
    list_display = [
        "name",
        "kind",
        "district",
        "area_display",
        # The infrastructure is on the site's page: the list fits 1280 px.
        verification,
        "is_published",
        "missing_translations",
    ]
    list_filter = [
        VerificationFilter,
        "kind",
        "ownership",
        "district",
        "is_published",
        "is_sample",
    ]
    list_select_related = ["district"]
    search_fields = ["slug", "name_ru", "name_ja", "name_en", "cadastral_number"]
    autocomplete_fields = ["district"]
    readonly_fields = ["updated_at"]
    fieldsets = [
        (None, {"fields": ["name", "slug", "kind", "district", "address"]}),
        (None, {"fields": [("area", "area_unit"), "ownership", "description"]}),
        (
            _("Where and on what terms"),
            {
                "fields": [
                    ("latitude", "longitude"),
                    "cadastral_number",
                    ("terms", "price", "price_unit"),
                    ("border_crossing_km", "railway_km"),
                ]
            },
        ),
        (
            _("Infrastructure"),
            {
                "fields": [
                    ("has_power", "has_gas", "has_water", "has_road", "has_rail"),
                    "infrastructure_notes",
                    "utility_tariffs",
                    "investment_map_url",
                ]
            },
        ),
        VERIFICATION_FIELDSET,
        (None, {"fields": ["is_published", "is_sample", "updated_at"]}),
    ]

    @admin.display(description=_("area"), ordering="area")
    def area_display(self, site):
        return f"{number(site.area, 2)} {site.get_area_unit_display()}"

    @admin.display(description=_("infrastructure"))
    def infrastructure_list(self, site):
        return joined(site.infrastructure) or "—"


@admin.register(InvestmentProject)
class InvestmentProjectAdmin(TranslationGapsMixin, TabbedTranslationAdmin):
    list_display = [
        "title",
        "sector",
        "district",
        "stage",
        "investment",
        "is_published",
        "missing_translations",
    ]
    list_filter = ["is_published", "is_sample", "stage", "sector", "district"]
    list_select_related = ["sector", "district"]
    search_fields = ["slug", "title_ru", "title_ja", "title_en"]
    autocomplete_fields = ["sector", "district", "site", "support_measures"]
    readonly_fields = ["created_at", "updated_at"]
    fieldsets = [
        (None, {"fields": ["title", "slug", "sector", "district", "stage"]}),
        (
            _("For the investor"),
            {
                "fields": [
                    "summary",
                    "description",
                    ("investment_size", "currency"),
                    "partner_sought",
                    "site",
                    "support_measures",
                ]
            },
        ),
        (_("Photograph"), {"fields": ["image", "image_alt"]}),
        (None, {"fields": ["is_published", "is_sample", "created_at", "updated_at"]}),
    ]

    @admin.display(description=_("investment needed"), ordering="investment_size")
    def investment(self, project):
        return f"{number(project.investment_size, 1)} {project.currency}"
