"""Two factors for staff: a password, then a code from an authenticator app.

When STAFF_TWO_FACTOR is on (the default outside debug) a staff member who
has logged in with a password reaches nothing in the admin until a code from
their authenticator app (TOTP, RFC 6238) or one of their single-use recovery
codes has verified them (django-otp). Someone without an app sets one up
through a set-up link (`enrolment`): emailed to the address on the account
when they ask, or handed over by the superuser who made it (an action on
the user list, which also resets a lost phone). They are shown ten recovery
codes once. Wrong codes pause further tries from the same address
(`code_attempts`), never the account everywhere.
"""

import base64
import io
from urllib.parse import urlencode

from django import forms
from django.conf import settings
from django.contrib import messages
from django.contrib.admin.views.decorators import staff_member_required
from django.core.cache import cache
from django.db import transaction
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST
from django_otp import login as otp_login
from django_otp import verify_token
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice
from django_otp.qr import write_qrcode_image

from amur_invest.security import client_address
from amur_invest.staff import code_attempts, enrolment
from amur_invest.text import one_line

RECOVERY_CODE_COUNT = 10
RECOVERY_DEVICE = "recovery codes"
# One emailed set-up link per account in this time: enough for a mail delay,
# too few to flood the owner's mailbox.
LINK_EMAIL_INTERVAL_SECONDS = 5 * 60


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


def _page(request, template, status=200, **context):
    from django.contrib import admin

    return render(
        request,
        f"admin/two_factor/{template}",
        {**admin.site.each_context(request), "next": _next_url(request), **context},
        status=status,
    )


def _link_needed(request, *, refused=False):
    return _page(
        request,
        "link_needed.html",
        title=_("Set up two-factor authentication"),
        refused=refused,
    )


@never_cache
@staff_member_required
@require_http_methods(["GET", "POST"])
def setup(request):
    if has_app(request.user):
        return redirect("two_factor:verify")
    device = enrolment.enrolling_app(request)
    if device is None:
        return _link_needed(request)
    form = CodeForm(request.POST or None)
    if form.is_valid():
        if device.verify_token(form.cleaned_data["code"]):
            device.confirmed = True
            device.save(update_fields=["confirmed"])
            enrolment.finish(request)
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
    """The QR code of the app's secret, as an image of our own origin; only
    for the session that opened the set-up link."""
    device = enrolment.enrolling_app(request)
    if device is None:
        raise Http404("No set-up link was opened in this session.")
    buffer = io.BytesIO()
    write_qrcode_image(device.config_url, buffer)
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
        address = client_address(request)
        wait = code_attempts.wait_left(request.user, address)
        if wait:
            form.add_error("code", pause_message(wait))
            return _page(
                request,
                "verify.html",
                status=429,
                title=_("Two-factor authentication"),
                form=form,
            )
        device = _matching_device(request.user, form.cleaned_data["code"])
        if device is not None:
            code_attempts.clear(request.user, address)
            otp_login(request, device)
            if isinstance(device, StaticDevice):
                messages.warning(
                    request, _("You used a recovery code: each works once.")
                )
            return redirect(_next_url(request))
        code_attempts.record_failure(request.user, address)
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


def pause_message(wait) -> str:
    minutes = -(-int(wait.total_seconds()) // 60)  # rounded up
    return ngettext(
        "Too many wrong codes from this address. Try again in %(minutes)d minute.",
        "Too many wrong codes from this address. Try again in %(minutes)d minutes.",
        minutes,
    ) % {"minutes": minutes}


def _matching_device(user, code):
    # The devices' own throttling is off (OTP_*_THROTTLE_FACTOR = 0): it
    # paused the account everywhere; code_attempts pauses per address.
    for model in (TOTPDevice, StaticDevice):
        for device in model.objects.filter(user=user, confirmed=True):
            if verify_token(user, device.persistent_id, code):
                return device
    return None


@never_cache
@staff_member_required
def enrol(request, token):
    """A set-up link, opened after the password: spent here, it lets this
    session set up the app (`setup`)."""
    if has_app(request.user):
        return redirect("two_factor:verify")
    if enrolment.open_link(request, token):
        return redirect("two_factor:setup")
    return _link_needed(request, refused=True)


def masked(address: str) -> str:
    """ivanov@amurinvest.ru as i…@amurinvest.ru: enough for its owner."""
    local, _at, domain = address.partition("@")
    return f"{local[:1]}…@{domain}"


@never_cache
@staff_member_required
@require_POST
def send_link(request):
    """Email a set-up link to the address on the staff member's account."""
    user = request.user
    if has_app(user):
        return redirect("two_factor:verify")
    if not user.email:
        messages.error(request, _("Your account has no email address."))
    elif not cache.add(
        f"two-factor:link-sent:{user.pk}", True, LINK_EMAIL_INTERVAL_SECONDS
    ):
        messages.warning(
            request,
            _(
                "A set-up link was sent a few minutes ago. Look for it in your "
                "mailbox, the spam folder too."
            ),
        )
    elif enrolment.send_link(user):
        messages.success(
            request,
            _("A set-up link is on its way to %(address)s.")
            % {"address": masked(user.email)},
        )
    else:
        cache.delete(f"two-factor:link-sent:{user.pk}")
        messages.error(
            request, _("The link could not be sent just now. Try again shortly.")
        )
    return redirect("two_factor:setup")


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
        # Reversed once, at the first request, as StaffLanguageMiddleware's.
        self.admin_root = None

    def __call__(self, request):
        if self.admin_root is None:
            self.admin_root = reverse("admin:index")
        admin_root = self.admin_root
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
