"""The investor inquiry: the form and its refusals, routing, the promised
reply date, the emails, and the staff's view of overdue inquiries."""

import datetime
import functools
import re

import pytest
from django import forms
from django.contrib.auth import get_user_model
from django.core import mail
from django.core.cache import cache
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext

from amur_invest.agency.models import AgencyContact
from amur_invest.outbox.models import OutgoingEmail
from amur_invest.text import PlainTextValidator
from partners.models import Consent
from showcase.inquiries import services as inquiries
from showcase.inquiries.forms import CONSENT_VERSION, ContactForm
from showcase.models import Inquiry, InquiryStatusChange
from tests.exhibitions.factories import ParticipationFactory
from tests.missions.factories import ConsentRecordFactory
from tests.partners.factories import CompanyFactory, SectorFactory
from tests.showcase.content_factories import InquiryFactory, InquiryRouteFactory
from tests.showcase.invest_factories import (
    InvestmentProjectFactory,
    InvestmentSiteFactory,
)

pytestmark = pytest.mark.django_db

Status = Inquiry.Status
FRIDAY = datetime.date(2020, 1, 10)


@pytest.fixture(autouse=True)
def empty_rate_limits():
    # The rate limit counts in the cache, which outlives a test.
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def committed(django_capture_on_commit_callbacks):
    return functools.partial(django_capture_on_commit_callbacks, execute=True)


def staff(username: str, **extra):
    return get_user_model().objects.create_user(
        username=username,
        email=f"{username}@amurinvest.example",
        is_staff=True,
        **extra,
    )


@pytest.fixture
def honey():
    return SectorFactory(slug="honey", name_ru="Мёд", name_ja="蜂蜜", name_en="Honey")


@pytest.fixture
def routes(honey):
    """Honey inquiries go to Olga; everything else to Pavel."""
    olga, pavel = staff("olga"), staff("pavel")
    InquiryRouteFactory(sector=honey, assignee=olga)
    InquiryRouteFactory(sector=None, assignee=pavel)
    return {"honey": olga, "default": pavel}


def form_data(**changes) -> dict:
    data = {
        "name": "山田太郎",
        "organization": "北海道貿易株式会社",
        "email": "Yamada@Example.jp",
        "phone": "03-1234-5678",
        "country": "日本",
        "message": "アムール州の蜂蜜の輸入に関心があります。\n条件を教えてください。",
        "consent": "on",
        "homepage": "",
    }
    data.update(changes)
    return {key: value for key, value in data.items() if value is not None}


def post(client, committed, language="ja", about="", **changes):
    data = form_data(**changes)
    if about:
        data["about"] = about
    with committed():
        return client.post(
            f"/{language}/contact/",
            data,
            HTTP_USER_AGENT="Mozilla/5.0 (Macintosh) Safari",
            REMOTE_ADDR="198.51.100.23",
        )


# The form ---------------------------------------------------------------------


def test_an_inquiry_is_kept_with_its_consent_and_its_first_status(client, committed):
    response = post(client, committed)

    assert response.status_code == 302
    assert response.url == "/ja/contact/sent/"
    inquiry = Inquiry.objects.get()
    assert (inquiry.name, inquiry.email, inquiry.language) == (
        "山田太郎",
        "yamada@example.jp",
        "ja",
    )
    assert inquiry.phone == "+81312345678"
    assert inquiry.status == Status.NEW
    consent = inquiry.consent
    assert consent.purpose == Consent.Purpose.INQUIRY
    assert consent.text_version == CONSENT_VERSION
    assert consent.language == "ja"
    assert len(consent.text_hash) == 64
    assert consent.ip_address == "198.51.100.23"
    assert consent.user_agent == "Mozilla/5.0 (Macintosh) Safari"
    with translation.override("ja"):
        assert "152-FZ" in consent.text
    (change,) = inquiry.status_changes.all()
    assert (change.from_status, change.to_status, change.changed_by) == (
        "",
        Status.NEW,
        None,
    )


@pytest.mark.parametrize("language", ["ru", "ja", "en"])
def test_the_page_after_sending_states_the_reply_date(client, committed, language):
    response = client.get(f"/{language}/contact/sent/")
    assert response.status_code == 200
    deadline = inquiries.reply_deadline()
    assert response.context["reply_by"] == deadline


