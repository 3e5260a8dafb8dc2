"""The admin speaks each staff member's chosen language; the public site keeps
the language of its address prefix, whoever is logged in.

The choice lives in StaffPreference and is copied into the session at login
and when saved, so that admin pages cost no extra query."""

from django.contrib.auth.signals import user_logged_in
from django.dispatch import receiver
from django.urls import reverse
from django.utils import translation

from amur_invest.staff.models import StaffPreference

SESSION_KEY = "staff_admin_language"


def remember(request, language: str) -> None:
    request.session[SESSION_KEY] = language


@receiver(user_logged_in)
def remember_at_login(sender, request, user, **kwargs):
    if request is not None and user.is_staff:
        remember(request, StaffPreference.admin_language_of(user))


def chosen_language(request) -> str:
    if SESSION_KEY not in request.session:
        # A session opened before the preference existed.
        remember(request, StaffPreference.admin_language_of(request.user))
    return request.session[SESSION_KEY]


class StaffLanguageMiddleware:
    """After LocaleMiddleware and AuthenticationMiddleware: on admin pages,
    a staff member's chosen language replaces the browser's."""

    def __init__(self, get_response):
        self.get_response = get_response
        # Reversed once, at the first request: every request passes here,
        # and reversing costs more than the rest of this middleware.
        self.admin_root = None

    def __call__(self, request):
        if self.is_admin(request) and request.user.is_staff:
            language = chosen_language(request)
            if language:
                translation.activate(language)
                request.LANGUAGE_CODE = language
        return self.get_response(request)

    def is_admin(self, request) -> bool:
        if self.admin_root is None:
            self.admin_root = reverse("admin:index")
        return request.path_info.startswith(self.admin_root)
