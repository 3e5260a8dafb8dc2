"""Staff logins pause after repeated failures; one notion of the client's
address serves rate limits, lockouts and consent records."""

import pytest
from django.test import RequestFactory

from amur_invest.security import client_address

LOGIN = "/admin/login/?next=/admin/"
PASSWORD = "amur-pass-2020"


@pytest.fixture
def manager(django_user_model):
    return django_user_model.objects.create_superuser(
        "manager", "manager@amurinvest.example", PASSWORD
    )


def log_in(client, password, *, username="manager", address="198.51.100.10"):
    return client.post(
        LOGIN,
        {"username": username, "password": password, "next": "/admin/"},
        REMOTE_ADDR=address,
    )


def signed_in(client, response, user) -> bool:
    """The login answered with the admin and the session is the user's."""
    answer = (response.status_code, response.get("Location"))
    return answer == (302, "/admin/") and client.session.get("_auth_user_id") == str(
        user.pk
    )


def fail(client, times, **kwargs):
    for _ in range(times):
        response = log_in(client, "wrong-password", **kwargs)
        assert response.status_code == 200, "a wrong password shows the form again"


def lock_out(client, **kwargs):
    fail(client, 4, **kwargs)
    assert log_in(client, "wrong-password", **kwargs).status_code == 429


@pytest.mark.django_db
class TestStaffLoginLockout:
    def test_right_password_logs_in(self, client, manager):
        response = log_in(client, PASSWORD)

        assert response.status_code == 302
        assert response.url == "/admin/"

    def test_after_five_failures_even_the_right_password_is_refused(
        self, client, manager
    ):
        lock_out(client)

        response = log_in(client, PASSWORD)

        assert response.status_code == 429
        assert "_auth_user_id" not in client.session
        assert client.get("/admin/").status_code == 302, "still not logged in"

    @pytest.mark.parametrize(
        ("language", "words"),
        [
            ("en", "logging in from this address is paused"),
            ("ru", "вход с этого адреса приостановлен"),
            ("ja", "このアドレスからのログインを一時停止"),
        ],
    )
    def test_pause_is_explained_in_the_staff_language(
        self, client, manager, language, words
    ):
        client.defaults["HTTP_ACCEPT_LANGUAGE"] = language
        lock_out(client)

        response = log_in(client, PASSWORD)

        assert words in response.text
        assert "15" in response.text
        assert 'href="/admin/login/"' in response.text
        assert 'id="nav-sidebar"' not in response.text, "no app list for a stranger"

    def test_the_same_username_from_another_address_may_log_in(self, client, manager):
        lock_out(client, address="198.51.100.10")

        response = log_in(client, PASSWORD, address="203.0.113.20")

        assert signed_in(client, response, manager)

    def test_another_username_from_the_same_address_may_log_in(
        self, client, manager, django_user_model
    ):
        editor = django_user_model.objects.create_superuser(
            "editor", "e@example.ru", PASSWORD
        )
        lock_out(client)

        response = log_in(client, PASSWORD, username="editor")

        assert signed_in(client, response, editor)

    def test_a_successful_login_clears_earlier_failures(self, client, manager):
        fail(client, 4)
        assert signed_in(client, log_in(client, PASSWORD), manager)
        client.logout()
        fail(client, 4)

        assert signed_in(client, log_in(client, PASSWORD), manager)


class TestClientAddress:
    def request(self, **meta):
        return RequestFactory().get("/", **meta)

    def test_without_a_proxy_it_is_the_connection_address(self, settings):
        settings.CLIENT_IP_META_KEY = None
        request = self.request(REMOTE_ADDR="198.51.100.7", HTTP_X_REAL_IP="1.2.3.4")

        assert client_address(request) == "198.51.100.7"

    def test_behind_a_proxy_it_is_the_header_the_proxy_sets(self, settings):
        settings.CLIENT_IP_META_KEY = "HTTP_X_REAL_IP"
        request = self.request(REMOTE_ADDR="10.0.0.2", HTTP_X_REAL_IP="203.0.113.9")

        assert client_address(request) == "203.0.113.9"

    def test_of_a_forwarded_list_only_the_hop_the_proxy_added_counts(self, settings):
        settings.CLIENT_IP_META_KEY = "HTTP_X_FORWARDED_FOR"
        request = self.request(
            REMOTE_ADDR="10.0.0.2", HTTP_X_FORWARDED_FOR="6.6.6.6, 203.0.113.9"
        )

        assert client_address(request) == "203.0.113.9"

    def test_a_missing_header_falls_back_to_the_connection(self, settings):
        settings.CLIENT_IP_META_KEY = "HTTP_X_REAL_IP"

        assert client_address(self.request(REMOTE_ADDR="10.0.0.2")) == "10.0.0.2"

    def test_garbage_is_no_address(self, settings):
        settings.CLIENT_IP_META_KEY = "HTTP_X_REAL_IP"
        request = self.request(REMOTE_ADDR="", HTTP_X_REAL_IP="<script>")

        assert client_address(request) is None
