"""Staff keep the events log: times typed in the place's own clock, import and
export with local times, all or nothing, and the activity report."""

import csv
import datetime
import io

import pytest
from django.contrib.auth.models import Group
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from showcase.calendar.resources import EventResource
from showcase.models import Event
from tests.missions.factories import MissionFactory
from tests.showcase.events_factories import EventFactory

pytestmark = pytest.mark.django_db

CSV_FORMAT = "0"


@pytest.fixture
def staff_client(client, django_user_model):
    manager = django_user_model.objects.create_superuser(
        "manager", "manager@amurinvest.example", "amur-pass-2020"
    )
    client.defaults["HTTP_ACCEPT_LANGUAGE"] = "en"
    client.force_login(manager)
    return client


def add_form(**fields):
    data = {
        "kind": "meeting",
        "title_ru": "Встреча в посольстве Японии",
        "title_ja": "",
        "title_en": "Meeting at the Embassy of Japan",
        "time_zone": "Europe/Moscow",
        "is_published": "on",
    }
    data.update(fields)
    return data


def test_a_time_typed_for_moscow_is_stored_as_moscow_time(staff_client):
    response = staff_client.post(
        reverse("admin:showcase_event_add"),
        add_form(starts_at_0="2019-12-24", starts_at_1="10:00"),
    )
    assert response.status_code == 302, response.context["adminform"].form.errors
    event = Event.objects.get()
    assert event.starts_at == datetime.datetime(2019, 12, 24, 7, tzinfo=datetime.UTC)
    assert event.starts_on == datetime.date(2019, 12, 24)

    # The change form shows it back as the clock in Moscow reads it.
    page = staff_client.get(reverse("admin:showcase_event_change", args=[event.pk]))
    assert 'value="10:00:00"' in page.text


def test_an_all_day_event_needs_its_first_day(staff_client):
    response = staff_client.post(
        reverse("admin:showcase_event_add"), add_form(all_day="on")
    )
    assert response.status_code == 200
    assert "Give the first day" in response.text
    assert not Event.objects.exists()


def test_the_list_shows_each_event_in_its_place_time(staff_client):
    EventFactory(
        all_day=False,
        starts_on=None,
        starts_at=datetime.datetime(2019, 11, 12, 5, tzinfo=datetime.UTC),
        time_zone="Asia/Tokyo",
    )
    response = staff_client.get(reverse("admin:showcase_event_changelist"))
    assert "2 p.m. (UTC+9)" in response.text
    assert reverse("admin:showcase_event_activity") in response.text


def csv_file(rows):
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=list(rows[0]))
    writer.writeheader()
    writer.writerows(rows)
    return SimpleUploadedFile("events.csv", buffer.getvalue().encode())


def event_row(**overrides):
    return {
        "kind": "presentation",
        "title_ru": "Презентация в Токио",
        "title_ja": "東京でのプレゼンテーション",
        "title_en": "Presentation in Tokyo",
        "place_en": "Tokyo",
        "time_zone": "Asia/Tokyo",
        "all_day": "0",
        "starts_at": "2019-11-12 14:00",
        "ends_at": "2019-11-12 16:30",
        "mission": "",
        "is_cancelled": "0",
        "is_published": "1",
        "is_sample": "0",
        "is_plan": "0",
        **overrides,
    }


def preview(client, rows):
    return client.post(
        reverse("admin:showcase_event_import"),
        {"import_file": csv_file(rows), "format": CSV_FORMAT},
    )


def test_events_import_with_local_times_and_a_mission_by_slug(staff_client):
    mission = MissionFactory(slug="japan-november-2019")
    response = preview(staff_client, [event_row(mission=mission.slug)])
    confirm = reverse("admin:showcase_event_process_import")
    staff_client.post(confirm, response.context["confirm_form"].initial)
    event = Event.objects.get()
    assert event.starts_at == datetime.datetime(2019, 11, 12, 5, tzinfo=datetime.UTC)
    assert event.ends_at == datetime.datetime(2019, 11, 12, 7, 30, tzinfo=datetime.UTC)
    assert event.mission == mission
    assert event.starts_on == datetime.date(2019, 11, 12)


@pytest.mark.parametrize(
    ("bad_cells", "column", "reason"),
    [
        ({"starts_at": "12 ноября"}, "starts_at", "not a date and time"),
        ({"time_zone": "Mars/Olympus"}, "time_zone", "not a valid choice"),
        ({"mission": "japan-1999"}, "mission", "Unknown mission"),
        ({"kind": "picnic"}, "kind", "Unknown value “picnic”"),
        ({"all_day": "1", "starts_at": "", "ends_at": ""}, "starts_on", "first day"),
    ],
)
def test_one_bad_event_row_imports_nothing(staff_client, bad_cells, column, reason):
    rows = [event_row(), event_row(**bad_cells), event_row(title_en="Another")]
    response = preview(staff_client, rows)
    assert "confirm_form" not in response.context
    [invalid] = response.context["result"].invalid_rows
    assert invalid.number == 2
    assert reason in " ".join(
        invalid.field_specific_errors[EventResource().heading_of(column)]
    )
    assert not Event.objects.exists()


def test_export_gives_local_times_beside_their_zone(staff_client):
    EventFactory(
        all_day=False,
        starts_on=None,
        starts_at=datetime.datetime(2019, 12, 24, 7, tzinfo=datetime.UTC),
        time_zone="Europe/Moscow",
    )
    response = staff_client.post(
        reverse("admin:showcase_event_export"),
        {
            "format": CSV_FORMAT,
            "resource": "",
            **{
                f"eventresource_{name}": "on"
                for name in ("id", "kind", "title_en", "time_zone", "starts_at")
            },
        },
    )
    header, line = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    cells = dict(zip(header, line, strict=True))
    resource = EventResource()
    assert cells[resource.heading_of("starts_at")] == "2019-12-24 10:00"
    assert cells[resource.heading_of("time_zone")] == "Europe/Moscow"


def test_activity_report_counts_unpublished_events_too(staff_client):
    EventFactory(starts_on=datetime.date(2019, 5, 1))
    EventFactory(starts_on=datetime.date(2019, 5, 2), is_published=False)
    response = staff_client.get(reverse("admin:showcase_event_activity"))
    [year] = response.context["table"].years
    assert (year.year, year.total) == (2019, 2)
    assert "Activity by year" in response.text


def test_content_editors_keep_events_with_import_and_export():
    editor = Group.objects.get(name="Content editor")
    codenames = set(editor.permissions.values_list("codename", flat=True))
    assert {"add_event", "change_event", "import_event", "export_event"} <= codenames


@pytest.mark.parametrize("language", ["ru", "en"])
def test_an_exported_events_file_headed_in_words_imports_back(language):
    """The id column headed «ID» (not the key «id») is the file's own: no
    second, empty id column is added, which refused the whole file."""
    from django.utils import translation

    from amur_invest.spreadsheets.formats import CSV

    event = EventFactory(title_en="Amur Week")
    with translation.override(language):
        content = CSV().export_data(EventResource().export())
        result = EventResource().import_data(
            CSV().create_dataset(content), dry_run=False, raise_errors=False
        )

    assert not result.has_errors()
    assert not result.has_validation_errors()
    assert Event.objects.get().pk == event.pk
