"""Who viewed, changed, deleted, exported or imported personal data."""

import csv
import datetime
import io
from dataclasses import dataclass

import pytest
from django.contrib import admin
from django.contrib.auth.models import Group
from django.contrib.contenttypes.models import ContentType
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.text import capfirst

from amur_invest.outbox import mail
from amur_invest.staff import audit
from amur_invest.staff.checks import audit_errors
from amur_invest.staff.models import AuditEntry, StaffPreference
from missions.admin import RegistrationAdmin
from missions.models import Registration
from partners.models import Company, Consent, Contact
from tests.exhibitions.factories import ApplicationFactory
from tests.missions.factories import MissionFactory, RegistrationFactory
from tests.partners.factories import (
    CompanyFactory,
    ConsentFactory,
    ContactFactory,
    inn_with_check_digit,
)
from tests.showcase.content_factories import InquiryFactory

pytestmark = pytest.mark.django_db

Action = AuditEntry.Action
CONTACT_COLUMNS = ["email", "name_latin", "name_native", "organization", "prefecture"]


@pytest.fixture
def manager(django_user_model):
    user = django_user_model.objects.create_user("manager", password="x", is_staff=True)
    user.groups.add(Group.objects.get(name="Agency manager"))
    return user


@pytest.fixture
def staff_client(client, manager):
    client.force_login(manager)
    return client


def only_entry(**filters) -> AuditEntry:
    entries = AuditEntry.objects.filter(**filters)
    assert entries.count() == 1, list(entries)
    return entries.get()


def test_opening_a_contact_records_who_viewed_it_and_from_where(staff_client, manager):
    contact = ContactFactory()
    url = reverse("admin:partners_contact_change", args=[contact.pk])
    staff_client.get(url, REMOTE_ADDR="10.1.2.3")
    entry = only_entry(action=Action.VIEWED)
    assert (entry.user, entry.username) == (manager, "manager")
    assert entry.object_ids == str(contact.pk)
    assert entry.ip_address == "10.1.2.3"
    assert entry.content_type.model == "contact"


def test_changing_and_deleting_a_contact_are_recorded(staff_client):
    contact = ContactFactory()
    change_url = reverse("admin:partners_contact_change", args=[contact.pk])
    form = staff_client.get(change_url).context["adminform"].form
    data = {name: value for name, value in form.initial.items() if value is not None}
    data.update(
        {
            "name_latin": "Hanako Sato",
            "interactions-TOTAL_FORMS": 0,
            "interactions-INITIAL_FORMS": 0,
        }
    )
    assert staff_client.post(change_url, data).status_code == 302
    only_entry(action=Action.CHANGED, object_ids=str(contact.pk))
    delete_url = reverse("admin:partners_contact_delete", args=[contact.pk])
    staff_client.post(delete_url, {"post": "yes"})
    entry = only_entry(action=Action.DELETED)
    assert "Hanako Sato" in entry.summary


def test_an_export_of_contacts_records_how_many_left(staff_client):
    contacts = ContactFactory.create_batch(3)
    data = {"format": "0", "resource": "0"}
    data.update({f"contactresource_{column}": "on" for column in CONTACT_COLUMNS})
    response = staff_client.post(reverse("admin:partners_contact_export"), data)
    assert response.status_code == 200
    entry = only_entry(action=Action.EXPORTED)
    assert entry.object_count == 3
    assert set(entry.object_ids.split(",")) == {str(c.pk) for c in contacts}


def test_an_import_of_contacts_records_the_rows_written(staff_client):
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=["email", "name_latin"])
    writer.writeheader()
    writer.writerow({"email": "sato@example.jp", "name_latin": "Hanako Sato"})
    upload = SimpleUploadedFile("contacts.csv", buffer.getvalue().encode(), "text/csv")
    preview = staff_client.post(
        reverse("admin:partners_contact_import"), {"import_file": upload, "format": "0"}
    )
    staff_client.post(
        reverse("admin:partners_contact_process_import"),
        preview.context["confirm_form"].initial,
    )
    entry = only_entry(action=Action.IMPORTED)
    assert entry.object_count == 1
    assert entry.object_ids == str(Contact.objects.get().pk)


def test_a_delegation_list_export_is_recorded(staff_client):
    registration = RegistrationFactory(status="accepted")
    url = reverse(
        "admin:missions_mission_delegation",
        kwargs={"object_id": registration.mission.pk},
    )
    response = staff_client.get(url, {"language": "ja", "format": "xlsx"})
    assert response.status_code == 200
    entry = only_entry(action=Action.EXPORTED)
    assert entry.content_type.model == "registration"


