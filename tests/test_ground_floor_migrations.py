"""The migrations that moved the outgoing mail and the agency's contact point
down to the ground floor carry what was there: every kept email with its
owner, the contact details in three languages, the same content types (by
id), so that permissions, the staff groups' grants and audit entries keep
pointing at them, and the mail tasks waiting in the queue."""

import datetime

import pytest
from django.contrib.auth.models import User
from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.utils import timezone

from tests.partners.factories import inn_with_check_digit

# The last migrations before the move, and none of the two new apps.
BEFORE = [
    ("partners", "0012_outgoing_email_resend_permission"),
    ("showcase", "0011_photographs_checked_as_images"),
    ("staff", "0004_audit_listing_and_resending"),
    ("django_tasks_database", "0021_conditional_partial_index_ordering"),
    ("outbox", None),
    ("agency", None),
]
MAIL_CODENAMES = {"view_outgoingemail", "resend_outgoingemail"}
OLD_TASK = "partners.applications.tasks.send_email"
AGENCY_NAMES = {
    "name_ru": "Агентство по привлечению инвестиций",
    "name_ja": "投資誘致庁",
    "name_en": "Investment Attraction Agency",
}


def migrate(targets):
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)
    # (app, None) unapplies the whole app: its state is simply left out.
    applied = [target for target in targets if target[1] is not None]
    return executor.loader.project_state(applied).apps


def latest():
    return MigrationExecutor(connection).loader.graph.leaf_nodes()


def owners(apps) -> dict:
    """A registration and an inquiry, each of which owns an email."""
    today = datetime.date(2026, 12, 1)
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
        inn=inn_with_check_digit(4_343),
        company_name="ООО «Зея»",
        contact_name="Иван",
        email="ivan@example.ru",
        status="unconfirmed",
    )
    inquiry = apps.get_model("showcase", "Inquiry").objects.create(
        name="Yamada",
        organization="Org",
        email="yamada@example.jp",
        country="Japan",
        message="?",
        language="ja",
        reply_due_on=today,
    )
    return {"registration": registration, "inquiry": inquiry}


def old_rows(apps) -> dict:
    ContentType = apps.get_model("contenttypes", "ContentType")
    Permission = apps.get_model("auth", "Permission")
    Email = apps.get_model("partners", "OutgoingEmail")
    kinds = {
        name: ContentType.objects.get(app_label=app, model=name)
        for app, name in [("missions", "registration"), ("showcase", "inquiry")]
    }
    mail = {}
    for name, owner in owners(apps).items():
        mail[name] = Email.objects.create(
            owner_type=kinds[name],
            owner_id=owner.pk,
            kind="confirm" if name == "registration" else "inquiry_received",
            recipient=owner.email,
            language="ru",
            subject="Тема",
            body="Текст со ссылкой",
            attempts=2,
            last_error="timeout",
        )
    apps.get_model("showcase", "AgencyContact").objects.update_or_create(
        pk=1,
        defaults={**AGENCY_NAMES, "name": AGENCY_NAMES["name_ru"], "phone": "+7 1"},
    )
    mail_type = ContentType.objects.get(app_label="partners", model="outgoingemail")
    agency_type = ContentType.objects.get(app_label="showcase", model="agencycontact")
    granted = Permission.objects.filter(
        content_type=mail_type, codename__in=MAIL_CODENAMES
    ) | Permission.objects.filter(
        content_type=agency_type, codename="change_agencycontact"
    )
    group = apps.get_model("auth", "Group").objects.create(name="Mail readers")
    group.permissions.set(granted)
    apps.get_model("staff", "AuditEntry").objects.create(
        username="manager",
        action="resent",
        content_type=mail_type,
        object_ids=str(mail["registration"].pk),
    )
    apps.get_model("django_tasks_database", "DBTaskResult").objects.create(
        task_path=OLD_TASK,
        args_kwargs={"args": [mail["registration"].pk], "kwargs": {}},
        backend_name="default",
        run_after=timezone.now(),
    )
    return {
        "mail": {name: email.pk for name, email in mail.items()},
        "owners": {name: email.owner_id for name, email in mail.items()},
        "mail_type": mail_type.pk,
        "agency_type": agency_type.pk,
        "permissions": set(granted.values_list("pk", flat=True)),
    }


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_the_move_to_the_ground_floor_keeps_every_row_and_every_grant():
    try:
        before = old_rows(migrate(BEFORE))
        apps = migrate(latest())

        ContentType_ = apps.get_model("contenttypes", "ContentType")
        mail_type = ContentType_.objects.get(pk=before["mail_type"])
        agency_type = ContentType_.objects.get(pk=before["agency_type"])
        assert (mail_type.app_label, mail_type.model) == ("outbox", "outgoingemail")
        assert (agency_type.app_label, agency_type.model) == ("agency", "agencycontact")
        assert not ContentType_.objects.filter(
            app_label__in=["partners", "showcase"],
            model__in=["outgoingemail", "agencycontact"],
        ).exists()

        Email = apps.get_model("outbox", "OutgoingEmail")
        for name, pk in before["mail"].items():
            email = Email.objects.get(pk=pk)
            assert email.owner_type.model == name
            assert email.owner_id == before["owners"][name]
            assert (email.attempts, email.last_error) == (2, "timeout")

        agency = apps.get_model("agency", "AgencyContact").objects.get(pk=1)
        assert {field: getattr(agency, field) for field in AGENCY_NAMES} == (
            AGENCY_NAMES
        )
        assert agency.phone == "+7 1"

        group = apps.get_model("auth", "Group").objects.get(name="Mail readers")
        granted = group.permissions.all()
        assert set(granted.values_list("pk", flat=True)) == before["permissions"]
        assert set(granted.values_list("content_type__app_label", "codename")) == {
            ("outbox", "view_outgoingemail"),
            ("outbox", "resend_outgoingemail"),
            ("agency", "change_agencycontact"),
        }

        entry = apps.get_model("staff", "AuditEntry").objects.get(username="manager")
        assert entry.content_type_id == before["mail_type"]

        task = apps.get_model("django_tasks_database", "DBTaskResult").objects.get()
        assert task.task_path == "amur_invest.outbox.tasks.send_email"

        # The site's own models read the moved rows, and the grants give the
        # rights under the new labels.
        ContentType.objects.clear_cache()
        from amur_invest.agency.models import AgencyContact
        from amur_invest.outbox.models import OutgoingEmail

        email = OutgoingEmail.objects.get(pk=before["mail"]["inquiry"])
        assert email.owner.email == "yamada@example.jp"
        assert AgencyContact.objects.get().name_ja == AGENCY_NAMES["name_ja"]
        reader = User.objects.create_user("reader", is_staff=True)
        reader.groups.add(group.pk)
        assert reader.has_perms(
            ["outbox.view_outgoingemail", "outbox.resend_outgoingemail"]
        )
        assert reader.has_perm("agency.change_agencycontact")
    finally:
        migrate(latest())
        ContentType.objects.clear_cache()