def test_the_subject_from_the_address_is_shown_and_kept(client, committed, honey):
    page = client.get("/en/contact/?about=sector:honey").text
    assert "Honey" in page
    assert 'name="about" value="sector:honey"' in page

    post(client, committed, about="sector:honey")

    inquiry = Inquiry.objects.get()
    assert (inquiry.subject_kind, inquiry.subject_key) == ("sector", "honey")
    assert inquiry.subject_name == honey.name_ja
    assert inquiry.sector == honey


def test_an_unknown_subject_is_ignored(client, committed):
    page = client.get("/en/contact/?about=exhibitor:no-such-thing").text
    assert "About" not in page.split('id="main"')[1].split("<form")[0]

    post(client, committed, about="sector:no-such-sector")

    assert Inquiry.objects.get().subject_kind == ""


def test_a_company_subject_routes_by_the_companys_sector(client, committed, routes):
    CompanyFactory(slug="amur-honey", sectors=[SectorFactory(slug="honey")])

    post(client, committed, about="company:amur-honey")

    inquiry = Inquiry.objects.get()
    assert inquiry.subject_kind == "company"
    assert inquiry.assignee == routes["honey"]


def test_an_unpublished_company_is_not_a_subject(client, committed):
    CompanyFactory(slug="hidden", is_published=False)
    post(client, committed, about="company:hidden")
    assert Inquiry.objects.get().subject_name == ""


def test_an_unknown_project_is_not_a_subject(client, committed):
    post(client, committed, about="project:honey-plant")
    assert Inquiry.objects.get().subject_kind == ""


def test_a_project_subject_routes_by_the_projects_sector(
    client, committed, routes, honey
):
    InvestmentProjectFactory(slug="honey-plant", title_ja="蜂蜜加工工場", sector=honey)
    post(client, committed, about="project:honey-plant")

    inquiry = Inquiry.objects.get()
    assert (inquiry.subject_kind, inquiry.subject_name) == ("project", "蜂蜜加工工場")
    assert inquiry.assignee == routes["honey"]


def test_a_site_is_a_subject(client, committed):
    InvestmentSiteFactory(slug="tynda-plot", name_ja="トゥインダの用地")
    post(client, committed, about="site:tynda-plot")
    inquiry = Inquiry.objects.get()
    assert (inquiry.subject_kind, inquiry.subject_name) == ("site", "トゥインダの用地")


def test_an_accepted_exhibitor_is_a_subject_and_others_are_not(
    client, committed, routes, honey
):
    accepted = ParticipationFactory(
        status="accepted",
        company=CompanyFactory(name_ja="アムール蜂蜜", sectors=[honey]),
    )
    declined = ParticipationFactory(status="declined")
    post(client, committed, about=f"exhibitor:{declined.pk}")
    post(client, committed, about=f"exhibitor:{accepted.pk}", email="b@example.jp")

    first, second = Inquiry.objects.order_by("pk")
    assert first.subject_kind == ""
    assert second.subject_kind == "exhibitor"
    assert second.subject_name.startswith("アムール蜂蜜 — ")
    assert second.assignee == routes["honey"]


def test_control_characters_are_refused_and_the_text_kept(client, committed):
    response = post(client, committed, language="en", name="Taro\x1bYamada", phone="")

    assert response.status_code == 200
    assert not Inquiry.objects.exists()
    html = response.text
    assert "invisible control characters" in html
    assert "条件を教えてください。" in html


def test_a_missing_consent_is_explained_in_the_visitors_language(client, committed):
    response = post(client, committed, language="ja", consent=None)

    assert response.status_code == 200
    assert not Inquiry.objects.exists()
    with translation.override("ja"):
        message = gettext(
            "Without your consent to the processing of personal data we "
            "cannot accept the inquiry."
        )
    assert message in response.text
    assert "北海道貿易株式会社" in response.text


def test_an_invalid_phone_number_is_explained(client, committed):
    response = post(client, committed, language="en", phone="12")
    assert response.status_code == 200
    assert "is not a valid phone number" in response.text


def test_the_phone_may_stay_empty(client, committed):
    post(client, committed, phone="")
    assert Inquiry.objects.get().phone == ""


def test_a_filled_honeypot_looks_sent_but_keeps_nothing(client, committed):
    response = post(client, committed, homepage="http://spam.example")

    assert response.status_code == 302
    assert not Inquiry.objects.exists()
    assert not Consent.objects.exists()
    assert mail.outbox == []


