"""Public pages of the meetings: a Japanese organisation's sign-up for a
mission or for an exhibition's pavilion, and each side's own page behind its
secret link (the Japanese participant's; the Amur registrant's beside their
registration page; the Amur exhibitor's beside their application page),
where they see the other side, ask, answer, and find their schedule and its
calendar."""

from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_GET, require_POST

from amur_invest.agency.models import AgencyContact
from exhibitions.models import Exhibition, Participation
from missions.models import Mission, Registration
from partners.applications.views import (
    ApplicationFormView,
    SubmissionLimit,
    secret_link_page,
)
from showcase.meetings import calendar, printing, services
from showcase.meetings.forms import (
    CONSENT_VERSION,
    OutcomeForm,
    RequestForm,
    SignUpForm,
    consent_text,
)
from showcase.meetings.models import (
    JapaneseParticipant,
    Meeting,
    MeetingRequest,
    host_field,
    takes_signups,
)


class SignUps:
    """What the shared form view asks of a workflow: whether it is open."""

    def is_open(self, host) -> bool:
        return takes_signups(host)


SUBMISSIONS = SubmissionLimit(
    group="meetings.participant.submissions",
    rate_setting="MISSIONS_REGISTRATION_RATE",
)


class SignUpView(ApplicationFormView):
    """A mission's sign-up; `PavilionSignUpView` is an exhibition's."""

    template_name = "meetings/signup.html"
    form_class = SignUpForm
    workflow = SignUps()
    limit = SUBMISSIONS
    consent_version = CONSENT_VERSION
    parent_name = "host"
    sent_url_name = "meetings:signup_sent"

    def get_parent(self):
        return get_object_or_404(Mission, slug=self.kwargs["slug"])

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context[host_field(self.parent)] = self.parent
        context["pavilion"] = isinstance(self.parent, Exhibition)
        return context

    def consent_text(self, host) -> str:
        return consent_text(host)

    def submit(self, form, consent) -> None:
        services.sign_up(form=form, consent=consent)

    def get_success_url(self):
        return reverse(self.sent_url_name, kwargs={"slug": self.parent.slug})


class PavilionSignUpView(SignUpView):
    sent_url_name = "meetings:pavilion_signup_sent"

    def get_parent(self):
        # An exhibition whose pavilion holds no meetings has no such page.
        return get_object_or_404(
            Exhibition, slug=self.kwargs["slug"], pavilion_meetings=True
        )


signup = SignUpView.as_view()
pavilion_signup = PavilionSignUpView.as_view()


def _signup_sent(request, host):
    context = {"host": host, "pavilion": isinstance(host, Exhibition)}
    return render(request, "meetings/signup_sent.html", context)


@require_GET
def signup_sent(request, slug):
    return _signup_sent(request, get_object_or_404(Mission, slug=slug))


@require_GET
def pavilion_signup_sent(request, slug):
    exhibition = get_object_or_404(Exhibition, slug=slug, pavilion_meetings=True)
    return _signup_sent(request, exhibition)


@secret_link_page
@require_GET
def confirm(request, signed):
    try:
        participant = services.participant_for_signature(signed)
    except services.MeetingError as error:
        return render(
            request, "meetings/link_error.html", {"message": str(error)}, status=404
        )
    participant = services.confirm(participant=participant)
    messages.success(request, _("Thank you: your sign-up is confirmed."))
    return redirect(participant.get_participant_url())


# The two sides' pages ------------------------------------------------------


class Side:
    """One side of the meetings, as its own page sees it."""

    japanese: bool
    # Tells the calendar's UIDs of the three kinds of people apart.
    uid_tag: str

    def __init__(self, me):
        self.me = me
        self.host = me.host if self.japanese else me.parent

    @property
    def pavilion(self) -> bool:
        return isinstance(self.host, Exhibition)

    @property
    def direction(self):
        if self.japanese:
            return MeetingRequest.Direction.FROM_JAPANESE
        return MeetingRequest.Direction.FROM_AMUR

    def pair(self, counterpart):
        """(participant, Amur side) of a request between me and them."""
        return (self.me, counterpart) if self.japanese else (counterpart, self.me)

    def requests(self):
        return self.me.meeting_requests.select_related(
            "participant", "registration__company", "participation__company"
        ).order_by("-created_at")

    def meetings(self):
        return self.me.meetings.select_related(
            "table",
            "interpreter",
            "session",
            "participant",
            "registration__company",
            "participation__company",
        ).order_by("starts_at")


