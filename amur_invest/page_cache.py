"""Public pages kept whole in the cache, per address and language.

What a visitor without a session sees on a public page is the same for every
such visitor, except two values that must never be shared: the CSP nonce and
the CSRF token. A page is stored with both replaced by markers, and each
visitor's copy gets a fresh nonce (which the CSP middleware then puts in the
header) and a token of the visitor's own CSRF cookie (which the CSRF
middleware then sets). So a cached form posts like a freshly built one.

Stored: anonymous GETs of pages under a language prefix (and the sitemaps)
that answer 200 with no cookie, message or session write of their own and no
"private", "no-store" or "no-cache" (the secret-link pages send those). Never
looked up for other methods, for the admin, or for a visitor with a session
or a pending message.

The cache holds what the site serves, not what a visitor makes up: a page is
stored only for the addresses the site is configured for (SITE_URL, and the
names in ALLOWED_HOSTS), and only when every query parameter is one its view
reads (`reads_query`); anything else is built and answered, never stored.
Pages live in a cache of their own ("pages"), bounded, so that however many
a crawler or a flood makes, the rate-limit counters (in "default") stay, and
so does the generation kept beside the pages without expiry, which the bound
never counts (amur_invest.page_generations).

Every entry carries the generation it was built in. Each app declares in its
ready() which of its models public pages show (`shown_on_public_pages`);
saving or deleting such a row starts a new generation once its transaction
commits, never before and never when it rolls back, and so does every change
staff post in the admin (actions and imports that save without signals
included): the next request in every language builds the page again. A page
built while a change was on its way to the commit carries the generation
read before it was built, older than the one the commit starts, so it is
never served after it. Pages also expire after PAGE_CACHE_SECONDS, and the
date is part of the key, so what depends on the day (upcoming or past) turns
at midnight.

A page that is the same for every visitor, nonce and token aside because it
has neither (the calendar feeds, the sitemaps, the CSVs of figures), carries
an ETag and the time it was built, and a client that sends them back is
answered 304 from the stored entry: calendar clients and crawlers polling
such a page cost a cache read.

X-Page-Cache (hit or miss) is sent in debug, or with PAGE_CACHE_HEADER for
the bench and the tests; never to the public.
"""

import dataclasses
import functools
import hashlib
import re
import secrets
import time
from collections.abc import Callable
from dataclasses import dataclass
from urllib.parse import urlsplit

from django.conf import settings
from django.core.cache import caches
from django.db import transaction
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.middleware.csp import get_nonce
from django.middleware.csrf import CSRF_TOKEN_LENGTH, _unmask_cipher_token, get_token
from django.middleware.http import ConditionalGetMiddleware
from django.urls import reverse
from django.utils import timezone
from django.utils.cache import get_max_age, set_response_etag
from django.utils.http import http_date
from django.utils.translation import get_language

from amur_invest.page_generations import (
    # The cache alias of the pages, their generation and the values
    # remembered for them.
    PAGES,
    current_generation,
    generation_and_page,
    start_new_generation,
)
from amur_invest.page_warming import warm_after_commit
from amur_invest.staff.two_factor import needs_second_factor

# Longer query strings (crafted, or a search pasted whole) are built, not
# stored: each would be an entry of its own.
MAX_QUERY_LENGTH = 200
# The sitemaps (/sitemap.xml and /sitemap-<section>.xml) serve every language.
SITEMAP_PATH = re.compile(r"^/sitemap(-[a-z]+)?\.xml$")
# Headers a stored page may vary on: the language is in the key, and only
# visitors without a session are served (what "Cookie" would tell apart).
HANDLED_VARY = frozenset({"cookie", "accept-language"})
REFUSING_CACHE_CONTROL = frozenset({"private", "no-store", "no-cache"})

TOKEN_CANDIDATE = re.compile(
    rb"(?<![A-Za-z0-9])[A-Za-z0-9]{%d}(?![A-Za-z0-9])" % CSRF_TOKEN_LENGTH
)


