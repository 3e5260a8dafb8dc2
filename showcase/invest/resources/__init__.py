"""Spreadsheet import and export of the showcase data staff keep in Excel,
built on the partners app's staff resources: explicit columns, readable
errors per cell, all-or-nothing imports."""

from showcase.invest.resources.harvest import WildHarvestReportResource
from showcase.invest.resources.trade import TradeFigureResource

__all__ = ["TradeFigureResource", "WildHarvestReportResource"]
