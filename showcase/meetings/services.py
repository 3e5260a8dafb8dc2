"""What people and staff do with meetings: sign up, confirm, ask, answer,
book and schedule. Each step is one transaction; the steps that could race
(asking under the cap, booking a slot) lock the sender's row or lean on the
database's constraints, and a refusal is a `MeetingError` whose text the
page shows in the reader's language."""

import datetime

from django.conf import settings
from django.core import signing
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _

from amur_invest.agency.models import AgencyContact
from amur_invest.outbox import mail
from amur_invest.site_url import site_url
from exhibitions.models import Participation
from missions.models import Registration
from partners.applications.errors import ApplicationError
from partners.applications.submission import ConsentRecord, new_consent
from partners.models import Consent, Interaction, Organization
from showcase.meetings import outcomes, scheduler
from showcase.meetings.models import (
    Interpreter,
    JapaneseParticipant,
    Meeting,
    MeetingRequest,
    MeetingSession,
    Table,
    amur_field,
    of_host,
)

CONFIRM_SALT = "meetings.japaneseparticipant.confirm"


class MeetingError(ApplicationError):
    """A refusal; str(error) is the translated sentence to show."""


# The Amur side (a registration or a participation) speaks Russian, and its
# correspondence language besides.
def amur_languages(amur) -> frozenset:
    return frozenset({"ru", amur.language})


def interpret_from(participant: JapaneseParticipant, amur) -> frozenset:
    """The Japanese side's languages an interpreter may translate from, or
    nothing when the two sides share a language."""
    spoken = frozenset(participant.languages or ["ja"])
    if spoken & amur_languages(amur):
        return frozenset()
    return spoken


# Sign-up and confirmation ------------------------------------------------


def already_signed_up(*, host, corporate_number: str, email: str) -> bool:
    same = Q(email__iexact=email)
    if corporate_number:
        same |= Q(corporate_number=corporate_number)
    return (
        JapaneseParticipant.objects.filter(**of_host(host))
        .filter(same)
        .filter(status=JapaneseParticipant.Status.CONFIRMED)
        .exists()
    )


@transaction.atomic
def sign_up(*, form, consent: ConsentRecord) -> JapaneseParticipant:
    """Keep the valid sign-up form unconfirmed, with its consent, and email
    the confirmation link; nothing is matched before the address is
    confirmed."""
    email = form.cleaned_data["email"]
    mail.check_budget(email)
    participant = form.save(commit=False)
    participant.consent = new_consent(
        consent, purpose=Consent.Purpose.MEETING_SIGNUP, email=email
    )
    participant.save()
    form.save_m2m()
    send_confirmation(participant)
    return participant


def _absolute(path: str) -> str:
    return f"{site_url()}{path}"


def send_confirmation(participant: JapaneseParticipant):
    signed = confirmation_signature(participant)
    with translation.override(participant.language):
        context = {
            "participant": participant,
            "host": participant.host,
            "pavilion": participant.is_pavilion,
            "confirmation_url": _absolute(
                reverse("meetings:confirm", kwargs={"signed": signed})
            ),
            "valid_hours": settings.APPLICATIONS_CONFIRMATION_MAX_AGE // 3600,
            "agency": AgencyContact.load(),
        }
        subject = render_to_string("meetings/email/confirm_subject.txt", context)
        body = render_to_string("meetings/email/confirm_body.txt", context)
    return mail.keep(
        owner=participant,
        kind="confirm",
        recipient=participant.email,
        language=participant.language,
        subject=subject,
        body=body.strip() + "\n",
    )


# The URL names of each kind of person's pages.
PAGE_NAMES = {
    JapaneseParticipant: "meetings:participant",
    Registration: "meetings:registrant",
    Participation: "meetings:exhibitor",
}


def _page_of(person) -> tuple[str, str]:
    """(absolute URL of their meetings page, the name the other side knows)."""
    url = reverse(PAGE_NAMES[type(person)], kwargs={"token": person.token})
    if isinstance(person, JapaneseParticipant):
        return (
            _absolute(url),
            person.organization_name_latin or person.organization_name,
        )
    return _absolute(url), str(person.company_label)


