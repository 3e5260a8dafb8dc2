"""Tests of the investment case (showcase.invest)."""
