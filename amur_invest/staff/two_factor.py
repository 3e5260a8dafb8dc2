"""Two factors for staff: a password, then a code from an authenticator app.

When STAFF_TWO_FACTOR is on (the default outside debug) a staff member who
has logged in with a password reaches nothing in the admin until a code from
their authenticator app (TOTP, RFC 6238) or one of their single-use recovery
codes has verified them (django-otp). Someone without an app sets one up on
first login and is shown ten recovery codes once. A superuser can reset a
colleague who lost their phone (an action on the user list); the colleague
sets up a new app at the next login.
"""

import base64
import io
from urllib.parse import urlencode

from django import forms
from django.conf import settings
from django.contrib import messages
from django.contrib.admin.views.decorators import staff_member_required
from django.db import transaction
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext_lazy as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods
from django_otp import login as otp_login
from django_otp import verify_token
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice
from django_otp.qr import write_qrcode_image

from amur_invest.text import one_line

RECOVERY_CODE_COUNT = 10
APP_DEVICE = "authenticator"
RECOVERY_DEVICE = "recovery codes"


class CodeForm(forms.Form):
    code = forms.CharField(
        label=_("Code"),
        max_length=20,
        validators=[one_line],
        widget=forms.TextInput(
            attrs={
                "autocomplete": "one-time-code",
                "inputmode": "numeric",
                "autofocus": True,
            }
        ),
    )

    def clean_code(self) -> str:
        # People type the code in groups, as their app shows it.
        return "".join(self.cleaned_data["code"].split())


def needs_second_factor(user) -> bool:
    return (
        settings.STAFF_TWO_FACTOR
        and user.is_authenticated
        and user.is_staff
        and not user.is_verified()
    )


def has_app(user) -> bool:
    return TOTPDevice.objects.filter(user=user, confirmed=True).exists()


def pending_app(user) -> TOTPDevice:
    """The app being set up: the same secret on every reload of the page."""
    device = TOTPDevice.objects.filter(user=user, confirmed=False).first()
    return device or TOTPDevice.objects.create(
        user=user, name=APP_DEVICE, confirmed=False
    )


def new_recovery_codes(user) -> list[str]:
    """Replace the user's recovery codes with fresh ones and return them."""
    with transaction.atomic():
        device, _created = StaticDevice.objects.get_or_create(
            user=user, name=RECOVERY_DEVICE, defaults={"confirmed": True}
        )
        device.token_set.all().delete()
        codes = [StaticToken.random_token() for _ in range(RECOVERY_CODE_COUNT)]
        StaticToken.objects.bulk_create(
            StaticToken(device=device, token=code) for code in codes
        )
    return codes


def reset_second_factor(user) -> None:
    """Forget the user's app and recovery codes (a lost phone)."""
    TOTPDevice.objects.filter(user=user).delete()
    StaticDevice.objects.filter(user=user).delete()


def grouped_secret(device: TOTPDevice) -> str:
    """The secret for typing into an app by hand, in groups of four."""
    secret = base64.b32encode(device.bin_key).decode().rstrip("=")
    return " ".join(secret[i : i + 4] for i in range(0, len(secret), 4))


def _next_url(request) -> str:
    target = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return reverse("admin:index")


def _page(request, template, **context):
    from django.contrib import admin

    return render(
        request,
        f"admin/two_factor/{template}",
        {**admin.site.each_context(request), "next": _next_url(request), **context},
    )


@never_cache
@staff_member_required
@require_http_methods(["GET", "POST"])
def setup(request):
    if has_app(request.user):
        return redirect("two_factor:verify")
    device = pending_app(request.user)
    form = CodeForm(request.POST or None)
    if form.is_valid():
        if device.verify_token(form.cleaned_data["code"]):
            device.confirmed = True
            device.save(update_fields=["confirmed"])
            otp_login(request, device)
            return _page(
                request,
                "recovery_codes.html",
                title=_("Your recovery codes"),
                codes=new_recovery_codes(request.user),
            )
        form.add_error(
            "code", _("This code does not match. Type the code your app shows now.")
        )
    return _page(
        request,
        "setup.html",
        title=_("Set up two-factor authentication"),
        form=form,
        secret=grouped_secret(device),
    )


@never_cache
@staff_member_required
def setup_qr_code(request):
    """The QR code of the pending app's secret, as an image of our own origin."""
    buffer = io.BytesIO()
    write_qrcode_image(pending_app(request.user).config_url, buffer)
    response = HttpResponse(buffer.getvalue(), content_type="image/svg+xml")
    response.headers["Cache-Control"] = "no-store"
    return response


@never_cache
@staff_member_required
@require_http_methods(["GET", "POST"])
def verify(request):
    if not has_app(request.user):
        return redirect("two_factor:setup")
    if request.method == "GET" and request.user.is_verified():
        return _page(
            request,
            "status.html",
            title=_("Two-factor authentication"),
            recovery_codes_left=StaticToken.objects.filter(
                device__user=request.user
            ).count(),
        )
    form = CodeForm(request.POST or None)
    if form.is_valid():
        device = _matching_device(request.user, form.cleaned_data["code"])
        if device is not None:
            otp_login(request, device)
            if isinstance(device, StaticDevice):
                messages.warning(
                    request, _("You used a recovery code: each works once.")
                )
            return redirect(_next_url(request))
        form.add_error(
            "code",
            _(
                "This code is not valid. Type the six digits your app shows now, "
                "or one of your recovery codes."
            ),
        )
    return _page(
        request, "verify.html", title=_("Two-factor authentication"), form=form
    )


def _matching_device(user, code):
    # Each device checks the code itself, with its own throttling of failures.
    for model in (TOTPDevice, StaticDevice):
        for device in model.objects.filter(user=user, confirmed=True):
            if verify_token(user, device.persistent_id, code):
                return device
    return None


@never_cache
@staff_member_required
@require_http_methods(["POST"])
def renew_recovery_codes(request):
    if settings.STAFF_TWO_FACTOR and not request.user.is_verified():
        return redirect("two_factor:verify")
    return _page(
        request,
        "recovery_codes.html",
        title=_("Your recovery codes"),
        codes=new_recovery_codes(request.user),
    )


class TwoFactorMiddleware:
    """Keeps a staff member who has only given a password out of the admin
    until the second factor is given. Goes after django-otp's OTPMiddleware."""

    OPEN_PATHS = ("two-factor/", "login/", "logout/", "jsi18n/")

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        admin_root = reverse("admin:index")
        path = request.path_info
        if path.startswith(admin_root) and needs_second_factor(request.user):
            rest = path[len(admin_root) :]
            if not rest.startswith(self.OPEN_PATHS):
                target = (
                    "two_factor:verify" if has_app(request.user) else "two_factor:setup"
                )
                query = urlencode({"next": request.get_full_path()})
                return redirect(f"{reverse(target)}?{query}")
        return self.get_response(request)