def notify(*, person, kind: str, other, request: MeetingRequest):
    """Tell one side, in its language, what the other side did."""
    if getattr(person, "is_anonymised", False) or not person.email:
        return None
    with translation.override(person.language):
        page_url, _name = _page_of(person)
        context = {
            "host": request.host,
            "pavilion": request.is_pavilion,
            "request": request,
            "other": _page_of(other)[1],
            "page_url": page_url,
            "agency": AgencyContact.load(),
        }
        subject = render_to_string(f"meetings/email/{kind}_subject.txt", context)
        body = render_to_string(f"meetings/email/{kind}_body.txt", context)
    return mail.keep(
        owner=person,
        kind=f"meetings_{kind}",
        recipient=person.email,
        language=person.language,
        subject=subject,
        body=body.strip() + "\n",
    )


def confirmation_signature(participant: JapaneseParticipant) -> str:
    return signing.TimestampSigner(salt=CONFIRM_SALT).sign(participant.token)


def participant_for_signature(signed: str) -> JapaneseParticipant:
    signer = signing.TimestampSigner(salt=CONFIRM_SALT)
    try:
        token = signer.unsign(
            signed, max_age=settings.APPLICATIONS_CONFIRMATION_MAX_AGE
        )
    except signing.SignatureExpired:
        raise MeetingError(
            _("This confirmation link has expired. Please fill in the form again.")
        ) from None
    except signing.BadSignature:
        raise MeetingError(_("This link is not valid.")) from None
    participant = JapaneseParticipant.objects.filter(token=token).first()
    if participant is None:
        raise MeetingError(_("This link is not valid."))
    return participant


def match_organization(participant: JapaneseParticipant) -> Organization:
    """The partner record: by corporate number, else by name, else a new one."""
    number = participant.corporate_number
    if number:
        found = Organization.objects.filter(corporate_number=number).first()
        if found:
            return found
    names = Q(name_ja=participant.organization_name)
    if participant.organization_name_latin:
        names |= Q(name_en__iexact=participant.organization_name_latin)
    found = Organization.objects.filter(names).first()
    if found:
        if number and not found.corporate_number:
            found.corporate_number = number
            found.save(update_fields=["corporate_number", "updated_at"])
        return found
    organization = Organization.objects.create(
        kind=Organization.Kind.COMPANY,
        corporate_number=number,
        prefecture=participant.prefecture,
        name_ru=participant.organization_name_latin or participant.organization_name,
        name_ja=participant.organization_name,
        name_en=participant.organization_name_latin or None,
    )
    organization.sectors.set(participant.sectors.all())
    return organization


@transaction.atomic
def confirm(*, participant: JapaneseParticipant) -> JapaneseParticipant:
    """Confirm the address and match the partner record. A second sign-up of
    an organisation already confirmed leads to the first one's page."""
    participant = JapaneseParticipant.objects.select_for_update().get(pk=participant.pk)
    if participant.status != JapaneseParticipant.Status.UNCONFIRMED:
        return participant
    earlier = (
        JapaneseParticipant.objects.filter(
            **of_host(participant.host), status=JapaneseParticipant.Status.CONFIRMED
        )
        .filter(
            Q(email__iexact=participant.email)
            | (
                Q(corporate_number=participant.corporate_number)
                & ~Q(corporate_number="")
            )
        )
        .first()
    )
    if earlier is not None:
        participant.delete()
        return earlier
    participant.organization = match_organization(participant)
    participant.status = JapaneseParticipant.Status.CONFIRMED
    participant.confirmed_at = timezone.now()
    participant.save(
        update_fields=["organization", "status", "confirmed_at", "updated_at"]
    )
    return participant


@transaction.atomic
def withdraw(*, participant: JapaneseParticipant) -> None:
    """The participant withdraws: its requests lapse, its meetings are
    cancelled (they stay in calendars as cancelled)."""
    participant.status = JapaneseParticipant.Status.WITHDRAWN
    participant.save(update_fields=["status", "updated_at"])
    participant.meeting_requests.filter(status=MeetingRequest.Status.REQUESTED).update(
        status=MeetingRequest.Status.LAPSED, answered_at=timezone.now()
    )
    for meeting in participant.meetings.live():
        cancel_meeting(meeting=meeting)


# Requests ----------------------------------------------------------------


