from modeltranslation.translator import TranslationOptions, register

from amur_invest.agency.models import AgencyContact


@register(AgencyContact)
class AgencyContactTranslation(TranslationOptions):
    fields = ("name", "address", "hours", "japan_desk_name")
    required_languages = {"ru": ("name",)}
