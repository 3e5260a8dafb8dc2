"""Public content of the site that staff keep in the admin, one module per
kind of content."""

from showcase.models.events import Event, TimeZone
from showcase.models.harvest import (
    DistrictCoordinator,
    Product,
    WildHarvestReport,
    coordinated_district,
)
from showcase.models.home import HomePage
from showcase.models.inquiries import Inquiry, InquiryRoute, InquiryStatusChange
from showcase.models.investment import (
    InvestmentProject,
    InvestmentSite,
    SectorProfile,
    SizeBand,
    SupportMeasure,
)
from showcase.models.news import NewsItem
from showcase.models.presentations import Presentation, PresentationPdf, Slide
from showcase.models.trade import CommodityGroup, Currency, Flow, TradeFigure

__all__ = [
    "CommodityGroup",
    "Currency",
    "DistrictCoordinator",
    "Event",
    "Flow",
    "HomePage",
    "Inquiry",
    "InquiryRoute",
    "InquiryStatusChange",
    "InvestmentProject",
    "InvestmentSite",
    "NewsItem",
    "Presentation",
    "PresentationPdf",
    "Product",
    "SectorProfile",
    "SizeBand",
    "Slide",
    "SupportMeasure",
    "TimeZone",
    "TradeFigure",
    "WildHarvestReport",
    "coordinated_district",
]
