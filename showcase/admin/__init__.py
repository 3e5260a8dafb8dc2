"""Admin of the public content. Importing the submodules runs their
`@admin.register`: Django's autodiscover imports only `showcase.admin`."""

from showcase.admin.events import EventAdmin
from showcase.admin.harvest import DistrictCoordinatorAdmin, WildHarvestReportAdmin
from showcase.admin.home import HomePageAdmin
from showcase.admin.inquiries import InquiryAdmin, InquiryRouteAdmin
from showcase.admin.investment import (
    InvestmentProjectAdmin,
    InvestmentSiteAdmin,
    SectorProfileAdmin,
    SupportMeasureAdmin,
)
from showcase.admin.news import NewsItemAdmin
from showcase.admin.presentations import PresentationAdmin
from showcase.admin.trade import TradeFigureAdmin

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
