"""An Amur company applies for the pavilion from the exhibition page, confirms
by email, follows and corrects its application on its own page, withdraws or
erases it; bad input is told in the visitor's language, never a 500."""

import datetime
import functools
import html
import re

import pytest
from django.core.cache import cache
from django.urls import reverse
from django.utils import timezone, translation

from amur_invest.outbox.models import OutgoingEmail
from exhibitions import services
from exhibitions.models import Participation
from partners.applications.views import TooManySubmissions
from partners.models import Company, Consent, Sector
from tests.exhibitions.factories import (
    ApplicationFactory,
    ExhibitionFactory,
    OpenExhibitionFactory,
    days_from_today,
)
from tests.partners.factories import CompanyFactory, inn_with_check_digit

pytestmark = pytest.mark.django_db

Status = Participation.Status
LINK = re.compile(r"https?://\S+/applications/\S+")


@pytest.fixture(autouse=True)
def fresh_rate_limit_counters():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def committed(django_capture_on_commit_callbacks):
    """`with committed():` sends, at its end, the mail kept inside."""
    return functools.partial(django_capture_on_commit_callbacks, execute=True)


@pytest.fixture
def exhibition():
    return OpenExhibitionFactory(slug="foodex-japan-2021")


def url(name, language, **kwargs):
    with translation.override(language):
        return reverse(f"exhibitions:{name}", kwargs=kwargs)


def form_data(**overrides):
    data = {
        "inn": inn_with_check_digit(555),
        "company_name": "ООО «Амурский мёд»",
        "company_name_other": "",
        "district": "",
        "sectors": [Sector.objects.get(slug="honey").pk],
        "contact_name": "Ольга Миронова",
        "contact_position": "Директор по экспорту",
        "email": "olga@example.ru",
        "phone": "+7 914 555-12-34",
        "products_to_show": "Липовый мёд, мёд в сотах",
        "volumes_offered": "до 40 тонн в год",
        "certifications_held": "ХАССП",
        "stand_wishes": "",
        "language": "ru",
        "consent": "on",
        "homepage": "",
    }
    data.update(overrides)
    return data


def apply(client, exhibition, *, language="ru", **overrides):
    return client.post(
        url("apply", language, slug=exhibition.slug), form_data(**overrides)
    )


def links_in(message) -> list[str]:
    return LINK.findall(message.body)


# The form ------------------------------------------------------------------------


@pytest.mark.parametrize("language", ["ru", "ja", "en"])
def test_the_form_opens_in_every_language_with_the_consent_naming_the_exhibition(
    client, exhibition, language
):
    response = client.get(url("apply", language, slug=exhibition.slug))

    assert response.status_code == 200
    content = response.content.decode()
    assert f'<html lang="{language}"' in content
    assert 'name="inn"' in content
    assert 'name="products_to_show"' in content
    with translation.override(language):
        assert html.escape(exhibition.name) in content


def test_an_application_is_kept_unconfirmed_and_the_link_is_emailed(
    client, exhibition, mailoutbox, committed
):
    with committed():
        response = apply(client, exhibition, language="ja", email="Olga@Example.ru")

    assert response.status_code == 302
    assert response.url == url("application_sent", "ja", slug=exhibition.slug)
    participation = Participation.objects.get()
    assert participation.status == Status.UNCONFIRMED
    assert participation.company is None
    assert participation.email == "olga@example.ru"
    assert participation.phone == "+79145551234"
    assert participation.products_to_show == "Липовый мёд, мёд в сотах"
    consent = participation.consent
    assert consent.purpose == Consent.Purpose.EXHIBITION_APPLICATION
    assert consent.language == "ja"
    assert exhibition.name_ja in consent.text
    [message] = mailoutbox
    assert message.to == ["olga@example.ru"]
    # Russian, the correspondence language the form said.
    assert "/ru/applications/confirm/" in message.body
    assert message.subject.startswith("Подтвердите заявку")


def test_the_whole_life_of_an_application_from_the_form_to_withdrawal(
    client, exhibition, mailoutbox, committed
):
    with committed():
        apply(client, exhibition, language="en", inn=inn_with_check_digit(556))
    confirm_link = next(link for link in links_in(mailoutbox[0]) if "/confirm/" in link)

    with committed():
        confirmed = client.get(confirm_link, follow=True)

    participation = Participation.objects.get()
    assert participation.status == Status.SUBMITTED
    assert participation.company == Company.objects.get(inn=inn_with_check_digit(556))
    assert confirmed.redirect_chain[-1][0] == participation.get_applicant_url()
    page = confirmed.content.decode()
    assert "Ваша заявка" in page  # the link is in the Russian the form said
    assert confirmed.headers["Referrer-Policy"] == "no-referrer"
    assert "no-store" in confirmed.headers["Cache-Control"]

    with committed():
        withdrawn = client.post(
            url("application_withdraw", "ru", token=participation.token), follow=True
        )

    participation.refresh_from_db()
    assert participation.status == Status.WITHDRAWN
    assert withdrawn.status_code == 200
    assert [m.subject for m in mailoutbox][-1].startswith("Заявка отозвана")


