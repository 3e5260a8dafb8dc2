"""The investor inquiry form, the page after it, and the public record of
how the reply promise is kept."""

import logging

from django.conf import settings
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods
from django_ratelimit.core import get_usage

from amur_invest.outbox.mail import TooManyEmails
from amur_invest.page_cache import reads_query
from amur_invest.security import client_address
from missions.forms import is_bot_submission
from partners.applications.submission import ConsentRecord
from showcase.inquiries import promise, services
from showcase.inquiries.forms import CONSENT_TEXT, CONSENT_VERSION, ContactForm
from showcase.inquiries.models import Inquiry

logger = logging.getLogger(__name__)

RATE_GROUP = "showcase.inquiry"
# The inquiry just sent, for the page after it (this visitor's session only).
SENT_KEY = "inquiry_sent"


def inquiry_usage(request, *, increment: bool) -> dict | None:
    """How many inquiries this address has sent in the current window."""
    return get_usage(
        request,
        group=RATE_GROUP,
        key="ip",
        rate=settings.INQUIRY_RATE,
        increment=increment,
    )


def too_many_inquiries(request) -> bool:
    usage = inquiry_usage(request, increment=False)
    return usage is not None and usage["count"] >= usage["limit"]


@reads_query("about")
@require_http_methods(["GET", "POST"])
def contact(request):
    data = request.POST if request.method == "POST" else None
    about = (data or request.GET).get("about", "")
    if data is not None and is_bot_submission(data):
        logger.info("Honeypot filled on the inquiry form")
        return redirect("showcase:contact_sent")
    # What the inquiry is about travels in a hidden field, outside the form:
    # an unknown value leaves the inquiry without a subject, never an error.
    subject = services.resolve_subject(about)
    form = ContactForm(data, language=request.LANGUAGE_CODE)
    status = 200
    if data is not None and form.is_valid():
        refusal = send(request, form, subject)
        if refusal is None:
            return redirect("showcase:contact_sent")
        # Refused, but the typed text stays in the form for later.
        form.add_error(None, refusal)
        status = 429
    context = {
        "form": form,
        "subject": subject,
        "handler": services.handler_for(
            sector=subject.sector if subject else None,
            subject_kind=subject.kind if subject else "",
            language=request.LANGUAGE_CODE,
        ),
        "reply_working_days": settings.INQUIRY_REPLY_WORKING_DAYS,
        "reply_by": services.reply_deadline(),
    }
    return render(request, "showcase/inquiries/contact.html", context, status=status)


def send(request, form, subject) -> str | None:
    """Submit the valid form; the refusal to show, or None."""
    if too_many_inquiries(request):
        return _(
            "This address has sent several inquiries within the hour. Your "
            "text is kept below: please send it again later, or write to "
            "the agency by email."
        )
    try:
        submit(request, form, subject)
    except TooManyEmails as refusal:
        return str(refusal)
    return None


def submit(request, form, subject):
    consent = ConsentRecord(
        text=str(CONSENT_TEXT),
        version=CONSENT_VERSION,
        language=request.LANGUAGE_CODE,
        ip_address=client_address(request),
        user_agent=request.headers.get("User-Agent", "")[:500],
    )
    inquiry = services.submit_inquiry(
        fields=form.inquiry_fields(),
        subject=subject,
        language=request.LANGUAGE_CODE,
        consent=consent,
    )
    # Only an accepted inquiry counts towards the limit, not a typing mistake.
    inquiry_usage(request, increment=True)
    # The page after it names the reference and the person: this visitor's
    # own, so it goes through the session and is never stored in the cache.
    request.session[SENT_KEY] = inquiry.pk
    return inquiry


def sent_inquiry(request):
    """The inquiry this visitor has just sent, once; None without one."""
    if getattr(request, "session", None) is None or SENT_KEY not in request.session:
        return None
    pk = request.session.pop(SENT_KEY)
    return (
        Inquiry.objects.filter(pk=pk).select_related("handler").first()
        if isinstance(pk, int)
        else None
    )


@require_GET
def contact_sent(request):
    inquiry = sent_inquiry(request)
    context = {
        "inquiry": inquiry,
        "handler": inquiry.handler if inquiry else None,
        "reply_by": inquiry.reply_due_on if inquiry else services.reply_deadline(),
        "working_days": settings.INQUIRY_REPLY_WORKING_DAYS,
    }
    return render(request, "showcase/inquiries/contact_sent.html", context)


@require_GET
def contact_promise(request):
    context = {
        "promise": promise.kept_promise(),
        "working_days": settings.INQUIRY_REPLY_WORKING_DAYS,
    }
    return render(request, "showcase/inquiries/contact_promise.html", context)
