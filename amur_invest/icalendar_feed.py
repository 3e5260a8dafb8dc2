"""iCalendar (RFC 5545, RFC 7986) for every calendar the site gives out, with
the `icalendar` library: the public calendar's feeds and files, and the
mission a company registered for. The rules are written once, here:

- An item's UID, `<key>@<host>`, never changes, so that a calendar app
  updates its copy of the item instead of adding another; SEQUENCE and
  LAST-MODIFIED move with each saved change, and DTSTAMP is that change,
  not the moment of the download: the same data gives the same bytes.
- A cancelled item stays, with STATUS:CANCELLED (and says so in its title,
  for apps that show it anyway), instead of silently disappearing; a plan
  not fixed yet is STATUS:TENTATIVE.
- All-day and multi-day items are dates (VALUE=DATE) with DTEND the day
  after the last day, as the standard counts it.
- Timed items are given in UTC ("Z"). Outlook shifts times whose TZID it
  does not know, and the places here (Blagoveshchensk, Tokyo) have no
  daylight saving, so UTC loses nothing; a caller spells the local time out
  in the description for people.
- Nothing personal: no ORGANIZER, no ATTENDEE, no secret link.
"""

import datetime

from django.utils.translation import gettext as _
from icalendar import Calendar, Event

from amur_invest.site_url import site_host

PRODID = "-//Amur Region Investment Attraction Agency//Amur Invest calendar//"


def uid(key: str) -> str:
    """The item's UID for its whole life: `mission-12` gives
    `mission-12@amurinvest.example`, in every calendar that carries it."""
    return f"{key}@{site_host()}"


def summary(title: str, *, cancelled: bool) -> str:
    if cancelled:
        return _("Cancelled: %(title)s") % {"title": title}
    return title


def status(*, cancelled: bool, tentative: bool) -> str:
    if cancelled:
        return "CANCELLED"
    return "TENTATIVE" if tentative else "CONFIRMED"


def event(
    *,
    key: str,
    title: str,
    first_day: datetime.date,
    last_day: datetime.date,
    sequence: int,
    modified_at: datetime.datetime,
    created_at: datetime.datetime | None = None,
    start: datetime.datetime | None = None,
    end: datetime.datetime | None = None,
    cancelled: bool = False,
    tentative: bool = False,
    public: bool = False,
    **properties,
) -> Event:
    """One item as a VEVENT. Without `start` it is all-day from `first_day`
    to `last_day`; with it (aware), timed. A `public` item is CLASS:PUBLIC
    and TRANSPARENT: it informs, never marks the subscriber busy.
    `properties`: description, url, location, categories, as Event.new takes
    them."""
    item = Event.new(
        uid=uid(key),
        stamp=modified_at,
        created=created_at,
        last_modified=modified_at,
        sequence=sequence,
        summary=summary(title, cancelled=cancelled),
        status=status(cancelled=cancelled, tentative=tentative),
        transparency="TRANSPARENT" if public else None,
        **{name: value for name, value in properties.items() if value},
    )
    if public:
        item.add("class", "PUBLIC")
    if start is None:
        item.add("dtstart", first_day)
        item.add("dtend", last_day + datetime.timedelta(days=1))
    else:
        item.add("dtstart", start.astimezone(datetime.UTC))
        if end is not None:
            item.add("dtend", end.astimezone(datetime.UTC))
    return item


def calendar(
    events,
    *,
    uid: str,
    name: str | None = None,
    description: str | None = None,
    url: str | None = None,
    refresh: datetime.timedelta | None = None,
) -> Calendar:
    """A VCALENDAR of the events. `refresh`: how often a subscribed app
    should fetch it again (a feed has one; a file to import has none)."""
    feed = Calendar.new(
        prodid=PRODID,
        name=name,
        description=description,
        uid=uid,
        url=url,
        method="PUBLISH",
        calscale="GREGORIAN",
        refresh_interval=refresh,
    )
    if refresh is not None:
        # Older Apple and Google clients read the refresh hint from here.
        hours = int(refresh.total_seconds() // 3600)
        feed.add("x-published-ttl", f"PT{hours}H")
    for item in events:
        feed.add_component(item)
    return feed