def test_the_applicant_corrects_the_application_until_the_deadline(
    client, mailoutbox, committed
):
    participation = ApplicationFactory(email="olga@example.ru", language="ru")
    edit = url("application_edit", "ru", token=participation.token)

    page = client.get(edit)
    assert 'value="olga@example.ru"' in page.content.decode()
    with committed():
        response = client.post(
            edit,
            form_data(
                email="olga@example.ru",
                products_to_show="Мёд гречишный",
                stand_wishes="Витрина",
            ),
        )

    assert response.status_code == 302
    participation.refresh_from_db()
    assert participation.products_to_show == "Мёд гречишный"
    assert participation.stand_wishes == "Витрина"
    assert participation.status_changes.last().kind == "details"
    assert mailoutbox[-1].to == ["olga@example.ru"]


def test_corrections_stop_at_the_deadline(client):
    participation = ApplicationFactory(
        exhibition=OpenExhibitionFactory(
            application_deadline=timezone.now() - datetime.timedelta(hours=1)
        )
    )
    edit = url("application_edit", "en", token=participation.token)

    page = client.get(edit)
    refused = client.post(edit, form_data(products_to_show="Другое"))

    assert "can no longer be corrected here" in page.content.decode()
    assert refused.status_code == 200
    participation.refresh_from_db()
    assert participation.products_to_show != "Другое"
    detail = client.get(participation.get_applicant_url()).content.decode()
    assert 'href="' + edit not in detail


def test_erasing_personal_data_from_the_applicants_page(client):
    participation = ApplicationFactory(phone="+74162000000", stand_wishes="Иван")
    OutgoingEmail.objects.create(
        owner=participation,
        kind="status_submitted",
        recipient=participation.email,
        language="ru",
        subject="Тема",
        body="Текст",
    )

    client.post(url("application_erase", "ja", token=participation.token))

    participation.refresh_from_db()
    assert participation.is_anonymised
    assert participation.contact_name == participation.phone == ""
    assert participation.stand_wishes == ""
    assert participation.products_to_show  # the company's, not a person's
    assert not participation.outgoing_emails.exists()


def test_an_unknown_token_is_a_404(client):
    assert (
        client.get(url("application_detail", "ja", token="x" * 43)).status_code == 404
    )


def test_a_forged_confirmation_link_is_a_clear_400(client):
    response = client.get(url("application_confirm", "ja", signed="forged:link"))

    assert response.status_code == 400
    assert '<html lang="ja"' in response.content.decode()


def test_the_applicants_page_stays_within_its_query_budget(
    client, django_assert_max_num_queries
):
    participation = ApplicationFactory()
    for _ in range(30):
        participation.status_changes.create(to_status=Status.SUBMITTED)
    sectors = Sector.objects.all()[:5]
    participation.company_sectors.set(sectors)

    with django_assert_max_num_queries(12):
        response = client.get(participation.get_applicant_url())

    assert response.status_code == 200
    assert participation.company_name in response.text
    history = response.text.split('class="status-history"')[1].split("</ol>")[0]
    assert history.count("<li>") == 30
    for sector in sectors:
        assert sector.name_en in response.text


# Bad input -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("overrides", "field", "message"),
    [
        ({"inn": "2801234560"}, "inn", "is not a valid INN"),
        ({"company_name": "Amur Honey LLC"}, "company_name", "in Russian"),
        ({"consent": ""}, "consent", "Without your consent"),
        ({"products_to_show": ""}, "products_to_show", "fill in this field"),
        ({"sectors": []}, "sectors", "Choose at least one sector"),
        ({"phone": "12"}, "phone", "not a valid phone number"),
        ({"contact_name": "Ольга\x1b[31m"}, "contact_name", "control"),
        ({"stand_wishes": "витрина\x00"}, "stand_wishes", "control"),
    ],
)
def test_bad_input_is_told_in_the_form_and_nothing_is_kept(
    client, exhibition, mailoutbox, overrides, field, message
):
    response = apply(client, exhibition, language="en", **overrides)

    assert response.status_code == 200
    errors = " ".join(response.context["form"].errors[field])
    assert message.lower() in errors.lower()
    assert 'class="error-summary"' in response.content.decode()
    assert not Participation.objects.exists()
    assert not Consent.objects.exists()
    assert mailoutbox == []


