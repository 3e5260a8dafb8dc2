"""Pages for requests the site cannot read: 400 for a malformed body, one in
another character set or for a host the site does not serve, 413 for a body
too large; and 403 for a refusal, inside the admin an admin page.

Django's own 400 page is bare English, and its default handler reads the
form again to set up CSRF, which raises the same error a second time: a form
posted as latin-1 or UTF-16 ended as a 500."""

import codecs

from django.contrib import admin
from django.core.exceptions import (
    BadRequest,
    DisallowedHost,
    RequestDataTooBig,
    TooManyFieldsSent,
    TooManyFilesSent,
)
from django.http import HttpResponseBadRequest
from django.http.multipartparser import MultiPartParserError
from django.middleware.clickjacking import XFrameOptionsMiddleware
from django.middleware.csp import ContentSecurityPolicyMiddleware
from django.middleware.security import SecurityMiddleware
from django.shortcuts import render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.translation import gettext as _

FORM_CONTENT_TYPES = {"application/x-www-form-urlencoded", "multipart/form-data"}
TOO_LARGE = (RequestDataTooBig, TooManyFieldsSent, TooManyFilesSent)
# The middleware that gives every response its security headers (HSTS over
# HTTPS, CSP, framing, sniffing, referrer).
SECURITY_HEADER_MIDDLEWARE = (
    SecurityMiddleware,
    XFrameOptionsMiddleware,
    ContentSecurityPolicyMiddleware,
)


def bad_request(request, exception):
    """handler400: the site's own page, in the language of the page asked for."""
    if isinstance(exception, DisallowedHost):
        # Every link of the full page is built from the host that is at fault.
        response = HttpResponseBadRequest(render_to_string("400.html"))
        return with_security_headers(request, response)
    context = {"retry_url": "/" + request.path.lstrip("/")}
    if isinstance(exception, TOO_LARGE):
        return render(request, "413.html", context, status=413)
    return render(request, "400.html", context, status=400)


def permission_denied(request, exception):
    """handler403: Django's own page is a bare English «403 Forbidden». Staff
    refused inside the admin get an admin page in their admin language
    (StaffLanguageMiddleware has chosen it); everyone else the site's page."""
    user = getattr(request, "user", None)
    if request.path_info.startswith(reverse("admin:index")) and user and user.is_staff:
        context = {**admin.site.each_context(request), "title": _("Access refused")}
        return render(request, "admin/403.html", context, status=403)
    return render(request, "403.html", status=403)


def with_security_headers(request, response):
    """The headers every page carries, on a response made before the
    middleware adding them has seen the request: the host is read (and an
    unknown one refused) on the way in, by the HTTPS redirect or the common
    middleware. Each adds only what is missing."""
    for middleware in SECURITY_HEADER_MIDDLEWARE:
        # Only process_response is called: the view it would wrap is unused.
        response = middleware(HttpResponseBadRequest).process_response(
            request, response
        )
    return response


def is_utf8(charset: str) -> bool:
    try:
        return codecs.lookup(charset).name == "utf-8"
    except LookupError:
        return False


def read_form_body(request) -> None:
    """Parse a posted form now, or raise what handler400 turns into a page."""
    charset = request.content_params.get("charset")
    if charset and not is_utf8(charset):
        # Our pages are UTF-8 and browsers send forms in the page's encoding;
        # Django refuses other encodings of urlencoded forms and misreads
        # multipart ones.
        raise BadRequest(f"A form must be sent as UTF-8, not {charset!r}.")
    try:
        request.POST  # noqa: B018 (parsing is the point)
    except MultiPartParserError as error:
        raise BadRequest(f"The multipart form cannot be read: {error}") from error


class FormBodyMiddleware:
    """Reads every posted form before any view or middleware does, so that a
    body the site cannot read ends as the 400 or 413 page, wherever it would
    otherwise have been read first (CSRF check, login lockout, the view)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.method == "POST" and request.content_type in FORM_CONTENT_TYPES:
            read_form_body(request)
        return self.get_response(request)
