"""The investment case's rows: `investment` (sectors, support measures,
sites, projects), `trade` (trade figures) and `harvest` (wild-harvest
reports and the district coordinators who file them)."""

from showcase.invest.models.costs import CostFigure
from showcase.invest.models.harvest import (
    DistrictCoordinator,
    Product,
    WildHarvestReport,
    coordinated_district,
)
from showcase.invest.models.investment import (
    InvestmentProject,
    InvestmentSite,
    SectorProfile,
    SizeBand,
    SupportMeasure,
)
from showcase.invest.models.money import ExchangeRate
from showcase.invest.models.trade import (
    CommodityGroup,
    Currency,
    Flow,
    TradeFigure,
    TradeYear,
)

__all__ = [
    "CommodityGroup",
    "CostFigure",
    "Currency",
    "DistrictCoordinator",
    "ExchangeRate",
    "Flow",
    "InvestmentProject",
    "InvestmentSite",
    "Product",
    "SectorProfile",
    "SizeBand",
    "SupportMeasure",
    "TradeFigure",
    "TradeYear",
    "WildHarvestReport",
    "coordinated_district",
]
