"""manage.py restore: a backup archive into an empty database."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from amur_invest import page_cache
from amur_invest.backup import BackupError, restore_backup


class Command(BaseCommand):
    help = (
        "Restore a backup archive (from manage.py backup) into the empty database "
        "DATABASE_URL names, and its files into MEDIA_ROOT; then check that every "
        "table holds the rows the backup recorded."
    )

    def add_arguments(self, parser):
        parser.add_argument("archive", help="The .tar.gz written by manage.py backup.")

    def handle(self, *args, archive, **options):
        try:
            manifest = restore_backup(archive=Path(archive))
        except BackupError as error:
            raise CommandError(str(error)) from None
        # Pages cached from the database before the restore are stale.
        page_cache.start_new_generation()
        rows = sum(manifest["tables"].values())
        tables = len(manifest["tables"])
        self.stdout.write(
            self.style.SUCCESS(
                f"Restored {rows} rows in {tables} tables from {manifest['created_at']}."
            )
        )
