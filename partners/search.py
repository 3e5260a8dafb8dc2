"""Text as people type it, folded so that what they mean matches what is stored.

Search compares folded text with folded text: the catalogue and the admin
search a company's denormalised `search_text` column (kept up to date on
save, see partners.models), and imports match district and sector names the
same way. One folding for both keeps them in step:

- Unicode compatibility forms (NFKC): full-width "ＡＢＣ１２３" is "abc123",
  half-width "ﾊﾁﾐﾂ" is "ハチミツ";
- case, for every alphabet (SQLite's LIKE folds ASCII only, so folding is done
  here, in Python, and the database compares folded text exactly);
- "ё" is "е", as Russian writes it more often than not;
- katakana is hiragana: "ハチミツ" is "はちみつ".
"""

import unicodedata

from django.conf import settings
from django.db.models import Q

# Katakana ァ (U+30A1) to ヶ (U+30F6) and the iteration marks ヽヾ sit exactly
# 0x60 above their hiragana.
KATAKANA_TO_HIRAGANA = {
    code: code - 0x60 for code in [*range(0x30A1, 0x30F7), 0x30FD, 0x30FE]
}


def fold(text: str | None) -> str:
    """`text` folded for comparison, with runs of white space as one space."""
    text = unicodedata.normalize("NFKC", text or "").casefold()
    text = text.replace("ё", "е").translate(KATAKANA_TO_HIRAGANA)
    return " ".join(text.split())


def search_terms(query: str | None, limit: int = 10) -> list[str]:
    """The words of a search, folded; every one of them must match."""
    return fold(query).split()[:limit]


def translations(obj, field: str, languages=("ru", "ja", "en")) -> list[str]:
    return [getattr(obj, f"{field}_{language}", None) or "" for language in languages]


def company_search_text(company, sectors) -> str:
    """Everything a company is searched by, folded into one line: its names
    and products in every language, its identifiers and email, and the names
    and search keywords of its sectors. Works on historical models in data
    migrations too, so it reads plain attributes only."""
    parts = [
        *translations(company, "name"),
        *translations(company, "products"),
        company.inn,
        company.ogrn,
        company.email,
    ]
    for sector in sectors:
        parts += [*translations(sector, "name"), sector.search_keywords]
    return fold(" ".join(part for part in parts if part))


def in_any_language(field: str, value: str, lookup: str = "icontains") -> Q:
    """Match a value in any language column of a translated field that has no
    folded search column of its own (a product shown at an exhibition)."""
    query = Q()
    for code in settings.MODELTRANSLATION_LANGUAGES:
        query |= Q(**{f"{field}_{code}__{lookup}": value})
    return query
