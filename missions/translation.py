from modeltranslation.translator import TranslationOptions, register

from missions.models import Mission, ProgrammeItem


@register(Mission)
class MissionTranslation(TranslationOptions):
    fields = ("title", "description", "cities", "results")
    required_languages = {"ru": ("title",)}


@register(ProgrammeItem)
class ProgrammeItemTranslation(TranslationOptions):
    fields = ("title", "place")
    required_languages = {"ru": ("title",)}
