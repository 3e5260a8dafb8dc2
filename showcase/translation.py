from modeltranslation.translator import TranslationOptions, register

from showcase.models import AgencyContact, Event, NewsItem, Presentation, Slide


@register(AgencyContact)
class AgencyContactTranslation(TranslationOptions):
    fields = ("name", "address", "hours", "japan_desk_name")
    required_languages = {"ru": ("name",)}


@register(Presentation)
class PresentationTranslation(TranslationOptions):
    fields = ("title", "place", "occasion", "summary")
    required_languages = {"ru": ("title",)}


@register(Slide)
class SlideTranslation(TranslationOptions):
    # A PDF per language gives each language its own image of a slide.
    fields = ("heading", "body", "image", "transcript")


@register(NewsItem)
class NewsItemTranslation(TranslationOptions):
    fields = ("title", "summary", "body", "image_alt")
    required_languages = {"ru": ("title", "summary")}


@register(Event)
class EventTranslation(TranslationOptions):
    fields = ("title", "place", "description", "outcome")
    required_languages = {"ru": ("title",)}
