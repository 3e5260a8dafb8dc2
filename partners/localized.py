"""Translated fields in the order a reader of one language expects."""

import unicodedata

from django.conf import settings
from django.db import connection
from django.db.models import Case, CharField, F, QuerySet, Value, When
from django.db.models.functions import Coalesce, Collate, NullIf
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


# --- The reader's alphabetical order -----------------------------------------
#
# PostgreSQL sorts with ICU's rules for the language (gojūon order in
# Japanese, the Russian alphabet with ё beside е); SQLite has no such
# collation, so there the same order comes from `reading_key` in Python.

ICU_COLLATIONS = {"ru": "ru-x-icu", "ja": "ja-x-icu", "en": "en-x-icu"}

# Hiragana by the vowel they end in: a long-vowel mark (ー) sorts as that
# vowel, as ICU's Japanese rules have it.
VOWEL_ROWS = {
    "あ": "あかさたなはまやらわがざだばぱぁゃゎ",
    "い": "いきしちにひみりゐぎじぢびぴぃ",
    "う": "うくすつぬふむゆるぐずづぶぷぅゅっゔ",
    "え": "えけせてねへめれゑげぜでべぺぇ",
    "お": "おこそとのほもよろをごぞどぼぽぉょ",
}
VOWEL_OF = {kana: vowel for vowel, row in VOWEL_ROWS.items() for kana in row}
SMALL_KANA = str.maketrans("ぁぃぅぇぉっゃゅょゎ", "あいうえおつやゆよわ")


def japanese_rank(character: str) -> int:
    """Kana in gojūon order (their code points), then kanji in the order of
    the JIS standard, by reading for the common ones, as ICU sorts them."""
    if "\u3400" <= character <= "\u9fff":
        try:
            return 0x10000 + int.from_bytes(character.encode("euc_jp"))
        except UnicodeEncodeError:
            return 0x20000 + ord(character)
    return ord(character)


def reading_language(language: str | None = None) -> str:
    language = (language or get_language() or settings.LANGUAGE_CODE).split("-")[0]
    return language if language in ICU_COLLATIONS else settings.LANGUAGE_CODE


def reading_key(text: str, language: str | None = None) -> tuple:
    """A Python sort key that puts names in the order PostgreSQL's ICU
    collation for the language does: letters first (case, voicing marks, ё
    and small kana aside), those differences second."""
    text = unicodedata.normalize("NFKC", text or "").casefold()
    if reading_language(language) == "ja":
        # Katakana and hiragana are one syllabary to a Japanese reader.
        text = "".join(
            chr(ord(c) - 0x60) if "\u30a1" <= c <= "\u30f6" else c for c in text
        )
        marked = []
        for character in text:
            if character == "ー" and marked:
                character = VOWEL_OF.get(marked[-1], character)
            marked.append(character)
        text = "".join(marked)
        decomposed = unicodedata.normalize("NFD", text)
        primary = "".join(c for c in decomposed if c not in "\u3099\u309a").translate(
            SMALL_KANA
        )
        return (tuple(japanese_rank(c) for c in primary), text)
    primary = "".join(
        c for c in unicodedata.normalize("NFD", text) if not unicodedata.combining(c)
    )
    if reading_language(language) == "ru":
        # NFD takes the diaeresis off ё and the breve off й: put й back.
        primary = "".join(
            "й" if c == "и" and text[i : i + 1] == "й" else c
            for i, c in enumerate(primary)
        )
    return (primary, text)


def reading_order(field: str = "name", language: str | None = None):
    """An order_by() expression: the translated field in the active language
    (with its fallbacks) in that language's alphabetical order on
    PostgreSQL; on other databases the plain field (see `in_reading_order`)."""
    language = reading_language(language)
    expression = localized(field, language)
    if connection.vendor == "postgresql":
        return Collate(expression, ICU_COLLATIONS[language])
    return expression


def in_reading_order(
    queryset: QuerySet, field: str = "name", language: str | None = None
) -> QuerySet:
    """A short list (districts, sectors) sorted by name as a reader of the
    language expects, on any database: PostgreSQL's ICU collation, or
    elsewhere the same order computed in Python and handed to the database
    as positions (one more query, for a table of a few dozen rows)."""
    language = reading_language(language)
    if connection.vendor == "postgresql":
        return queryset.order_by(reading_order(field, language), "pk")
    names = dict(
        queryset.annotate(reading_name=localized(field, language)).values_list(
            "pk", "reading_name"
        )
    )
    ordered = sorted(names, key=lambda pk: (reading_key(names[pk], language), pk))
    if not ordered:
        return queryset
    return queryset.order_by(
        Case(
            *(When(pk=pk, then=Value(index)) for index, pk in enumerate(ordered)),
            default=Value(len(ordered)),
        ),
        "pk",
    )