def test_agency_managers_read_the_trail_and_nobody_can_edit_it(
    staff_client, client, django_user_model
):
    ContactFactory()
    entry = AuditEntry.objects.create(
        username="someone",
        action=Action.VIEWED,
        content_type_id=only_content_type_id(),
    )
    assert (
        staff_client.get(reverse("admin:staff_auditentry_changelist")).status_code
        == 200
    )
    change = staff_client.post(
        reverse("admin:staff_auditentry_change", args=[entry.pk]),
        {"username": "nobody"},
    )
    entry.refresh_from_db()
    assert entry.username == "someone"
    assert change.status_code in {200, 403}
    coordinator = django_user_model.objects.create_user(
        "coordinator", password="x", is_staff=True
    )
    coordinator.groups.add(Group.objects.get(name="Mission coordinator"))
    client.force_login(coordinator)
    url = reverse("admin:staff_auditentry_changelist")
    assert client.get(url).status_code == 403


def only_content_type_id():
    return ContentType.objects.get_for_model(Contact).pk


def test_entries_past_the_keeping_time_are_purged(settings):
    settings.AUDIT_RETENTION_DAYS = 30
    old = AuditEntry.objects.create(
        username="a",
        action=Action.VIEWED,
        content_type_id=only_content_type_id(),
        at=timezone.now() - datetime.timedelta(days=31),
    )
    recent = AuditEntry.objects.create(
        username="b", action=Action.VIEWED, content_type_id=only_content_type_id()
    )
    call_command("purge_audit_trail", stdout=io.StringIO())
    assert list(AuditEntry.objects.values_list("pk", flat=True)) == [recent.pk]
    assert not AuditEntry.objects.filter(pk=old.pk).exists()


# Status actions ----------------------------------------------------------------


def registrations(status, count=2, **extra):
    mission = extra.pop("mission", None) or MissionFactory()
    return RegistrationFactory.create_batch(
        count, mission=mission, status=status, **extra
    )


def full_mission():
    """A mission whose one seat is taken: new registrations can only wait."""
    mission = MissionFactory(delegate_seats=1)
    RegistrationFactory(mission=mission, status="accepted")
    return mission


def erased(application):
    application.anonymised_at = timezone.now()
    application.save(update_fields=["anonymised_at"])
    return application


@dataclass
class StatusAction:
    changelist: str
    action: str
    # () -> (rows the action changes, a row it must refuse)
    rows: object


STATUS_ACTIONS = {
    "registration accept": StatusAction(
        "missions_registration",
        "accept",
        lambda: (registrations("submitted"), registrations("declined", 1)[0]),
    ),
    "registration waitlist": StatusAction(
        "missions_registration",
        "waitlist",
        lambda: (
            registrations("submitted", mission=full_mission()),
            registrations("declined", 1)[0],
        ),
    ),
    "registration hold": StatusAction(
        "missions_registration",
        "hold",
        lambda: (registrations("submitted"), registrations("declined", 1)[0]),
    ),
    "registration decline": StatusAction(
        "missions_registration",
        "decline",
        lambda: (registrations("submitted"), registrations("withdrawn", 1)[0]),
    ),
    "registration withdraw": StatusAction(
        "missions_registration",
        "withdraw",
        lambda: (registrations("accepted"), registrations("declined", 1)[0]),
    ),
    "pavilion accept": StatusAction(
        "exhibitions_participation",
        "accept",
        lambda: (
            ApplicationFactory.create_batch(2),
            ApplicationFactory(status="declined"),
        ),
    ),
    "pavilion decline": StatusAction(
        "exhibitions_participation",
        "decline",
        lambda: (
            ApplicationFactory.create_batch(2),
            ApplicationFactory(status="withdrawn"),
        ),
    ),
    "pavilion withdraw": StatusAction(
        "exhibitions_participation",
        "withdraw",
        lambda: (
            ApplicationFactory.create_batch(2),
            ApplicationFactory(status="declined"),
        ),
    ),
    "registration erase": StatusAction(
        "missions_registration",
        "erase",
        lambda: (registrations("accepted"), erased(RegistrationFactory())),
    ),
    "pavilion erase": StatusAction(
        "exhibitions_participation",
        "erase",
        lambda: (ApplicationFactory.create_batch(2), erased(ApplicationFactory())),
    ),
    "inquiry answered": StatusAction(
        "showcase_inquiry",
        "mark_answered",
        lambda: (
            InquiryFactory.create_batch(2),
            InquiryFactory(status="answered"),
        ),
    ),
}


