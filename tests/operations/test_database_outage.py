"""PostgreSQL down: a short page in the page's language with Retry-After."""

import pytest
from django.db import OperationalError, ProgrammingError


@pytest.fixture
def client(client):
    # As in production: the error handler answers instead of the test raising.
    client.raise_request_exception = False
    return client


def break_home_page(monkeypatch, error):
    def fail(*args, **kwargs):
        raise error

    monkeypatch.setattr("showcase.views.HomeView.get_context_data", fail)


@pytest.mark.parametrize(
    ("language", "heading"),
    [
        ("ru", "Сайт ненадолго недоступен"),
        ("ja", "サイトは一時的にご利用いただけません"),
        ("en", "The site is briefly unavailable"),
    ],
)
def test_an_unreachable_database_is_a_503_in_the_page_language(
    client, monkeypatch, language, heading
):
    break_home_page(monkeypatch, OperationalError("connection refused"))
    response = client.get(f"/{language}/")
    assert response.status_code == 503
    assert response.headers["Retry-After"] == "30"
    assert heading in response.content.decode()


def test_a_database_lost_inside_a_middleware_is_a_503_too(client, monkeypatch):
    def fail(self, *args, **kwargs):
        raise OperationalError("server closed the connection unexpectedly")

    monkeypatch.setattr("django.contrib.sessions.backends.db.SessionStore.load", fail)
    client.cookies["sessionid"] = "x" * 32
    assert client.get("/admin/").status_code == 503


def test_a_bug_in_a_query_stays_a_500(client, monkeypatch):
    break_home_page(monkeypatch, ProgrammingError("column does not exist"))
    response = client.get("/en/")
    assert response.status_code == 500
    assert "Retry-After" not in response.headers