class JapaneseSide(Side):
    japanese = True
    uid_tag = "jp"
    url_name = "meetings:participant"
    ics_url_name = "meetings:participant_ics"
    sheet_url_name = "meetings:participant_sheet"

    @property
    def can_ask(self) -> bool:
        return self.me.status == JapaneseParticipant.Status.CONFIRMED

    def counterparts(self):
        """The mission's delegation, or the exhibition's pavilion."""
        amur = self.host.participations if self.pavilion else self.host.registrations
        return (
            amur.filter(status=Registration.Status.ACCEPTED)
            .select_related("company")
            .prefetch_related("company__sectors")
            .order_by("company__name")
        )

    def counterpart(self, pk):
        return self.counterparts().filter(pk=pk).first()


class AmurSide(Side):
    """A mission's registration; `ExhibitorSide` is an exhibition's
    participation."""

    japanese = False
    uid_tag = "ru"
    url_name = "meetings:registrant"
    ics_url_name = "meetings:registrant_ics"
    sheet_url_name = "meetings:registrant_sheet"

    @property
    def can_ask(self) -> bool:
        return self.me.status == Registration.Status.ACCEPTED

    def counterparts(self):
        return (
            self.host.japanese_participants.filter(
                status=JapaneseParticipant.Status.CONFIRMED
            )
            .select_related("prefecture")
            .prefetch_related("sectors")
            .order_by("confirmed_at", "id")
        )

    def counterpart(self, pk):
        return self.counterparts().filter(pk=pk).first()


class ExhibitorSide(AmurSide):
    uid_tag = "ex"
    url_name = "meetings:exhibitor"
    ics_url_name = "meetings:exhibitor_ics"
    sheet_url_name = "meetings:exhibitor_sheet"

    @property
    def can_ask(self) -> bool:
        return (
            self.me.status == Participation.Status.ACCEPTED
            and self.host.pavilion_meetings
        )


def side_for(kind: str, token: str) -> Side:
    if kind == "japanese":
        me = JapaneseParticipant.objects.filter(token=token).select_related(
            "mission", "exhibition", "prefecture"
        )
        side = JapaneseSide
    elif kind == "exhibitor":
        me = Participation.objects.filter(token=token).select_related(
            "exhibition", "company"
        )
        side = ExhibitorSide
    else:
        me = Registration.objects.filter(token=token).select_related(
            "mission", "company"
        )
        side = AmurSide
    me = me.first()
    if me is None:
        raise Http404
    return side(me)


def _page_url(side: Side) -> str:
    return reverse(side.url_name, kwargs={"token": side.me.token})


def _render_page(request, side: Side, *, form=None, status=200):
    services.lapse_overdue(host=side.host)
    requests = list(side.requests())
    asked = {
        (r.amur_side_id if side.japanese else r.participant_id)
        for r in requests
        if r.status in {MeetingRequest.Status.REQUESTED, MeetingRequest.Status.ACCEPTED}
    }
    context = {
        "side": side,
        "me": side.me,
        "host": side.host,
        "pavilion": side.pavilion,
        "counterparts": list(side.counterparts()) if side.can_ask else [],
        "asked": asked,
        "incoming": [
            r
            for r in requests
            if r.direction != side.direction
            and r.status == MeetingRequest.Status.REQUESTED
        ],
        "requests": requests,
        "meetings": list(side.meetings()),
        "form": form,
        "outcome_choices": Meeting.Outcome.choices,
        "ics_url": reverse(side.ics_url_name, kwargs={"token": side.me.token}),
        "sheet_url": sheet_url(side),
    }
    days = printing.by_day(context["meetings"])
    context["zones"] = sorted({day.zone for day in days})
    return render(request, "meetings/page.html", context, status=status)


