"""Public content of the site that staff keep in the admin, one module per
kind of content."""

from showcase.models.agency import AGENCY_CACHE_KEY, AgencyContact
from showcase.models.events import Event, TimeZone

__all__ = ["AGENCY_CACHE_KEY", "AgencyContact"]
__all__ += ["Event", "TimeZone"]
