"""The public pages every kind of application has: the form with its rate
limit and honeypot, the confirmation link, and the applicant's own pages
behind the secret link (status and history, corrections, withdrawal,
erasure). Each app subclasses the views with its workflow, templates and
wording."""

import functools
import logging

from django.conf import settings
from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.cache import patch_cache_control
from django.utils.translation import gettext_lazy as _
from django.views.generic import FormView, TemplateView, View
from django_ratelimit.core import get_usage

from amur_invest.outbox.mail import TooManyEmails
from amur_invest.security import client_address
from partners.applications.confirmation import confirm
from partners.applications.errors import ApplicationError, ExpiredLink
from partners.applications.forms import is_bot_submission
from partners.applications.models import DECLINED, WITHDRAWN
from partners.applications.submission import ConsentRecord

logger = logging.getLogger(__name__)


# The secret link ---------------------------------------------------------------


def protect_secret_link(response, *, referrer_policy="no-referrer"):
    """The URL of these pages is a password: keep it out of Referer headers,
    shared caches and search engines.

    A page whose form posts back uses "same-origin" instead: browsers send
    `Origin: null` with a form posted from a no-referrer page, which the CSRF
    check rightly refuses, and same-origin still tells no other site the URL.
    """
    response.headers["Referrer-Policy"] = referrer_policy
    response.headers["X-Robots-Tag"] = "noindex"
    patch_cache_control(response, private=True, no_store=True)
    return response


def refused_to_staff(request):
    """A staff member signed in to the admin is not the applicant: the page
    refuses them before it reads anything. Staff read and change applications
    in the admin, where their permissions hold and the audit trail records
    what they do; the secret link is the applicant's alone. None for anyone
    else."""
    if request.user.is_authenticated and request.user.is_staff:
        return render(request, "partners/applications/staff_refused.html", status=403)
    return None


def secret_link_page(view=None, *, referrer_policy="no-referrer"):
    """`protect_secret_link` and `refused_to_staff` for a function view."""

    def decorate(view):
        @functools.wraps(view)
        def wrapped(request, *args, **kwargs):
            response = refused_to_staff(request) or view(request, *args, **kwargs)
            return protect_secret_link(response, referrer_policy=referrer_policy)

        return wrapped

    return decorate(view) if view else decorate


class SecretLinkPage:
    """`protect_secret_link` and `refused_to_staff` for a class-based view."""

    referrer_policy = "no-referrer"

    def dispatch(self, request, *args, **kwargs):
        response = refused_to_staff(request) or super().dispatch(
            request, *args, **kwargs
        )
        return protect_secret_link(response, referrer_policy=self.referrer_policy)


# The form ------------------------------------------------------------------------


class TooManySubmissions(ApplicationError):
    default_message = _(
        "Many applications have been sent from your network within the last "
        "hour. Please send the form again later: what you typed is kept below."
    )


class SubmissionLimit:
    """How many forms one client address may send in a while.

    What is counted is what costs: a form that was sent and emailed someone.
    Typing mistakes cost nothing, so an office sharing one address can correct
    its form as often as it needs; the addresses mailed are counted by
    amur_invest.outbox.mail.check_budget, the budget every public form shares."""

    def __init__(self, *, group: str, rate_setting: str, refusal=TooManySubmissions):
        self.group = group
        self.rate_setting = rate_setting
        self.refusal = refusal

    def rate(self, group, request) -> str:
        # Read at request time, so that tests and deployments can change it.
        return getattr(settings, self.rate_setting)

    def usage(self, request, *, increment=False):
        return get_usage(
            request, group=self.group, key="ip", rate=self.rate, increment=increment
        )

    def is_reached(self, request) -> bool:
        usage = self.usage(request)
        return usage is not None and usage["count"] >= usage["limit"]

    def count(self, request) -> None:
        self.usage(request, increment=True)


