"""What the migrations adding an application's search text run: the text of
the applications saved before, and a trigram index on PostgreSQL.

The index (pg_trgm's gin_trgm_ops) answers `search_text LIKE '%word%'` for a
word of three characters or more; other databases (SQLite, for trying the
site out) read the column without one.
"""

from django.db import migrations

from partners.applications.models import application_search_text

BATCH = 2000


def fill_search_text(app_label: str, model_name: str, fields: tuple[str, ...]):
    """A RunPython operation writing the search text of every application of
    the historical model, with its own `fields` as of the migration."""

    def fill(apps, schema_editor):
        model = apps.get_model(app_label, model_name)
        rows = model.objects.select_related("company").only(
            *fields, "company__search_text"
        )
        batch = []
        for application in rows.order_by("pk").iterator(chunk_size=BATCH):
            company_text = (
                application.company.search_text if application.company else ""
            )
            application.search_text = application_search_text(
                application, company_text, fields
            )
            batch.append(application)
            if len(batch) == BATCH:
                model.objects.bulk_update(batch, ["search_text"])
                batch = []
        model.objects.bulk_update(batch, ["search_text"])

    return migrations.RunPython(fill, migrations.RunPython.noop, elidable=True)


class PostgreSQLOnly(migrations.RunSQL):
    """RunSQL on PostgreSQL; nothing on other databases."""

    def database_forwards(self, app_label, schema_editor, from_state, to_state):
        if schema_editor.connection.vendor == "postgresql":
            super().database_forwards(app_label, schema_editor, from_state, to_state)

    def database_backwards(self, app_label, schema_editor, from_state, to_state):
        if schema_editor.connection.vendor == "postgresql":
            super().database_backwards(app_label, schema_editor, from_state, to_state)


def trigram_index(table: str, name: str, column: str = "search_text"):
    """A GIN trigram index on PostgreSQL (and the pg_trgm extension, if
    missing); nothing elsewhere."""
    return PostgreSQLOnly(
        [
            "CREATE EXTENSION IF NOT EXISTS pg_trgm",
            f'CREATE INDEX IF NOT EXISTS "{name}" ON "{table}" '
            f'USING gin ("{column}" gin_trgm_ops)',
        ],
        f'DROP INDEX IF EXISTS "{name}"',
    )
