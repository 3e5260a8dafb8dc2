"""Meetings between Amur companies and Japanese partners, at a business
mission (its delegation) or at an exhibition (the companies of its Amur
pavilion).

A Japanese organisation signs up for a mission or an exhibition, the host
(`JapaneseParticipant`); it and the accepted Amur side (a mission's
registrations, an exhibition's participations) ask each other for meetings
(`MeetingRequest`); staff set the days (`MeetingSession`), the tables and
the interpreters, and the scheduler places each accepted request in a slot
(`Meeting`). Each row names its host by one of two foreign keys (`mission`,
`exhibition`) and its Amur side by one of two (`registration`,
`participation`); check constraints keep exactly one of each pair, and the
`host` and `amur_side` properties read whichever is set. The database, not
the screen, forbids double booking: a table, an interpreter, a Japanese
participant and an Amur registration or participation each hold at most one
live meeting per slot start (slots of a host share one grid)."""

import datetime
import re
import secrets
import zoneinfo

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from amur_invest.lists import joined
from amur_invest.outbox.models import kept_mail
from amur_invest.text import many_lines, one_line
from exhibitions.models import Exhibition, Participation
from missions.models import Mission, Registration
from partners.models import (
    Consent,
    Interaction,
    Language,
    Organization,
    Prefecture,
    Sector,
)
from partners.validators import validate_corporate_number


class SpokenLanguage(models.TextChoices):
    """Languages a person can hold a meeting in."""

    JAPANESE = "ja", _("Japanese")
    ENGLISH = "en", _("English")
    RUSSIAN = "ru", _("Russian")
    CHINESE = "zh", _("Chinese")
    KOREAN = "ko", _("Korean")


def validate_languages(value) -> None:
    if not isinstance(value, list) or not set(value) <= set(SpokenLanguage.values):
        raise ValidationError(_("Choose languages from the list."))


# The host: a mission, or an exhibition whose pavilion holds meetings ----------


def host_field(host) -> str:
    """The foreign key that names `host` on the meetings' rows."""
    return "exhibition" if isinstance(host, Exhibition) else "mission"


def of_host(host, prefix: str = "") -> dict:
    """Filter keywords for the rows of `host`: {"mission": m} or
    {"session__exhibition": e} with prefix "session__"."""
    return {f"{prefix}{host_field(host)}": host}


def amur_field(amur) -> str:
    """The foreign key that names the Amur side: a registration or a participation."""
    return "participation" if isinstance(amur, Participation) else "registration"


def host_of_amur(amur):
    """The mission of a registration, the exhibition of a participation."""
    return amur.exhibition if isinstance(amur, Participation) else amur.mission


def has_started(host) -> bool:
    """Sign-up closes once the mission or exhibition starts or is cancelled."""
    if isinstance(host, Exhibition):
        return host.is_cancelled or timezone.localdate() >= host.starts_on
    return host.has_started


def takes_signups(host) -> bool:
    """Japanese organisations may sign up: a mission before it starts; an
    exhibition before it starts, when staff say its pavilion holds meetings."""
    if isinstance(host, Exhibition) and not host.pavilion_meetings:
        return False
    return not has_started(host)


def exactly_one(first: str, second: str, name: str, message):
    return models.CheckConstraint(
        condition=Q(**{f"{first}__isnull": False, f"{second}__isnull": True})
        | Q(**{f"{first}__isnull": True, f"{second}__isnull": False}),
        name=name,
        violation_error_message=message,
    )


ONE_HOST = _("Choose either a mission or an exhibition, not both.")


def once_per_slot(field: str, message, **condition):
    """No `field` (a table, an interpreter, either side) in two meetings
    that start at once, cancelled ones aside: the database refuses a double
    booking whoever makes it."""
    return models.UniqueConstraint(
        fields=[field, "starts_at"],
        condition=Q(cancelled=False, **condition),
        name=f"meetings_meeting_{field}_once_per_slot",
        violation_error_message=message,
    )


AMUR_SIDE_BUSY = _("The Amur company already has a meeting in this slot.")


def host_keys(related_name: str, on_delete=models.CASCADE):
    """The pair of keys of a row's host: a mission or an exhibition, exactly
    one of them (each model adds the `exactly_one` constraint)."""
    return (
        models.ForeignKey(
            Mission,
            verbose_name=_("mission"),
            related_name=related_name,
            on_delete=on_delete,
            null=True,
            blank=True,
        ),
        models.ForeignKey(
            Exhibition,
            verbose_name=_("exhibition"),
            related_name=related_name,
            on_delete=on_delete,
            null=True,
            blank=True,
        ),
    )


