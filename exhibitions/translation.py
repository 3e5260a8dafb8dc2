from modeltranslation.translator import TranslationOptions, register

from exhibitions.models import Exhibition, Participation, ParticipationProduct

# Russian is the default language: every row needs its Russian name.


@register(Exhibition)
class ExhibitionTranslation(TranslationOptions):
    fields = ("name", "venue", "city", "organiser", "pavilion_offer")
    required_languages = {"ru": ("name", "city")}


@register(Participation)
class ParticipationTranslation(TranslationOptions):
    # What a Japanese buyer reads in the catalogue; contact data stays as typed.
    fields = ("pavilion", "products_shown", "certifications", "volumes")


@register(ParticipationProduct)
class ParticipationProductTranslation(TranslationOptions):
    fields = ("name", "description")
    required_languages = {"ru": ("name",)}
