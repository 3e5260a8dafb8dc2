import functools
import re
import smtplib
import time
from urllib.parse import urlsplit

import pytest
from django.core import mail, signing
from django.core.mail.backends.locmem import EmailBackend
from django.core.management import call_command
from django.tasks import task_backends
from django.urls import resolve
from django.utils import translation
from django.utils.translation import gettext

from amur_invest.agency.models import AgencyContact
from amur_invest.outbox import delivery, tasks
from amur_invest.outbox.models import OutgoingEmail
from missions import services
from missions.models import Mission, Registration
from partners.applications import emails
from partners.applications.confirmation import confirmation_signature
from partners.applications.errors import ExpiredLink, InvalidLink
from tests.missions.factories import MissionFactory, RegistrationFactory, submission

pytestmark = pytest.mark.django_db

SITE_URL = "https://amurinvest.example"
LINK = re.compile(r"https://amurinvest\.example/\S+")


@pytest.fixture(autouse=True)
def site_url(settings):
    settings.SITE_URL = SITE_URL


@pytest.fixture
def committed(django_capture_on_commit_callbacks):
    return functools.partial(django_capture_on_commit_callbacks, execute=True)


@pytest.fixture
def broken_mail_server(monkeypatch):
    def refuse(self, messages):
        raise smtplib.SMTPServerDisconnected("Connection unexpectedly closed")

    monkeypatch.setattr(EmailBackend, "send_messages", refuse)


def resolved(url: str, language: str):
    """The view name and kwargs a link leads to, read in its own language."""
    with translation.override(language):
        match = resolve(urlsplit(url).path)
    return match.view_name, match.kwargs


def links(message) -> list[str]:
    return LINK.findall(message.body)


@pytest.mark.parametrize("language", ["ru", "ja", "en"])
def test_confirmation_email_is_in_the_registrants_language(committed, language):
    mission = MissionFactory()
    with committed():
        registration = services.submit_registration(
            **submission(mission, language=language, email="anna@example.ru")
        )

    (message,) = mail.outbox
    assert message.to == ["anna@example.ru"]
    with translation.override(language):
        expected_subject = gettext("Please confirm your registration: %(mission)s") % {
            "mission": mission.title
        }
    assert message.subject == expected_subject
    assert getattr(mission, f"title_{language}") in message.subject
    assert all(link.startswith(f"{SITE_URL}/{language}/") for link in links(message))
    assert registration.token in message.body


def test_a_japanese_email_writes_the_japanese_colon_after_its_labels(committed):
    mission = MissionFactory()
    with committed():
        services.submit_registration(**submission(mission, language="ja"))

    (message,) = mail.outbox
    with translation.override("ja"):
        label = gettext("Mission")
    assert f"{label}：" in message.body
    assert f"{label}:" not in message.body


def test_confirmation_email_links_confirm_and_lead_to_the_registrants_page(committed):
    mission = MissionFactory()
    with committed():
        registration = services.submit_registration(
            **submission(mission, language="ja")
        )

    views = dict(resolved(link, "ja") for link in links(mail.outbox[0]))
    assert views["missions:registration_detail"] == {"token": registration.token}
    signed = views["missions:registration_confirm"]["signed"]
    assert services.confirm_registration(signed=signed).status == "submitted"


def test_confirmation_link_expires_after_72_hours(monkeypatch):
    registration = RegistrationFactory(status=Registration.Status.UNCONFIRMED)
    now = time.time()
    monkeypatch.setattr(signing.time, "time", lambda: now - 72 * 3600 - 60)
    signed = confirmation_signature(registration)
    monkeypatch.setattr(signing.time, "time", lambda: now)

    with pytest.raises(ExpiredLink):
        services.confirm_registration(signed=signed)
    registration.refresh_from_db()
    assert registration.status == Registration.Status.UNCONFIRMED


def test_confirmation_link_is_still_valid_just_before_72_hours(monkeypatch):
    registration = RegistrationFactory(status=Registration.Status.UNCONFIRMED)
    now = time.time()
    monkeypatch.setattr(signing.time, "time", lambda: now - 71 * 3600)
    signed = confirmation_signature(registration)
    monkeypatch.setattr(signing.time, "time", lambda: now)

    confirmed = services.confirm_registration(signed=signed)

    assert confirmed.status == Registration.Status.SUBMITTED


