"""Translated text on public pages, marked with the language it is in.

A field missing in the page's language falls back to another one (Japanese
to English, then Russian). The reader, a screen reader and the browser's
translator must know that text is not Japanese: `{% translated %}` gives the
text and, when it came from a fallback, a `lang` attribute for its element.

    {% translated company "name" as name %}
    <h1{{ name.lang_attr }}>{{ name }}</h1>
"""

from dataclasses import dataclass

from django import template
from django.utils.html import format_html
from django.utils.safestring import SafeString
from modeltranslation.utils import get_language, resolution_order

register = template.Library()


@dataclass(frozen=True)
class TranslatedText:
    text: str
    #: The language of `text` when it is not the page's, else None.
    fallback_language: str | None

    def __str__(self) -> str:
        return self.text

    def __bool__(self) -> bool:
        return bool(self.text)

    @property
    def lang_attr(self) -> SafeString:
        if self.fallback_language is None:
            return SafeString("")
        return format_html(' lang="{}"', self.fallback_language)


def translated_text(obj, field: str) -> TranslatedText:
    """What attribute access shows for `field` in the active language, with
    the language it came from, following modeltranslation's fallbacks."""
    language = get_language()
    for code in resolution_order(language):
        value = getattr(obj, f"{field}_{code}", None)
        if value:
            return TranslatedText(value, None if code == language else code)
    return TranslatedText("", None)


@register.simple_tag
def translated(obj, field):
    return translated_text(obj, field)


@register.filter
def in_page_language(obj, field):
    """`{{ sector|in_page_language:"name" }}`: the text, wrapped in a span
    with its language when it is a fallback; for inline lists."""
    text = translated_text(obj, field)
    if text.fallback_language is None:
        return text.text
    return format_html('<span lang="{}">{}</span>', text.fallback_language, text.text)
