"""Generations of the page cache: every stored page belongs to the
generation it was built in, and a change that public pages show starts a new
one, so that all the pages stored before are stale at once. The page cache
(page_cache) and the warming of pages after a change (page_warming) both ask
which generation is current; it lives here, below both of them.

The generation is kept in the pages' own cache, without expiry, so that a
stored page and the generation it must match are read in one round trip
(`generation_and_page`). Their bound never deletes a key without expiry
(amur_invest.cache), and Redis's volatile-lru policy never evicts one."""

import uuid

from django.core.cache import caches

PAGES = "pages"
GENERATION_KEY = "page-cache:generation"


def current_generation() -> str | None:
    """The generation pages are built in now, started if there is none (a
    fresh or emptied cache); None while the cache is unreachable."""
    pages = caches[PAGES]
    generation = pages.get(GENERATION_KEY)
    if generation is None:
        pages.add(GENERATION_KEY, uuid.uuid4().hex, None)
        generation = pages.get(GENERATION_KEY)
    return generation


def generation_and_page(key: str):
    """The current generation and the page stored under `key` (None if
    none), read together."""
    found = caches[PAGES].get_many([GENERATION_KEY, key])
    generation = found.get(GENERATION_KEY) or current_generation()
    return generation, found.get(key)


def start_new_generation() -> str:
    """Every page stored so far is stale, in every language."""
    generation = uuid.uuid4().hex
    caches[PAGES].set(GENERATION_KEY, generation, None)
    return generation
