"""Set-up links: who may enrol an authenticator app for an account.

A password alone never enrols one, or whoever learnt the password of a new
account, or of one whose second factor a superuser reset, would set up their
own phone and own the account. Enrolment takes a set-up link: signed, valid
for STAFF_ENROLMENT_LINK_HOURS, and good once. It is emailed to the address
on the account when its owner asks, or shown once to the superuser who
reset the account, to hand over.

The link names the app being set up (an unconfirmed TOTP device) and a digest
of its secret. Opening it, after the password, draws the app a new secret:
the link is spent, and this browser session alone may show the new secret
and confirm the app. A newer link spends the older ones the same way.
"""

import logging

from django.conf import settings
from django.core import signing
from django.core.mail import EmailMessage
from django.template import Context
from django.template.loader import get_template
from django.urls import reverse
from django.utils.crypto import constant_time_compare, salted_hmac
from django_otp.plugins.otp_totp.models import TOTPDevice, default_key

from amur_invest.site_url import site_url

logger = logging.getLogger(__name__)

SALT = "amur_invest.staff.enrolment"
SESSION_KEY = "two_factor_enrolment"
APP_DEVICE = "authenticator"


def pending_app(user) -> TOTPDevice:
    """The app being set up: the same secret on every reload of the page."""
    device = TOTPDevice.objects.filter(user=user, confirmed=False).first()
    return device or TOTPDevice.objects.create(
        user=user, name=APP_DEVICE, confirmed=False
    )


def secret_digest(device: TOTPDevice) -> str:
    return salted_hmac(SALT, device.key, algorithm="sha256").hexdigest()


def new_secret(device: TOTPDevice) -> None:
    device.key = default_key()
    device.save(update_fields=["key"])


def link_path(user) -> str:
    """A new set-up link for the user (the path); older links stop working."""
    device = pending_app(user)
    new_secret(device)
    token = signing.dumps(
        {"device": device.pk, "secret": secret_digest(device)}, salt=SALT
    )
    return reverse("two_factor:enrol", args=[token])


def link_url(user) -> str:
    return site_url() + link_path(user)


def open_link(request, token: str) -> bool:
    """Spend the link: this session may now set up the app it names. False
    for a link that is forged, expired, spent, or another user's."""
    try:
        claim = signing.loads(
            token, salt=SALT, max_age=settings.STAFF_ENROLMENT_LINK_HOURS * 3600
        )
    except signing.BadSignature:
        return False
    device = TOTPDevice.objects.filter(
        pk=claim.get("device"), user=request.user, confirmed=False
    ).first()
    if device is None or not constant_time_compare(
        secret_digest(device), claim.get("secret", "")
    ):
        return False
    new_secret(device)
    request.session[SESSION_KEY] = device.pk
    return True


def enrolling_app(request) -> TOTPDevice | None:
    """The app this session opened a set-up link for, if still unconfirmed."""
    device_id = request.session.get(SESSION_KEY)
    if device_id is None:
        return None
    return TOTPDevice.objects.filter(
        pk=device_id, user=request.user, confirmed=False
    ).first()


def finish(request) -> None:
    request.session.pop(SESSION_KEY, None)


def plain_text(template_name: str, context: dict) -> str:
    # Mail is plain text: nothing to escape for HTML.
    template = get_template(template_name).template
    return template.render(Context(context, autoescape=False))


def send_link(user) -> bool:
    """Email a new set-up link to the address on the account, in the
    language of the page the staff member is on; False if it failed."""
    context = {
        "user": user,
        "url": link_url(user),
        "hours": settings.STAFF_ENROLMENT_LINK_HOURS,
    }
    subject = plain_text("admin/two_factor/email/link_subject.txt", context)
    body = plain_text("admin/two_factor/email/link_body.txt", context)
    try:
        EmailMessage(" ".join(subject.split()), body, to=[user.email]).send()
    except Exception:
        # The mail server's trouble is logged; the page says to try again.
        logger.exception("Sending a set-up link to user %s failed", user.pk)
        return False
    return True
