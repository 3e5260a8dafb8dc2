"""After a change, the pages most asked for are built again in the
background, so that the next visitors find them in the page cache.

A change that public pages show starts a new generation (page_cache); the
first visitor of each page in each language would pay for its build. Once
the change commits, a task on the "pages" queue requests the pages named in
PAGE_CACHE_WARM_URLS, and the pages of the rows that changed, in every
language, through the site's own middleware, as an anonymous visitor on the
address the site serves: the page cache stores them as it stores any page.

A task whose generation is no longer the current one does nothing: a later
change started a newer one, and its own task builds the pages."""

import io
import secrets
from urllib.parse import urlsplit

from django.conf import settings
from django.core.handlers.base import BaseHandler
from django.core.handlers.wsgi import WSGIRequest
from django.tasks import task
from django.urls import NoReverseMatch, reverse
from django.utils import translation

from amur_invest.page_generations import current_generation

_handler = None


def pages_to_warm(changed_rows=()) -> list[str]:
    """The paths of the most asked-for pages and of `changed_rows`, in every
    language, each once."""
    paths = []
    for language, _name in settings.LANGUAGES:
        with translation.override(language):
            for name in settings.PAGE_CACHE_WARM_URLS:
                try:
                    paths.append(reverse(name))
                except NoReverseMatch:
                    continue
            for row in changed_rows:
                if hasattr(row, "get_absolute_url"):
                    paths.append(row.get_absolute_url())
    return list(dict.fromkeys(paths))


def warm_after_commit(generation: str, changed_rows=()) -> None:
    """Queue the building of the pages, when the site warms its cache."""
    if not (settings.PAGE_CACHE_WARM and settings.PAGE_CACHE_SECONDS):
        return
    warm_pages.enqueue(generation, pages_to_warm(changed_rows))


@task(queue_name="pages")
def warm_pages(generation: str, paths: list[str]) -> int:
    """Build each page as an anonymous visitor would ask for it; returns
    how many answered 200 (and so could be stored)."""
    if current_generation() != generation:
        return 0
    handler = _middleware_chain()
    return sum(handler.get_response(_visit(path)).status_code == 200 for path in paths)


def _middleware_chain() -> BaseHandler:
    global _handler
    if _handler is None:
        handler = BaseHandler()
        handler.load_middleware()
        _handler = handler
    return _handler


def _visit(path: str) -> WSGIRequest:
    """A GET of `path` on the served address, by a visitor with a CSRF
    cookie and nothing else (the page cache stores no page that sets a
    cookie)."""
    address = urlsplit(settings.SITE_URL)
    scheme, host = address.scheme, address.netloc
    name, _, port = host.partition(":")
    return WSGIRequest(
        {
            "REQUEST_METHOD": "GET",
            "PATH_INFO": path,
            "QUERY_STRING": "",
            "SERVER_NAME": name,
            "SERVER_PORT": port or ("443" if scheme == "https" else "80"),
            "HTTP_HOST": host,
            "HTTP_COOKIE": f"{settings.CSRF_COOKIE_NAME}={secrets.token_hex(16)}",
            "wsgi.url_scheme": scheme,
            "wsgi.input": io.BytesIO(),
        }
    )
