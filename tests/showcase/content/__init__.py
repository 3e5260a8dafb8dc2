"""Tests of the news and presentations (showcase.content)."""
