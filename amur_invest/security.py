"""Who is at the other end of a request, and what a staff member sees when
logins from their address are paused."""

import ipaddress

from django.conf import settings
from django.contrib import admin
from django.shortcuts import render
from django.utils.translation import gettext as _


def client_address(request) -> str | None:
    """The visitor's IP address, for rate limits, login lockouts and consent
    records alike.

    Behind a reverse proxy REMOTE_ADDR is the proxy's own address: set
    CLIENT_IP_META_KEY to the header the proxy fills. Of an X-Forwarded-For
    list only the last hop is taken, the one the proxy itself appended; the
    ones before it are whatever the client chose to send."""
    key = settings.CLIENT_IP_META_KEY or "REMOTE_ADDR"
    candidate = request.META.get(key) or request.META.get("REMOTE_ADDR") or ""
    try:
        return str(ipaddress.ip_address(candidate.rsplit(",", 1)[-1].strip()))
    except ValueError:
        return None


def rate_limit_address(request) -> str:
    # django-ratelimit needs an address: unknown clients share one bucket.
    return client_address(request) or "0.0.0.0"


def login_locked_out(request, original_response=None, credentials=None):
    """django-axes calls this instead of the login page once a username has
    failed too often from one address."""
    context = {
        **admin.site.each_context(request),
        "title": _("Login paused"),
        # Nobody is logged in: no app list to show beside the message.
        "is_nav_sidebar_enabled": False,
        "failure_limit": settings.AXES_FAILURE_LIMIT,
        "minutes": int(settings.AXES_COOLOFF_TIME.total_seconds() // 60),
    }
    return render(request, "admin/locked_out.html", context, status=429)
