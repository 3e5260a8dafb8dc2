"""The agency's activities log: negotiations, meetings, presentations,
exchanges. Together with missions and exhibitions it makes the public
calendar, its feeds and the yearly count of the region's activity."""

import datetime
import uuid
from zoneinfo import ZoneInfo

from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from amur_invest.publishing import PublishedQuerySet
from amur_invest.revisions import CalendarRevisionModel
from amur_invest.text import many_lines, one_line
from exhibitions.models import Exhibition
from missions.models import Mission
from partners.models import TwinRelation


class TimeZone(models.TextChoices):
    """Zones of the places where the agency works. Blagoveshchensk keeps
    Yakutsk time (UTC+9, like Tokyo, without daylight saving)."""

    BLAGOVESHCHENSK = "Asia/Yakutsk", _("Blagoveshchensk time")
    JAPAN = "Asia/Tokyo", _("Japan time")
    VLADIVOSTOK = "Asia/Vladivostok", _("Vladivostok time")
    MOSCOW = "Europe/Moscow", _("Moscow time")
    CHINA = "Asia/Shanghai", _("China time")
    UTC = "UTC", _("Coordinated Universal Time")


def zone_offset(moment: datetime.datetime) -> str:
    """'UTC+9', 'UTC+3', 'UTC+5:30' for an aware datetime."""
    offset = moment.utcoffset() or datetime.timedelta()
    minutes = int(offset.total_seconds()) // 60
    sign = "+" if minutes >= 0 else "−"
    hours, rest = divmod(abs(minutes), 60)
    return f"UTC{sign}{hours}" + (f":{rest:02d}" if rest else "")


class EventQuerySet(PublishedQuerySet):
    def between(self, first: datetime.date, last: datetime.date):
        """Events on any day from `first` to `last`, both included, in the
        calendar of their place."""
        return self.filter(starts_on__lte=last, ends_on__gte=first)


