"""Staff give a code from an authenticator app after their password."""

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission
from django_otp.oath import totp
from django_otp.plugins.otp_static.models import StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def required(settings):
    settings.STAFF_TWO_FACTOR = True


@pytest.fixture
def staff(client):
    user = get_user_model().objects.create_user(
        "coordinator", password="x", is_staff=True
    )
    client.force_login(user)
    return user


def current_code(device: TOTPDevice) -> str:
    return f"{totp(device.bin_key, step=device.step, digits=device.digits):06d}"


def set_up_app(client, user) -> tuple[TOTPDevice, list[str]]:
    client.get("/admin/two-factor/setup/")
    device = TOTPDevice.objects.get(user=user)
    response = client.post("/admin/two-factor/setup/", {"code": current_code(device)})
    return device, response.context["codes"]


def test_a_password_alone_does_not_open_the_admin(client, staff):
    response = client.get("/admin/partners/company/")
    assert response.status_code == 302
    assert response.url.startswith("/admin/two-factor/setup/?next=")


def test_setting_up_the_app_shows_ten_recovery_codes_once_and_opens_the_admin(
    client, staff
):
    setup = client.get("/admin/two-factor/setup/")
    assert setup.context["secret"]
    assert client.get("/admin/two-factor/setup/qr.svg").content.startswith(b"<?xml")
    device, codes = set_up_app(client, staff)
    assert len(codes) == 10 == len(set(codes))
    device.refresh_from_db()
    assert device.confirmed
    assert client.get("/admin/").status_code == 200


def test_a_wrong_code_during_setup_is_refused_with_a_message(client, staff):
    client.get("/ja/")
    response = client.post(
        "/admin/two-factor/setup/", {"code": "000000"}, HTTP_ACCEPT_LANGUAGE="ru"
    )
    assert "Код не совпадает" in response.content.decode()
    assert not TOTPDevice.objects.filter(user=staff, confirmed=True).exists()


def test_the_next_login_asks_for_the_code_and_accepts_the_app(client, staff):
    device, _codes = set_up_app(client, staff)
    client.logout()
    client.force_login(staff)
    response = client.get("/admin/missions/registration/")
    assert response.url.startswith("/admin/two-factor/?next=")
    device.refresh_from_db()
    device.last_t = -1  # the code used at setup may be reused in this test
    device.save()
    response = client.post(
        "/admin/two-factor/",
        {"code": current_code(device), "next": "/admin/missions/registration/"},
    )
    assert response.url == "/admin/missions/registration/"
    assert client.get("/admin/").status_code == 200


def test_a_recovery_code_works_once(client, staff):
    _device, codes = set_up_app(client, staff)
    for attempt in range(2):
        client.logout()
        client.force_login(staff)
        response = client.post("/admin/two-factor/", {"code": codes[0]})
        if attempt == 0:
            assert response.status_code == 302
        else:
            assert response.status_code == 200
            assert response.context["form"].errors
    assert StaticToken.objects.filter(device__user=staff).count() == 9


def user_actions(client) -> dict:
    form = client.get("/admin/auth/user/").context["action_form"]
    return dict(form.fields["action"].choices) if form else {}


def test_only_a_superuser_can_reset_a_colleagues_second_factor(client, staff):
    set_up_app(client, staff)
    manager = get_user_model().objects.create_user(
        "manager", password="x", is_staff=True
    )
    manager.user_permissions.add(
        *Permission.objects.filter(codename__in=["view_user", "change_user"])
    )
    client.force_login(manager)
    set_up_app(client, manager)
    assert "reset_two_factor" not in user_actions(client)

    superuser = get_user_model().objects.create_superuser("root", password="x")
    client.force_login(superuser)
    set_up_app(client, superuser)
    assert "reset_two_factor" in user_actions(client)
    client.post(
        "/admin/auth/user/",
        {"action": "reset_two_factor", "_selected_action": [staff.pk]},
    )
    assert not TOTPDevice.objects.filter(user=staff).exists()
    assert not StaticToken.objects.filter(device__user=staff).exists()
    client.force_login(staff)
    assert client.get("/admin/").url.startswith("/admin/two-factor/setup/")


def test_debug_without_two_factor_lets_staff_in_with_a_password(
    client, staff, settings
):
    settings.STAFF_TWO_FACTOR = False

    response = client.get("/admin/")

    assert response.status_code == 200
    assert response.context["user"] == staff
    assert "two-factor/setup" not in response.text
