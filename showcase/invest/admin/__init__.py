"""Admin of the investment case, one module per part: `investment`,
`trade`, `harvest`."""

from showcase.invest.admin.costs import CostFigureAdmin
from showcase.invest.admin.harvest import (
    DistrictCoordinatorAdmin,
    WildHarvestReportAdmin,
)
from showcase.invest.admin.investment import (
    InvestmentProjectAdmin,
    InvestmentSiteAdmin,
    SectorProfileAdmin,
    SupportMeasureAdmin,
)
from showcase.invest.admin.money import ExchangeRateAdmin
from showcase.invest.admin.trade import TradeFigureAdmin, TradeYearAdmin

__all__ = [
    "CostFigureAdmin",
    "DistrictCoordinatorAdmin",
    "ExchangeRateAdmin",
    "InvestmentProjectAdmin",
    "InvestmentSiteAdmin",
    "SectorProfileAdmin",
    "SupportMeasureAdmin",
    "TradeFigureAdmin",
    "TradeYearAdmin",
    "WildHarvestReportAdmin",
]