def _same_host(participant: JapaneseParticipant, amur) -> bool:
    if isinstance(amur, Participation):
        mine, theirs = participant.exhibition_id, amur.exhibition_id
    else:
        mine, theirs = participant.mission_id, amur.mission_id
    return mine is not None and mine == theirs


def _counterparts_ready(participant, amur) -> None:
    if not _same_host(participant, amur):
        if isinstance(amur, Participation):
            raise MeetingError(_("Both sides must belong to the same exhibition."))
        raise MeetingError(_("Both sides must belong to the same mission."))
    if participant.status != JapaneseParticipant.Status.CONFIRMED:
        raise MeetingError(
            _("This Japanese participant has withdrawn or is not confirmed yet.")
        )
    # Registration.Status and Participation.Status both call it "accepted".
    if amur.status != Registration.Status.ACCEPTED:
        if isinstance(amur, Participation):
            raise MeetingError(_("This Amur company is not in the pavilion."))
        raise MeetingError(_("This Amur company is not in the delegation."))


@transaction.atomic
def ask(
    *,
    participant: JapaneseParticipant,
    amur: Registration | Participation,
    direction: str,
    reason: str,
) -> MeetingRequest:
    """One side asks the other: the Japanese participant, or the Amur side
    (a mission's registration, an exhibition's participation). The sender's
    row is locked, so that two requests sent at once cannot both pass the
    cap."""
    _counterparts_ready(participant, amur)
    from_japanese = direction == MeetingRequest.Direction.FROM_JAPANESE
    sender = participant if from_japanese else amur
    type(sender).objects.select_for_update().get(pk=sender.pk)
    sent = MeetingRequest.objects.live().filter(direction=direction)
    sent = (
        sent.filter(participant=participant)
        if from_japanese
        else sent.filter(**{amur_field(amur): amur})
    )
    if sent.count() >= settings.MEETINGS_REQUESTS_PER_SENDER:
        raise MeetingError(
            _(
                "You have reached the limit of %(cap)s meeting requests. Wait "
                "for answers, or withdraw one you no longer need."
            )
            % {"cap": settings.MEETINGS_REQUESTS_PER_SENDER}
        )
    try:
        with transaction.atomic():
            request = MeetingRequest.objects.create(
                mission_id=participant.mission_id,
                exhibition_id=participant.exhibition_id,
                participant=participant,
                direction=direction,
                reason=reason,
                **{amur_field(amur): amur},
            )
    except IntegrityError:
        raise MeetingError(
            _("You already have a pending or accepted request with them.")
        ) from None
    receiver = amur if from_japanese else participant
    notify(person=receiver, kind="request_received", other=sender, request=request)
    return request


@transaction.atomic
def answer(*, request: MeetingRequest, accept: bool) -> MeetingRequest:
    request = MeetingRequest.objects.select_for_update().get(pk=request.pk)
    if request.status != MeetingRequest.Status.REQUESTED:
        raise MeetingError(_("This request has already been answered or has lapsed."))
    if accept:
        _counterparts_ready(request.participant, request.amur_side)
    request.status = (
        MeetingRequest.Status.ACCEPTED if accept else MeetingRequest.Status.DECLINED
    )
    request.answered_at = timezone.now()
    request.save(update_fields=["status", "answered_at"])
    sender, receiver = request.participant, request.amur_side
    if not request.from_japanese:
        sender, receiver = receiver, sender
    notify(person=sender, kind="request_answered", other=receiver, request=request)
    return request


def lapse_overdue(*, host=None, now=None) -> int:
    """Requests unanswered for longer than the set time lapse (of one mission
    or exhibition, or all)."""
    overdue = MeetingRequest.objects.overdue(now)
    if host is not None:
        overdue = overdue.filter(**of_host(host))
    return overdue.update(
        status=MeetingRequest.Status.LAPSED, answered_at=now or timezone.now()
    )


# Booking and scheduling --------------------------------------------------