def test_bad_input_is_told_in_japanese_on_the_japanese_form(client, exhibition):
    response = apply(client, exhibition, language="ja", company_name="Amur Honey")

    with translation.override("ja"):
        assert "ロシア語" in " ".join(response.context["form"].errors["company_name"])


def test_a_filled_honeypot_gets_the_same_answer_and_keeps_nothing(
    client, exhibition, mailoutbox
):
    response = apply(client, exhibition, homepage="http://spam.example")

    assert response.status_code == 302
    assert not Participation.objects.exists()
    assert mailoutbox == []


@pytest.mark.parametrize(
    "closed",
    [
        {"applications_open": False},
        {"application_deadline": timezone.now() - datetime.timedelta(hours=1)},
        {"is_cancelled": True},
        {"starts_on": days_from_today(-1), "ends_on": days_from_today(2)},
    ],
)
def test_a_closed_exhibition_takes_no_application(client, closed):
    exhibition = OpenExhibitionFactory(**closed)

    page = client.get(url("apply", "en", slug=exhibition.slug))
    sent = apply(client, exhibition, language="en")

    assert 'name="inn"' not in page.content.decode()
    assert sent.status_code == 200
    assert not Participation.objects.exists()


def test_a_past_exhibition_says_applications_are_closed(client):
    exhibition = ExhibitionFactory(applications_open=True)
    response = client.get(url("apply", "en", slug=exhibition.slug))
    assert "Applications for this exhibition are closed" in response.content.decode()


def test_too_many_applications_from_one_network_keep_what_was_typed(
    client, exhibition, settings
):
    settings.EXHIBITIONS_APPLICATION_RATE = "2/h"
    for seed in (1, 2):
        sent = apply(
            client, exhibition, inn=inn_with_check_digit(seed), email=f"{seed}@x.ru"
        )
        assert sent.status_code == 302

    response = apply(
        client,
        exhibition,
        language="ja",
        inn=inn_with_check_digit(3),
        email="third@example.ru",
        products_to_show="Мёд из Зеи",
    )

    assert response.status_code == 429
    content = response.content.decode()
    with translation.override("ja"):
        assert html.escape(str(TooManySubmissions())) in content
    assert 'value="third@example.ru"' in content
    assert "Мёд из Зеи" in content
    assert Participation.objects.count() == 2


def test_mistakes_never_count_towards_the_rate_limit(client, exhibition, settings):
    settings.EXHIBITIONS_APPLICATION_RATE = "2/h"
    for _ in range(4):
        mistake = apply(client, exhibition, inn="123")
        assert mistake.status_code == 200
        assert list(mistake.context["form"].errors) == ["inn"]

    response = apply(client, exhibition)

    assert response.status_code == 302
    assert Participation.objects.get().status == Status.UNCONFIRMED


def test_too_many_emails_to_one_address_is_told_on_the_form(
    client, exhibition, settings
):
    settings.APPLICATIONS_EMAILS_PER_ADDRESS_PER_HOUR = 1
    apply(client, exhibition, inn=inn_with_check_digit(1))

    response = apply(client, exhibition, inn=inn_with_check_digit(2))

    assert response.status_code == 429
    assert 'name="inn"' in response.content.decode()
    assert Participation.objects.count() == 1


# Services --------------------------------------------------------------------------


def test_accepting_fills_empty_catalogue_texts_from_the_companys_words():
    participation = ApplicationFactory(
        products_to_show="シナノキの蜂蜜",
        volumes_offered="до 40 тонн",
        certifications_held="",
        products_shown_ru="",
        products_shown_ja="",
        products_shown_en="",
        volumes_en="Staff wrote this",
    )

    services.accept_participation(participation=participation, by=None)

    participation.refresh_from_db()
    assert participation.status == Status.ACCEPTED
    assert participation.products_shown_ja == "シナノキの蜂蜜"
    assert not participation.products_shown_ru
    # What staff have written stays as it is.
    assert participation.volumes_en == "Staff wrote this"
    assert not participation.volumes_ru


def test_a_second_application_of_an_accepted_company_cannot_be_accepted():
    company = CompanyFactory()
    first = ApplicationFactory(company=company)
    second = ApplicationFactory(company=company, exhibition=first.exhibition)
    services.accept_participation(participation=first, by=None)

    with pytest.raises(services.decisions.CompanyAlreadyAccepted):
        services.accept_participation(participation=second, by=None)
    second.refresh_from_db()
    assert second.status == Status.SUBMITTED
