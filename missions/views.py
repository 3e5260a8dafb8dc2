"""Public pages of the business missions: the missions, the registration form,
and the registrant's own pages reached by the secret link in every email."""

from django.contrib import messages
from django.db.models import Prefetch
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_GET
from django.views.generic import DetailView, ListView

from amur_invest import icalendar_feed
from amur_invest.page_cache import reads_query
from amur_invest.pagination import NearestPageMixin
from missions import services
from missions.forms import (
    CONSENT_VERSION,
    RegistrationChangeForm,
    RegistrationForm,
    consent_text,
    delegates_formset,
)
from missions.models import Mission, ProgrammeItem, Registration
from missions.services.workflow import REGISTRATIONS
from partners.applications import views as applications
from partners.applications.errors import ApplicationError
from partners.applications.views import (
    ApplicationFormView,
    SubmissionLimit,
    secret_link_page,
)
from partners.applications.views import TooManySubmissions as TooManySubmissionsBase
from partners.models import Organization


def _public_missions():
    # The annotation carries the accepted delegates, so seats_left() of each
    # mission in a list costs no query.
    return Mission.objects.with_seats_taken().prefetch_related("prefectures", "sectors")


@reads_query("page")
class MissionListView(NearestPageMixin, ListView):
    template_name = "missions/mission_list.html"
    context_object_name = "missions"
    paginate_by = 20

    def get_queryset(self):
        return _public_missions().order_by("-starts_on", "slug")


class MissionDetailView(DetailView):
    template_name = "missions/mission_detail.html"
    context_object_name = "mission"

    def get_queryset(self):
        programme = ProgrammeItem.objects.select_related("counterpart")
        return _public_missions().prefetch_related(
            Prefetch("programme", queryset=programme)
        )


# Registration form ---------------------------------------------------------


class TooManySubmissions(TooManySubmissionsBase):
    default_message = _(
        "Many registrations have been sent from your network within the last "
        "hour. Please send the form again later: what you typed is kept below."
    )


SUBMISSIONS = SubmissionLimit(
    group="missions.registration.submissions",
    rate_setting="MISSIONS_REGISTRATION_RATE",
    refusal=TooManySubmissions,
)


class RegisterView(ApplicationFormView):
    template_name = "missions/register.html"
    form_class = RegistrationForm
    workflow = REGISTRATIONS
    limit = SUBMISSIONS
    consent_version = CONSENT_VERSION
    parent_name = "mission"

    def get_parent(self):
        return get_object_or_404(Mission, slug=self.kwargs["slug"])

    def consent_text(self, mission) -> str:
        return consent_text(mission)

    def submit(self, form, consent) -> None:
        services.submit_registration(
            mission=self.parent,
            company=form.company_data(),
            registration=form.registration_data(),
            wanted_prefectures=form.cleaned_data["wanted_prefectures"],
            consent=consent,
        )

    def get_success_url(self):
        return reverse("missions:registration_sent", kwargs={"slug": self.parent.slug})


register = RegisterView.as_view()


@require_GET
def registration_sent(request, slug):
    mission = get_object_or_404(Mission, slug=slug)
    return render(request, "missions/registration_sent.html", {"mission": mission})


# Pages behind the secret link ------------------------------------------------


class ConfirmView(applications.ConfirmView):
    workflow = REGISTRATIONS
    link_error_template = "missions/link_error.html"
    withdrawn_message = _(
        "This registration was withdrawn, so the link changes nothing. "
        "To take part, register again while registration is open."
    )
    declined_message = _(
        "The agency has declined this registration; the link changes nothing."
    )
    sent_again_message = _(
        "The company had already registered from this address: here is that "
        "registration, unchanged by the form sent again."
    )


class RegistrationPage(applications.ApplicantPageMixin):
    workflow = REGISTRATIONS
    application_kind = "registration"
    action_url_names = {
        "edit": "missions:registration_edit",
        "withdraw": "missions:registration_withdraw",
        "erase": "missions:registration_erase",
    }
    page_prefetched = (
        "wanted_prefectures",
        "company_sectors",
        "status_changes",
        "delegate_people",
    )