def test_the_rate_limit_counts_sent_inquiries_not_mistakes(client, committed, settings):
    settings.INQUIRY_RATE = "2/h"
    for _ in range(3):
        assert post(client, committed, email="not-an-address").status_code == 200
    assert post(client, committed).status_code == 302
    assert post(client, committed).status_code == 302

    response = post(client, committed, language="en", phone="", message="Third one")

    assert response.status_code == 429
    assert Inquiry.objects.count() == 2
    assert "Your text is kept below" in response.text
    assert "Third one" in response.text


def test_the_rate_limit_is_per_address(client, committed, settings):
    settings.INQUIRY_RATE = "1/h"
    assert post(client, committed).status_code == 302
    with committed():
        response = client.post("/ja/contact/", form_data(), REMOTE_ADDR="203.0.113.99")
    assert response.status_code == 302
    addresses = Consent.objects.values_list("ip_address", flat=True)
    assert sorted(addresses) == ["198.51.100.23", "203.0.113.99"]
    assert Inquiry.objects.count() == 2


# Routing and the reply date -------------------------------------------------


def test_an_inquiry_about_a_sector_goes_to_that_sectors_assignee(
    client, committed, routes
):
    post(client, committed, about="sector:honey")
    assert Inquiry.objects.get().assignee == routes["honey"]


def test_an_inquiry_about_nothing_in_particular_goes_to_the_default(
    client, committed, routes
):
    post(client, committed)
    assert Inquiry.objects.get().assignee == routes["default"]


def test_a_departed_assignee_passes_to_the_default(client, committed, routes):
    routes["honey"].is_active = False
    routes["honey"].save()
    post(client, committed, about="sector:honey")
    assert Inquiry.objects.get().assignee == routes["default"]


def test_without_a_routing_table_the_inquiry_waits_unassigned(client, committed):
    post(client, committed)
    assert Inquiry.objects.get().assignee is None


@pytest.mark.parametrize(
    ("received", "days", "expected"),
    [
        (FRIDAY, 1, datetime.date(2020, 1, 13)),  # Monday after
        (FRIDAY, 5, datetime.date(2020, 1, 17)),
        (FRIDAY, 10, datetime.date(2020, 1, 24)),
        (datetime.date(2020, 1, 11), 10, datetime.date(2020, 1, 24)),  # Saturday
        (datetime.date(2020, 1, 13), 10, datetime.date(2020, 1, 27)),  # Monday
    ],
)
def test_working_days_skip_weekends(received, days, expected):
    assert inquiries.add_working_days(received, days) == expected


def test_the_reply_date_follows_the_setting(settings):
    settings.INQUIRY_REPLY_WORKING_DAYS = 3
    assert inquiries.reply_deadline(FRIDAY) == datetime.date(2020, 1, 15)


def submit_on(day, monkeypatch, committed, *, language="ja", subject=None, **fields):
    monkeypatch.setattr(timezone, "localdate", lambda *args, **kwargs: day)
    values = {
        "name": "山田太郎",
        "organization": "北海道貿易株式会社",
        "email": "yamada@example.jp",
        "country": "日本",
        "message": "質問があります。",
        **fields,
    }
    with committed():
        return inquiries.submit_inquiry(
            fields=values,
            subject=subject,
            language=language,
            consent=ConsentRecordFactory(language=language),
        )


@pytest.mark.parametrize(
    ("language", "deadline"),
    [("ja", "2020年1月24日"), ("ru", "24 января 2020"), ("en", "Jan. 24, 2020")],
)
def test_the_acknowledgement_states_the_reply_date_in_the_inquirers_language(
    monkeypatch, committed, language, deadline
):
    agency = AgencyContact.load()
    agency.phone = "+7 4162 000 000"
    agency.hours_ja = "月〜金 9:00〜18:00"
    agency.hours_ru = "Пн–Пт 9:00–18:00"
    agency.hours_en = "Mon–Fri 9:00–18:00"
    agency.save()

    inquiry = submit_on(FRIDAY, monkeypatch, committed, language=language)

    assert inquiry.reply_due_on == datetime.date(2020, 1, 24)
    (message,) = [m for m in mail.outbox if m.to == ["yamada@example.jp"]]
    assert deadline in message.subject
    assert deadline in message.body
    assert "10" in message.body
    tail = message.body[message.body.rindex("--") :]
    assert getattr(agency, f"name_{language}") in tail
    assert "+7 4162 000 000" in tail
    assert getattr(agency, f"hours_{language}") in tail


