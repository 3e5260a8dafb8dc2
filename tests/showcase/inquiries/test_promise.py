"""A person answers, and the promise is kept in public: routing to a named
person, the reference and the reply date on the thanks page and in the
acknowledgement (whose replies reach that person), replies written in the
admin and sent in the inquiry's language, overdue inquiries escalated once,
and the public page of figures."""

import datetime
import functools
import io
import re

import pytest
from django.contrib.auth.models import Group
from django.core import mail
from django.core.cache import cache
from django.core.management import call_command
from django.utils import timezone
from django.utils.translation import gettext_lazy

from amur_invest.staff.models import AuditEntry
from showcase.inquiries import promise
from showcase.inquiries import services as inquiries
from showcase.models import Inquiry, InquiryReply
from tests.partners.factories import SectorFactory
from tests.showcase.content_factories import (
    InquiryFactory,
    InquiryHandlerFactory,
    InquiryRouteFactory,
    StaffUserFactory,
)

pytestmark = pytest.mark.django_db

Status = Inquiry.Status
REFERENCE = re.compile(r"AMR-\d{4}-\d{5}")


@pytest.fixture(autouse=True)
def empty_cache():
    # Rate limits and the promise's figures live in the cache.
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def committed(django_capture_on_commit_callbacks):
    return functools.partial(django_capture_on_commit_callbacks, execute=True)


@pytest.fixture
def honey():
    return SectorFactory(slug="honey", name_ru="Мёд", name_ja="蜂蜜", name_en="Honey")


@pytest.fixture
def people(honey):
    """Honey goes to Olga; Japanese inquiries to Kenji; the rest to Pavel."""
    olga = InquiryHandlerFactory(
        user__username="olga",
        name_ru="Ольга Петрова",
        name_ja="オリガ・ペトロワ",
        name_en="Olga Petrova",
        email="o.petrova@amurinvest.example",
    )
    kenji = InquiryHandlerFactory(
        user__username="kenji",
        name_ru="Кэндзи Сато",
        name_ja="佐藤健二",
        name_en="Kenji Sato",
        title_ja="日本デスク担当",
        email="k.sato@amurinvest.example",
    )
    pavel = InquiryHandlerFactory(user__username="pavel", email="p@amurinvest.example")
    InquiryRouteFactory(sector=honey, handler=olga)
    InquiryRouteFactory(language="ja", handler=kenji)
    InquiryRouteFactory(handler=pavel)
    return {"olga": olga, "kenji": kenji, "pavel": pavel}


def form_data(**changes) -> dict:
    data = {
        "name": "山田太郎",
        "organization": "北海道貿易株式会社",
        "email": "yamada@example.jp",
        "phone": "",
        "country": "日本",
        "message": "アムール州の蜂蜜の輸入に関心があります。",
        "consent": "on",
        "homepage": "",
    }
    return {**data, **changes}


def send(client, committed, language="ja", **changes):
    with committed():
        return client.post(
            f"/{language}/contact/", form_data(**changes), REMOTE_ADDR="198.51.100.5"
        )


# Routing ---------------------------------------------------------------------


def test_the_rule_with_the_most_matching_criteria_wins(people, honey):
    def handler(**kwargs):
        return inquiries.handler_for(**{"sector": None, **kwargs})

    assert handler(sector=honey, language="ja") == people["olga"]
    assert handler(language="ja") == people["kenji"]
    assert handler(language="ru") == people["pavel"]
    both = InquiryRouteFactory(sector=honey, language="ja")
    assert handler(sector=honey, language="ja") == both.handler
    assert handler(sector=honey, language="en") == people["olga"]


def test_a_rule_by_the_kind_of_subject(people):
    sites = InquiryRouteFactory(subject_kind="site")
    assert inquiries.handler_for(sector=None, subject_kind="site") == sites.handler
    assert inquiries.handler_for(sector=None, subject_kind="company") == people["pavel"]


def test_the_contact_page_names_who_will_answer_before_sending(client, people):
    page = client.get("/ja/contact/").text
    assert "佐藤健二" in page
    assert "日本デスク担当" in page
    assert "k.sato@amurinvest.example" in page

    assert "Ольга Петрова" in client.get("/ru/contact/?about=sector:honey").text
    assert "/ja/contact/promise/" in page