# --- What public pages show: each app says so in its ready() ---------------------

# A model public pages show, and which of its rows (None: every row).
_shown: dict[type, Callable | None] = {}


def shown_on_public_pages(*models, when: Callable | None = None) -> None:
    """Declare, from an app's ready(), that public pages show these models;
    with `when`, only the rows it accepts (a test of the row's own fields,
    read as the row is saved or deleted). Saving or deleting such a row, or
    changing its many-to-many relations, starts a new generation once the
    transaction commits.

    A row that leaves the shown state (an acceptance that ends) is seen by
    what records the step: declare that record too, with its own `when`."""
    for model in models:
        _shown[model] = when
        uid = f"page_cache.{model._meta.label_lower}"
        # Receivers for these models only: a receiver for every model would
        # make Django load each row of a cascade before deleting it.
        post_save.connect(_row_changed, sender=model, dispatch_uid=f"{uid}.save")
        post_delete.connect(_row_changed, sender=model, dispatch_uid=f"{uid}.delete")
        for field in model._meta.local_many_to_many:
            # Sent with the relation's through model as the sender.
            through = field.remote_field.through
            m2m_changed.connect(
                _relation_changed, sender=through, dispatch_uid=f"{uid}.{field.name}"
            )


def shows_on_public_pages(model, row=None) -> bool:
    """Whether public pages show `model` (and `row`, when given)."""
    if model not in _shown:
        return False
    when = _shown[model]
    return when is None or row is None or when(row)


def _row_changed(sender, instance, using=None, **kwargs):
    if shows_on_public_pages(sender, instance):
        public_content_changed(using=using, row=instance)


def _relation_changed(sender, instance, action, reverse, using=None, **kwargs):
    # From the other side (a sector's companies) the rows are not at hand:
    # count the change.
    if action.startswith("post_") and (
        reverse or shows_on_public_pages(type(instance), instance)
    ):
        public_content_changed(using=using)


def public_content_changed(*, using=None, row=None) -> None:
    """After the commit, once what public pages show has changed: a change
    rolled back, or refused halfway, leaves the stored pages alone. Outside
    a transaction, at once. A cache that fails here never turns a saved
    change into an error page. Then the pages most asked for, and `row`'s
    own, are built again in the background (amur_invest.page_warming)."""

    def changed():
        generation = start_new_generation()
        warm_after_commit(generation, [row] if row is not None else [])

    transaction.on_commit(changed, using=using, robust=True)


def remembered(name: str, compute):
    """A value computed from the records public pages show (a count over
    thousands of rows that several pages print), kept in the cache until
    any of them changes or FRAGMENT_CACHE_SECONDS pass: the generation is
    part of its key. Computed afresh when the setting is 0 or the cache is
    unreachable."""
    seconds = settings.FRAGMENT_CACHE_SECONDS
    generation = current_generation() if seconds else None
    if generation is None:
        return compute()
    key = f"page-cache:value:{name}:{generation}"
    value = caches[PAGES].get(key)
    if value is None:
        value = compute()
        caches[PAGES].set(key, value, seconds)
    return value


# --- Query parameters a page reads -------------------------------------------------


def reads_query(*names: str):
    """Declare the query parameters a public view reads: a request carrying
    any other is answered but never stored (each made-up parameter would be
    an entry of its own). Decorate a view class, or a view function as the
    outermost decorator."""
    read = frozenset(names)

    def declare(view):
        if isinstance(view, type):
            view.query_parameters = read
            return view

        @functools.wraps(view)
        def reading(*args, **kwargs):
            return view(*args, **kwargs)

        reading.query_parameters = read
        return reading

    return declare


def reads_every_parameter(request) -> bool:
    match = request.resolver_match
    view = getattr(match.func, "view_class", match.func) if match else None
    return getattr(view, "query_parameters", frozenset()).issuperset(request.GET)


