"""Who viewed, changed, deleted, exported or imported personal data."""

import csv
import datetime
import io

import pytest
from django.contrib.auth.models import Group
from django.contrib.contenttypes.models import ContentType
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from amur_invest.staff.models import AuditEntry
from partners.models import Contact
from tests.missions.factories import RegistrationFactory
from tests.partners.factories import ContactFactory

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
        "admin:missions_mission_export",
        kwargs={
            "object_id": registration.mission.pk,
            "kind": "delegation",
            "file_format": "xlsx",
        },
    )
    assert staff_client.get(url).status_code == 200
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
