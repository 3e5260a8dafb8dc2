"""Backup and restore of everything the site keeps: the database and the
uploaded files.

A backup is one .tar.gz holding
  database.dump    the database in pg_dump's custom format,
  media/           the uploaded files (MEDIA_ROOT),
  manifest.json    the row count of every table, read in the same snapshot
                   as the dump, so that a restore can prove it found every row.

PostgreSQL's own tools do the database work: they are what a database
administrator trusts and they keep types, sequences and constraints exact.
The SQLite file of `make run` is a demo: copy the file to keep it.
"""

import datetime
import json
import os
import shutil
import subprocess
import tarfile
import tempfile
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.db import connections

MANIFEST = "manifest.json"
DATABASE_FILE = "database.dump"


class BackupError(Exception):
    """A backup or restore that cannot go on; the message says why."""


@dataclass(frozen=True)
class Database:
    """Where a database lives, as the command-line tools need it."""

    vendor: str
    name: str
    host: str = ""
    port: str = ""
    user: str = ""
    password: str = ""

    @classmethod
    def from_settings(cls, alias: str = "default") -> "Database":
        config = connections[alias].settings_dict
        vendor = connections[alias].vendor
        return cls(
            vendor=vendor,
            name=str(config["NAME"]),
            host=config.get("HOST") or "",
            port=str(config.get("PORT") or ""),
            user=config.get("USER") or "",
            password=config.get("PASSWORD") or "",
        )

    def tool_arguments(self) -> list[str]:
        arguments = ["--dbname", self.name]
        for flag, value in (("--host", self.host), ("--port", self.port)):
            if value:
                arguments += [flag, value]
        if self.user:
            arguments += ["--username", self.user]
        return arguments

    def connect(self):
        """A connection of its own, outside Django's, for snapshot work."""
        import psycopg

        return psycopg.connect(
            dbname=self.name,
            host=self.host or None,
            port=self.port or None,
            user=self.user or None,
            password=self.password or None,
            autocommit=True,
        )

    def tool_environment(self) -> dict:
        environment = dict(os.environ)
        if self.password:
            environment["PGPASSWORD"] = self.password
        return environment


def table_counts(database: Database, cursor=None) -> dict[str, int]:
    """Rows per table, as the database (or the cursor's snapshot) holds them."""
    if cursor is not None:
        return _count_tables(cursor)
    with database.connect() as connection:
        return _count_tables(connection.cursor())


def _count_tables(cursor) -> dict[str, int]:
    cursor.execute(
        "SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename"
    )
    tables = [row[0] for row in cursor.fetchall()]
    counts = {}
    for table in tables:
        # Table names come from the catalogue itself, quoted as identifiers.
        quoted = '"' + table.replace('"', '""') + '"'
        cursor.execute(f"SELECT COUNT(*) FROM {quoted}")
        counts[table] = cursor.fetchone()[0]
    return counts


def _run(command: list[str], database: Database) -> str:
    try:
        result = subprocess.run(
            command,
            env=database.tool_environment(),
            capture_output=True,
            text=True,
            check=False,
        )
    except FileNotFoundError:
        raise BackupError(
            f"{command[0]} is not installed: install the PostgreSQL client tools."
        ) from None
    if result.returncode != 0:
        raise BackupError(f"{command[0]} failed: {result.stderr.strip()}")
    return result.stdout


def create_backup(*, directory: Path, database: Database | None = None) -> Path:
    """Write a backup archive into `directory` and return its path."""
    database = database or Database.from_settings()
    stamp = datetime.datetime.now(datetime.UTC).strftime("%Y%m%dT%H%M%SZ")
    archive = Path(directory) / f"amur-invest-{stamp}.tar.gz"
    with tempfile.TemporaryDirectory() as work:
        work = Path(work)
        counts = _dump_database(database, work / DATABASE_FILE)
        manifest = {
            "created_at": stamp,
            "vendor": database.vendor,
            "tables": counts,
        }
        (work / MANIFEST).write_text(json.dumps(manifest, indent=1, sort_keys=True))
        with tarfile.open(archive, "w:gz") as tar:
            tar.add(work / MANIFEST, arcname=MANIFEST)
            tar.add(work / DATABASE_FILE, arcname=DATABASE_FILE)
            media = Path(settings.MEDIA_ROOT)
            if media.is_dir():
                tar.add(media, arcname="media")
    return archive


def require_postgresql(database: Database) -> None:
    if database.vendor != "postgresql":
        raise BackupError(
            "Backups work on PostgreSQL (set DATABASE_URL). The SQLite file of "
            "the demo can simply be copied."
        )


def _dump_database(database: Database, target: Path) -> dict[str, int]:
    require_postgresql(database)
    # Rows are counted in the very snapshot pg_dump copies, so the manifest
    # matches the dump exactly however busy the site is.
    with database.connect() as connection:
        cursor = connection.cursor()
        cursor.execute("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY")
        cursor.execute("SELECT pg_export_snapshot()")
        snapshot = cursor.fetchone()[0]
        counts = table_counts(database, cursor)
        _run(
            [
                "pg_dump",
                "--format=custom",
                "--no-owner",
                f"--snapshot={snapshot}",
                "--file",
                str(target),
                *database.tool_arguments(),
            ],
            database,
        )
        cursor.execute("COMMIT")
    return counts


def restore_backup(*, archive: Path, database: Database | None = None) -> dict:
    """Restore the archive into the database (which should be empty) and the
    media folder; return the manifest after checking every table's rows."""
    database = database or Database.from_settings()
    require_postgresql(database)
    if any(table_counts(database)):
        raise BackupError(
            "The target database already has tables. Restore into a new, empty "
            "database (createdb) and point DATABASE_URL at it."
        )
    with tempfile.TemporaryDirectory() as work:
        work = Path(work)
        with tarfile.open(archive, "r:gz") as tar:
            tar.extractall(work, filter="data")
        manifest = json.loads((work / MANIFEST).read_text())
        _restore_database(database, work / DATABASE_FILE)
        if (work / "media").is_dir():
            shutil.copytree(work / "media", settings.MEDIA_ROOT, dirs_exist_ok=True)
    missing = verify(manifest, table_counts(database))
    if missing:
        raise BackupError(f"Row counts differ after the restore: {missing}")
    return manifest


def _restore_database(database: Database, dump: Path) -> None:
    _run(
        [
            "pg_restore",
            "--no-owner",
            "--exit-on-error",
            "--single-transaction",
            *database.tool_arguments(),
            str(dump),
        ],
        database,
    )


def verify(manifest: dict, counts: dict[str, int]) -> dict[str, tuple[int, int]]:
    """Tables whose rows differ from the backup's: {table: (expected, found)}."""
    return {
        table: (expected, counts.get(table, 0))
        for table, expected in manifest["tables"].items()
        if counts.get(table, 0) != expected
    }