def amur_side_keys(related_name: str, **options):
    """The pair of keys of a row's Amur side: a mission's registration or an
    exhibition's participation (each model adds the constraint that exactly
    one of them is set)."""
    return (
        models.ForeignKey(
            Registration,
            verbose_name=_("Amur registration"),
            related_name=related_name,
            on_delete=models.CASCADE,
            null=True,
            **options,
        ),
        models.ForeignKey(
            Participation,
            verbose_name=_("Amur participation"),
            related_name=related_name,
            on_delete=models.CASCADE,
            null=True,
            **options,
        ),
    )


class Hosted:
    """A row of a mission's meetings or of an exhibition's pavilion."""

    @property
    def host(self):
        return self.exhibition if self.exhibition_id else self.mission

    @property
    def is_pavilion(self) -> bool:
        return self.exhibition_id is not None


class WithAmurSide:
    """A row between a Japanese participant and an Amur registration or
    participation."""

    @property
    def amur_side(self):
        return self.participation if self.participation_id else self.registration

    @property
    def amur_side_id(self) -> int | None:
        return self.participation_id or self.registration_id


class JapaneseParticipant(Hosted, models.Model):
    """A Japanese organisation signed up to meet a mission's delegation or
    the companies of an exhibition's Amur pavilion."""

    class Status(models.TextChoices):
        UNCONFIRMED = "unconfirmed", _("awaiting email confirmation")
        CONFIRMED = "confirmed", _("confirmed")
        WITHDRAWN = "withdrawn", _("withdrawn")

    mission, exhibition = host_keys("japanese_participants", on_delete=models.PROTECT)
    organization = models.ForeignKey(
        Organization,
        verbose_name=_("organisation"),
        related_name="meeting_participations",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        help_text=_(
            "Matched by corporate number, else by name, when the email is confirmed."
        ),
    )
    corporate_number = models.CharField(
        _("corporate number (法人番号)"),
        max_length=13,
        blank=True,
        validators=[validate_corporate_number],
    )
    organization_name = models.CharField(
        _("organisation name, as given"), max_length=300, validators=[one_line]
    )
    organization_name_latin = models.CharField(
        _("organisation name in Latin letters"),
        max_length=300,
        blank=True,
        validators=[one_line],
    )
    prefecture = models.ForeignKey(
        Prefecture,
        verbose_name=_("prefecture"),
        related_name="meeting_participants",
        on_delete=models.PROTECT,
    )
    contact_name_native = models.CharField(
        _("contact person in Japanese script"), max_length=200, validators=[one_line]
    )
    contact_name_latin = models.CharField(
        _("contact person in Latin letters"), max_length=200, validators=[one_line]
    )
    position = models.CharField(
        _("position"), max_length=200, blank=True, validators=[one_line]
    )
    email = models.EmailField(_("email"))
    language = models.CharField(
        _("correspondence language"),
        max_length=2,
        choices=Language.choices,
        default=Language.JAPANESE,
    )
    offers = models.TextField(
        _("what it buys, sells or offers"), blank=True, validators=[many_lines]
    )
    seeks = models.TextField(_("what it seeks"), blank=True, validators=[many_lines])
    sectors = models.ManyToManyField(
        Sector, verbose_name=_("sectors"), related_name="+", blank=True
    )
    languages = models.JSONField(
        _("languages spoken"),
        default=list,
        blank=True,
        validators=[validate_languages],
    )
    days = models.JSONField(
        _("days it can meet"),
        default=list,
        blank=True,
        help_text=_("Dates (YYYY-MM-DD); empty means any day of the mission."),
    )
    consent = models.ForeignKey(
        Consent,
        verbose_name=_("consent"),
        related_name="meeting_participants",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
    )
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=Status.choices,
        default=Status.UNCONFIRMED,
        db_index=True,
    )
    token = models.CharField(
        _("secret link token"),
        max_length=64,
        unique=True,
        default=secrets.token_urlsafe,
        editable=False,
    )
    confirmed_at = models.DateTimeField(_("confirmed at"), null=True, blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)
    outgoing_emails = kept_mail()

    class Meta:
        verbose_name = _("Japanese participant")
        verbose_name_plural = _("Japanese participants")
        ordering = ["mission", "exhibition", "confirmed_at", "id"]
        constraints = [
            exactly_one(
                "mission", "exhibition", "meetings_participant_one_host", ONE_HOST
            ),
            # One confirmed sign-up per organisation and mission or exhibition.
            models.UniqueConstraint(
                fields=["mission", "corporate_number"],
                condition=Q(status="confirmed") & ~Q(corporate_number=""),
                name="meetings_participant_one_per_corporate_number",
                violation_error_message=_(
                    "An organisation with this corporate number has already "
                    "signed up for this mission."
                ),
            ),
            models.UniqueConstraint(
                fields=["mission", "email"],
                condition=Q(status="confirmed"),
                name="meetings_participant_one_per_email",
                violation_error_message=_(
                    "Someone has already signed up for this mission with this email."
                ),
            ),
            models.UniqueConstraint(
                fields=["exhibition", "corporate_number"],
                condition=Q(status="confirmed") & ~Q(corporate_number=""),
                name="meetings_participant_one_per_corporate_number_pavilion",
                violation_error_message=_(
                    "An organisation with this corporate number has already "
                    "signed up for this exhibition."
                ),
            ),
            models.UniqueConstraint(
                fields=["exhibition", "email"],
                condition=Q(status="confirmed"),
                name="meetings_participant_one_per_email_pavilion",
                violation_error_message=_(
                    "Someone has already signed up for this exhibition with this email."
                ),
            ),
        ]

    def __str__(self):
        return f"{self.organization_name} — {self.host}"

    # No get_absolute_url: the secret link is the participant's credential.
    def get_participant_url(self) -> str:
        return reverse("meetings:participant", kwargs={"token": self.token})

    @property
    def is_confirmed(self) -> bool:
        return self.status == self.Status.CONFIRMED

    @property
    def available_days(self) -> set[datetime.date]:
        return {datetime.date.fromisoformat(day) for day in self.days}


