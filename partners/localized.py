"""Translated fields in the order a reader of one language expects."""

from django.conf import settings
from django.db.models import CharField, F, Value
from django.db.models.functions import Coalesce, NullIf
from django.utils.translation import get_language


def fallback_languages(language: str) -> list[str]:
    """The language and then modeltranslation's fallbacks for it, as attribute
    access would try them."""
    fallbacks = settings.MODELTRANSLATION_FALLBACK_LANGUAGES
    chain = [language, *fallbacks.get(language, fallbacks["default"])]
    return list(
        dict.fromkeys(
            code for code in chain if code in settings.MODELTRANSLATION_LANGUAGES
        )
    )


def localized(field: str, language: str | None = None) -> Coalesce:
    """An expression for a translated field in the active language with the
    same fallback as attribute access: order_by("name") would sort untranslated
    rows as empty."""
    codes = fallback_languages(language or get_language() or settings.LANGUAGE_CODE)
    columns = [NullIf(F(f"{field}_{code}"), Value("")) for code in codes]
    return Coalesce(*columns, Value(""), output_field=CharField())
