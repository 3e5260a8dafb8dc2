"""The migrations that moved the application workflow below missions and
exhibitions carry the rows that were there: a registration's mail keeps its
registration, an inquiry's mail finds its inquiry, registrations keep their
history, and a participation entered before gets the company details and a
first step of history."""

import datetime

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.utils import timezone

from tests.partners.factories import inn_with_check_digit

INN = inn_with_check_digit(4_242)
BEFORE = [
    ("partners", "0008_sector_keywords_and_company_search_text"),
    ("missions", "0008_admission_and_deletion_permissions"),
    ("exhibitions", "0002_staff_group_permissions"),
    ("showcase", "0008_investment_staff_permissions"),
]


def migrate(targets):
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)
    return executor.loader.project_state(targets).apps


def latest():
    return MigrationExecutor(connection).loader.graph.leaf_nodes()


def old_rows(apps) -> dict:
    today = datetime.date(2020, 12, 1)
    at = timezone.now()
    company = apps.get_model("partners", "Company").objects.create(
        inn=INN, name="ООО «Зея»", name_ru="ООО «Зея»", slug="zeya"
    )
    mission = apps.get_model("missions", "Mission").objects.create(
        title="Миссия",
        title_ru="Миссия",
        slug="m",
        starts_on=today,
        ends_on=today,
        delegate_seats=5,
    )
    registration = apps.get_model("missions", "Registration").objects.create(
        mission=mission,
        company=company,
        inn=company.inn,
        company_name="ООО «Зея»",
        contact_name="Иван",
        email="ivan@example.ru",
        status="accepted",
    )
    apps.get_model("missions", "StatusChange").objects.create(
        registration=registration, from_status="submitted", to_status="accepted"
    )
    inquiry = apps.get_model("showcase", "Inquiry").objects.create(
        name="Yamada",
        organization="Org",
        email="yamada@example.jp",
        country="Japan",
        message="?",
        language="ja",
        reply_due_on=today,
        created_at=at - datetime.timedelta(seconds=1),
    )
    exhibition = apps.get_model("exhibitions", "Exhibition").objects.create(
        name="FOODEX",
        name_ru="FOODEX",
        slug="foodex",
        starts_on=today,
        ends_on=today,
        city="Тиба",
        city_ru="Тиба",
    )
    participation = apps.get_model("exhibitions", "Participation").objects.create(
        exhibition=exhibition, company=company, status="accepted"
    )
    Email = apps.get_model("missions", "OutgoingEmail")
    common = {"language": "ru", "subject": "Тема", "body": "Текст", "created_at": at}
    Email.objects.create(
        registration=registration,
        kind="status_accepted",
        recipient="ivan@example.ru",
        attempts=3,
        last_error="timeout",
        **common,
    )
    Email.objects.create(
        registration=None,
        kind="inquiry_received",
        recipient="yamada@example.jp",
        sent_at=at,
        **common,
    )
    return {
        "registration": registration.pk,
        "inquiry": inquiry.pk,
        "participation": participation.pk,
    }


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_the_move_to_the_shared_workflow_carries_every_row():
    try:
        ids = old_rows(migrate(BEFORE))
        apps = migrate(latest())

        Email = apps.get_model("outbox", "OutgoingEmail")
        ContentType = apps.get_model("contenttypes", "ContentType")
        registration_mail = Email.objects.get(kind="status_accepted")
        assert registration_mail.owner_type == ContentType.objects.get(
            app_label="missions", model="registration"
        )
        assert registration_mail.owner_id == ids["registration"]
        assert (registration_mail.attempts, registration_mail.last_error) == (
            3,
            "timeout",
        )
        inquiry_mail = Email.objects.get(kind="inquiry_received")
        assert inquiry_mail.owner_type.model == "inquiry"
        assert inquiry_mail.owner_id == ids["inquiry"]
        assert inquiry_mail.sent_at is not None

        history = apps.get_model("missions", "StatusChange").objects.get()
        assert (history.registration_id, history.to_status) == (
            ids["registration"],
            "accepted",
        )
        participation = apps.get_model("exhibitions", "Participation").objects.get()
        assert participation.inn == INN
        assert participation.company_name == "ООО «Зея»"
        step = participation.status_changes.get()
        assert step.to_status == "accepted"
        assert step.reason
    finally:
        migrate(latest())
