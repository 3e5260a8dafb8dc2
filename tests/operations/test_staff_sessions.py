"""Staff sessions end after 30 idle minutes and 12 hours in all."""

import pytest

pytestmark = pytest.mark.django_db


class Clock:
    def __init__(self):
        self.now = 1_800_000_000.0

    def __call__(self):
        return self.now

    def advance(self, *, minutes=0, hours=0):
        self.now += minutes * 60 + hours * 3600


@pytest.fixture
def clock(monkeypatch):
    clock = Clock()
    monkeypatch.setattr("amur_invest.staff.sessions.time.time", clock)
    return clock


def test_a_session_idle_for_more_than_30_minutes_ends(clock, admin_client):
    assert admin_client.get("/admin/").status_code == 200
    clock.advance(minutes=31)
    response = admin_client.get("/admin/partners/company/")
    assert response.status_code == 302
    assert response.url.startswith("/admin/login/?next=/admin/partners/company/")
    assert admin_client.get("/admin/").status_code == 302


def signed_in_as(response) -> str:
    assert response.status_code == 200
    return response.context["user"].get_username()


def test_activity_keeps_a_session_alive_up_to_12_hours(clock, admin_client):
    for _ in range(24):
        assert signed_in_as(admin_client.get("/admin/")) == "admin"
        clock.advance(minutes=29)
    assert signed_in_as(admin_client.get("/admin/")) == "admin"
    clock.advance(minutes=29)
    response = admin_client.get("/admin/")
    assert response.status_code == 302
    assert response.url.startswith("/admin/login/?next=/admin/")


def test_the_login_page_says_why_the_session_ended(clock, admin_client):
    admin_client.get("/admin/")
    clock.advance(hours=1)
    response = admin_client.get("/admin/", follow=True, HTTP_ACCEPT_LANGUAGE="en")
    assert "30 minutes without activity" in response.content.decode()