def test_confirmation_lifetime_follows_the_setting(settings, monkeypatch):
    settings.APPLICATIONS_CONFIRMATION_MAX_AGE = 60
    registration = RegistrationFactory(status=Registration.Status.UNCONFIRMED)
    now = time.time()
    monkeypatch.setattr(signing.time, "time", lambda: now - 120)
    signed = confirmation_signature(registration)
    monkeypatch.setattr(signing.time, "time", lambda: now)

    with pytest.raises(ExpiredLink):
        services.confirm_registration(signed=signed)


def test_a_link_signed_for_another_purpose_is_invalid():
    registration = RegistrationFactory(status=Registration.Status.UNCONFIRMED)
    signed = signing.TimestampSigner(salt="something-else").sign(registration.token)

    with pytest.raises(InvalidLink):
        services.confirm_registration(signed=signed)


@pytest.mark.parametrize("language", ["ru", "ja", "en"])
def test_status_emails_carry_the_page_link_in_the_registrants_language(
    committed, language
):
    mission = MissionFactory(delegate_seats=1)
    accepted = RegistrationFactory(
        mission=mission, status=Registration.Status.ACCEPTED, language=language
    )
    waiting = RegistrationFactory(
        mission=mission, status=Registration.Status.WAITLISTED, language=language
    )

    with committed():
        services.withdraw_registration(registration=accepted)

    withdrawn_mail, promoted_mail = mail.outbox
    assert withdrawn_mail.to == [accepted.email]
    assert promoted_mail.to == [waiting.email]
    page = f"{SITE_URL}/{language}/registrations/{waiting.token}/"
    assert page in links(promoted_mail)
    with translation.override(language):
        expected_subject = gettext("You are in the delegation: %(mission)s") % {
            "mission": mission.title
        }
        seat_freed = gettext(
            "A seat in the delegation has become free, and your registration was "
            "next on the waiting list."
        )
    assert promoted_mail.subject == expected_subject
    assert seat_freed in promoted_mail.body


def test_waitlist_email_tells_the_place_on_the_list(committed):
    mission = MissionFactory(
        delegate_seats=0, admission_mode=Mission.AdmissionMode.FIRST_COME
    )
    RegistrationFactory(mission=mission, status=Registration.Status.WAITLISTED)
    registration = services.submit_registration(**submission(mission, language="en"))

    with committed():
        services.confirm_registration(signed=confirmation_signature(registration))

    with translation.override("en"):
        place = gettext("Your place on the waiting list: %(position)s.") % {
            "position": 2
        }
    assert place in mail.outbox[0].body


def test_text_emails_are_not_html_escaped(committed):
    registration = RegistrationFactory(
        contact_name="Anne O'Neill",
        company__name_ru='ООО "Мёд & Co"',
        status=Registration.Status.SUBMITTED,
    )

    with committed():
        services.hold_registration(registration=registration, by=None)

    body = mail.outbox[0].body
    assert "Anne O'Neill" in body
    assert 'ООО "Мёд & Co"' in body
    assert "&amp;" not in body
    assert "&quot;" not in body
    assert "&#x27;" not in body


def test_subjects_are_plain_text_not_html_escaped(committed):
    mission = MissionFactory(title_en="Japan: O'Neill & Partners' \"Eco\" week")

    with committed():
        services.submit_registration(**submission(mission, language="en"))

    subject = mail.outbox[0].subject
    assert subject.endswith("""Japan: O'Neill & Partners' "Eco" week""")
    assert "&#x27;" not in subject
    assert "&amp;" not in subject