class RegistrationDetailView(RegistrationPage, applications.ApplicationDetailView):
    template_name = "missions/registration_detail.html"
    # The page carries the delegates form, which posts back: see
    # protect_secret_link for why that needs same-origin.
    referrer_policy = "same-origin"

    def get_context_data(self, **kwargs):
        registration = self.get_application()
        if registration.can_edit:
            kwargs.setdefault("delegate_formset", delegates_formset(registration))
        return super().get_context_data(
            partner_kinds=_partner_kind_labels(registration.wanted_partner_kinds),
            **kwargs,
        )


class DelegatesView(RegistrationDetailView):
    """The registrant names their delegates, until registration closes."""

    http_method_names = ["post"]

    def post(self, request, *args, **kwargs):
        registration = self.get_application()
        if not registration.can_edit:
            messages.error(request, REGISTRATIONS.changes_closed_message)
            return redirect(registration.get_applicant_url())
        formset = delegates_formset(registration, data=request.POST)
        if formset.is_valid():
            try:
                changed = services.name_delegates(
                    registration=registration, people=formset.people(), by=request.user
                )
            except ApplicationError as error:
                formset._non_form_errors = formset.error_class([str(error)])
            else:
                if changed:
                    messages.success(request, _("Your delegates are saved."))
                else:
                    messages.info(request, _("Nothing was changed."))
                return redirect(registration.get_applicant_url())
        context = self.get_context_data(delegate_formset=formset)
        return self.render_to_response(context)


def _partner_kind_labels(kinds) -> list[str]:
    labels = dict(Organization.Kind.choices)
    return [labels[kind] for kind in kinds or () if kind in labels]


class RegistrationChangeView(RegistrationPage, applications.ApplicationChangeView):
    template_name = "missions/registration_edit.html"
    form_class = RegistrationChangeForm
    changed_message = _(
        "Your registration is corrected. We have sent you an email about it."
    )

    def change(self, form) -> list[str]:
        return services.change_registration(
            registration=self.get_application(),
            changes=form.changes(),
            wanted_prefectures=form.cleaned_data["wanted_prefectures"],
            by=self.request.user,
        )

    def field_of(self, error) -> str | None:
        if isinstance(error, services.TooManyDelegates | services.NotEnoughSeats):
            return "delegates"
        return None


class WithdrawView(RegistrationPage, applications.ApplicationActionView):
    template_name = "missions/withdraw_confirm.html"
    success_message = _("Your registration is withdrawn.")

    def act(self, registration, *, by) -> None:
        services.withdraw_registration(registration=registration, by=by)


class EraseView(RegistrationPage, applications.ApplicationActionView):
    template_name = "missions/erase_confirm.html"
    success_message = _("Your personal data in this registration has been erased.")

    def act(self, registration, *, by) -> None:
        services.anonymise_registration(registration=registration, by=by)


confirm = ConfirmView.as_view()
registration_detail = RegistrationDetailView.as_view()
edit = RegistrationChangeView.as_view()
delegates = DelegatesView.as_view()
withdraw = WithdrawView.as_view()
erase = EraseView.as_view()


def _registration_for_page(token):
    return get_object_or_404(
        Registration.objects.select_related("mission"), token=token
    )


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


def _mission_calendar(request, mission):
    # The mission's UID is the public calendar's (mission-<pk>): a second
    # download, or the feed, updates the same entry; never the token.
    item = icalendar_feed.event(
        key=f"mission-{mission.pk}",
        title=mission.title,
        first_day=mission.starts_on,
        last_day=mission.ends_on,
        sequence=mission.sequence,
        modified_at=mission.updated_at,
        created_at=mission.created_at,
        cancelled=mission.cancelled,
        location=mission.cities,
        url=request.build_absolute_uri(mission.get_absolute_url()),
    )
    return icalendar_feed.calendar(
        [item], uid=icalendar_feed.uid(f"mission-{mission.pk}-file")
    )
