"""Admin of the public site. Django's autodiscover imports only
`showcase.admin`: importing each concern's admin here runs its
`@admin.register`."""

from showcase.admin.home import HomePageAdmin
from showcase.calendar.admin import EventAdmin
from showcase.content.admin import NewsItemAdmin, PresentationAdmin
from showcase.inquiries.admin import InquiryAdmin, InquiryRouteAdmin
from showcase.invest.admin import (
    DistrictCoordinatorAdmin,
    InvestmentProjectAdmin,
    InvestmentSiteAdmin,
    SectorProfileAdmin,
    SupportMeasureAdmin,
    TradeFigureAdmin,
    WildHarvestReportAdmin,
)

__all__ = [
    "DistrictCoordinatorAdmin",
    "EventAdmin",
    "HomePageAdmin",
    "InquiryAdmin",
    "InquiryRouteAdmin",
    "InvestmentProjectAdmin",
    "InvestmentSiteAdmin",
    "NewsItemAdmin",
    "PresentationAdmin",
    "SectorProfileAdmin",
    "SupportMeasureAdmin",
    "TradeFigureAdmin",
    "WildHarvestReportAdmin",
]
