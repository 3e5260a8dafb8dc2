"""Staff sessions end after STAFF_SESSION_IDLE_MINUTES without a request and
STAFF_SESSION_MAX_HOURS after login, whatever happens in between: an
unattended office computer does not stay logged in to personal data."""

import time

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.signals import user_logged_in
from django.contrib.auth.views import redirect_to_login
from django.dispatch import receiver
from django.urls import reverse
from django.utils.translation import gettext as _

STARTED = "staff_session_started"
SEEN = "staff_session_seen"
# The last-seen time is written at most this often, not on every request.
SEEN_RESOLUTION_SECONDS = 60


@receiver(user_logged_in)
def start_the_clock(sender, request, user, **kwargs):
    # Set with the login, which saves the session anyway: the requests that
    # follow write it only once a minute.
    now = time.time()
    request.session[STARTED] = now
    request.session[SEEN] = now


class StaffSessionLimitsMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated and user.is_staff:
            ended = self._ended(request.session, time.time())
            if ended:
                return self._log_out(request, ended)
        return self.get_response(request)

    @staticmethod
    def _ended(session, now: float) -> str:
        started = session.setdefault(STARTED, now)
        seen = session.get(SEEN, now)
        if now - seen > settings.STAFF_SESSION_IDLE_MINUTES * 60:
            return _(
                "You were logged out after %(minutes)d minutes without activity."
            ) % {"minutes": settings.STAFF_SESSION_IDLE_MINUTES}
        if now - started > settings.STAFF_SESSION_MAX_HOURS * 3600:
            return _(
                "You were logged out: a session lasts at most %(hours)d hours."
            ) % {"hours": settings.STAFF_SESSION_MAX_HOURS}
        if now - seen >= SEEN_RESOLUTION_SECONDS or SEEN not in session:
            session[SEEN] = now
        return ""

    @staticmethod
    def _log_out(request, reason: str):
        logout(request)
        messages.info(request, reason)
        return redirect_to_login(request.get_full_path(), reverse("admin:login"))