def consent_record(request, *, text: str, version: str) -> ConsentRecord:
    """What the person agreed to on the page, and from where."""
    return ConsentRecord(
        text=text,
        version=version,
        language=request.LANGUAGE_CODE,
        ip_address=client_address(request),
        user_agent=request.headers.get("User-Agent", "")[:500],
    )


class ApplicationFormView(FormView):
    """A public application form: honeypot, rate limit, consent, and the
    same answer ("check your email") whoever sends it.

    A subclass sets `workflow`, `limit`, `consent_version`, `parent_name`
    (what the templates and the form call the mission or exhibition),
    `template_name` and `form_class`, and defines `get_parent` (404 when there
    is none), `consent_text`, `submit` and `get_success_url`. A parent that
    takes no applications shows the page with `closed`."""

    workflow = None
    limit: SubmissionLimit
    consent_version: str
    parent_name: str
    http_method_names = ["get", "post"]

    def dispatch(self, request, *args, **kwargs):
        self.parent = self.get_parent()
        if not self.workflow.is_open(self.parent):
            return self.render_to_response(self.get_context_data(closed=True))
        if request.method == "POST" and is_bot_submission(request.POST):
            logger.info("Honeypot filled on %s", request.path)
            return redirect(self.get_success_url())
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        if "closed" in kwargs:
            # A closed form shows no fields, so none are built.
            kwargs.setdefault("form", None)
        kwargs[self.parent_name] = self.parent
        return super().get_context_data(**kwargs)

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), self.parent_name: self.parent}

    def form_valid(self, form):
        refusal = self.submit_once(form)
        if refusal is None:
            return redirect(self.get_success_url())
        form.add_error(None, str(refusal))
        rate_limited = isinstance(refusal, self.limit.refusal | TooManyEmails)
        return self.render_to_response(
            self.get_context_data(form=form), status=429 if rate_limited else 200
        )

    def submit_once(self, form) -> ApplicationError | TooManyEmails | None:
        """Submit the valid form; return the refusal to show, or None."""
        if self.limit.is_reached(self.request):
            return self.limit.refusal()
        consent = consent_record(
            self.request,
            text=self.consent_text(self.parent),
            version=self.consent_version,
        )
        try:
            self.submit(form, consent)
        except (ApplicationError, TooManyEmails) as error:
            return error
        self.limit.count(self.request)
        return None


def private_head(model) -> str:
    """The head of a page behind the secret link: its app's styles, and no
    indexing (`<app>/_private_head.html`)."""
    return f"{model._meta.app_label}/_private_head.html"


# The confirmation link -------------------------------------------------------------


class ConfirmView(SecretLinkPage, View):
    """Reached from the email, so GET; confirming twice changes nothing.

    A subclass sets `workflow`, `link_error_template` and the messages."""

    http_method_names = ["get"]
    workflow = None
    link_error_template = ""
    confirmed_message = _("Thank you: your email address is confirmed.")
    withdrawn_message = _(
        "This application was withdrawn, so the link changes nothing. To take "
        "part, apply again while applications are open."
    )
    declined_message = _(
        "The agency has declined this application; the link changes nothing."
    )
    sent_again_message = _(
        "The company had already applied from this address: here is that "
        "application, unchanged by the form sent again."
    )

    def get(self, request, signed):
        try:
            application = confirm(workflow=self.workflow, signed=signed)
        except ExpiredLink as error:
            return self.link_error(error, status=410)
        except ApplicationError as error:
            return self.link_error(error, status=400)
        # The signed value starts with the token of the application the link
        # was sent for; another one comes back when the company had applied
        # from this address before.
        sent_again = not signed.startswith(f"{application.token}:")
        self.tell(application, sent_again=sent_again)
        return redirect(application.get_applicant_url())

    def tell(self, application, *, sent_again: bool = False) -> None:
        """Say what the link did: an application that has ended stays ended."""
        if application.status == WITHDRAWN:
            messages.warning(self.request, self.withdrawn_message)
        elif application.status == DECLINED:
            messages.warning(self.request, self.declined_message)
        elif sent_again:
            messages.info(self.request, self.sent_again_message)
        else:
            messages.success(self.request, self.confirmed_message)

    def link_error(self, error, *, status):
        context = {
            "message": str(error),
            "expired": status == 410,
            "private_head": private_head(self.workflow.model),
        }
        return render(self.request, self.link_error_template, context, status=status)