@pytest.mark.parametrize("case", STATUS_ACTIONS.values(), ids=STATUS_ACTIONS.keys())
def test_a_status_action_records_the_records_it_changed(staff_client, manager, case):
    changed, refused = case.rows()
    selected = [*changed, refused]

    staff_client.post(
        reverse(f"admin:{case.changelist}_changelist"),
        {
            "action": case.action,
            "_selected_action": [row.pk for row in selected],
            "apply": "yes",
            "reason": "",
        },
        REMOTE_ADDR="10.7.7.7",
    )

    entry = only_entry(action=Action.CHANGED)
    assert (entry.user, entry.ip_address) == (manager, "10.7.7.7")
    assert entry.content_type.model_class() is type(refused)
    assert entry.object_count == len(changed) == 2
    assert set(entry.object_ids.split(",")) == {str(row.pk) for row in changed}


@pytest.mark.parametrize(
    ("changelist", "make"),
    [
        ("missions_registration", RegistrationFactory),
        ("exhibitions_participation", ApplicationFactory),
    ],
)
def test_staff_erase_personal_data_in_the_admin_on_the_persons_request(
    staff_client, manager, changelist, make, mailoutbox
):
    application = make(contact_name="Ольга Смирнова", phone="+7 914 000-00-00")
    keep_mail(application)
    mailoutbox.clear()
    url = reverse(f"admin:{changelist}_changelist")
    asked = staff_client.post(
        url,
        {"action": "erase", "_selected_action": [application.pk]},
        HTTP_ACCEPT_LANGUAGE="en",
    )

    assert "Nobody is emailed about it" in asked.text
    assert "gets an email" not in asked.text
    staff_client.post(
        url,
        {
            "action": "erase",
            "_selected_action": [application.pk],
            "apply": "yes",
            "reason": "Письмо от 3 ноября",
        },
    )

    application.refresh_from_db()
    assert application.is_anonymised
    assert (application.contact_name, application.phone) == ("", "")
    assert not application.outgoing_emails.exists()
    step = application.status_changes.get()
    assert (step.changed_by, step.reason) == (manager, "Письмо от 3 ноября")
    assert mailoutbox == []
    only_entry(action=Action.CHANGED, object_ids=str(application.pk))


def test_a_superusers_deletion_of_a_registration_is_recorded(admin_client):
    registration = RegistrationFactory()
    delete = reverse("admin:missions_registration_delete", args=[registration.pk])

    admin_client.post(delete, {"post": "yes", "reason": "Дубликат"})

    entry = only_entry(action=Action.DELETED)
    assert entry.object_ids == str(registration.pk)


def test_publishing_companies_is_recorded(staff_client):
    companies = CompanyFactory.create_batch(2, is_published=False)

    staff_client.post(
        reverse("admin:partners_company_changelist"),
        {"action": "publish", "_selected_action": [c.pk for c in companies]},
    )

    entry = only_entry(action=Action.CHANGED)
    assert entry.object_count == 2
    assert entry.content_type.model == "company"


# List pages and reading mail --------------------------------------------------------


def kept_mail():
    registration = RegistrationFactory()
    return [keep_mail(registration) for _ in range(2)]


def keep_mail(owner):
    return mail.keep(
        owner=owner,
        kind="status_accepted",
        recipient=owner.email,
        language="ru",
        subject="Тема",
        body="Текст",
    )


LISTS = {
    "contacts": ("partners_contact", lambda: ContactFactory.create_batch(2)),
    "companies": ("partners_company", lambda: CompanyFactory.create_batch(2)),
    "consents": (
        "partners_consent",
        lambda: ConsentFactory.create_batch(2, purpose=Consent.Purpose.INQUIRY),
    ),
    "registrations": (
        "missions_registration",
        lambda: RegistrationFactory.create_batch(2),
    ),
    "participations": (
        "exhibitions_participation",
        lambda: ApplicationFactory.create_batch(2),
    ),
    "inquiries": ("showcase_inquiry", lambda: InquiryFactory.create_batch(2)),
    "outgoing emails": ("outbox_outgoingemail", kept_mail),
}


@pytest.mark.parametrize(("changelist", "make_rows"), LISTS.values(), ids=LISTS.keys())
def test_a_list_of_personal_data_records_the_rows_it_showed(
    staff_client, manager, changelist, make_rows
):
    rows = make_rows()

    response = staff_client.get(
        reverse(f"admin:{changelist}_changelist"), REMOTE_ADDR="10.3.3.3"
    )

    shown = {str(row.pk) for row in response.context["cl"].result_list}
    entry = only_entry(action=Action.LISTED)
    assert (entry.user, entry.ip_address) == (manager, "10.3.3.3")
    assert shown >= {str(row.pk) for row in rows}
    assert set(entry.object_ids.split(",")) == shown
    assert entry.object_count == len(shown)