class MeetingRequestQuerySet(models.QuerySet):
    def live(self):
        """Requests that hold the pair: asked, or accepted."""
        return self.filter(
            status__in=[MeetingRequest.Status.REQUESTED, MeetingRequest.Status.ACCEPTED]
        )

    def overdue(self, now=None):
        """Asked and unanswered for longer than the set time."""
        from django.conf import settings

        now = now or timezone.now()
        limit = now - datetime.timedelta(hours=settings.MEETINGS_REQUEST_LAPSE_HOURS)
        return self.filter(status=MeetingRequest.Status.REQUESTED, created_at__lt=limit)


class MeetingRequest(Hosted, WithAmurSide, models.Model):
    """One side asks the other for a meeting: a Japanese participant asks an
    accepted Amur registration (at a mission) or participation (at an
    exhibition), or the reverse. Each side is a different model, so a
    request to oneself cannot be written."""

    class Status(models.TextChoices):
        REQUESTED = "requested", pgettext_lazy("meeting request", "requested")
        ACCEPTED = "accepted", pgettext_lazy("meeting request", "accepted")
        DECLINED = "declined", pgettext_lazy("meeting request", "declined")
        LAPSED = "lapsed", pgettext_lazy("meeting request", "lapsed")

    class Direction(models.TextChoices):
        FROM_JAPANESE = "from_japanese", _("from the Japanese participant")
        FROM_AMUR = "from_amur", _("from the Amur company")

    mission, exhibition = host_keys("meeting_requests")
    participant = models.ForeignKey(
        JapaneseParticipant,
        verbose_name=_("Japanese participant"),
        related_name="meeting_requests",
        on_delete=models.CASCADE,
    )
    registration, participation = amur_side_keys("meeting_requests", blank=True)
    direction = models.CharField(
        _("direction"), max_length=20, choices=Direction.choices
    )
    reason = models.TextField(_("reason"), max_length=1000, validators=[many_lines])
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=Status.choices,
        default=Status.REQUESTED,
        db_index=True,
    )
    created_at = models.DateTimeField(_("asked at"), default=timezone.now)
    answered_at = models.DateTimeField(_("answered at"), null=True, blank=True)

    objects = MeetingRequestQuerySet.as_manager()

    class Meta:
        verbose_name = _("meeting request")
        verbose_name_plural = _("meeting requests")
        ordering = ["-created_at", "-id"]
        constraints = [
            # A mission's registration, or an exhibition's participation.
            models.CheckConstraint(
                condition=Q(
                    mission__isnull=False,
                    registration__isnull=False,
                    exhibition__isnull=True,
                    participation__isnull=True,
                )
                | Q(
                    mission__isnull=True,
                    registration__isnull=True,
                    exhibition__isnull=False,
                    participation__isnull=False,
                ),
                name="meetings_request_one_host_and_its_amur_side",
                violation_error_message=_(
                    "A request belongs to a mission with a registration, or to "
                    "an exhibition with a participation."
                ),
            ),
            models.UniqueConstraint(
                fields=["participant", "registration"],
                condition=Q(status__in=["requested", "accepted"]),
                name="meetings_request_one_live_per_pair",
                violation_error_message=_(
                    "These two already have a meeting request that is pending "
                    "or accepted."
                ),
            ),
            models.UniqueConstraint(
                fields=["participant", "participation"],
                condition=Q(status__in=["requested", "accepted"]),
                name="meetings_request_one_live_per_pavilion_pair",
                violation_error_message=_(
                    "These two already have a meeting request that is pending "
                    "or accepted."
                ),
            ),
        ]

    def __str__(self):
        return f"{self.participant.organization_name} ↔ {self.amur_side.company_label}"

    @property
    def from_japanese(self) -> bool:
        return self.direction == self.Direction.FROM_JAPANESE


