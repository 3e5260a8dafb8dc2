"""The site's own address, for links that leave the page: emails above all.

In production SITE_URL names it and is the only truth (a request may arrive
through an internal address). In debug without SITE_URL, the address the
developer actually opened is the one that works (`make run PORT=8301`, or the
machine's address from a phone), so links follow the request being served.
"""

from contextvars import ContextVar
from urllib.parse import urlsplit

from django.conf import settings

_served_origin: ContextVar[str | None] = ContextVar("served_origin", default=None)


def follows_request() -> bool:
    return settings.DEBUG and settings.SITE_URL_FOLLOWS_REQUEST


def site_url() -> str:
    """Scheme and host without a trailing slash, e.g. http://127.0.0.1:8301."""
    origin = _served_origin.get()
    if origin and follows_request():
        return origin
    return settings.SITE_URL


def site_host() -> str:
    """The site's host name from SITE_URL alone, for what must not change
    with the address being served: the UIDs of calendar items."""
    return urlsplit(settings.SITE_URL).hostname or "amurinvest.example"


class ServedAddressMiddleware:
    """Keeps the scheme and host of the request being served for site_url(),
    for the duration of that request only."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not follows_request():
            return self.get_response(request)
        token = _served_origin.set(f"{request.scheme}://{request.get_host()}")
        try:
            return self.get_response(request)
        finally:
            _served_origin.reset(token)
