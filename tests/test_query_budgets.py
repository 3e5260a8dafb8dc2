"""Every public page within its query budget when the site holds much more
than one page of everything (the bench's large data set, scaled down), and
the same page whether built or served from the page cache."""

import re

import pytest
from django.core.cache import cache
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from bench.large_data import Generator
from bench.pages import LANGUAGES, page_paths

pytestmark = pytest.mark.django_db

# More rows than a list page shows (companies 20 a page, exhibitors 24,
# presentations 12, news and events 50), a few of everything else.
COUNTS = {
    "companies": 90,
    "organisations": 10,
    "contacts": 10,
    "missions": 4,
    "registrations_per_mission": 60,
    "exhibitions": 30,
    "participations_per_exhibition": 30,
    "events": 120,
    "news": 60,
    "projects": 30,
    "measures": 12,
    "sites": 25,
    "presentations": 15,
    "slides_per_presentation": 4,
    "years": 3,
    "inquiries": 30,
}

# Queries of each page kind, the most it may take however many rows there
# are. A page whose count grows with its rows fails here first.
BUDGETS = {
    "home": 8,
    "invest": 7,
    "companies": 5,
    "missions": 4,
    "exhibitions": 4,
    "events month": 4,
    "events list": 5,
    "events feed": 5,
    "projects": 4,
    "support": 2,
    "costs": 2,
    "sites": 5,  # one of them: every mapped site, not just the page's
    "wild harvest": 2,
    "news": 4,
    "news feed": 2,
    "presentations": 3,
    # The routing rules, for the person who will answer: one read.
    "contact": 1,
    "sitemap": 7,  # one query for each section listing its items
    "company": 2,
    "mission": 4,
    "registration form": 8,
    "exhibition": 8,
    "exhibitor": 5,
    "sector": 7,
    "project": 2,
    "site": 2,
    "news item": 2,
    "presentation": 2,
    "slide": 2,
    "sitemap.xml": 9,
}


@pytest.fixture
def large_data(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    Generator(COUNTS).run(report=lambda line: None)
    cache.clear()


def queries_of(client, path: str) -> int:
    client.get(path)  # the agency's row and the thumbnails are read once
    with CaptureQueriesContext(connection) as queries:
        response = client.get(path)
    assert response.status_code == 200, path
    return len(queries)


def test_every_public_page_stays_within_its_query_budget(client, large_data):
    over = {}
    for language in LANGUAGES:
        for kind, path in page_paths(language).items():
            count = queries_of(client, path)
            if count > BUDGETS[kind]:
                over[f"{kind} ({path})"] = count

    assert over == {}
    assert set(page_paths("ja")) == set(BUDGETS), "every page kind has a budget"


NONCE = re.compile(rb"nonce-[A-Za-z0-9_-]+|nonce=\"[^\"]+\"")
TOKEN = re.compile(rb'name="csrfmiddlewaretoken" value="[^"]+"')


def without_per_request_values(content: bytes) -> bytes:
    return TOKEN.sub(b"token", NONCE.sub(b"nonce", content))


def test_every_public_page_from_the_cache_is_the_page_built(large_data, settings):
    """No page may depend on who asked first: the cached copy of each is
    what a fresh build gives, its nonce and token aside."""
    settings.PAGE_CACHE_SECONDS = 600
    settings.PAGE_CACHE_HEADER = True
    client = Client()
    for language in LANGUAGES:
        for kind, path in page_paths(language).items():
            built = client.get(path)
            cached = client.get(path)
            assert cached.headers.get("X-Page-Cache") == "hit", kind
            assert without_per_request_values(cached.content) == (
                without_per_request_values(built.content)
            ), kind
