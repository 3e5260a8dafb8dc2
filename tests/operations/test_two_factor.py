"""Staff give a code from an authenticator app after their password; they
set one up through a set-up link, never with the password alone; wrong codes
pause the address that typed them, for a while."""

import datetime
import re

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission
from django.core import mail
from django.test import Client
from django.utils import timezone
from django_otp.oath import totp
from django_otp.plugins.otp_static.models import StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from amur_invest.staff import code_attempts, enrolment

pytestmark = pytest.mark.django_db

OWNER_ADDRESS = "198.51.100.7"
STRANGER_ADDRESS = "203.0.113.66"


@pytest.fixture(autouse=True)
def required(settings):
    settings.STAFF_TWO_FACTOR = True


@pytest.fixture
def staff(client):
    user = get_user_model().objects.create_user(
        "coordinator", "coordinator@amurinvest.example", password="x", is_staff=True
    )
    client.defaults["HTTP_ACCEPT_LANGUAGE"] = "en"
    client.force_login(user)
    return user


def current_code(device: TOTPDevice) -> str:
    return f"{totp(device.bin_key, step=device.step, digits=device.digits):06d}"


def set_up_app(client, user) -> tuple[TOTPDevice, list[str]]:
    """Through a set-up link, as its owner does after the password."""
    client.get(enrolment.link_path(user))
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
    setup = client.get(enrolment.link_path(staff), follow=True)
    assert setup.context["secret"]
    assert client.get("/admin/two-factor/setup/qr.svg").content.startswith(b"<?xml")
    device, codes = set_up_app(client, staff)
    assert len(codes) == 10 == len(set(codes))
    device.refresh_from_db()
    assert device.confirmed
    assert client.get("/admin/").status_code == 200


def test_a_wrong_code_during_setup_is_refused_with_a_message(client, staff):
    client.get(enrolment.link_path(staff))
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
    response = client.post(
        "/admin/auth/user/",
        {"action": "reset_two_factor", "_selected_action": [staff.pk]},
    )
    assert not TOTPDevice.objects.filter(user=staff, confirmed=True).exists()
    assert not StaticToken.objects.filter(device__user=staff).exists()
    (link,) = re.findall(
        r"https?://[^/\s]+(/admin/two-factor/setup/[^/<]+/)", response.text
    )

    # The superuser hands the link over; its owner opens it after the password.
    client.force_login(staff)
    assert client.get("/admin/").url.startswith("/admin/two-factor/setup/")
    assert "secret" not in client.get("/admin/two-factor/setup/").context
    setup = client.get(link, follow=True)
    assert setup.context["secret"]


def test_debug_without_two_factor_lets_staff_in_with_a_password(
    client, staff, settings
):
    settings.STAFF_TWO_FACTOR = False

    response = client.get("/admin/")

    assert response.status_code == 200
    assert response.context["user"] == staff
    assert "two-factor/setup" not in response.text


# --- Setting up an app takes a set-up link ------------------------------------------


def test_a_password_alone_cannot_set_up_an_app(client, staff):
    setup = client.get("/admin/two-factor/setup/")

    assert setup.status_code == 200
    assert "secret" not in setup.context
    assert client.get("/admin/two-factor/setup/qr.svg").status_code == 404
    client.post("/admin/two-factor/setup/", {"code": "123456"})
    assert not TOTPDevice.objects.filter(user=staff, confirmed=True).exists()
    assert client.get("/admin/").status_code == 302


@pytest.mark.parametrize(
    ("language", "words"),
    [
        ("en", "Email me a set-up link"),
        ("ru", "Прислать ссылку для настройки"),
        ("ja", "設定用リンクをメールで受け取る"),
    ],
)
def test_the_page_after_the_password_says_how_to_get_a_link(
    client, staff, language, words
):
    response = client.get(
        "/admin/partners/company/", follow=True, HTTP_ACCEPT_LANGUAGE=language
    )

    assert words in response.text


def emailed_link(client) -> str:
    """Ask for a set-up link by email; the path in the email."""
    client.post("/admin/two-factor/setup/link/")
    (path,) = re.findall(r"https?://[^/\s]+(/\S+)", mail.outbox[-1].body)
    return path


def test_a_link_emailed_to_the_accounts_own_address_sets_up_the_app(client, staff):
    path = emailed_link(client)

    (email,) = mail.outbox
    assert email.to == ["coordinator@amurinvest.example"]
    setup = client.get(path, follow=True)
    assert setup.context["secret"]
    device = TOTPDevice.objects.get(user=staff)
    response = client.post("/admin/two-factor/setup/", {"code": current_code(device)})
    assert len(response.context["codes"]) == 10
    assert client.get("/admin/").status_code == 200


def test_a_link_works_once(client, staff):
    path = emailed_link(client)
    client.get(path)

    elsewhere = Client(HTTP_ACCEPT_LANGUAGE="en")
    elsewhere.force_login(staff)
    response = elsewhere.get(path, follow=True)

    assert "This set-up link does not work" in response.text
    assert "secret" not in elsewhere.get("/admin/two-factor/setup/").context


def test_a_link_opened_before_the_password_waits_for_it(staff):
    visitor = Client(HTTP_ACCEPT_LANGUAGE="en")
    path = enrolment.link_path(staff)

    response = visitor.get(path)

    assert response.status_code == 302
    assert response.url.startswith("/admin/login/")
    visitor.force_login(staff)
    assert visitor.get(path, follow=True).context["secret"]


