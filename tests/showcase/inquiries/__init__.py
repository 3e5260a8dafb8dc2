"""Tests of the investor inquiry (showcase.inquiries)."""
