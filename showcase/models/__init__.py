"""Public content of the site that staff keep in the admin, one module per
kind of content."""

from showcase.models.agency import AGENCY_CACHE_KEY, AgencyContact
from showcase.models.harvest import (
    DistrictCoordinator,
    Product,
    WildHarvestReport,
    coordinated_district,
)
from showcase.models.home import HomePage
from showcase.models.investment import (
    InvestmentProject,
    InvestmentSite,
    SectorProfile,
    SizeBand,
    SupportMeasure,
)
from showcase.models.trade import CommodityGroup, Currency, Flow, TradeFigure

__all__ = [
    "AGENCY_CACHE_KEY",
    "AgencyContact",
    "CommodityGroup",
    "Currency",
    "DistrictCoordinator",
    "Flow",
    "HomePage",
    "InvestmentProject",
    "InvestmentSite",
    "Product",
    "SectorProfile",
    "SizeBand",
    "SupportMeasure",
    "TradeFigure",
    "WildHarvestReport",
    "coordinated_district",
]
