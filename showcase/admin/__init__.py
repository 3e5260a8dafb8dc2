"""Admin of the public content. Importing the submodules runs their
`@admin.register`: Django's autodiscover imports only `showcase.admin`."""

from showcase.admin.agency import AgencyContactAdmin
from showcase.admin.events import EventAdmin
from showcase.admin.inquiries import InquiryAdmin, InquiryRouteAdmin
from showcase.admin.news import NewsItemAdmin
from showcase.admin.presentations import PresentationAdmin

__all__ = [
    "AgencyContactAdmin",
    "EventAdmin",
    "InquiryAdmin",
    "InquiryRouteAdmin",
    "NewsItemAdmin",
    "PresentationAdmin",
]
