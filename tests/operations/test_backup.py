"""A backup restores into an empty database with every row and every file."""

import dataclasses
import io

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.management import call_command
from django.db import connection

from amur_invest.backup import (
    BackupError,
    Database,
    create_backup,
    restore_backup,
    table_counts,
)
from tests.missions.factories import RegistrationFactory
from tests.partners.factories import CompanyFactory

postgresql_only = pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="backups use pg_dump and pg_restore: run with DATABASE_URL on PostgreSQL",
)


@pytest.fixture
def empty_database():
    """A new database beside the test database, dropped afterwards."""
    source = Database.from_settings()
    target = dataclasses.replace(source, name=f"{source.name}_restore")
    admin = dataclasses.replace(source, name="postgres")
    with admin.connect() as server:
        server.execute(f'DROP DATABASE IF EXISTS "{target.name}"')
        server.execute(f'CREATE DATABASE "{target.name}"')
    yield target
    with admin.connect() as server:
        server.execute(f'DROP DATABASE IF EXISTS "{target.name}" WITH (FORCE)')


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


@postgresql_only
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_backup_restores_every_row_and_file_into_an_empty_database(
    tmp_path, empty_database, media, settings
):
    registration = RegistrationFactory(
        status="accepted", company__name_ja="アムール蜂蜜"
    )
    CompanyFactory.create_batch(3)
    default_storage.save("slides/tokyo-2019.png", ContentFile(b"\x89PNG slide"))
    archive = create_backup(directory=tmp_path)

    source_counts = table_counts(Database.from_settings())
    settings.MEDIA_ROOT = tmp_path / "restored-media"
    manifest = restore_backup(archive=archive, database=empty_database)

    assert manifest["tables"] == source_counts
    assert table_counts(empty_database) == source_counts
    assert source_counts["partners_company"] == 4
    with empty_database.connect() as restored:
        names = restored.execute(
            "SELECT name_ja FROM partners_company WHERE inn = %s",
            [registration.company.inn],
        ).fetchall()
    assert names == [("アムール蜂蜜",)]
    slide = tmp_path / "restored-media" / "slides" / "tokyo-2019.png"
    assert slide.read_bytes() == b"\x89PNG slide"


@postgresql_only
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_restore_refuses_a_database_that_already_has_tables(tmp_path, media):
    CompanyFactory()
    archive = create_backup(directory=tmp_path)
    with pytest.raises(BackupError, match="already has tables"):
        restore_backup(archive=archive)


def test_a_backup_of_sqlite_says_what_to_do_instead(tmp_path):
    sqlite = Database(vendor="sqlite", name="db.sqlite3")
    with pytest.raises(BackupError, match="PostgreSQL"):
        create_backup(directory=tmp_path, database=sqlite)


@postgresql_only
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_the_backup_command_writes_one_archive(tmp_path, media):
    out = io.StringIO()
    call_command("backup", "--output", str(tmp_path / "backups"), stdout=out)
    archives = list((tmp_path / "backups").glob("amur-invest-*.tar.gz"))
    assert len(archives) == 1
    assert str(archives[0]) in out.getvalue()
