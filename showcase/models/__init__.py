"""Every model of the showcase, imported here so that Django registers each
under the `showcase` app label (tables and migrations keep that name). Each
model lives with its concern: invest, calendar, inquiries, content; the home
page's own row is `home`.

`uploads` and `presentations` here only keep the names that old migrations
import; the code lives in `showcase.content`."""

from showcase.calendar.models import Event, TimeZone
from showcase.content.models import NewsItem, Presentation, PresentationPdf, Slide
from showcase.inquiries.models import (
    Inquiry,
    InquiryHandler,
    InquiryReply,
    InquiryRoute,
    InquiryStatusChange,
)
from showcase.invest.models import (
    CommodityGroup,
    CostFigure,
    Currency,
    DistrictCoordinator,
    ExchangeRate,
    Flow,
    InvestmentProject,
    InvestmentSite,
    Product,
    SectorProfile,
    SizeBand,
    SupportMeasure,
    TradeFigure,
    TradeYear,
    WildHarvestReport,
    coordinated_district,
)
from showcase.models.home import HomePage

__all__ = [
    "CommodityGroup",
    "CostFigure",
    "Currency",
    "DistrictCoordinator",
    "Event",
    "ExchangeRate",
    "Flow",
    "HomePage",
    "Inquiry",
    "InquiryHandler",
    "InquiryReply",
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
    "TradeYear",
    "WildHarvestReport",
    "coordinated_district",
]
