"""The demo activities log, read from demo_events.toml.

Code is here only for what the data file cannot say: local times turned into
moments in their place's zone, and dates counted from the day the demo is
loaded. Events are matched by their English title: loading twice leaves the
same database. Runs after the missions and exhibitions demos, whose rows the
events link to when they are there.
"""

import datetime
import tomllib
from pathlib import Path
from zoneinfo import ZoneInfo

from django.db import transaction
from django.utils import timezone

from exhibitions.models import Exhibition
from missions.models import Mission
from partners.models import TwinRelation
from showcase.models.events import Event

DATA = Path(__file__).with_name("demo_events.toml")
LANGUAGES = ("ru", "ja", "en")
NO_TEXT = ("", "", "")


def translated(field: str, texts) -> dict:
    return dict(zip((f"{field}_{code}" for code in LANGUAGES), texts, strict=True))


def timing(spec: dict, zone: ZoneInfo, today: datetime.date) -> dict:
    """The event's days or moments. Local datetimes from the file are read
    in the place's zone; `in_days` counts from today."""
    if "at" in spec:
        until = spec.get("until")
        return {
            "all_day": False,
            "starts_at": spec["at"].replace(tzinfo=zone),
            "ends_at": until.replace(tzinfo=zone) if until else None,
        }
    if "in_days" in spec:
        return relative_timing(spec, zone, today)
    return {
        "all_day": True,
        "starts_on": spec["on"],
        "ends_on": spec.get("to", spec["on"]),
    }


def relative_timing(spec: dict, zone: ZoneInfo, today: datetime.date) -> dict:
    day = today + datetime.timedelta(days=spec["in_days"])
    if "time" not in spec:
        last = day + datetime.timedelta(days=spec.get("days", 1) - 1)
        return {"all_day": True, "starts_on": day, "ends_on": last}
    start = datetime.datetime.combine(
        day, datetime.time.fromisoformat(spec["time"]), tzinfo=zone
    )
    return {
        "all_day": False,
        "starts_at": start,
        "ends_at": start + datetime.timedelta(hours=spec.get("hours", 1)),
    }


class Links:
    """Missions, exhibitions and twin-city relations the events name, each
    read once; a missing one (its demo not loaded) leaves the link empty."""

    def __init__(self):
        self.missions = {mission.slug: mission for mission in Mission.objects.all()}
        self.exhibitions = {item.slug: item for item in Exhibition.objects.all()}
        self.relations = list(TwinRelation.objects.all())

    def twin(self, name: str | None) -> TwinRelation | None:
        if not name:
            return None
        return next(
            (r for r in self.relations if name in r.japanese_municipality), None
        )

    def fields(self, spec: dict) -> dict:
        return {
            "mission": self.missions.get(spec.get("mission")),
            "exhibition": self.exhibitions.get(spec.get("exhibition")),
            "twin_relation": self.twin(spec.get("twin")),
        }


def load_event(spec: dict, places: dict, links: Links, today: datetime.date) -> None:
    place = places[spec["place"]]
    zone = ZoneInfo(place["zone"])
    fields = {
        "kind": spec["kind"],
        "time_zone": place["zone"],
        "starts_on": None,
        "ends_on": None,
        "starts_at": None,
        "ends_at": None,
        **timing(spec, zone, today),
        **translated("title", spec["title"]),
        **translated("place", place["name"]),
        **translated("description", spec.get("description", NO_TEXT)),
        **translated("outcome", spec.get("outcome", NO_TEXT)),
        "meetings_held": spec.get("meetings"),
        "agreements_signed": spec.get("agreements"),
        "is_cancelled": spec.get("cancelled", False),
        "is_plan": spec.get("plan", False),
        "is_published": True,
        "is_sample": True,
        **links.fields(spec),
    }
    event = Event.objects.filter(title_en=spec["title"][2]).first() or Event()
    for name, value in fields.items():
        setattr(event, name, value)
    # A kind that needs a relation whose demo is absent becomes a meeting.
    if event.kind == Event.Kind.TWIN_CITY_VISIT and event.twin_relation is None:
        event.kind = Event.Kind.MEETING
    event.full_clean()
    event.save()


def load() -> None:
    """Create or update the demo events; safe to run again."""
    data = tomllib.loads(DATA.read_text(encoding="utf-8"))
    today = timezone.localdate()
    with transaction.atomic():
        links = Links()
        for spec in data["event"]:
            load_event(spec, data["places"], links, today)
