"""Every email about an application for the pavilion is written in the
applicant's language, carries the link to their page, has a plain one-line
subject, and ends with the agency's contact details."""

import functools

import pytest
from django.core import mail

from amur_invest.agency.models import AgencyContact
from exhibitions import services
from partners.applications.confirmation import confirmation_signature
from tests.exhibitions.factories import OpenExhibitionFactory, application

pytestmark = pytest.mark.django_db


@pytest.fixture
def committed(django_capture_on_commit_callbacks):
    return functools.partial(django_capture_on_commit_callbacks, execute=True)


@pytest.fixture
def agency():
    contact = AgencyContact.load()
    contact.name_ru = "Агентство Амурской области по привлечению инвестиций"
    contact.name_ja = "アムール州投資誘致庁"
    contact.name_en = "Amur Region Investment Attraction Agency"
    contact.phone = "+7 4162 22-00-00"
    contact.email = "info@amurinvest.example"
    contact.japan_desk_name_ja = "日本担当 イワノワ"
    contact.japan_desk_email = "japan@amurinvest.example"
    contact.save()
    return contact


def whole_life(exhibition, language):
    """Every kind of email one application gets: the link, the receipt, a
    correction, the link again (the form sent again: opened, it leads back
    to this application), the acceptance and the withdrawal."""
    form = application(exhibition, language=language, email="sato@example.jp", inn=None)
    inn = form["company"]["inn"]
    participation = services.submit_participation(**form)
    services.confirm_participation(signed=confirmation_signature(participation))
    participation.refresh_from_db()
    services.change_participation(
        participation=participation, changes={"products_to_show": "Мёд"}
    )
    again = services.submit_participation(
        **application(exhibition, language=language, email="sato@example.jp", inn=inn)
    )
    services.accept_participation(participation=participation, by=None)
    services.withdraw_participation(participation=participation)
    return participation, again.token


@pytest.mark.parametrize(
    ("language", "name", "greeting"),
    [
        ("ru", "Агентство Амурской области", "Здравствуйте"),
        ("ja", "アムール州投資誘致庁", "様"),
        ("en", "Amur Region Investment Attraction Agency", "Dear"),
    ],
)
def test_every_email_is_in_the_applicants_language_and_ends_with_the_agency(
    committed, agency, language, name, greeting
):
    with committed():
        participation, sent_again = whole_life(OpenExhibitionFactory(), language)

    assert len(mail.outbox) == 6
    pages = [
        f"/{language}/applications/{token}/"
        for token in (participation.token, sent_again)
    ]
    assert [pages[1] in message.body for message in mail.outbox] == [
        False,
        False,
        False,
        True,
        False,
        False,
    ]
    for message in mail.outbox:
        assert message.to == ["sato@example.jp"]
        assert "\n" not in message.subject
        assert greeting in message.body.split("\n", 1)[0]
        assert any(page in message.body for page in pages)
        tail = message.body.rsplit("--", 1)[1]
        assert name in tail
        assert "+7 4162 22-00-00" in tail
        assert "info@amurinvest.example" in tail


@pytest.mark.parametrize("language", ["ru", "ja"])
def test_no_email_falls_back_to_english(committed, language):
    with committed():
        whole_life(OpenExhibitionFactory(name_en="Fair"), language)
    # The subject's words before the exhibition's name are never English.
    english = [m.subject for m in mail.outbox if m.subject.split(":")[0].isascii()]
    assert english == []


def test_subjects_keep_names_as_typed(committed):
    exhibition = OpenExhibitionFactory(name_en="O'Neill & Partners' \"Eco\" fair")
    with committed():
        services.submit_participation(**application(exhibition, language="en"))

    assert mail.outbox[0].subject.endswith("O'Neill & Partners' \"Eco\" fair")