# The done-when: the person, the reference and the date, and the reply --------


def test_the_inquirer_is_told_who_answers_with_the_reference_and_the_date(
    client, committed, people, settings
):
    settings.SITE_URL = "https://invest.amurobl.example"
    response = send(client, committed)
    assert response.status_code == 302

    inquiry = Inquiry.objects.get()
    assert REFERENCE.fullmatch(inquiry.reference)
    assert inquiry.reference.endswith(f"-{inquiry.pk:05d}")
    assert inquiry.handler == people["kenji"]
    assert inquiry.assignee == people["kenji"].user
    due = inquiry.reply_due_on
    japanese_date = f"{due.year}年{due.month}月{due.day}日"

    thanks = client.get(response.url).text
    assert "佐藤健二" in thanks
    assert "k.sato@amurinvest.example" in thanks
    assert inquiry.reference in thanks
    assert japanese_date in thanks
    # Shown once: the next visit is the page anyone sees.
    assert inquiry.reference not in client.get(response.url).text

    (acknowledgement,) = [m for m in mail.outbox if m.to == ["yamada@example.jp"]]
    assert acknowledgement.reply_to == ["k.sato@amurinvest.example"]
    for text in ("佐藤健二", "日本デスク担当", inquiry.reference, japanese_date):
        assert text in acknowledgement.body
    assert inquiry.reference in acknowledgement.subject
    assert "返信は不要" not in acknowledgement.body
    assert "https://invest.amurobl.example/ja/contact/promise/" in acknowledgement.body
    assert "127.0.0.1:8000" not in acknowledgement.body


def test_the_links_follow_the_address_served_in_debug(
    client, committed, people, settings
):
    settings.DEBUG = True
    settings.SITE_URL_FOLLOWS_REQUEST = True
    with committed():
        client.post(
            "/en/contact/",
            form_data(),
            REMOTE_ADDR="198.51.100.5",
            HTTP_HOST="127.0.0.1:8311",
        )
    (acknowledgement,) = [m for m in mail.outbox if m.to == ["yamada@example.jp"]]
    assert "http://127.0.0.1:8311/en/contact/promise/" in acknowledgement.body


def reply_form(inquiry, body: str) -> dict:
    data = {
        "status": inquiry.status,
        "handler": inquiry.handler_id or "",
        "assignee": inquiry.assignee_id or "",
        "sector": inquiry.sector_id or "",
        "staff_notes": "",
        "replies-0-body": body,
    }
    for prefix, total in (("replies", "1"), ("status_changes", "0")):
        data |= {
            f"{prefix}-TOTAL_FORMS": total,
            f"{prefix}-INITIAL_FORMS": "0",
            f"{prefix}-MIN_NUM_FORMS": "0",
            f"{prefix}-MAX_NUM_FORMS": "1000",
        }
    return data


def test_a_reply_written_in_the_admin_goes_in_the_inquirys_language(
    client, admin_client, admin_user, committed, people
):
    send(client, committed)
    inquiry = Inquiry.objects.get()
    mail.outbox.clear()

    with committed():
        response = admin_client.post(
            f"/admin/showcase/inquiry/{inquiry.pk}/change/",
            reply_form(
                inquiry, "お問い合わせありがとうございます。\n価格表をお送りします。"
            ),
        )

    assert response.status_code == 302, response.context["errors"]
    (message,) = mail.outbox
    assert message.to == ["yamada@example.jp"]
    assert message.reply_to == ["k.sato@amurinvest.example"]
    assert inquiry.reference in message.subject
    assert "への回答" in message.subject  # the frame is in Japanese
    assert "価格表をお送りします。" in message.body
    assert "佐藤健二" in message.body
    assert "日本デスク担当" in message.body
    inquiry.refresh_from_db()
    assert inquiry.status == Status.ANSWERED
    assert inquiry.first_replied_at is not None
    (reply,) = InquiryReply.objects.filter(inquiry=inquiry)
    assert reply.written_by == admin_user
    change = inquiry.status_changes.get(to_status=Status.ANSWERED)
    assert change.changed_by == admin_user
    assert AuditEntry.objects.filter(
        action=AuditEntry.Action.CHANGED,
        object_ids=str(inquiry.pk),
        summary=inquiries.staff_text(gettext_lazy("Reply sent; marked as answered")),
    ).exists()