class Event(CalendarRevisionModel):
    """One activity of the agency and the region, with its place and zone.

    An all-day event has dates only. A timed event has its start (and end)
    stored in UTC; its dates are those of the place, computed on save, so that
    the calendar finds every kind of item by date in the same way.
    """

    class Kind(models.TextChoices):
        NEGOTIATIONS = "negotiations", _("negotiations")
        MEETING = "meeting", _("meeting")
        PRESENTATION = "presentation", _("presentation")
        COUNCIL_OF_GOVERNORS = "council_of_governors", _("Council of Governors")
        FORUM = "forum", _("forum")
        SEMINAR = "seminar", _("seminar")
        CULTURAL_EXCHANGE = "cultural_exchange", _("cultural exchange")
        SPORTS_EXCHANGE = "sports_exchange", _("sports exchange")
        TWIN_CITY_VISIT = "twin_city_visit", _("twin-city visit")
        VIDEO_CONFERENCE = "video_conference", _("video conference")
        OTHER = "other", _("other")

    # The exchanges beyond trade; a twin-city visit always names its relation.
    EXCHANGE_KINDS = (
        Kind.CULTURAL_EXCHANGE,
        Kind.SPORTS_EXCHANGE,
        Kind.TWIN_CITY_VISIT,
    )

    kind = models.CharField(_("kind"), max_length=30, choices=Kind.choices)
    title = models.CharField(_("title"), max_length=300, validators=[one_line])
    place = models.CharField(
        _("place"), max_length=300, blank=True, validators=[one_line]
    )
    time_zone = models.CharField(
        _("time zone of the place"),
        max_length=40,
        choices=TimeZone.choices,
        default=TimeZone.BLAGOVESHCHENSK,
    )
    all_day = models.BooleanField(
        _("all day"),
        default=True,
        help_text=_("Dates only, no times: visits, tours, forums over several days."),
    )
    starts_on = models.DateField(_("first day"), blank=True)
    ends_on = models.DateField(
        _("last day"), blank=True, help_text=_("Empty for a one-day event.")
    )
    starts_at = models.DateTimeField(
        _("starts at"),
        null=True,
        blank=True,
        help_text=_("Local time of the place."),
    )
    ends_at = models.DateTimeField(
        _("ends at"),
        null=True,
        blank=True,
        help_text=_("Local time of the place."),
    )
    description = models.TextField(
        _("description"), blank=True, validators=[many_lines]
    )
    outcome = models.TextField(
        _("outcome"),
        blank=True,
        validators=[many_lines],
        help_text=_("What came of it, for the public page."),
    )
    meetings_held = models.PositiveIntegerField(
        _("meetings held"), null=True, blank=True
    )
    agreements_signed = models.PositiveIntegerField(
        _("agreements signed"), null=True, blank=True
    )
    mission = models.ForeignKey(
        Mission,
        verbose_name=_("business mission"),
        related_name="events",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
    )
    exhibition = models.ForeignKey(
        Exhibition,
        verbose_name=_("exhibition"),
        related_name="events",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
    )
    twin_relation = models.ForeignKey(
        TwinRelation,
        verbose_name=_("twin-city relation"),
        related_name="events",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        help_text=_("For cultural and sports exchanges and twin-city visits."),
    )
    is_plan = models.BooleanField(
        _("plan"),
        default=False,
        help_text=_(
            "Intended, not fixed yet: shown as a plan, and as tentative in "
            "calendar feeds."
        ),
    )
    is_cancelled = models.BooleanField(
        _("cancelled"),
        default=False,
        help_text=_("Kept on the site and in calendar feeds, marked as cancelled."),
    )
    is_published = models.BooleanField(
        _("on the public site"),
        default=True,
        help_text=_(
            "Unpublished events count in the staff report only: not in the "
            "public calendar, its feeds or its yearly count."
        ),
    )
    is_sample = models.BooleanField(
        _("sample data"),
        default=False,
        help_text=_("Demonstration record, not a real event."),
    )

    objects = EventQuerySet.as_manager()

    class Meta:
        verbose_name = _("event")
        verbose_name_plural = _("events")
        ordering = ["starts_on", "starts_at", "id"]
        indexes = [models.Index(fields=["starts_on", "ends_on"])]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_on__gte=models.F("starts_on")),
                name="showcase_event_ends_after_start",
                violation_error_message=_("The event cannot end before it starts."),
            ),
            models.CheckConstraint(
                condition=Q(all_day=True, starts_at__isnull=True, ends_at__isnull=True)
                | Q(all_day=False, starts_at__isnull=False),
                name="showcase_event_all_day_or_timed",
                violation_error_message=_(
                    "An all-day event has no times; a timed event needs its start."
                ),
            ),
        ]
        permissions = [
            ("import_event", _("Can import events")),
            ("export_event", _("Can export events")),
        ]

    def __str__(self):
        return self.title

    @property
    def is_past_plan(self) -> bool:
        """A plan whose days have gone by and nobody recorded as held."""
        return self.is_plan and self.ends_on < timezone.localdate()

    def get_absolute_url(self):
        return reverse("showcase:event_detail", kwargs={"pk": self.pk})

    @property
    def zone(self) -> ZoneInfo:
        return ZoneInfo(self.time_zone)

    @property
    def local_start(self) -> datetime.datetime | None:
        return self.starts_at.astimezone(self.zone) if self.starts_at else None

    @property
    def local_end(self) -> datetime.datetime | None:
        return self.ends_at.astimezone(self.zone) if self.ends_at else None

    def clean(self):
        errors = {}
        if self.all_day:
            self.starts_at = self.ends_at = None
            if self.starts_on is None:
                errors["starts_on"] = _("Give the first day of an all-day event.")
        elif self.starts_at is None:
            errors["starts_at"] = _("Give the start time, or mark the event all day.")
        elif self.ends_at is not None and self.ends_at < self.starts_at:
            errors["ends_at"] = _("The event cannot end before it starts.")
        if self.kind == self.Kind.TWIN_CITY_VISIT and self.twin_relation_id is None:
            errors["twin_relation"] = _("Name the twin-city relation of this visit.")
        if errors:
            raise ValidationError(errors)
        self.fill_dates()

    def fill_dates(self) -> None:
        """Dates of a timed event in its place's calendar; a one-day event
        ends the day it starts."""
        if not self.all_day and self.starts_at is not None:
            self.starts_on = self.local_start.date()
            self.ends_on = (self.local_end or self.local_start).date()
        if self.starts_on is not None and self.ends_on is None:
            self.ends_on = self.starts_on

    def save(self, *args, **kwargs):
        self.fill_dates()
        super().save(*args, **kwargs)


# --- Cache of the calendar's feeds ----------------------------------------------

CALENDAR_VERSION_KEY = "showcase:calendar-version"


def calendar_version() -> str:
    """Part of every cached feed's key: a new version makes them all stale
    at once, in every language and for every filter."""
    return cache.get_or_set(CALENDAR_VERSION_KEY, lambda: uuid.uuid4().hex, None)


def calendar_changed() -> None:
    cache.set(CALENDAR_VERSION_KEY, uuid.uuid4().hex, None)


@receiver([post_save, post_delete], sender=Event)
@receiver([post_save, post_delete], sender=Mission)
@receiver([post_save, post_delete], sender=Exhibition)
def _calendar_item_saved(sender, **kwargs):
    calendar_changed()