TIME_RANGE = re.compile(r"^\s*(\d{1,2}):(\d{2})\s*-\s*(\d{1,2}):(\d{2})\s*$")


def parse_breaks(text: str) -> list[tuple[datetime.time, datetime.time]]:
    """ "12:00-13:00, 15:00-15:15" → [(12:00, 13:00), (15:00, 15:15)]."""
    breaks = []
    for part in filter(None, (p.strip() for p in text.split(","))):
        match = TIME_RANGE.match(part)
        if not match:
            raise ValueError(part)
        h1, m1, h2, m2 = map(int, match.groups())
        start, end = datetime.time(h1, m1), datetime.time(h2, m2)
        if end <= start:
            raise ValueError(part)
        breaks.append((start, end))
    return breaks


def validate_breaks(text: str) -> None:
    try:
        parse_breaks(text)
    except ValueError as error:
        raise ValidationError(
            _('Write breaks as "12:00-13:00, 15:00-15:15"; "%(part)s" is not.'),
            params={"part": str(error)},
        ) from None


def validate_time_zone(name: str) -> None:
    """A time zone of the tz database ("Asia/Tokyo"): the slots are read in it."""
    try:
        zoneinfo.ZoneInfo(name)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError):
        raise ValidationError(
            _('"%(name)s" is not a time zone; write it as "Asia/Tokyo".'),
            params={"name": name},
        ) from None