# The applicant's own pages ---------------------------------------------------------


class ApplicantPageMixin(SecretLinkPage):
    """A page behind the secret link: the application by its token.

    A subclass sets `workflow`; `page_related` and `page_prefetched` name
    what its templates read. The shared templates take from it the app's word
    for an application (`application_kind`, in class names) and the names of
    the URLs of the applicant's actions (`action_url_names`: edit, withdraw,
    erase)."""

    workflow = None
    application_kind = "application"
    action_url_names: dict[str, str] = {}
    page_related: tuple[str, ...] = ("company", "company_district")
    page_prefetched: tuple[str, ...] = ("company_sectors", "status_changes")

    def get_application(self):
        if not hasattr(self, "application"):
            model = self.workflow.model
            queryset = model.objects.select_related(
                model.parent_field, *self.page_related
            ).prefetch_related(*self.page_prefetched)
            self.application = get_object_or_404(queryset, token=self.kwargs["token"])
        return self.application

    def get_context_data(self, **kwargs):
        application = self.get_application()
        kwargs.update(
            {
                "application": application,
                # The templates of each app name the application and what it
                # is for in their own words.
                application._meta.model_name: application,
                application.parent_field: application.parent,
                "private_head": private_head(type(application)),
                "application_kind": self.application_kind,
                "action_urls": {
                    action: reverse(name, kwargs={"token": application.token})
                    for action, name in self.action_url_names.items()
                },
            }
        )
        return super().get_context_data(**kwargs)


class ApplicationDetailView(ApplicantPageMixin, TemplateView):
    """Status, history and what the applicant sent."""

    http_method_names = ["get"]


class ApplicationChangeView(ApplicantPageMixin, FormView):
    """The applicant corrects the application until applications close.

    A subclass sets `form_class` and defines `change(form) -> changed names`;
    `field_of(error)` names the field a refusal belongs to (None: the form)."""

    referrer_policy = "same-origin"
    http_method_names = ["get", "post"]
    changed_message = _(
        "Your application is corrected. We have sent you an email about it."
    )
    unchanged_message = _("Nothing was changed.")

    def dispatch(self, request, *args, **kwargs):
        if not self.get_application().can_edit:
            return self.render_to_response(self.get_context_data(closed=True))
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        if "closed" in kwargs:
            kwargs.setdefault("form", None)
        return super().get_context_data(**kwargs)

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        # The form starts from the application as it is.
        del kwargs["initial"]
        kwargs[self.get_application()._meta.model_name] = self.get_application()
        return kwargs

    def form_valid(self, form):
        try:
            changed = self.change(form)
        except ApplicationError as error:
            form.add_error(self.field_of(error), str(error))
            return self.form_invalid(form)
        if changed:
            messages.success(self.request, self.changed_message)
        else:
            messages.info(self.request, self.unchanged_message)
        return redirect(self.get_application().get_applicant_url())

    def field_of(self, error) -> str | None:
        return None


class ApplicationActionView(ApplicantPageMixin, TemplateView):
    """A page that asks before an action (withdraw, erase) and takes it on
    POST, then goes back to the applicant's page with the outcome.

    A subclass sets `success_message` and defines `act(application, by)`."""

    referrer_policy = "same-origin"
    http_method_names = ["get", "post"]
    success_message = ""

    def post(self, request, *args, **kwargs):
        application = self.get_application()
        try:
            self.act(application, by=request.user)
        except ApplicationError as error:
            messages.error(request, str(error))
        else:
            messages.success(request, self.success_message)
        return redirect(application.get_applicant_url())
