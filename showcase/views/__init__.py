"""Public pages of the showcase, one module per kind of page."""

from showcase.views.events import (
    ActivityView,
    EventCalendarView,
    EventDetailView,
    ExchangesView,
    calendar_feed,
    item_ics,
)
from showcase.views.home import HomeView, favicon, robots_txt

__all__ = ["HomeView", "favicon", "robots_txt"]
__all__ += [
    "ActivityView",
    "EventCalendarView",
    "EventDetailView",
    "ExchangesView",
    "calendar_feed",
    "item_ics",
]