def test_the_acknowledgement_never_repeats_the_message(monkeypatch, committed):
    submit_on(FRIDAY, monkeypatch, committed, message="Buy cheap watches here")
    (message,) = mail.outbox
    assert "cheap watches" not in message.body


def test_the_emails_go_through_the_outgoing_mail_queue(monkeypatch, committed):
    olga = staff("olga")
    InquiryRouteFactory(assignee=olga)

    submit_on(FRIDAY, monkeypatch, committed)

    kinds = dict(OutgoingEmail.objects.values_list("kind", "recipient"))
    assert kinds == {
        "inquiry_received": "yamada@example.jp",
        "inquiry_assigned": "olga@amurinvest.example",
    }
    assert all(email.sent_at for email in OutgoingEmail.objects.all())
    assert OutgoingEmail.objects.filter(registration__isnull=False).count() == 0


def test_the_assignee_reads_names_as_typed_in_the_subject(monkeypatch, committed):
    InquiryRouteFactory(assignee=staff("olga"))

    submit_on(FRIDAY, monkeypatch, committed, organization="Tanaka & Sons <Japan>")

    (message,) = [m for m in mail.outbox if m.to == ["olga@amurinvest.example"]]
    assert "Tanaka & Sons <Japan>" in message.subject
    assert "Tanaka & Sons <Japan>" in message.body
    assert "&amp;" not in message.body
    assert "/admin/showcase/inquiry/" in message.body


# Status ------------------------------------------------------------------------


def test_every_status_change_is_kept_with_who_and_when():
    inquiry = InquiryFactory()
    olga = staff("olga")

    inquiries.change_status(inquiry=inquiry, to=Status.IN_PROGRESS, by=olga)
    inquiries.change_status(inquiry=inquiry, to=Status.IN_PROGRESS, by=olga)
    inquiries.change_status(inquiry=inquiry, to=Status.ANSWERED, by=olga, note="Sent")

    steps = list(
        InquiryStatusChange.objects.filter(inquiry=inquiry).values_list(
            "from_status", "to_status", "changed_by", "note"
        )
    )
    assert steps == [
        ("new", "in_progress", olga.pk, ""),
        ("in_progress", "answered", olga.pk, "Sent"),
    ]
    inquiry.refresh_from_db()
    assert inquiry.status == Status.ANSWERED


def test_an_inquiry_is_overdue_only_while_a_reply_is_owed():
    today = datetime.date(2020, 3, 10)
    late = InquiryFactory(reply_due_on=datetime.date(2020, 3, 9))
    answered = InquiryFactory(
        reply_due_on=datetime.date(2020, 3, 9), status=Status.ANSWERED
    )
    due_today = InquiryFactory(reply_due_on=today)
    assert late.is_overdue(today)
    assert not answered.is_overdue(today)
    assert not due_today.is_overdue(today)
    assert list(Inquiry.objects.overdue(today)) == [late]


def test_the_ask_about_button_fills_the_subject_of_the_form(client, honey):
    with translation.override("ja"):
        button = render_to_string(
            "showcase/invest/_contact_button.html",
            {"about": "sector:honey", "label": "Ask"},
        )
    href = re.search(r'href="([^"]+)"', button).group(1)
    assert href == "/ja/contact/?about=sector:honey"
    assert honey.name_ja in client.get(href).text


def test_every_text_field_of_the_form_refuses_control_characters():
    unchecked = [
        name
        for name, field in ContactForm.base_fields.items()
        if type(field) is forms.CharField
        and name != "homepage"
        and not any(isinstance(v, PlainTextValidator) for v in field.validators)
    ]
    assert unchecked == []


@pytest.mark.parametrize(
    "about", ["sector:ho\x00ney", "sector:" + "x" * 500, "company:a b", "sector:"]
)
def test_a_strange_subject_is_ignored_not_an_error(client, committed, about):
    assert client.get("/ja/contact/", {"about": about}).status_code == 200
    assert post(client, committed, about=about).status_code == 302
    assert Inquiry.objects.get().subject_kind == ""
