"""What a stranger can do with the three public forms (a mission
registration, an application for an exhibition pavilion, an investor
inquiry), tried as a stranger would: through the pages, on PostgreSQL.

No value a column cannot hold gets through (a 500 on PostgreSQL); one hourly
budget of emails per address, whichever form is used; nothing a stranger
types reaches another person's mailbox beyond a short name with no links."""

import functools

import pytest
from django import forms
from django.core import mail
from django.core.cache import cache

from exhibitions.forms import ApplicationChangeForm, ApplicationForm
from exhibitions.models import Participation
from missions.forms import RegistrationChangeForm, RegistrationForm
from missions.models import Registration
from partners.applications.forms import HONEYPOT_FIELD
from partners.models import Consent, OutgoingEmail
from showcase.forms.inquiry import ContactForm
from showcase.models import Inquiry
from tests.public_forms import (
    FORMS,
    PublicForm,
    application_form,
    inquiry_form,
    registration_form,
)

pytestmark = pytest.mark.django_db

LANGUAGES = ["ru", "ja", "en"]
# Django's form EmailField takes 320 characters; the columns hold 254.
TOO_LONG_ADDRESS = "a" * 244 + "@example.ru"
TOO_LONG_IN = {
    "ru": "не более 254 символов (сейчас 255)",
    "ja": "254 文字以下でなければなりません( 255 文字",
    "en": "at most 254 characters (it has 255)",
}
PHISHING = (
    "Dear customer. URGENT: your account is suspended, verify at "
    "http://evil.example/login within 24h,"
)


@pytest.fixture(autouse=True)
def fresh_rate_limit_counters():
    # Each form's rate limit counts in the cache, which outlives a test.
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def committed(django_capture_on_commit_callbacks):
    """`with committed():` sends, at its end, the mail kept inside."""
    return functools.partial(django_capture_on_commit_callbacks, execute=True)


@pytest.fixture(params=FORMS)
def public_form(request) -> PublicForm:
    return FORMS[request.param]()


def stored() -> tuple[int, ...]:
    return (
        Registration.objects.count(),
        Participation.objects.count(),
        Inquiry.objects.count(),
        Consent.objects.count(),
        OutgoingEmail.objects.count(),
    )


# What a column cannot hold ------------------------------------------------------


@pytest.mark.parametrize("language", LANGUAGES)
def test_an_address_too_long_for_its_column_is_refused_in_the_forms_language(
    client, public_form, language
):
    response = public_form.post(client, language, email=TOO_LONG_ADDRESS)

    assert response.status_code == 200
    assert TOO_LONG_IN[language] in response.content.decode()
    assert stored() == (0, 0, 0, 0, 0)


@pytest.mark.parametrize(
    "form",
    [
        RegistrationForm,
        RegistrationChangeForm,
        ApplicationForm,
        ApplicationChangeForm,
        ContactForm,
    ],
)
def test_every_text_field_of_a_public_form_is_held_to_a_column(form):
    columns = {column.name for column in form.column_model._meta.get_fields()}
    texts = [
        name
        for name, field in form.base_fields.items()
        if isinstance(field, forms.CharField) and name != HONEYPOT_FIELD
    ]
    assert texts
    assert set(texts) <= columns


def test_an_address_that_fits_its_column_is_taken(client, public_form):
    address = "a" * 243 + "@example.ru"

    response = public_form.post(client, email=address)

    assert response.status_code == 302
    assert public_form.model.objects.get().email == address


# One budget of emails per address -------------------------------------------------


def test_every_public_form_spends_one_hourly_budget_of_emails_per_address(
    client, settings, committed
):
    settings.APPLICATIONS_EMAILS_PER_ADDRESS_PER_HOUR = 5
    victim = "victim@example.ru"
    forms = [registration_form(), application_form(), inquiry_form()]
    # From many networks, so that no form's own rate limit steps in.
    with committed():
        for number in range(5):
            form = forms[number % 3]
            sent = form.post(client, email=victim, address=f"203.0.113.{number}")
            assert sent.status_code == 302

    refused = [
        form.post(client, email=victim, address=f"192.0.2.{number}")
        for number, form in enumerate(forms)
    ]

    assert [response.status_code for response in refused] == [429, 429, 429]
    assert len([m for m in mail.outbox if m.to == [victim]]) == 5
    assert OutgoingEmail.objects.filter(recipient=victim).count() == 5
    assert Inquiry.objects.count() == 1


def test_a_refused_inquiry_keeps_what_was_typed_and_says_why(client, settings):
    settings.APPLICATIONS_EMAILS_PER_ADDRESS_PER_HOUR = 1
    registration_form().post(client, email="yamada@example.jp")

    response = inquiry_form().post(client, "en", email="yamada@example.jp")

    page = response.content.decode()
    assert response.status_code == 429
    assert "several emails to this address within the last hour" in page
    assert "アムール州の蜂蜜の輸入に関心があります。" in page
    assert not Inquiry.objects.exists()


# Nothing a stranger types in someone else's mailbox ------------------------------


def mail_to(address: str) -> str:
    return "\n".join(
        f"{message.subject}\n{message.body}"
        for message in mail.outbox
        if message.to == [address]
    )


def test_the_inquiry_acknowledgement_repeats_no_stranger_text_beyond_a_short_name(
    client, committed
):
    form = inquiry_form()
    with committed():
        form.post(
            client,
            "en",
            name=PHISHING,
            organization="Call +1 555 0100 now",
            country="www.evil.example",
            email="victim@example.jp",
        )

    received = mail_to("victim@example.jp")
    assert received.startswith("Your inquiry is received")
    assert "evil" not in received
    assert "URGENT" not in received
    assert "555" not in received
    assert "Hello," in received


@pytest.mark.parametrize("kind", ["registration", "application"])
def test_the_confirmation_email_repeats_no_stranger_text_beyond_a_short_name(
    client, committed, kind
):
    form = FORMS[kind]()
    with committed():
        form.post(
            client,
            "en",
            contact_name=PHISHING,
            company_name="ООО «Проверьте счёт на evil.example/login»",
            email="victim@example.ru",
        )

    received = mail_to("victim@example.ru")
    assert "/confirm/" in received
    assert "evil" not in received
    assert "URGENT" not in received
    assert "Проверьте" not in received


@pytest.mark.parametrize(
    ("name", "greeting"),
    [
        ("山田太郎", "山田太郎 様"),
        ("Anne-Marie O'Neill", "Dear Anne-Marie O'Neill,"),
        ("J. Smith", "Dear J. Smith,"),
    ],
)
def test_a_short_name_of_letters_is_still_greeted(client, committed, name, greeting):
    with committed():
        inquiry_form().post(client, "ja" if "様" in greeting else "en", name=name)

    assert greeting in mail_to("yamada@example.jp")
