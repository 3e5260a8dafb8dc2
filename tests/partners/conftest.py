import pytest
from django.utils import translation


@pytest.fixture(autouse=True)
def english():
    """Messages outside a request in English, whatever test ran before in the
    same process (a request leaves its language active)."""
    with translation.override("en"):
        yield


@pytest.fixture
def superuser(django_user_model):
    return django_user_model.objects.create_superuser(
        "manager", "manager@amurinvest.example", "amur-pass-2020"
    )


@pytest.fixture
def staff_client(client, superuser):
    # Messages are checked in English; the admin otherwise follows the browser.
    client.defaults["HTTP_ACCEPT_LANGUAGE"] = "en"
    client.force_login(superuser)
    return client
