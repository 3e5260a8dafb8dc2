"""Every way personal data leaves the admin as a file is on record: who, from
which address, how many rows and which records, exactly as many as the file
holds. Each case downloads the file, reads it back and compares it with the
audit entry."""

import csv
import io
from dataclasses import dataclass

import openpyxl
import pytest
from django.contrib.auth.models import Group
from django.urls import reverse
from django.utils import translation

from amur_invest.staff.models import AuditEntry
from exhibitions.models import Participation
from missions.models import Registration
from partners.models import Company, Contact
from tests.exhibitions.factories import ApplicationFactory, ExhibitionFactory
from tests.missions.factories import MissionFactory, RegistrationFactory
from tests.partners.factories import CompanyFactory, ContactFactory

pytestmark = pytest.mark.django_db

ADDRESS = "10.20.30.40"
Status = Registration.Status
IMPORT_EXPORT_FORMATS = {"csv": "0", "xlsx": "1"}


@pytest.fixture(autouse=True)
def english(settings):
    settings.LANGUAGE_CODE = "en"
    with translation.override("en"):
        yield


@pytest.fixture
def manager(client, django_user_model):
    user = django_user_model.objects.create_user("manager", password="x", is_staff=True)
    user.groups.add(Group.objects.get(name="Agency manager"))
    client.force_login(user)
    return user


@pytest.fixture
def mission():
    """A mission whose registrations the files list in part: two accepted
    (the delegation), one on the waiting list, one declined, one nobody
    confirmed (never in a file), and another mission's."""
    mission = MissionFactory()
    for status in (
        Status.ACCEPTED,
        Status.ACCEPTED,
        Status.WAITLISTED,
        Status.DECLINED,
    ):
        RegistrationFactory(mission=mission, status=status)
    RegistrationFactory(
        mission=mission, status=Status.UNCONFIRMED, company=None, confirmed_at=None
    )
    RegistrationFactory(status=Status.ACCEPTED)
    return mission


def read_rows(response, file_format) -> list[list[str]]:
    """The file's data rows, without its heading."""
    if file_format == "xlsx":
        sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
        rows = [
            ["" if c is None else str(c) for c in row]
            for row in sheet.iter_rows(values_only=True)
        ]
    else:
        text = response.content.decode("utf-8-sig")
        dialect = csv.Sniffer().sniff(text.splitlines()[0], delimiters=",;")
        rows = list(csv.reader(io.StringIO(text), dialect))
    return rows[1:]


@dataclass
class ExportPath:
    """One way out: how to ask for the file, which model's records it holds,
    and how a row and a record name the same thing (the file has no ids)."""

    name: str
    model: type
    file_format: str
    download: object  # (client, mission) -> response
    key_of_row: object  # row -> key
    key_of_record: object  # record -> key


def import_export(model_label, resource, columns, file_format):
    def download(client, mission):
        data = {"format": IMPORT_EXPORT_FORMATS[file_format], "resource": ""}
        data.update({f"{resource}_{column}": "on" for column in columns})
        return client.post(
            reverse(f"admin:{model_label}_export"), data, REMOTE_ADDR=ADDRESS
        )

    return download


def mission_export(kind, file_format):
    def download(client, mission):
        url = reverse(
            "admin:missions_mission_export",
            kwargs={"object_id": mission.pk, "kind": kind, "file_format": file_format},
        )
        return client.get(url, REMOTE_ADDR=ADDRESS)

    return download


def registration_action(action):
    def download(client, mission):
        return client.post(
            reverse("admin:missions_registration_changelist"),
            {
                "action": action,
                "_selected_action": list(
                    mission.registrations.values_list("pk", flat=True)
                ),
            },
            REMOTE_ADDR=ADDRESS,
        )

    return download


def column(index):
    return lambda row: row[index]


def registration_inn(registration):
    return registration.company.inn


PATHS = [
    *(
        ExportPath(
            f"contacts.{file_format}",
            Contact,
            file_format,
            import_export(
                "partners_contact",
                "contactresource",
                ["email", "name_latin"],
                file_format,
            ),
            column(0),
            lambda contact: contact.email,
        )
        for file_format in ("csv", "xlsx")
    ),
    *(
        ExportPath(
            f"companies.{file_format}",
            Company,
            file_format,
            import_export(
                "partners_company",
                "companyresource",
                ["inn", "name_ru", "email"],
                file_format,
            ),
            column(0),
            lambda company: company.inn,
        )
        for file_format in ("csv", "xlsx")
    ),
    *(
        ExportPath(
            f"participations.{file_format}",
            Participation,
            file_format,
            import_export(
                "exhibitions_participation",
                "participationresource",
                ["exhibition", "company", "contact_name", "email"],
                file_format,
            ),
            lambda row: (row[0], row[1]),
            lambda participation: (
                participation.exhibition.slug,
                participation.company.inn,
            ),
        )
        for file_format in ("csv", "xlsx")
    ),
    *(
        ExportPath(
            f"mission {kind}.{file_format}",
            Registration,
            file_format,
            mission_export(kind, file_format),
            column(1),
            registration_inn,
        )
        # The delegation list (a row per delegate, under title rows) has its
        # own audit test: tests/missions/test_delegation_export.py.
        for kind in ("registrations",)
        for file_format in ("csv", "xlsx")
    ),
    *(
        ExportPath(
            f"action export_{kind}_{file_format}",
            Registration,
            file_format,
            registration_action(f"export_{kind}_{file_format}"),
            column(1),
            registration_inn,
        )
        for kind in ("registrations",)
        for file_format in ("csv", "xlsx")
    ),
]


@pytest.fixture
def other_records():
    """Contacts, participations and companies besides the mission's."""
    ContactFactory.create_batch(3)
    exhibition = ExhibitionFactory()
    ApplicationFactory(exhibition=exhibition)
    ApplicationFactory(exhibition=exhibition, status=Participation.Status.ACCEPTED)
    ApplicationFactory()
    CompanyFactory(email="sole.proprietor@example.ru")


@pytest.mark.parametrize("path", PATHS, ids=lambda path: path.name)
def test_an_export_records_who_from_where_and_exactly_the_rows_of_the_file(
    client, manager, mission, other_records, path
):
    """Guards: audit.record in the mission export view and the registration
    export actions (missions/admin), AuditedAdminMixin.get_data_for_export
    for the import-export pages, and RecordsExportedRows, which names the
    rows the file got rather than the rows asked for."""
    response = path.download(client, mission)

    assert response.status_code == 200
    rows = read_rows(response, path.file_format)
    assert rows, "the file must hold rows for the comparison to mean something"
    entry = AuditEntry.objects.get(action=AuditEntry.Action.EXPORTED)
    assert (entry.user, entry.username) == (manager, "manager")
    assert entry.ip_address == ADDRESS
    assert entry.content_type.model_class() is path.model
    assert entry.object_count == len(rows)
    ids = entry.object_ids.split(",")
    assert len(ids) == len(set(ids)) == len(rows)
    exported = path.model.objects.filter(pk__in=ids)
    assert sorted(map(path.key_of_record, exported)) == sorted(
        map(path.key_of_row, rows)
    )