# --- Stored pages ---------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class StoredPage:
    generation: str
    status: int
    headers: tuple[tuple[str, str], ...]
    content: bytes
    # Random per entry, so that no page text can pass for one.
    nonce_marker: bytes
    token_marker: bytes

    @classmethod
    def of(cls, request, response, *, generation: str) -> "StoredPage | None":
        nonce_marker = secrets.token_hex(12).encode()
        token_marker = secrets.token_hex(12).encode()
        content = _mark_nonce(request, response.content, nonce_marker)
        content = _mark_tokens(request, content, token_marker)
        headers = tuple(
            (name, value)
            for name, value in response.headers.items()
            if name.lower() != "content-length"
        )
        return cls(
            generation=generation,
            status=response.status_code,
            headers=headers,
            content=content,
            nonce_marker=nonce_marker,
            token_marker=token_marker,
        )

    @property
    def is_shared(self) -> bool:
        """The same bytes for every visitor: no nonce and no token in it."""
        return (
            self.nonce_marker not in self.content
            and self.token_marker not in self.content
        )

    def validated(self, response) -> "StoredPage":
        """Give a shared page, and the response it was made of, an ETag and
        the time it was built, so that a client sending them back is
        answered 304."""
        response.headers["Last-Modified"] = http_date(time.time())
        set_response_etag(response)
        validators = (
            ("ETag", response.headers["ETag"]),
            ("Last-Modified", response.headers["Last-Modified"]),
        )
        return dataclasses.replace(self, headers=self.headers + validators)

    def response_for(self, request):
        from django.http import HttpResponse

        content = self.content
        if self.nonce_marker in content:
            # Evaluating the nonce makes the CSP middleware put it in the header.
            content = content.replace(
                self.nonce_marker, str(get_nonce(request)).encode()
            )
        if self.token_marker in content:
            # get_token() also makes the CSRF middleware set the visitor's cookie.
            content = content.replace(self.token_marker, get_token(request).encode())
        return HttpResponse(content, status=self.status, headers=dict(self.headers))


def _mark_nonce(request, content: bytes, marker: bytes) -> bytes:
    nonce = get_nonce(request)
    if not nonce:  # never used while the page was built
        return content
    return content.replace(str(nonce).encode(), marker)


def _mark_tokens(request, content: bytes, marker: bytes) -> bytes:
    """Every CSRF token of this visitor's secret in the page becomes the
    marker: whichever tag or view put it there, it is found by what it is."""
    secret = request.META.get("CSRF_COOKIE")
    if not secret:
        return content
    tokens = {
        candidate
        for candidate in set(TOKEN_CANDIDATE.findall(content))
        if _unmask_cipher_token(candidate.decode()) == secret
    }
    for token in tokens:
        content = content.replace(token, marker)
    return content


# --- Which requests and responses -------------------------------------------------


def may_be_served_from_cache(request) -> bool:
    if request.method not in ("GET", "HEAD"):
        return False
    if len(request.META.get("QUERY_STRING", "")) > MAX_QUERY_LENGTH:
        return False
    cookies = request.COOKIES
    if settings.SESSION_COOKIE_NAME in cookies or "messages" in cookies:
        return False
    if not is_served_host(request):
        return False
    path = request.path_info
    if SITEMAP_PATH.match(path):
        return True
    first = path.split("/", 2)[1] if path.count("/") >= 2 else ""
    return first in LANGUAGE_CODES


LANGUAGE_CODES = frozenset(code for code, _name in settings.LANGUAGES)


def is_served_host(request) -> bool:
    return request.get_host() in served_hosts()


def served_hosts() -> frozenset[str]:
    """The addresses pages are stored for: SITE_URL's, and each name in
    ALLOWED_HOSTS that is not a pattern. Another port or subdomain is let in
    by ALLOWED_HOSTS, but a page built for it carries it in its links: it is
    built and answered, never stored."""
    return _served_hosts(tuple(settings.ALLOWED_HOSTS), settings.SITE_URL)


