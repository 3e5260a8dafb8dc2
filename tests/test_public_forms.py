"""What a stranger can do with the three public forms (a mission
registration, an application for an exhibition pavilion, an investor
inquiry), tried as a stranger would: through the pages, on PostgreSQL.

No value a column cannot hold gets through (a 500 on PostgreSQL); one hourly
budget of emails per address, whichever form is used; nothing a stranger
types reaches another person's mailbox beyond a short name with no links;
and the answer never tells whether a company has already applied from an
address."""

import functools
import re

import pytest
from django import forms
from django.core import mail
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation

from amur_invest.outbox.models import OutgoingEmail
from exhibitions.forms import ApplicationChangeForm, ApplicationForm
from exhibitions.models import Participation
from missions.forms import RegistrationChangeForm, RegistrationForm
from missions.models import Registration
from partners.applications import confirmation
from partners.applications.confirmation import confirmation_signature
from partners.applications.forms import HONEYPOT_FIELD
from partners.models import Consent
from showcase.inquiries.forms import ContactForm
from showcase.models import Inquiry
from tests.partners.factories import inn_with_check_digit
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
    "ru": "Не больше 254 символов (сейчас 255)",
    "ja": "254文字以内で入力してください（現在255文字）",
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
    assert re.match(r"Your inquiry AMR-\d{4}-\d{5} is received", received)
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


# The answer tells no one who has applied -----------------------------------------


def statements(queries) -> list[str]:
    """What the database was asked to do, without the values: the verb and
    the table of each statement."""
    table = re.compile(r'^(?:UPDATE|.*?\b(?:FROM|INTO))\s+"(\w+)"', re.S)
    kinds = []
    for query in queries:
        sql = query["sql"]
        named = table.match(sql)
        kinds.append(f"{sql.split()[0]} {named[1] if named else ''}".strip())
    return kinds


def written(work: list[str]) -> set[str]:
    """The tables a post wrote to."""
    verbs = {"INSERT", "UPDATE", "DELETE"}
    return {step.split()[1] for step in work if step.split()[0] in verbs}


def answer(client, form, **changes):
    """The response to one post, the statements it took, the mail it kept."""
    before = OutgoingEmail.objects.order_by("-pk").values_list("pk", flat=True)
    last = before.first() or 0
    with CaptureQueriesContext(connection) as queries:
        response = form.post(client, "en", **changes)
    kept = OutgoingEmail.objects.filter(pk__gt=last).values_list("kind", flat=True)
    return response, statements(queries), list(kept)


@pytest.mark.parametrize("kind", ["registration", "application"])
def test_a_company_that_applied_from_the_address_gets_the_answer_a_new_one_gets(
    client, kind
):
    form = FORMS[kind]()
    applied = inn_with_check_digit(4_400_001)
    form.post(client, inn=applied, email="olga@example.ru")
    pending = form.model.objects.get()
    confirmation.confirm(
        workflow=submission_workflow(form.model),
        signed=confirmation_signature(pending),
    )

    again, again_work, again_mail = answer(
        client, form, inn=applied, email="olga@example.ru"
    )
    new, new_work, new_mail = answer(
        client, form, inn=inn_with_check_digit(4_400_002), email="olga@example.ru"
    )

    assert again.status_code == new.status_code == 302
    assert again["Location"] == new["Location"]
    assert again_mail == new_mail == ["confirm"]
    assert again_work == new_work


@pytest.mark.parametrize("kind", ["registration", "application"])
def test_a_form_sent_again_gets_the_same_answer_and_changes_nothing(
    client, committed, kind
):
    """The second post is answered as the first, and its page tells everyone
    alike what happens when the form was sent before; the application keeps
    the first sender's answers, and the email says why it came again, in the
    language of the first sender, to the address on file."""
    form = FORMS[kind]()
    inn = inn_with_check_digit(4_400_003)
    with committed():
        first, _work, first_mail = answer(client, form, inn=inn, language="en")
    with committed():
        second, _work, second_mail = answer(
            client,
            form,
            inn=inn,
            language="ja",
            contact_name="Чужой Человек",
            phone="+7 999 000-00-00",
        )

    assert first.status_code == second.status_code == 302
    assert first["Location"] == second["Location"]
    assert first_mail == second_mail == ["confirm"]
    [kept] = form.model.objects.filter(inn=inn)
    assert (kept.contact_name, kept.phone, kept.language) == (
        "Ольга Миронова",
        "+79145551234",
        "en",
    )
    assert [m.to for m in mail.outbox] == [["olga@example.ru"]] * 2
    assert "sent again" in " ".join(mail.outbox[1].body.split())
    assert "Чужой" not in mail.outbox[1].body
    page = client.get(second["Location"].replace("/en/", "/ja/", 1))
    assert "最初のフォーム" in page.text


def submission_workflow(model):
    from exhibitions.services.workflow import PARTICIPATIONS
    from missions.services.workflow import REGISTRATIONS

    return {Registration: REGISTRATIONS, Participation: PARTICIPATIONS}[model]


def link_of(application) -> str:
    with translation.override(application.language):
        return reverse(
            application.confirm_url_name,
            kwargs={"signed": confirmation_signature(application)},
        )


@pytest.mark.parametrize(
    ("kind", "told"),
    [
        ("registration", "The company had already registered from this address"),
        ("application", "The company had already applied from this address"),
    ],
)
def test_the_link_of_a_form_sent_again_opens_the_application_confirmed_before(
    client, kind, told
):
    form = FORMS[kind]()
    inn = inn_with_check_digit(4_400_004)
    form.post(client, "en", inn=inn, language="en")
    first = form.model.objects.get()
    client.get(link_of(first))
    form.post(client, "en", inn=inn, language="en", contact_name="Someone Else")
    again = form.model.objects.get(status="unconfirmed")

    response = client.get(link_of(again), follow=True)

    first.refresh_from_db()
    assert response.redirect_chain[-1][0] == first.get_applicant_url()
    assert told in response.content.decode()
    assert first.contact_name == "Ольга Миронова"
    assert list(form.model.objects.values_list("pk", flat=True)) == [first.pk]