class MeetingSession(Hosted, models.Model):
    """One day's block of meetings of a mission or exhibition, cut into slots."""

    mission, exhibition = host_keys("meeting_sessions")
    day = models.DateField(_("day"))
    starts_at = models.TimeField(_("starts at"))
    ends_at = models.TimeField(_("ends at"))
    slot_minutes = models.PositiveSmallIntegerField(
        _("slot length, minutes"), default=30
    )
    breaks = models.CharField(
        _("breaks"),
        max_length=200,
        blank=True,
        validators=[validate_breaks],
        help_text=_('For example "12:00-13:00, 15:00-15:15".'),
    )
    time_zone = models.CharField(
        _("time zone"),
        max_length=40,
        default="Asia/Tokyo",
        validators=[validate_time_zone],
    )
    place = models.CharField(
        _("place"), max_length=300, blank=True, validators=[one_line]
    )

    class Meta:
        verbose_name = _("meeting session")
        verbose_name_plural = _("meeting sessions")
        ordering = ["day", "starts_at", "id"]
        constraints = [
            exactly_one("mission", "exhibition", "meetings_session_one_host", ONE_HOST),
            models.CheckConstraint(
                condition=Q(ends_at__gt=models.F("starts_at")),
                name="meetings_session_ends_after_start",
                violation_error_message=_("A session must end after it starts."),
            ),
            models.CheckConstraint(
                condition=Q(slot_minutes__gte=5),
                name="meetings_session_slot_at_least_5_minutes",
            ),
        ]

    def __str__(self):
        return f"{self.host} {self.day:%Y-%m-%d} {self.starts_at:%H:%M}-{self.ends_at:%H:%M}"

    def clean(self):
        if self.mission_id and self.exhibition_id:
            raise ValidationError(ONE_HOST)
        host = self.host if (self.mission_id or self.exhibition_id) else None
        if (
            host is not None
            and self.day
            and not (host.starts_on <= self.day <= host.ends_on)
        ):
            raise ValidationError(
                {
                    "day": _("The day must fall within the exhibition's dates.")
                    if self.is_pavilion
                    else _("The day must fall within the mission's dates.")
                }
            )

    def meetings_outside(self) -> list:
        """Live meetings that are no longer on one of the session's slots
        (after a change of its hours, slot length, breaks or day)."""
        if not self.pk:
            return []
        slots = set(self.slots())
        return [m for m in self.meetings.live() if m.starts_at not in slots]

    @property
    def zone(self):
        return zoneinfo.ZoneInfo(self.time_zone)

    def slots(self) -> list[datetime.datetime]:
        """The aware start of every slot, breaks left out."""
        zone, step = self.zone, datetime.timedelta(minutes=self.slot_minutes)
        start = datetime.datetime.combine(self.day, self.starts_at, zone)
        end = datetime.datetime.combine(self.day, self.ends_at, zone)
        breaks = [
            (
                datetime.datetime.combine(self.day, a, zone),
                datetime.datetime.combine(self.day, b, zone),
            )
            for a, b in parse_breaks(self.breaks)
        ]
        slots = []
        while start + step <= end:
            if not any(
                start < b_end and start + step > b_start for b_start, b_end in breaks
            ):
                slots.append(start)
            start += step
        return slots

    @property
    def slot_length(self) -> datetime.timedelta:
        return datetime.timedelta(minutes=self.slot_minutes)


class Table(Hosted, models.Model):
    """A table or room where one meeting at a time takes place."""

    mission, exhibition = host_keys("meeting_tables")
    name = models.CharField(_("name"), max_length=100, validators=[one_line])

    class Meta:
        verbose_name = _("table")
        verbose_name_plural = _("tables")
        ordering = ["mission", "exhibition", "name"]
        constraints = [
            exactly_one("mission", "exhibition", "meetings_table_one_host", ONE_HOST),
            models.UniqueConstraint(
                fields=["mission", "name"], name="meetings_table_unique_name"
            ),
            models.UniqueConstraint(
                fields=["exhibition", "name"],
                name="meetings_table_unique_name_pavilion",
            ),
        ]

    def __str__(self):
        return self.name


class Interpreter(Hosted, models.Model):
    """An interpreter: a resource like a table, with languages and hours."""

    mission, exhibition = host_keys("interpreters")
    name = models.CharField(_("name"), max_length=200, validators=[one_line])
    languages = models.JSONField(
        _("languages"),
        default=list,
        validators=[validate_languages],
        help_text=_('Language codes, for example ["ru", "ja"].'),
    )
    works_from = models.TimeField(_("works from"), default=datetime.time(9))
    works_until = models.TimeField(_("works until"), default=datetime.time(18))
    email = models.EmailField(_("email"), blank=True)

    class Meta:
        verbose_name = _("interpreter")
        verbose_name_plural = _("interpreters")
        ordering = ["mission", "exhibition", "name"]
        constraints = [
            exactly_one(
                "mission", "exhibition", "meetings_interpreter_one_host", ONE_HOST
            ),
        ]

    def __str__(self):
        return self.name

    @property
    def language_names(self) -> str:
        return joined(
            SpokenLanguage(code).label
            for code in self.languages
            if code in SpokenLanguage.values
        )

    def works_at(self, start: datetime.datetime, length: datetime.timedelta) -> bool:
        return (
            self.works_from <= start.time()
            and (start + length).time() <= self.works_until
        )


class MeetingQuerySet(models.QuerySet):
    def live(self):
        return self.filter(cancelled=False)


