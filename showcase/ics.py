"""iCalendar (RFC 5545, RFC 7986) for the calendar's items, with the
`icalendar` library.

What the best public feeds do, and this one does:
- UID `<source>-<pk>@<host>` never changes, so a subscribed calendar updates
  its copy of an item; SEQUENCE and LAST-MODIFIED move with each saved change.
- A cancelled item stays in the feed with STATUS:CANCELLED (and says so in its
  title, for apps that show it anyway) instead of silently disappearing; a
  plan not fixed yet is STATUS:TENTATIVE.
- All-day and multi-day items are dates (VALUE=DATE) with DTEND the day after
  the last day, as the standard counts it.
- Timed items are given in UTC ("Z"). Outlook shifts times whose TZID it does
  not know, and the places here (Blagoveshchensk, Tokyo) have no daylight
  saving, so UTC loses nothing; the local time with its zone is spelt out in
  the description for people.
- CATEGORIES names the kind of item; NAME and X-WR-CALNAME the calendar, in
  the feed's language.
- Nothing personal: no ORGANIZER, no ATTENDEE, only public page links.
"""

import datetime

from django.utils import formats
from django.utils.translation import gettext as _
from icalendar import Calendar
from icalendar import Event as VEvent

from showcase.calendar import CalendarItem

PRODID = "-//Amur Region Investment Attraction Agency//Amur Invest calendar//"
# How often a subscribed app should fetch the feed again.
REFRESH = datetime.timedelta(hours=6)


def local_time_line(item: CalendarItem) -> str:
    """'Local time: 14:00–16:00, Japan time (UTC+9)' for a timed item."""
    times = formats.time_format(item.local_start)
    if item.end is not None:
        times += "–" + formats.time_format(item.local_end)
    return _("Local time: %(times)s, %(zone)s") % {
        "times": times,
        "zone": item.zone_name,
    }


def description(item: CalendarItem, page_url: str) -> str:
    lines = []
    if item.start is not None:
        lines.append(local_time_line(item))
    if item.description:
        lines.append(item.description)
    lines.append(_("More: %(url)s") % {"url": page_url})
    return "\n\n".join(lines)


def summary(item: CalendarItem) -> str:
    if item.is_cancelled:
        return _("Cancelled: %(title)s") % {"title": item.title}
    return item.title


def status(item: CalendarItem) -> str:
    if item.is_cancelled:
        return "CANCELLED"
    return "TENTATIVE" if item.is_plan else "CONFIRMED"


def vevent(item: CalendarItem, absolute) -> VEvent:
    """One item as a VEVENT; `absolute` turns a site path into a full URL."""
    page_url = absolute(item.url)
    event = VEvent.new(
        uid=item.uid,
        # DTSTAMP is when this version of the item was made, not when the
        # feed was requested: the same data gives the same bytes.
        stamp=item.modified_at,
        created=item.created_at,
        last_modified=item.modified_at,
        sequence=item.sequence,
        summary=summary(item),
        description=description(item, page_url),
        url=page_url,
        categories=[item.category_label],
        status=status(item),
        # A public calendar informs; it never marks the subscriber busy.
        transparency="TRANSPARENT",
    )
    if item.place:
        event.add("location", item.place)
    event.add("class", "PUBLIC")
    _add_times(event, item)
    return event


def _add_times(event: VEvent, item: CalendarItem) -> None:
    if item.all_day:
        event.add("dtstart", item.starts_on)
        event.add("dtend", item.ends_on + datetime.timedelta(days=1))
        return
    event.add("dtstart", item.start.astimezone(datetime.UTC))
    if item.end is not None:
        event.add("dtend", item.end.astimezone(datetime.UTC))


def calendar(items, *, name: str, description: str, uid: str, url: str, absolute):
    """A VCALENDAR of the items, named in the active language."""
    feed = Calendar.new(
        prodid=PRODID,
        name=name,
        description=description,
        uid=uid,
        url=url,
        method="PUBLISH",
        calscale="GREGORIAN",
        refresh_interval=REFRESH,
    )
    # Older Apple and Google clients read the refresh hint from here.
    feed.add("x-published-ttl", "PT6H")
    for item in items:
        feed.add_component(vevent(item, absolute))
    return feed
