"""The site's time zone as people read it: by its place ("Blagoveshchensk
time"), not by its name in the time-zone database ("Asia/Yakutsk", the zone
Blagoveshchensk keeps), wherever the admin names the zone it reads and shows
times in."""

from django.conf import settings
from django.utils.translation import gettext_lazy as _

# The zones the site may run in, by their place; showcase.calendar's
# TimeZone words the same zone the same way.
PLACE_NAMES = {
    "Asia/Yakutsk": _("Blagoveshchensk time"),
}


def site_zone_name() -> str:
    """The site's zone (TIME_ZONE) by its place, in the active language; a
    zone without one keeps its technical name."""
    return str(PLACE_NAMES.get(settings.TIME_ZONE, settings.TIME_ZONE))