class Meeting(WithAmurSide, models.Model):
    """An accepted request placed in a slot at a table, with an interpreter
    when the two sides share no language. A moved meeting keeps its row (and
    its calendar UID) and counts one more `sequence`; a called-off one stays,
    cancelled, so that calendars show it so."""

    class Outcome(models.TextChoices):
        NONE = "none", _("nothing yet")
        FOLLOW_UP = "follow_up", _("follow-up agreed")
        SAMPLES = "samples", _("samples requested")
        AGREEMENT = "agreement", _("agreement")

    request = models.OneToOneField(
        MeetingRequest,
        verbose_name=_("request"),
        related_name="meeting",
        on_delete=models.CASCADE,
    )
    # Copied from the request, so that the database can forbid a person in
    # two meetings at once.
    participant = models.ForeignKey(
        JapaneseParticipant,
        verbose_name=_("Japanese participant"),
        related_name="meetings",
        on_delete=models.CASCADE,
        editable=False,
    )
    registration, participation = amur_side_keys("meetings", editable=False)
    session = models.ForeignKey(
        MeetingSession,
        verbose_name=_("session"),
        related_name="meetings",
        on_delete=models.PROTECT,
    )
    starts_at = models.DateTimeField(_("slot starts at"))
    table = models.ForeignKey(
        Table,
        verbose_name=_("table"),
        related_name="meetings",
        on_delete=models.PROTECT,
    )
    interpreter = models.ForeignKey(
        Interpreter,
        verbose_name=_("interpreter"),
        related_name="meetings",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
    )
    cancelled = models.BooleanField(_("cancelled"), default=False)
    sequence = models.PositiveIntegerField(_("revision"), default=0, editable=False)
    held_japanese = models.BooleanField(
        _("took place, says the Japanese side"), null=True, blank=True
    )
    held_amur = models.BooleanField(
        _("took place, says the Amur side"), null=True, blank=True
    )
    outcome = models.CharField(
        _("outcome"), max_length=20, choices=Outcome.choices, default=Outcome.NONE
    )
    outcome_notes = models.TextField(
        _("what came of it"), blank=True, validators=[many_lines]
    )
    interaction = models.OneToOneField(
        Interaction,
        verbose_name=_("interaction in the partner records"),
        related_name="meeting",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
    )
    reminded_at = models.DateTimeField(
        _("reminder sent at"), null=True, blank=True, editable=False
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    objects = MeetingQuerySet.as_manager()

    class Meta:
        verbose_name = _("meeting")
        verbose_name_plural = _("meetings")
        ordering = ["starts_at", "table__name"]
        constraints = [
            exactly_one(
                "registration",
                "participation",
                "meetings_meeting_one_amur_side",
                _("A meeting has one Amur side: a registration or a participation."),
            ),
            once_per_slot("table", _("This table is taken in this slot.")),
            once_per_slot(
                "interpreter",
                _("This interpreter is already in another meeting in this slot."),
                interpreter__isnull=False,
            ),
            once_per_slot(
                "participant",
                _("The Japanese participant already has a meeting in this slot."),
            ),
            once_per_slot("registration", AMUR_SIDE_BUSY),
            once_per_slot("participation", AMUR_SIDE_BUSY),
        ]

    def __str__(self):
        return f"{self.starts_at:%Y-%m-%d %H:%M} {self.request}"

    def save(self, *args, **kwargs):
        if self.request_id and not self.participant_id:
            self.take_sides_from_request()
        super().save(*args, **kwargs)

    def take_sides_from_request(self) -> None:
        self.participant_id = self.request.participant_id
        self.registration_id = self.request.registration_id
        self.participation_id = self.request.participation_id

    @property
    def host(self):
        return self.session.host

    @property
    def ends_at(self) -> datetime.datetime:
        return self.starts_at + self.session.slot_length

    # The slot as the clock on the wall reads it where the meetings take
    # place (the session's zone), naive so that templates print it as is
    # rather than in the site's zone.
    @property
    def local_starts_at(self) -> datetime.datetime:
        return self.starts_at.astimezone(self.session.zone).replace(tzinfo=None)

    @property
    def local_ends_at(self) -> datetime.datetime:
        return self.ends_at.astimezone(self.session.zone).replace(tzinfo=None)

    @property
    def is_over(self) -> bool:
        """Whether the slot has ended: the sides may now say how it went."""
        return not self.cancelled and self.ends_at <= timezone.now()

    def clean(self):
        if self.request_id and not self.participant_id:
            self.take_sides_from_request()
        if (
            self.session_id
            and self.starts_at
            and self.starts_at not in self.session.slots()
        ):
            raise ValidationError(
                {"starts_at": _("This time is not a slot of the session.")}
            )
        if self.request_id and self.request.status != MeetingRequest.Status.ACCEPTED:
            raise ValidationError(
                {"request": _("Only an accepted request can be placed.")}
            )
