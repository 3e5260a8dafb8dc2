"""The fields of the showcase's models kept in Russian, Japanese and English
(django-modeltranslation reads each app's `translation` module)."""

from modeltranslation.translator import TranslationOptions, register

from showcase.models import (
    CostFigure,
    Event,
    HomePage,
    InquiryHandler,
    InvestmentProject,
    InvestmentSite,
    NewsItem,
    Presentation,
    SectorProfile,
    Slide,
    SupportMeasure,
    TradeYear,
)


@register(SectorProfile)
class SectorProfileTranslation(TranslationOptions):
    fields = ("offer", "image_alt")


@register(SupportMeasure)
class SupportMeasureTranslation(TranslationOptions):
    fields = (
        "name",
        "eligibility",
        "benefit",
        "limit",
        "legal_basis",
        "verified_by",
    )
    required_languages = {"ru": ("name", "eligibility", "benefit", "legal_basis")}


@register(InvestmentSite)
class InvestmentSiteTranslation(TranslationOptions):
    fields = (
        "name",
        "address",
        "infrastructure_notes",
        "description",
        "utility_tariffs",
        "verified_by",
    )
    required_languages = {"ru": ("name",)}


@register(InvestmentProject)
class InvestmentProjectTranslation(TranslationOptions):
    fields = ("title", "summary", "description", "partner_sought", "image_alt")
    required_languages = {"ru": ("title", "description", "partner_sought")}


@register(HomePage)
class HomePageTranslation(TranslationOptions):
    fields = ("hero_alt",)


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


@register(InquiryHandler)
class InquiryHandlerTranslation(TranslationOptions):
    fields = ("name", "title")
    required_languages = {"ru": ("name", "title")}


@register(TradeYear)
class TradeYearTranslation(TranslationOptions):
    fields = ("source",)
    required_languages = ("ru",)


@register(CostFigure)
class CostFigureTranslation(TranslationOptions):
    fields = ("name", "unit", "source", "note")
    required_languages = {"ru": ("name", "unit", "source")}