def conflicts(meeting: Meeting) -> list[str]:
    """What stands against placing `meeting` where it is, in words: the
    staff see them when moving a meeting by hand."""
    found = []
    others = Meeting.objects.live().filter(starts_at=meeting.starts_at)
    if meeting.pk:
        others = others.exclude(pk=meeting.pk)
    request = meeting.request
    if others.filter(table_id=meeting.table_id).exists():
        found.append(_("This table is taken in this slot."))
    if (
        meeting.interpreter_id
        and others.filter(interpreter_id=meeting.interpreter_id).exists()
    ):
        found.append(_("This interpreter is already in another meeting in this slot."))
    if others.filter(participant_id=request.participant_id).exists():
        found.append(_("The Japanese participant already has a meeting in this slot."))
    amur = amur_field(request.amur_side)
    if others.filter(**{f"{amur}_id": request.amur_side_id}).exists():
        found.append(_("The Amur company already has a meeting in this slot."))
    if meeting.session_id and meeting.starts_at not in meeting.session.slots():
        found.append(_("This time is not a slot of the session."))
    # The request's host, and that of the session, table and interpreter chosen.
    parts = [request]
    parts += [
        getattr(meeting, f)
        for f in ("session", "table", "interpreter")
        if getattr(meeting, f"{f}_id")
    ]
    hosts = {(part.mission_id, part.exhibition_id) for part in parts}
    if len(hosts) > 1:
        found.append(
            _(
                "The session, the table and the interpreter must be those of "
                "the request's mission or exhibition."
            )
        )
    if request.participant.status != JapaneseParticipant.Status.CONFIRMED:
        found.append(_("The Japanese participant has withdrawn."))
    if interpret_from(request.participant, request.amur_side):
        if meeting.interpreter_id is None:
            found.append(_("The two sides share no language: add an interpreter."))
        elif not meeting.interpreter.works_at(
            meeting.starts_at.astimezone(meeting.session.zone),
            meeting.session.slot_length,
        ):
            found.append(_("The interpreter does not work at this time."))
    return [str(text) for text in found]


@transaction.atomic
def book(
    *,
    request: MeetingRequest,
    session: MeetingSession,
    starts_at: datetime.datetime,
    table: Table,
    interpreter: Interpreter | None = None,
) -> Meeting:
    """Place an accepted request in a slot. The database refuses a double
    booking even when two staff members (or the scheduler) book at once."""
    if request.status != MeetingRequest.Status.ACCEPTED:
        raise MeetingError(_("Only an accepted request can be placed."))
    try:
        with transaction.atomic():
            return Meeting.objects.create(
                request=request,
                participant_id=request.participant_id,
                registration_id=request.registration_id,
                participation_id=request.participation_id,
                session=session,
                starts_at=starts_at,
                table=table,
                interpreter=interpreter,
            )
    except IntegrityError:
        raise MeetingError(
            _(
                "This slot was just taken: the table, the interpreter or one of "
                "the two sides is already booked then."
            )
        ) from None


@transaction.atomic
def move_meeting(meeting: Meeting, **where) -> Meeting:
    """Move a meeting; calendars see the same item with a higher SEQUENCE."""
    for name, value in where.items():
        setattr(meeting, name, value)
    meeting.sequence += 1
    meeting.reminded_at = None  # the new time is reminded of again
    try:
        with transaction.atomic():
            meeting.save()
    except IntegrityError:
        raise MeetingError(_("This slot is already taken.")) from None
    return meeting


def cancel_meeting(*, meeting: Meeting) -> None:
    meeting.cancelled = True
    meeting.sequence += 1
    meeting.save(update_fields=["cancelled", "sequence", "updated_at"])


def _slot_grid(sessions) -> list[scheduler.Slot]:
    grid = []
    for session in sessions:
        for index, start in enumerate(session.slots()):
            grid.append(scheduler.Slot(start, session.day, session.pk, index))
    return grid


def _interpreter_hours(interpreter, sessions) -> frozenset:
    return frozenset(
        start
        for session in sessions
        for start in session.slots()
        if interpreter.works_at(start, session.slot_length)
    )


def schedule_mission(*, mission) -> tuple[scheduler.Result, list[Meeting]]:
    return schedule_host(host=mission)


