"""Generations of the page cache: every stored page belongs to the
generation it was built in, and a change that public pages show starts a new
one, so that all the pages stored before are stale at once. The page cache
(page_cache) and the warming of pages after a change (page_warming) both ask
which generation is current; it lives here, below both of them."""

import uuid

from django.core.cache import cache

# In "default", with the rate-limit counters: no flood of pages evicts it.
GENERATION_KEY = "page-cache:generation"


def current_generation() -> str | None:
    """The generation pages are built in now, started if there is none (a
    fresh or emptied cache); None while the cache is unreachable."""
    generation = cache.get(GENERATION_KEY)
    if generation is None:
        cache.add(GENERATION_KEY, uuid.uuid4().hex, None)
        generation = cache.get(GENERATION_KEY)
    return generation


def start_new_generation() -> str:
    """Every page stored so far is stale, in every language."""
    generation = uuid.uuid4().hex
    cache.set(GENERATION_KEY, generation, None)
    return generation