def test_a_newer_link_replaces_the_older_one(client, staff):
    older = enrolment.link_path(staff)
    newer = enrolment.link_path(staff)

    assert "does not work" in client.get(older, follow=True).text
    assert client.get(newer, follow=True).context["secret"]


def test_an_expired_link_does_not_work(client, staff, settings):
    path = enrolment.link_path(staff)
    settings.STAFF_ENROLMENT_LINK_HOURS = 0

    assert "does not work" in client.get(path, follow=True).text


def test_a_link_of_another_account_does_not_work(client, staff):
    colleague = get_user_model().objects.create_user(
        "colleague", "colleague@amurinvest.example", password="x", is_staff=True
    )

    response = client.get(enrolment.link_path(colleague), follow=True)

    assert "does not work" in response.text
    assert not TOTPDevice.objects.filter(user=staff).exists()


def test_a_link_is_emailed_at_most_once_in_a_few_minutes(client, staff):
    emailed_link(client)
    response = client.post("/admin/two-factor/setup/link/", follow=True)

    assert len(mail.outbox) == 1
    assert "A set-up link was sent a few minutes ago" in response.text


def test_an_account_without_an_address_is_told_to_ask_a_superuser(client, staff):
    staff.email = ""
    staff.save()

    page = client.get("/admin/two-factor/setup/")
    client.post("/admin/two-factor/setup/link/")

    assert "ask a superuser for a set-up link" in page.text
    assert mail.outbox == []


# --- Wrong codes pause the address, not the account --------------------------------


@pytest.fixture
def clock(monkeypatch):
    """Now, movable: the tests skip the pauses instead of sitting them out."""

    class Clock:
        now = timezone.now()

        def advance(self, **delta):
            self.now += datetime.timedelta(**delta)

    moving = Clock()
    monkeypatch.setattr(timezone, "now", lambda: moving.now)
    return moving


@pytest.fixture
def owner_app(client, staff):
    """The owner's app, set up; their session logged out."""
    device, _codes = set_up_app(client, staff)
    device.refresh_from_db()
    client.logout()
    return device


def try_code(client, code: str, address: str):
    return client.post("/admin/two-factor/", {"code": code}, REMOTE_ADDR=address)


def fresh_code(device: TOTPDevice) -> str:
    # A code may be used once: let the current one count again in the test.
    TOTPDevice.objects.filter(pk=device.pk).update(last_t=-1)
    device.refresh_from_db()
    return current_code(device)


def test_a_strangers_wrong_codes_never_lock_the_owner_out(staff, owner_app, clock):
    stranger = Client(HTTP_ACCEPT_LANGUAGE="en")
    stranger.force_login(staff)  # who has learnt the password
    for _ in range(12):
        clock.advance(minutes=20)
        assert try_code(stranger, "000000", STRANGER_ADDRESS).status_code in {200, 429}

    owner = Client(HTTP_ACCEPT_LANGUAGE="en")
    owner.force_login(staff)
    response = try_code(owner, fresh_code(owner_app), OWNER_ADDRESS)

    assert response.status_code == 302
    assert owner.get("/admin/").status_code == 200


def test_after_five_wrong_codes_the_address_waits_a_minute_even_with_the_right_code(
    client, staff, owner_app, clock
):
    client.force_login(staff)
    for _ in range(5):
        assert try_code(client, "000000", OWNER_ADDRESS).status_code == 200

    paused = try_code(client, fresh_code(owner_app), OWNER_ADDRESS)
    clock.advance(seconds=61)
    after_the_pause = try_code(client, fresh_code(owner_app), OWNER_ADDRESS)

    assert paused.status_code == 429
    assert "Try again in 1 minute." in paused.text
    assert after_the_pause.status_code == 302


@pytest.mark.parametrize(
    ("language", "words"),
    [
        ("en", "Too many wrong codes from this address. Try again in 2 minutes."),
        (
            "ru",
            "Слишком много неверных кодов с этого адреса. Попробуйте снова через 2 минуты.",
        ),
        (
            "ja",
            "このアドレスから誤ったコードが多すぎます。2 分後にもう一度お試しください。",
        ),
    ],
)
def test_the_pause_is_explained_in_the_staff_language(
    client, staff, owner_app, clock, language, words
):
    client.force_login(staff)
    for _ in range(6):
        clock.advance(minutes=2)
        try_code(client, "000000", OWNER_ADDRESS)

    response = client.post(
        "/admin/two-factor/",
        {"code": "000000"},
        REMOTE_ADDR=OWNER_ADDRESS,
        HTTP_ACCEPT_LANGUAGE=language,
    )

    assert words in response.text


def test_the_pause_doubles_and_ends_at_a_quarter_of_an_hour():
    minutes = [
        code_attempts.pause_after(failures) / datetime.timedelta(minutes=1)
        for failures in range(4, 12)
    ]

    assert minutes == [0, 1, 2, 4, 8, 15, 15, 15]


def test_the_right_code_clears_the_count(client, staff, owner_app, clock):
    client.force_login(staff)
    for _ in range(4):
        try_code(client, "000000", OWNER_ADDRESS)
    try_code(client, fresh_code(owner_app), OWNER_ADDRESS)

    client.force_login(staff)
    for _ in range(4):
        try_code(client, "000000", OWNER_ADDRESS)

    assert try_code(client, fresh_code(owner_app), OWNER_ADDRESS).status_code == 302
