"""The calendar's items as iCalendar, written by amur_invest.icalendar_feed
(whose docstring holds the rules every item follows: a stable UID,
SEQUENCE, STATUS:CANCELLED rather than vanishing, dates for all-day items,
UTC for timed ones).

What the public calendar adds: the local time with its zone spelt out in
the description, CATEGORIES naming the kind of item, NAME and X-WR-CALNAME
the calendar in the feed's language, and only public page links.
"""

import datetime

from django.utils import formats
from django.utils.translation import gettext as _

from amur_invest import icalendar_feed
from showcase.calendar import CalendarItem

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


def vevent(item: CalendarItem, absolute):
    """One item as a VEVENT; `absolute` turns a site path into a full URL."""
    page_url = absolute(item.url)
    return icalendar_feed.event(
        key=item.key,
        title=item.title,
        first_day=item.starts_on,
        last_day=item.ends_on,
        start=item.start,
        end=item.end,
        sequence=item.sequence,
        modified_at=item.modified_at,
        created_at=item.created_at,
        cancelled=item.is_cancelled,
        tentative=item.is_plan,
        public=True,
        description=description(item, page_url),
        url=page_url,
        location=item.place,
        categories=[item.category_label],
    )


def calendar(items, *, name: str, description: str, uid: str, url: str, absolute):
    """A VCALENDAR of the items, named in the active language."""
    return icalendar_feed.calendar(
        [vevent(item, absolute) for item in items],
        uid=uid,
        name=name,
        description=description,
        url=url,
        refresh=REFRESH,
    )