def test_the_first_reply_time_stays_the_first(people, admin_user, committed):
    inquiry = InquiryFactory(handler=people["olga"], language="ru")
    with committed():
        first = inquiries.send_reply(
            inquiry=inquiry, body="Первый ответ", by=admin_user
        )
        inquiries.send_reply(inquiry=inquiry, body="Второй ответ", by=admin_user)
    inquiry.refresh_from_db()
    assert inquiry.first_replied_at == first.sent_at
    assert inquiry.replies.count() == 2
    assert [m.to for m in mail.outbox] == [[inquiry.email]] * 2


def test_an_empty_reply_form_sends_nothing(admin_client, people):
    inquiry = InquiryFactory(handler=people["olga"])
    admin_client.post(
        f"/admin/showcase/inquiry/{inquiry.pk}/change/", reply_form(inquiry, "")
    )
    assert mail.outbox == []
    assert not inquiry.replies.exists()


# Escalation ------------------------------------------------------------------


def test_overdue_inquiries_are_escalated_to_the_managers_once(committed):
    manager = StaffUserFactory(username="director", email="director@amurinvest.example")
    manager.groups.add(Group.objects.get(name="Agency manager"))
    today = timezone.localdate()
    late = InquiryFactory(reply_due_on=today - datetime.timedelta(days=1))
    InquiryFactory(reply_due_on=today)
    InquiryFactory(
        reply_due_on=today - datetime.timedelta(days=3), status=Status.ANSWERED
    )

    with committed():
        call_command("escalate_overdue_inquiries", stdout=io.StringIO())
        call_command("escalate_overdue_inquiries", stdout=io.StringIO())

    (notice,) = mail.outbox
    assert notice.to == ["director@amurinvest.example"]
    late.refresh_from_db()
    assert late.escalated_at is not None
    assert "/admin/showcase/inquiry/" in notice.body


# The public page of figures --------------------------------------------------


def answered(received: datetime.datetime, days: float, due_in: int = 14):
    return InquiryFactory(
        created_at=received,
        first_replied_at=received + datetime.timedelta(days=days),
        reply_due_on=timezone.localdate(received) + datetime.timedelta(days=due_in),
        status=Status.ANSWERED,
    )


def test_the_figures_count_the_last_twelve_months():
    now = timezone.now()
    answered(now - datetime.timedelta(days=3), 1)
    answered(now - datetime.timedelta(days=2), 3)
    answered(now - datetime.timedelta(days=1), 20, due_in=10)  # late
    answered(now - datetime.timedelta(days=400), 1)  # too old
    InquiryFactory(
        created_at=now, reply_due_on=timezone.localdate() + datetime.timedelta(days=5)
    )

    figures = promise.compute(timezone.localdate())

    assert figures.total.received == 4
    assert figures.total.answered == 3
    assert figures.total.median_days == 3.0
    assert figures.total.on_time_percent == 67  # 2 of 3: the new one is not due
    assert len(figures.months) == 12
    assert sum(month.received for month in figures.months) == 4


@pytest.mark.parametrize(
    ("language", "heading"),
    [
        ("ru", "Как мы выполняем обещание ответить"),
        ("ja", "回答の約束をどう守っているか"),
        ("en", "How we keep the reply promise"),
    ],
)
def test_the_promise_page_in_each_language_shows_no_one(client, language, heading):
    inquiry = answered(timezone.now() - datetime.timedelta(days=2), 1)
    page = client.get(f"/{language}/contact/promise/")
    assert page.status_code == 200
    html = page.text
    assert f'<html lang="{language}"' in html
    assert heading in html
    assert inquiry.name not in html
    assert inquiry.email not in html


def test_the_promise_page_is_computed_at_most_once_a_day(client):
    answered(timezone.now() - datetime.timedelta(days=2), 1)
    client.get("/en/contact/promise/")
    answered(timezone.now() - datetime.timedelta(days=1), 1)
    assert promise.kept_promise().total.received == 1
    cache.clear()
    assert promise.kept_promise().total.received == 2


def test_an_inquiry_dated_after_today_is_in_no_month():
    InquiryFactory(created_at=timezone.now() + datetime.timedelta(days=40))
    figures = promise.compute(timezone.localdate())
    assert figures.total.received == 0
