"""Staff see overdue inquiries first, and every status change is kept."""

import datetime
import re

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core import mail
from django.utils import timezone

from showcase.models import Inquiry, InquiryRoute
from tests.showcase.content_factories import (
    InquiryFactory,
    InquiryHandlerFactory,
    InquiryRouteFactory,
)

pytestmark = pytest.mark.django_db

Status = Inquiry.Status
CHANGELIST = "/admin/showcase/inquiry/"


# The management forms of the inquiry page's inlines, nothing written in them.
INLINES_UNTOUCHED = {
    f"{prefix}-{name}": value
    for prefix in ("replies", "status_changes")
    for name, value in (
        ("TOTAL_FORMS", "0"),
        ("INITIAL_FORMS", "0"),
        ("MIN_NUM_FORMS", "0"),
        ("MAX_NUM_FORMS", "1000"),
    )
}


def days_from_today(days: int) -> datetime.date:
    return timezone.localdate() + datetime.timedelta(days=days)


@pytest.fixture
def inquiries():
    return {
        "due_later": InquiryFactory(name="Due later", reply_due_on=days_from_today(5)),
        "late": InquiryFactory(name="Late", reply_due_on=days_from_today(-2)),
        "answered_late": InquiryFactory(
            name="Answered", reply_due_on=days_from_today(-9), status=Status.ANSWERED
        ),
        "very_late": InquiryFactory(
            name="Very late",
            reply_due_on=days_from_today(-7),
            status=Status.IN_PROGRESS,
        ),
        "due_soon": InquiryFactory(name="Due soon", reply_due_on=days_from_today(1)),
    }


def test_overdue_inquiries_come_first_then_the_nearest_deadlines(
    admin_client, inquiries
):
    response = admin_client.get(CHANGELIST)

    names = [inquiry.name for inquiry in response.context["cl"].result_list]
    assert names == ["Very late", "Late", "Answered", "Due soon", "Due later"]


def test_overdue_inquiries_are_marked_in_the_list(admin_client, inquiries):
    html = admin_client.get(CHANGELIST, HTTP_ACCEPT_LANGUAGE="en").text
    assert html.count("⚠") == 2


def test_staff_can_list_only_the_overdue_ones(admin_client, inquiries):
    response = admin_client.get(CHANGELIST, {"deadline": "overdue"})
    names = {inquiry.name for inquiry in response.context["cl"].result_list}
    assert names == {"Very late", "Late"}


def test_the_list_needs_few_queries_with_many_inquiries(
    admin_client, django_assert_max_num_queries
):
    handler = InquiryHandlerFactory(name_ru="Ольга Петрова")
    for day in range(60):
        InquiryFactory(reply_due_on=days_from_today(day - 30), handler=handler)
    with django_assert_max_num_queries(12):
        response = admin_client.get(CHANGELIST)
    assert response.status_code == 200
    assert len(response.context["cl"].result_list) == 60
    cells = re.findall(r'class="field-handler[^"]*">([^<]*)<', response.text)
    assert cells == [str(handler)] * 60


def test_a_status_changed_in_the_form_is_kept_with_who_made_it(
    admin_client, admin_user
):
    inquiry = InquiryFactory()
    response = admin_client.post(
        f"{CHANGELIST}{inquiry.pk}/change/",
        {
            "status": Status.IN_PROGRESS,
            "assignee": "",
            "sector": "",
            "staff_notes": "Called back on Monday.",
            **INLINES_UNTOUCHED,
        },
    )

    assert response.status_code == 302
    inquiry.refresh_from_db()
    assert inquiry.status == Status.IN_PROGRESS
    assert inquiry.staff_notes == "Called back on Monday."
    change = inquiry.status_changes.get()
    assert (change.from_status, change.to_status, change.changed_by) == (
        Status.NEW,
        Status.IN_PROGRESS,
        admin_user,
    )


def test_marking_inquiries_answered_keeps_each_step(admin_client, admin_user):
    first, second = InquiryFactory(), InquiryFactory(status=Status.IN_PROGRESS)

    admin_client.post(
        CHANGELIST,
        {"action": "mark_answered", "_selected_action": [first.pk, second.pk]},
    )

    for inquiry in (first, second):
        inquiry.refresh_from_db()
        assert inquiry.status == Status.ANSWERED
        assert inquiry.status_changes.get().changed_by == admin_user


def test_a_new_assignee_is_told_by_email(
    admin_client, django_capture_on_commit_callbacks
):
    inquiry = InquiryFactory()
    olga = get_user_model().objects.create_user(
        "olga", email="olga@amurinvest.example", is_staff=True
    )
    olga.groups.add(Group.objects.get(name="Agency manager"))
    with django_capture_on_commit_callbacks(execute=True):
        admin_client.post(
            f"{CHANGELIST}{inquiry.pk}/change/",
            {
                "status": Status.NEW,
                "assignee": str(olga.pk),
                "sector": "",
                "staff_notes": "",
                **INLINES_UNTOUCHED,
            },
        )
    assert [message.to for message in mail.outbox] == [["olga@amurinvest.example"]]
    assert not inquiry.status_changes.exists()


def test_inquiries_come_from_the_website_only(admin_client):
    assert admin_client.get(f"{CHANGELIST}add/").status_code == 403


def test_there_is_only_one_default_assignee(admin_client):
    olga = get_user_model().objects.create_user("olga", is_staff=True)
    pavel = InquiryHandlerFactory(user__username="pavel")
    InquiryRouteFactory(assignee=olga)

    response = admin_client.post(
        "/admin/showcase/inquiryroute/add/",
        {"sector": "", "subject_kind": "", "language": "", "handler": pavel.pk},
        HTTP_ACCEPT_LANGUAGE="en",
    )

    assert response.status_code == 200
    assert InquiryRoute.objects.count() == 1
    assert "there is one default rule" in response.text


def test_content_editors_never_see_inquiries_but_keep_the_content(client):
    editor = get_user_model().objects.create_user("editor", is_staff=True)
    editor.groups.add(Group.objects.get(name="Content editor"))
    client.force_login(editor)

    assert client.get(CHANGELIST).status_code == 403
    for model in ("newsitem", "presentation"):
        response = client.get(f"/admin/showcase/{model}/add/")
        assert response.status_code == 200
        assert "title_ru" in response.context["adminform"].form.fields


def test_agency_managers_answer_inquiries(client):
    manager = get_user_model().objects.create_user("manager", is_staff=True)
    manager.groups.add(Group.objects.get(name="Agency manager"))
    client.force_login(manager)
    inquiry = InquiryFactory()
    route = InquiryRouteFactory(assignee=manager)

    inquiries = client.get(CHANGELIST)
    routes = client.get("/admin/showcase/inquiryroute/")

    assert inquiries.status_code == routes.status_code == 200
    assert list(inquiries.context["cl"].result_list) == [inquiry]
    assert list(routes.context["cl"].result_list) == [route]
