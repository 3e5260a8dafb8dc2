from modeltranslation.translator import TranslationOptions, register

from partners.models import Company, District, Organization, Prefecture, Sector

# Russian is the default language: every row needs its Russian name.


@register(District)
class DistrictTranslation(TranslationOptions):
    fields = ("name", "centre")
    required_languages = {"ru": ("name",)}


@register(Sector)
class SectorTranslation(TranslationOptions):
    fields = ("name", "description")
    required_languages = {"ru": ("name",)}


@register(Company)
class CompanyTranslation(TranslationOptions):
    fields = ("name", "products", "description")
    required_languages = {"ru": ("name",)}


@register(Prefecture)
class PrefectureTranslation(TranslationOptions):
    fields = ("name",)
    required_languages = {"ru": ("name",)}


@register(Organization)
class OrganizationTranslation(TranslationOptions):
    fields = ("name",)
    required_languages = {"ru": ("name",)}
