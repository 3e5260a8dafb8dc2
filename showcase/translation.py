from modeltranslation.translator import TranslationOptions, register

from showcase.models import AgencyContact


@register(AgencyContact)
class AgencyContactTranslation(TranslationOptions):
    fields = ("name", "address", "hours", "japan_desk_name")
    required_languages = {"ru": ("name",)}
