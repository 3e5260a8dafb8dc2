"""The calendar in Japanese in a real browser: the month, a filter by kind,
the next month, and the subscription address."""

import datetime
import os
from pathlib import Path

import pytest
from django.utils import translation
from playwright.sync_api import expect

from showcase.models import Event
from tests.missions.factories import MissionFactory
from tests.showcase.events_factories import EventFactory

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def japanese(text: str) -> str:
    with translation.override("ja"):
        return translation.gettext(text)


def test_visitor_filters_the_japanese_calendar_and_subscribes(page, live_server):
    MissionFactory(
        title_ja="日本ビジネスミッション（2019年11月）",
        starts_on=datetime.date(2019, 11, 11),
        ends_on=datetime.date(2019, 11, 15),
    )
    EventFactory(
        kind=Event.Kind.NEGOTIATIONS,
        title_ja="北洋トレーディングとの協議",
        starts_on=datetime.date(2019, 11, 14),
    )
    EventFactory(
        kind=Event.Kind.CULTURAL_EXCHANGE,
        title_ja="日本人音楽家のコンサート",
        starts_on=datetime.date(2019, 11, 28),
        ends_on=datetime.date(2019, 12, 3),
    )
    page.context.grant_permissions(["clipboard-read", "clipboard-write"])

    page.goto(f"{live_server.url}/ja/events/?month=2019-11")

    expect(page.locator("html")).to_have_attribute("lang", "ja")
    expect(page.get_by_role("heading", name="2019年11月", exact=True)).to_be_visible()
    month = page.locator("table.cal-month")
    expect(
        month.get_by_role("link", name="日本ビジネスミッション（2019年11月）")
    ).to_be_visible()
    expect(month.get_by_role("link", name="北洋トレーディングとの協議")).to_be_visible()
    # Sunday comes first in a Japanese calendar.
    expect(month.locator("thead th").first).to_have_text("日")

    page.get_by_label(japanese("cultural exchange")).check()
    page.get_by_role("button", name=japanese("Show"), exact=True).click()

    page.wait_for_url("**kind=cultural_exchange**")
    expect(month.get_by_role("link", name="日本人音楽家のコンサート")).to_be_visible()
    expect(month.get_by_role("link", name="北洋トレーディングとの協議")).to_have_count(
        0
    )
    expect(page.get_by_label(japanese("cultural exchange"))).to_be_checked()

    subscribe = page.get_by_role("link", name=japanese("Subscribe in my calendar app"))
    expect(subscribe).to_have_attribute(
        "href",
        f"webcal://{live_server.url.split('://')[1]}/ja/events.ics?kind=cultural_exchange",
    )
    address = page.get_by_label(japanese("Calendar address"))
    expect(address).to_have_value(
        f"{live_server.url}/ja/events.ics?kind=cultural_exchange"
    )
    page.get_by_role("button", name=japanese("Copy")).click()
    expect(page.get_by_role("button", name=japanese("Copied"))).to_be_visible()
    assert page.evaluate("navigator.clipboard.readText()") == address.input_value()
    page.locator("summary", has_text=japanese("Google Calendar")).click()
    expect(
        page.get_by_text(japanese("On a computer, open Google Calendar."))
    ).to_be_visible()

    if screenshot_dir := os.environ.get("SCREENSHOT_DIR"):
        Path(screenshot_dir).mkdir(parents=True, exist_ok=True)
        page.screenshot(
            path=str(Path(screenshot_dir) / "screenshot-calendar-ja.png"),
            full_page=True,
        )

    page.get_by_role("link", name=japanese("Next month")).click()
    page.wait_for_url("**month=2019-12**")
    expect(page.get_by_role("heading", name="2019年12月", exact=True)).to_be_visible()
    # The concert goes on into December: still a bar, still filtered.
    expect(month.get_by_role("link", name="日本人音楽家のコンサート")).to_be_visible()