@transaction.atomic
def schedule_host(*, host) -> tuple[scheduler.Result, list[Meeting]]:
    """Run the scheduler over the accepted requests of a mission or an
    exhibition not yet placed and book what it proposes; meetings already
    placed stay where they are."""
    sessions = list(host.meeting_sessions.all())
    grid = _slot_grid(sessions)
    slot_session = {slot.start: slot.session for slot in grid}
    hosted = of_host(host, "session__")
    live = list(Meeting.objects.live().filter(**hosted))
    # A meeting staff cancelled stays cancelled: its request is not placed again.
    placed_requests = set(
        Meeting.objects.filter(**hosted).values_list("request_id", flat=True)
    )
    requests = [
        request
        for request in host.meeting_requests.filter(
            status=MeetingRequest.Status.ACCEPTED,
            participant__status=JapaneseParticipant.Status.CONFIRMED,
        ).select_related("participant", "registration", "participation")
        if request.pk not in placed_requests
    ]
    wanted = [
        scheduler.Wanted(
            key=request.pk,
            japanese=request.participant_id,
            amur=request.amur_side_id,
            interpret_from=interpret_from(request.participant, request.amur_side),
            days=frozenset(request.participant.available_days)
            if request.participant.days
            else None,
        )
        for request in requests
    ]
    interpreters = [
        scheduler.Interpreter(
            item.pk, frozenset(item.languages), _interpreter_hours(item, sessions)
        )
        for item in host.interpreters.all()
    ]
    taken = [
        scheduler.Taken(
            m.starts_at,
            m.participant_id,
            m.amur_side_id,
            m.table_id,
            m.interpreter_id,
        )
        for m in live
    ]
    tables = list(host.meeting_tables.values_list("pk", flat=True))
    result = scheduler.schedule(wanted, grid, tables, interpreters, taken)
    by_pk = {request.pk: request for request in requests}
    created = [
        Meeting.objects.create(
            request=by_pk[placement.key],
            participant_id=by_pk[placement.key].participant_id,
            registration_id=by_pk[placement.key].registration_id,
            participation_id=by_pk[placement.key].participation_id,
            session_id=slot_session[placement.slot.start],
            starts_at=placement.slot.start,
            table_id=placement.table,
            interpreter_id=placement.interpreter,
        )
        for placement in result.placements
    ]
    return result, created


UNPLACED_REASONS = {
    scheduler.NO_DAY: _("the participant can meet on none of the session days"),
    scheduler.PEOPLE_BUSY: _("the two sides have no free slot in common"),
    scheduler.NO_TABLE: _("every table is taken when both sides are free"),
    scheduler.NO_INTERPRETER: _(
        "no interpreter for their languages is free when both sides are"
    ),
}


# After the slot --------------------------------------------------------------

OUTCOME_RANK = list(Meeting.Outcome.values)  # none < follow-up < samples < agreement


@transaction.atomic
def report_outcome(
    *, meeting: Meeting, japanese: bool, held: bool, outcome: str, notes: str = ""
) -> Meeting:
    """One side says whether the meeting took place and what came of it. The
    better outcome of the two sides' reports stands. A meeting that took
    place becomes (once) an interaction in the partner records of the
    Japanese organisation."""
    meeting = Meeting.objects.select_for_update().get(pk=meeting.pk)
    if not meeting.is_over:
        raise MeetingError(_("You can report on a meeting once its slot is over."))
    setattr(meeting, "held_japanese" if japanese else "held_amur", held)
    if held and OUTCOME_RANK.index(outcome) > OUTCOME_RANK.index(meeting.outcome):
        meeting.outcome = outcome
    if notes:
        # The notes go to the partner records, which staff read in their
        # language, whichever language the side reported in.
        with translation.override(settings.LANGUAGE_CODE):
            side = str(_("Japanese side") if japanese else _("Amur side"))
        meeting.outcome_notes = "\n".join(
            filter(None, [meeting.outcome_notes, f"{side}: {notes}"])
        )
    if held:
        record_interaction(meeting)
    meeting.save()
    return meeting


def interaction_summary(meeting: Meeting) -> str:
    with translation.override(settings.LANGUAGE_CODE):
        session = meeting.session
        if session.is_pavilion:
            summary = _(
                "Meeting at the Amur pavilion of the exhibition “%(exhibition)s” "
                "with %(company)s."
            ) % {
                "exhibition": session.exhibition.name,
                "company": meeting.amur_side.company_label,
            }
        else:
            summary = _(
                "Meeting at the business mission “%(mission)s” with %(company)s."
            ) % {
                "mission": session.mission.title,
                "company": meeting.amur_side.company_label,
            }
        outcome = _("Outcome: %(outcome)s.") % {
            "outcome": meeting.get_outcome_display()
        }
    return "\n".join(filter(None, [summary, outcome, meeting.outcome_notes]))


