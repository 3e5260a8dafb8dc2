"""Tests of the calendar, its feeds and the activity report (showcase.calendar)."""