@functools.lru_cache(maxsize=8)
def _served_hosts(allowed: tuple[str, ...], site_url: str) -> frozenset[str]:
    names = {name for name in allowed if name != "*" and not name.startswith(".")}
    return frozenset({*names, urlsplit(site_url).netloc})


def may_be_stored(request, response) -> bool:
    if request.method != "GET" or response.status_code != 200 or response.streaming:
        return False
    if response.cookies:
        return False
    session = getattr(request, "session", None)
    if session is not None and session.modified:
        return False
    # A message added while the page was built is shown in it (or waits in
    # a cookie): either way the page is this visitor's.
    if len(getattr(request, "_messages", ())):
        return False
    if not reads_every_parameter(request):
        return False
    directives = {
        part.split("=", 1)[0] for part in header_items(response, "Cache-Control")
    }
    if directives & REFUSING_CACHE_CONTROL or get_max_age(response) == 0:
        return False
    return header_items(response, "Vary") <= HANDLED_VARY


def header_items(response, name: str) -> set[str]:
    """The comma-separated items of a header, lower-cased."""
    items = (item.strip().lower() for item in response.get(name, "").split(","))
    return {item for item in items if item}


def page_key(request) -> str:
    parts = [
        get_language() or "",
        request.scheme,
        request.get_host(),
        request.get_full_path(),
        timezone.localdate().isoformat(),
    ]
    digest = hashlib.sha256("\n".join(parts).encode()).hexdigest()[:40]
    return f"page-cache:page:{digest}"


def told(response, how: str):
    """Whether the page came from the cache, for developers and the bench
    only: the public is not told (PAGE_CACHE_HEADER, or DEBUG)."""
    if settings.DEBUG or settings.PAGE_CACHE_HEADER:
        response.headers["X-Page-Cache"] = how
    return response


# Django's own reading of If-None-Match and If-Modified-Since; the ETag is
# set beforehand, and only on pages that are the same for every visitor.
_conditional = ConditionalGetMiddleware(lambda request: None)


def answer_conditionally(request, stored: StoredPage):
    """The stored page, or 304 when the client holds it already."""
    response = stored.response_for(request)
    if stored.is_shared:
        return _conditional.process_response(request, response)
    return response


class PageCacheMiddleware:
    """Serves and stores whole public pages. It sits inside the CSRF, CSP,
    session and message middleware, so that those treat a page from the
    cache as any other (nonce header, CSRF cookie, Vary), and outside the
    rest, so that a stored page costs no URL resolving, view or template."""

    def __init__(self, get_response):
        self.get_response = get_response
        self.admin_prefix = None

    def __call__(self, request):
        seconds = settings.PAGE_CACHE_SECONDS
        if not seconds or not may_be_served_from_cache(request):
            response = self.get_response(request)
            self.notice_admin_change(request, response)
            return response
        key = page_key(request)
        # Read before the page is built: a change committed meanwhile starts
        # a newer generation, and the page is never served after it.
        generation, stored = generation_and_page(key)
        if generation and stored is not None and stored.generation == generation:
            return told(answer_conditionally(request, stored), "hit")
        response = self.get_response(request)
        if generation and may_be_stored(request, response):
            page = StoredPage.of(request, response, generation=generation)
            if page.is_shared:
                page = page.validated(response)
            caches[PAGES].set(key, page, seconds)
            told(response, "miss")
            if page.is_shared:
                return _conditional.process_response(request, response)
        return response

    def notice_admin_change(self, request, response) -> None:
        """Whatever staff post in the admin may change public pages, by ways
        no signal reports (queryset updates in actions, bulk imports). Only a
        staff member past both factors: a stranger's post (a login that
        fails, a form that sends them to the login) changes nothing."""
        if request.method in ("GET", "HEAD", "OPTIONS") or response.status_code >= 400:
            return
        user = getattr(request, "user", None)
        if user is None or not user.is_staff or needs_second_factor(user):
            return
        if self.admin_prefix is None:
            self.admin_prefix = reverse("admin:index")
        if request.path_info.startswith(self.admin_prefix):
            public_content_changed()