@secret_link_page(referrer_policy="same-origin")
@require_GET
def page(request, token, side):
    return _render_page(request, side_for(side, token))


@secret_link_page(referrer_policy="same-origin")
@require_POST
def ask(request, token, side):
    side = side_for(side, token)
    form = RequestForm(request.POST)
    if not form.is_valid():
        return _render_page(request, side, form=form, status=400)
    counterpart = side.counterpart(form.cleaned_data["counterpart"])
    if counterpart is None:
        form.add_error(
            None,
            _("You can ask for a meeting only with the other side of this exhibition.")
            if side.pavilion
            else _(
                "You can ask for a meeting only with the other side of this mission."
            ),
        )
        return _render_page(request, side, form=form, status=400)
    participant, amur = side.pair(counterpart)
    try:
        services.ask(
            participant=participant,
            amur=amur,
            direction=side.direction,
            reason=form.cleaned_data["reason"],
        )
    except services.MeetingError as error:
        form.add_error(None, str(error))
        return _render_page(request, side, form=form, status=400)
    messages.success(request, _("Your request has been sent."))
    return redirect(_page_url(side))


@secret_link_page(referrer_policy="same-origin")
@require_POST
def answer(request, token, side, pk):
    side = side_for(side, token)
    meeting_request = get_object_or_404(
        side.me.meeting_requests.exclude(direction=side.direction), pk=pk
    )
    accept = request.POST.get("answer") == "accept"
    try:
        services.answer(request=meeting_request, accept=accept)
    except services.MeetingError as error:
        messages.error(request, str(error))
    else:
        messages.success(
            request,
            _("You accepted the meeting.")
            if accept
            else _("You declined the meeting."),
        )
    return redirect(_page_url(side))


@secret_link_page(referrer_policy="same-origin")
@require_POST
def report(request, token, side, pk):
    side = side_for(side, token)
    meeting = get_object_or_404(side.meetings(), pk=pk)
    form = OutcomeForm(request.POST)
    if not form.is_valid():
        return _render_page(request, side, form=form, status=400)
    try:
        services.report_outcome(
            meeting=meeting,
            japanese=side.japanese,
            held=form.cleaned_data["held"],
            outcome=form.cleaned_data["outcome"] or Meeting.Outcome.NONE,
            notes=form.cleaned_data["notes"],
        )
    except services.MeetingError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, _("Thank you: your report is saved."))
    return redirect(_page_url(side))


@secret_link_page(referrer_policy="same-origin")
@require_POST
def withdraw(request, token):
    side = side_for("japanese", token)
    if side.me.status != JapaneseParticipant.Status.WITHDRAWN:
        services.withdraw(participant=side.me)
        messages.success(
            request,
            _(
                "You have withdrawn. Your meetings are cancelled; the agency has been told."
            ),
        )
    return redirect(_page_url(side))


@secret_link_page
@require_GET
def schedule_ics(request, token, side):
    side = side_for(side, token)
    body = calendar.schedule_calendar(side, list(side.meetings())).to_ical()
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="meetings.ics"'
    return response


def sheet_url(side: Side) -> str:
    """The printable sheet in the person's own language (the one their
    emails come in), whichever language their page is read in: it is what
    they carry to the meetings. Every language's address works."""
    with translation.override(side.me.language):
        return reverse(side.sheet_url_name, kwargs={"token": side.me.token})


@secret_link_page
@require_GET
def sheet(request, token, side):
    """The schedule on one A4 sheet: day, time on the place's clock, table,
    counterpart and interpreter."""
    side = side_for(side, token)
    context = {
        "side": side,
        "me": side.me,
        "host": side.host,
        "pavilion": side.pavilion,
        "days": printing.by_day(side.meetings()),
        "page_url": _page_url(side),
        "agency": AgencyContact.load(),
    }
    return render(request, "meetings/sheet.html", context)
