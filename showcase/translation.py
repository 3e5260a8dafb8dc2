from modeltranslation.translator import TranslationOptions, register

from showcase.models import AgencyContact
from showcase.models.events import Event


@register(AgencyContact)
class AgencyContactTranslation(TranslationOptions):
    fields = ("name", "address", "hours", "japan_desk_name")
    required_languages = {"ru": ("name",)}


@register(Event)
class EventTranslation(TranslationOptions):
    fields = ("title", "place", "description", "outcome")
    required_languages = {"ru": ("title",)}