@pytest.fixture
def agency():
    contact = AgencyContact.load()
    contact.name_ru = "Агентство Амурской области по привлечению инвестиций"
    contact.name_ja = "アムール州投資誘致庁"
    contact.name_en = "Amur Region Investment Attraction Agency"
    contact.address_ru = "Благовещенск, ул. Ленина, 135"
    contact.address_ja = "ブラゴヴェシチェンスク市レーニン通り135"
    contact.address_en = "135 Lenina St, Blagoveshchensk"
    contact.phone = "+7 4162 22-00-00"
    contact.email = "info@amurinvest.example"
    contact.japan_desk_name_ru = "Анна Иванова, отдел по работе с Японией"
    contact.japan_desk_name_ja = "日本担当 イワノワ"
    contact.japan_desk_name_en = "Anna Ivanova, Japan desk"
    contact.japan_desk_email = "japan@amurinvest.example"
    contact.save()
    return contact


@pytest.mark.parametrize(
    ("language", "name", "address"),
    [
        ("ru", "Агентство Амурской области", "ул. Ленина, 135"),
        ("ja", "アムール州投資誘致庁", "レーニン通り135"),
        ("en", "Amur Region Investment Attraction Agency", "135 Lenina St"),
    ],
)
def test_every_email_ends_with_the_agencys_contacts_in_the_registrants_language(
    committed, agency, language, name, address
):
    mission = MissionFactory(delegate_seats=1)
    with committed():
        registration = services.submit_registration(
            **submission(mission, language=language)
        )
        services.confirm_registration(signed=confirmation_signature(registration))
        services.accept_registrations(registrations=[registration], by=None)

    assert len(mail.outbox) == 3
    for message in mail.outbox:
        tail = message.body.rsplit("--", 1)[1]
        assert name in tail
        assert address in tail
        assert "+7 4162 22-00-00" in tail
        assert "info@amurinvest.example" in tail
        assert "japan@amurinvest.example" in tail


def test_a_failing_mail_server_keeps_the_registration_and_the_email(
    committed, broken_mail_server
):
    mission = MissionFactory()

    with committed():
        registration = services.submit_registration(**submission(mission))

    assert Registration.objects.filter(pk=registration.pk).exists()
    email = OutgoingEmail.objects.get(registration=registration)
    assert email.sent_at is None
    assert email.attempts == 1
    assert "SMTPServerDisconnected" in email.last_error
    assert email.next_attempt_at > email.created_at
    assert mail.outbox == []


def test_an_unsent_email_is_sent_by_the_retry_command_once_the_server_is_back(
    committed, monkeypatch
):
    def refuse(self, messages):
        raise smtplib.SMTPServerDisconnected("down")

    with monkeypatch.context() as patch:
        patch.setattr(EmailBackend, "send_messages", refuse)
        with committed():
            registration = services.submit_registration(**submission(MissionFactory()))
    # The next attempt is not due yet: a plain run leaves it alone.
    call_command("send_pending_emails")
    assert mail.outbox == []

    call_command("send_pending_emails", "--now")

    email = OutgoingEmail.objects.get(registration=registration)
    assert email.sent_at is not None
    assert email.attempts == 2
    assert email.last_error == ""
    assert [message.to for message in mail.outbox] == [[registration.email]]


def test_a_sent_email_is_never_sent_twice(committed):
    with committed():
        registration = services.submit_registration(**submission(MissionFactory()))
    email = OutgoingEmail.objects.get(registration=registration)

    assert delivery.deliver(email.pk) is None
    call_command("send_pending_emails", "--now")

    assert len(mail.outbox) == 1


def test_an_email_that_failed_too_often_waits_for_staff(broken_mail_server):
    registration = RegistrationFactory()
    email = emails.queue(kind="status_submitted", application=registration)
    OutgoingEmail.objects.filter(pk=email.pk).update(attempts=delivery.MAX_ATTEMPTS)

    call_command("send_pending_emails", "--now")

    email.refresh_from_db()
    assert email.attempts == delivery.MAX_ATTEMPTS
    assert email.sent_at is None


def test_the_task_schedules_its_own_retry_where_the_backend_can_defer(
    settings, broken_mail_server
):
    email = emails.queue(kind="status_submitted", application=RegistrationFactory())
    settings.TASKS = {
        "default": {"BACKEND": "django.tasks.backends.dummy.DummyBackend"}
    }

    assert tasks.send_email.call(email.pk) is False

    email.refresh_from_db()
    (retry,) = task_backends["default"].results
    assert retry.args == [email.pk]
    assert retry.task.run_after == email.next_attempt_at