def test_a_list_records_only_the_page_it_showed(staff_client, monkeypatch):
    monkeypatch.setattr(RegistrationAdmin, "list_per_page", 2)
    RegistrationFactory.create_batch(3)

    response = staff_client.get(reverse("admin:missions_registration_changelist"))

    shown = [str(row.pk) for row in response.context["cl"].result_list]
    entry = only_entry(action=Action.LISTED)
    assert entry.object_count == 2
    assert entry.object_ids.split(",") == shown


def test_opening_a_kept_email_is_recorded(staff_client):
    email = kept_mail()[0]

    staff_client.get(reverse("admin:outbox_outgoingemail_change", args=[email.pk]))

    entry = only_entry(action=Action.VIEWED)
    assert (entry.content_type.model, entry.object_ids) == (
        "outgoingemail",
        str(email.pk),
    )


def test_an_import_of_companies_records_the_rows_written(staff_client):
    existing = CompanyFactory()
    rows = [
        {"inn": existing.inn, "name_ru": "ООО «Зея»"},
        {"inn": inn_with_check_digit(991), "name_ru": "ИП Иванова"},
    ]
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=["inn", "name_ru"])
    writer.writeheader()
    writer.writerows(rows)
    upload = SimpleUploadedFile("companies.csv", buffer.getvalue().encode(), "text/csv")
    preview = staff_client.post(
        reverse("admin:partners_company_import"), {"import_file": upload, "format": "0"}
    )
    staff_client.post(
        reverse("admin:partners_company_process_import"),
        preview.context["confirm_form"].initial,
    )

    entry = only_entry(action=Action.IMPORTED)
    assert entry.object_count == 2
    assert set(entry.object_ids.split(",")) == {
        str(pk) for pk in Company.objects.values_list("pk", flat=True)
    }


# Reading the trail -------------------------------------------------------------------


def test_the_kind_of_record_filter_offers_the_watched_kinds_in_the_readers_language(
    client, manager
):
    StaffPreference.objects.create(user=manager, admin_language="ja")
    client.force_login(manager)

    response = client.get(reverse("admin:staff_auditentry_changelist"))

    kinds = next(
        spec
        for spec in response.context["cl"].filter_specs
        if getattr(spec, "parameter_name", "") == "kind"
    )
    labels = [label for _value, label in kinds.lookup_choices]
    with translation.override("ja"):
        expected = {
            capfirst(str(model._meta.verbose_name_plural))
            for model in audit.watched_models()
        }
        assert "参加申込" in str(Registration._meta.verbose_name_plural)
    assert set(labels) == expected
    assert len(labels) == len(expected) == 10


def test_an_entry_says_the_same_local_time_in_its_title_and_in_the_list(
    staff_client, settings
):
    settings.LANGUAGE_CODE = "en"
    entry = AuditEntry.objects.create(
        username="someone",
        action=Action.VIEWED,
        content_type_id=only_content_type_id(),
        at=datetime.datetime(2024, 5, 1, 1, 30, tzinfo=datetime.UTC),
    )

    response = staff_client.get(
        reverse("admin:staff_auditentry_changelist"), HTTP_ACCEPT_LANGUAGE="en"
    )

    # 01:30 UTC is 10:30 in Blagoveshchensk (Asia/Yakutsk, UTC+9); staff
    # read the place, not the zone's technical name.
    with translation.override("en"):
        assert str(entry).startswith("2024-05-01 10:30:00 (Blagoveshchensk time)")
    assert "2024-05-01 10:30:00" in response.text
    assert "01:30" not in response.text
    assert "When (Blagoveshchensk time)" in response.text


def test_an_admin_of_personal_data_that_records_nothing_stops_the_site():
    """Guard: the staff.E001 check (amur_invest/staff/checks.py) holds every
    admin of a watched model to AuditedAdminMixin, and staff.E002 every
    audited admin to a watched model, so the filter above tells the truth."""
    audited = type("Audited", (audit.AuditedAdminMixin, admin.ModelAdmin), {})
    registry = {
        **admin.site._registry,
        Company: admin.ModelAdmin(Company, admin.site),
        Group: audited(Group, admin.site),
    }

    errors = audit_errors(registry)

    assert sorted(error.id for error in errors) == ["staff.E001", "staff.E002"]
    assert audit_errors(admin.site._registry) == []
