"""Public content of the site that staff keep in the admin, one module per
kind of content."""

from showcase.models.agency import AGENCY_CACHE_KEY, AgencyContact
from showcase.models.events import Event, TimeZone
from showcase.models.inquiries import Inquiry, InquiryRoute, InquiryStatusChange
from showcase.models.news import NewsItem
from showcase.models.presentations import Presentation, PresentationPdf, Slide

__all__ = [
    "AGENCY_CACHE_KEY",
    "AgencyContact",
    "Event",
    "Inquiry",
    "InquiryRoute",
    "InquiryStatusChange",
    "NewsItem",
    "Presentation",
    "PresentationPdf",
    "Slide",
    "TimeZone",
]
