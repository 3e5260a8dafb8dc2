"""Public pages of the business missions: the missions, the registration form,
and the registrant's own pages reached by the secret link in every email."""

import datetime
import functools
import logging
from urllib.parse import urlsplit

from django.conf import settings
from django.contrib import messages
from django.db.models import Prefetch
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.cache import patch_cache_control
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy
from django.views.decorators.http import require_GET, require_http_methods
from django.views.generic import DetailView, ListView
from django_ratelimit.core import get_usage
from icalendar import Calendar, Event

from amur_invest.security import client_address
from missions import services
from missions.forms import (
    CONSENT_VERSION,
    RegistrationChangeForm,
    RegistrationForm,
    consent_text,
    is_bot_submission,
)
from missions.models import Mission, ProgrammeItem, Registration
from partners.models import Organization

logger = logging.getLogger(__name__)


def _public_missions():
    # with_counts() carries the accepted delegates, so seats_left() of each
    # mission in a list costs no query.
    return Mission.objects.with_counts().prefetch_related("prefectures", "sectors")


class MissionListView(ListView):
    template_name = "missions/mission_list.html"
    context_object_name = "missions"

    def get_queryset(self):
        return _public_missions()


class MissionDetailView(DetailView):
    template_name = "missions/mission_detail.html"
    context_object_name = "mission"

    def get_queryset(self):
        programme = ProgrammeItem.objects.select_related("counterpart")
        return _public_missions().prefetch_related(
            Prefetch("programme", queryset=programme)
        )


# Registration form ---------------------------------------------------------

# What is counted is what costs: a submission that sends an email. Typing
# mistakes cost nothing, so an office sharing one address can correct its
# form as often as it needs; the addresses mailed are counted in the service.
SUBMISSIONS = "missions.registration.submissions"


def registration_rate(group, request) -> str:
    # Read at request time, so that tests and deployments can change it.
    return settings.MISSIONS_REGISTRATION_RATE


def _submissions(request, *, increment=False):
    return get_usage(
        request,
        group=SUBMISSIONS,
        key="ip",
        rate=registration_rate,
        increment=increment,
    )


def _too_many_submissions(request) -> bool:
    usage = _submissions(request)
    return usage is not None and usage["count"] >= usage["limit"]


class TooManySubmissions(services.RegistrationError):
    default_message = _lazy(
        "Many registrations have been sent from your network within the last "
        "hour. Please send the form again later: what you typed is kept below."
    )


# Refusals that mean "not now": the page says so with 429 Too Many Requests.
RATE_LIMITS = (TooManySubmissions, services.TooManyEmails)


@require_http_methods(["GET", "POST"])
def register(request, slug):
    mission = get_object_or_404(Mission, slug=slug)
    if not mission.is_registration_open:
        context = {"mission": mission, "closed": True}
        return render(request, "missions/register.html", context)
    if request.method == "POST" and is_bot_submission(request.POST):
        logger.info("Honeypot filled on the registration form of %s", mission.slug)
        return redirect("missions:registration_sent", slug=mission.slug)
    data = request.POST if request.method == "POST" else None
    form = RegistrationForm(data, mission=mission)
    status = 200
    if request.method == "POST" and form.is_valid():
        refusal = _submit(request, mission, form)
        if refusal is None:
            return redirect("missions:registration_sent", slug=mission.slug)
        form.add_error(None, str(refusal))
        status = 429 if isinstance(refusal, RATE_LIMITS) else 200
    context = {"mission": mission, "form": form}
    return render(request, "missions/register.html", context, status=status)


def _submit(request, mission, form) -> services.RegistrationError | None:
    """Submit the valid form; return the refusal to show, or None."""
    if _too_many_submissions(request):
        return TooManySubmissions()
    consent = services.ConsentRecord(
        text=consent_text(mission),
        version=CONSENT_VERSION,
        language=request.LANGUAGE_CODE,
        ip_address=client_address(request),
        user_agent=request.headers.get("User-Agent", "")[:500],
    )
    try:
        services.submit_registration(
            mission=mission,
            company=form.company_data(),
            registration=form.registration_data(),
            wanted_prefectures=form.cleaned_data["wanted_prefectures"],
            consent=consent,
        )
    except services.RegistrationError as error:
        return error
    _submissions(request, increment=True)
    return None


@require_GET
def registration_sent(request, slug):
    mission = get_object_or_404(Mission, slug=slug)
    return render(request, "missions/registration_sent.html", {"mission": mission})


# Pages behind the secret link ------------------------------------------------


def secret_link_page(view=None, *, referrer_policy="no-referrer"):
    """The URL of these pages is a password: keep it out of Referer headers,
    shared caches and search engines.

    A page whose form posts back uses "same-origin" instead: browsers send
    `Origin: null` with a form posted from a no-referrer page, which the CSRF
    check rightly refuses, and same-origin still tells no other site the URL.
    """

    def decorate(view):
        @functools.wraps(view)
        def wrapped(request, *args, **kwargs):
            response = view(request, *args, **kwargs)
            response.headers["Referrer-Policy"] = referrer_policy
            response.headers["X-Robots-Tag"] = "noindex"
            patch_cache_control(response, private=True, no_store=True)
            return response

        return wrapped

    return decorate(view) if view else decorate


@secret_link_page
@require_GET
def confirm(request, signed):
    # Reached from the email, so GET; confirming twice changes nothing.
    try:
        registration = services.confirm_registration(signed=signed)
    except services.ExpiredLink as error:
        return _link_error(request, error, status=410)
    except services.RegistrationError as error:
        return _link_error(request, error, status=400)
    _tell_confirmation(request, registration)
    return redirect(registration)


