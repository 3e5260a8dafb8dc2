"""Uploaded import files hold personal data (contact lists): they are kept
only while the import needs them, and never longer than an hour."""

import time

import pytest
from django.core.cache import cache
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from amur_invest.spreadsheets.admin import UploadStorage
from partners.models import Company, Contact, District
from tests.partners.test_import_export import (
    CSV_FORMAT,
    company_row,
    confirm,
    csv_file,
    preview,
)

pytestmark = pytest.mark.django_db

PREFIX = UploadStorage.CACHE_PREFIX


def kept_uploads() -> list[str]:
    """The uploads waiting in the cache (local memory in tests)."""
    return [key for key in cache._cache if PREFIX in key]


@pytest.fixture(autouse=True)
def empty_cache():
    cache.clear()
    yield
    cache.clear()


def contact_file():
    rows = [{"email": "sato@pref.niigata.example.jp", "name_latin": "Ichiro Sato"}]
    return csv_file(rows, name="contacts.csv")


def test_upload_is_kept_while_the_preview_awaits_confirmation(staff_client):
    response = preview(staff_client, Contact, contact_file(), CSV_FORMAT)

    assert "confirm_form" in response.context
    assert len(kept_uploads()) == 1


def test_confirmed_import_removes_the_upload(staff_client):
    response = preview(staff_client, Contact, contact_file(), CSV_FORMAT)

    confirm(staff_client, Contact, response)

    assert Contact.objects.filter(email="sato@pref.niigata.example.jp").exists()
    assert kept_uploads() == []


def test_import_refused_at_confirmation_removes_the_upload(staff_client):
    district = District.objects.create(
        slug="disappearing", name_ru="Временный район", kind="municipal_okrug"
    )
    rows = [company_row(1, district=district.slug)]
    response = preview(staff_client, Company, csv_file(rows), CSV_FORMAT)
    district.delete()

    response = confirm(staff_client, Company, response)

    assert response.url == reverse("admin:partners_company_import")
    assert not Company.objects.exists()
    assert kept_uploads() == []


def test_file_with_invalid_rows_is_not_kept(staff_client):
    rows = [company_row(2, inn="2801234560")]

    response = preview(staff_client, Company, csv_file(rows), CSV_FORMAT)

    assert response.context["result"].has_validation_errors()
    assert kept_uploads() == []


@pytest.mark.parametrize(
    "content",
    [b"inn,name_ru\n\x98\x98,\x98\n", b"PK\x03\x04 broken"],
    ids=["unreadable", "workbook-as-csv"],
)
def test_unreadable_file_is_not_kept(staff_client, content):
    upload = SimpleUploadedFile("contacts.csv", content)

    response = preview(staff_client, Contact, upload, CSV_FORMAT)

    assert response.context["form"].errors
    assert kept_uploads() == []


def test_file_refused_as_a_whole_is_not_kept(staff_client):
    rows = [company_row(3, name_ja="????")]

    response = preview(staff_client, Company, csv_file(rows), CSV_FORMAT)

    assert response.context["result"].has_errors()
    assert kept_uploads() == []


def test_abandoned_upload_expires_within_the_hour(staff_client, monkeypatch):
    preview(staff_client, Contact, contact_file(), CSV_FORMAT)
    [key] = kept_uploads()
    now = time.time()

    monkeypatch.setattr(time, "time", lambda: now + 3600 + 1)

    assert cache.get(key) is None


def test_confirming_an_expired_upload_asks_to_upload_again(staff_client):
    response = preview(staff_client, Contact, contact_file(), CSV_FORMAT)
    cache.clear()

    response = confirm(staff_client, Contact, response)

    assert response.status_code == 302
    assert response.url == reverse("admin:partners_contact_import")
    message = str(next(iter(response.wsgi_request._messages)))
    assert "no longer kept" in message
    assert not Contact.objects.exists()


def test_a_name_that_is_not_ours_touches_no_cache_entry(staff_client):
    cache.set("session-of-someone", "kept", 60)

    staff_client.post(
        reverse("admin:partners_contact_process_import"),
        {"import_file_name": "../session-of-someone", "format": CSV_FORMAT},
    )

    assert cache.get("session-of-someone") == "kept"
