"""Searching companies: the words of a query, folded as amur_invest.folding
folds text, against a company's denormalised `search_text` column (kept up
to date on save, see partners.models), which holds everything a company is
searched by, folded the same way.
"""

from django.conf import settings
from django.db.models import Q
from django.dispatch import Signal

from amur_invest.folding import fold, translations

# Sent with `pks` when the search text of those companies has changed (its
# names, products or sectors did), by whichever way it was saved: what copies
# a company's search text (the applications' own search text) follows it.
search_text_changed = Signal()


def search_terms(query: str | None, limit: int = 10) -> list[str]:
    """The words of a search, folded; every one of them must match."""
    return fold(query).split()[:limit]


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