def _tell_confirmation(request, registration) -> None:
    """Say what the link did: a registration that has ended stays ended."""
    Status = Registration.Status
    if registration.status == Status.WITHDRAWN:
        messages.warning(
            request,
            _(
                "This registration was withdrawn, so the link changes nothing. "
                "To take part, register again while registration is open."
            ),
        )
    elif registration.status == Status.DECLINED:
        messages.warning(
            request,
            _("The agency has declined this registration; the link changes nothing."),
        )
    else:
        messages.success(request, _("Thank you: your email address is confirmed."))


def _link_error(request, error, *, status):
    context = {"message": str(error), "expired": status == 410}
    return render(request, "missions/link_error.html", context, status=status)


def _registration_for_page(token):
    queryset = Registration.objects.select_related(
        "mission", "company", "company_district"
    ).prefetch_related("wanted_prefectures", "company_sectors", "status_changes")
    return get_object_or_404(queryset, token=token)


def _page_context(request, registration, **extra) -> dict:
    """What every page behind the secret link shows, and whether a staff
    member signed in to the admin is the one looking: what they do here is
    recorded under their name, not the registrant's."""
    user = request.user
    return {
        "registration": registration,
        "mission": registration.mission,
        "acting_staff": user if user.is_authenticated and user.is_staff else None,
        **extra,
    }


@secret_link_page
@require_GET
def registration_detail(request, token):
    registration = _registration_for_page(token)
    context = _page_context(
        request,
        registration,
        partner_kinds=_partner_kind_labels(registration.wanted_partner_kinds),
    )
    return render(request, "missions/registration_detail.html", context)


def _partner_kind_labels(kinds) -> list[str]:
    labels = dict(Organization.Kind.choices)
    return [labels[kind] for kind in kinds or () if kind in labels]


@secret_link_page(referrer_policy="same-origin")
@require_http_methods(["GET", "POST"])
def edit(request, token):
    registration = _registration_for_page(token)
    if not registration.can_edit:
        context = _page_context(request, registration, closed=True)
        return render(request, "missions/registration_edit.html", context)
    data = request.POST if request.method == "POST" else None
    form = RegistrationChangeForm(data, registration=registration)
    if request.method == "POST" and form.is_valid():
        try:
            changed = services.change_registration(
                registration=registration,
                changes=form.changes(),
                wanted_prefectures=form.cleaned_data["wanted_prefectures"],
                by=request.user,
            )
        except (services.TooManyDelegates, services.NotEnoughSeats) as error:
            form.add_error("delegates", str(error))
        except services.RegistrationError as error:
            form.add_error(None, str(error))
        else:
            _tell_change(request, changed)
            return redirect(registration)
    context = _page_context(request, registration, form=form)
    return render(request, "missions/registration_edit.html", context)


def _tell_change(request, changed) -> None:
    if changed:
        messages.success(
            request,
            _("Your registration is corrected. We have sent you an email about it."),
        )
    else:
        messages.info(request, _("Nothing was changed."))


@secret_link_page(referrer_policy="same-origin")
@require_http_methods(["GET", "POST"])
def withdraw(request, token):
    registration = _registration_for_page(token)
    if request.method == "POST":
        return _act(
            request,
            registration,
            services.withdraw_registration,
            _("Your registration is withdrawn."),
        )
    context = _page_context(request, registration)
    return render(request, "missions/withdraw_confirm.html", context)


@secret_link_page(referrer_policy="same-origin")
@require_http_methods(["GET", "POST"])
def erase(request, token):
    registration = _registration_for_page(token)
    if request.method == "POST":
        return _act(
            request,
            registration,
            services.anonymise_registration,
            _("Your personal data in this registration has been erased."),
        )
    context = _page_context(request, registration)
    return render(request, "missions/erase_confirm.html", context)


def _act(request, registration, service, success_message):
    """Run a registrant's action and go back to their page with the outcome.
    A signed-in staff member acts as themselves."""
    try:
        service(registration=registration, by=request.user)
    except services.RegistrationError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, success_message)
    return redirect(registration)


@secret_link_page
@require_GET
def registration_ics(request, token):
    registration = _registration_for_page(token)
    response = HttpResponse(
        _mission_calendar(request, registration.mission).to_ical(),
        content_type="text/calendar; charset=utf-8",
    )
    response.headers["Content-Disposition"] = 'attachment; filename="mission.ics"'
    return response


def _mission_calendar(request, mission) -> Calendar:
    calendar = Calendar()
    calendar.add("prodid", "-//Amur Region Investment Attraction Agency//Amur Invest//")
    calendar.add("version", "2.0")
    event = Event()
    # One UID per mission, never the token: a second download updates the
    # same calendar entry instead of adding another.
    event.add("uid", f"mission-{mission.pk}@{_site_host()}")
    event.add("dtstamp", mission.updated_at)
    event.add("summary", mission.title)
    event.add("dtstart", mission.starts_on)
    # DTEND of an all-day event is exclusive.
    event.add("dtend", mission.ends_on + datetime.timedelta(days=1))
    if mission.cities:
        event.add("location", mission.cities)
    event.add("url", request.build_absolute_uri(mission.get_absolute_url()))
    calendar.add_component(event)
    return calendar


def _site_host() -> str:
    return urlsplit(settings.SITE_URL).hostname or "amurinvest.example"
