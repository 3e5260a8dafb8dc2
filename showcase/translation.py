from modeltranslation.translator import TranslationOptions, register

from showcase.models import (
    AgencyContact,
    HomePage,
    InvestmentProject,
    InvestmentSite,
    SectorProfile,
    SupportMeasure,
)


@register(AgencyContact)
class AgencyContactTranslation(TranslationOptions):
    fields = ("name", "address", "hours", "japan_desk_name")
    required_languages = {"ru": ("name",)}


@register(SectorProfile)
class SectorProfileTranslation(TranslationOptions):
    fields = ("offer", "image_alt")


@register(SupportMeasure)
class SupportMeasureTranslation(TranslationOptions):
    fields = ("name", "eligibility", "benefit", "limit", "legal_basis")
    required_languages = {"ru": ("name", "eligibility", "benefit", "legal_basis")}


@register(InvestmentSite)
class InvestmentSiteTranslation(TranslationOptions):
    fields = ("name", "address", "infrastructure_notes", "description")
    required_languages = {"ru": ("name",)}


@register(InvestmentProject)
class InvestmentProjectTranslation(TranslationOptions):
    fields = ("title", "summary", "description", "partner_sought", "image_alt")
    required_languages = {"ru": ("title", "description", "partner_sought")}


@register(HomePage)
class HomePageTranslation(TranslationOptions):
    fields = ("hero_alt",)