def record_interaction(meeting: Meeting) -> None:
    organization = meeting.participant.organization
    if organization is None:
        return
    if meeting.interaction_id is None:
        meeting.interaction = Interaction.objects.create(
            happened_on=meeting.session.day,
            kind=Interaction.Kind.MEETING,
            organization=organization,
            summary=interaction_summary(meeting),
        )
    else:
        meeting.interaction.summary = interaction_summary(meeting)
        meeting.interaction.save(update_fields=["summary"])


def mission_rates(mission) -> outcomes.Rates:
    """Acceptance, kept-meeting and no-show shares of a mission's (or an
    exhibition's) meetings, for staff (None where nothing is counted yet)."""
    return outcomes.rates_by_host([mission])[mission]


def _reminder_line(meeting: Meeting, *, side: str) -> str:
    """ "10:00–10:30 · Table A · <whom> · Interpreter: <name>", on the clock
    of the place; `side` is "j", "a" or "i" (the interpreter: both sides)."""
    time = "{}–{}".format(
        meeting.local_starts_at.strftime("%H:%M"),
        meeting.local_ends_at.strftime("%H:%M"),
    )
    if side == "i":
        whom = f"{_page_of(meeting.participant)[1]} — {_page_of(meeting.amur_side)[1]}"
    else:
        whom = _page_of(meeting.amur_side if side == "j" else meeting.participant)[1]
    parts = [time, str(_("Table %(name)s") % {"name": meeting.table.name}), whom]
    if meeting.interpreter_id and side != "i":
        parts.append(
            str(_("Interpreter: %(name)s") % {"name": meeting.interpreter.name})
        )
    return " · ".join(parts)


def _sheet_url(person) -> str:
    name = f"{PAGE_NAMES[type(person)]}_sheet"
    return _absolute(reverse(name, kwargs={"token": person.token}))


def send_reminders(*, day: datetime.date) -> int:
    """The day before: each side of each live meeting on `day`, and each
    interpreter, is emailed the day's schedule, once per person. Whoever has
    a meeting not yet reminded of (new, or the command's first run that day)
    gets the whole day again; a second run sends nothing. Returns the emails
    kept."""
    meetings = list(
        Meeting.objects.live()
        .filter(session__day=day)
        .select_related(
            "participant",
            "registration__company",
            "participation__company",
            "table",
            "interpreter",
            "session__mission",
            "session__exhibition",
        )
        .order_by("starts_at")
    )
    people = {}
    for meeting in meetings:
        people.setdefault(("j", "", meeting.participant_id), []).append(meeting)
        amur = amur_field(meeting.amur_side)
        people.setdefault(("a", amur, meeting.amur_side_id), []).append(meeting)
        if meeting.interpreter_id:
            people.setdefault(("i", "", meeting.interpreter_id), []).append(meeting)
    sent = 0
    for (side, _kind, _pk), schedule in people.items():
        if all(meeting.reminded_at for meeting in schedule):
            continue
        first = schedule[0]
        person = {
            "j": first.participant,
            "a": first.amur_side,
            "i": first.interpreter,
        }[side]
        if getattr(person, "is_anonymised", False) or not person.email:
            continue
        # Interpreters have no page of their own; they read the staff's language.
        language = getattr(person, "language", settings.LANGUAGE_CODE)
        with translation.override(language):
            context = {
                "host": first.session.host,
                "pavilion": first.session.is_pavilion,
                "day": day,
                "lines": [_reminder_line(meeting, side=side) for meeting in schedule],
                "page_url": "" if side == "i" else _page_of(person)[0],
                "sheet_url": "" if side == "i" else _sheet_url(person),
                "agency": AgencyContact.load(),
            }
            subject = render_to_string("meetings/email/reminder_subject.txt", context)
            body = render_to_string("meetings/email/reminder_body.txt", context)
        mail.keep(
            owner=person,
            kind="meetings_reminder",
            recipient=person.email,
            language=language,
            subject=subject,
            body=body.strip() + "\n",
        )
        sent += 1
    Meeting.objects.filter(
        pk__in=[meeting.pk for meeting in meetings if not meeting.reminded_at]
    ).update(reminded_at=timezone.now())
    return sent
