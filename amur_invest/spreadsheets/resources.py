"""What every staff import and export shares: headings in the staff
member's language, whole-file refusals before any row, readable errors for
every row and column, and the accepted values the import page lists."""

import logging

from django.conf import settings
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db import DatabaseError, models, transaction
from django.utils import translation
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from import_export import resources
from import_export.instance_loaders import ModelInstanceLoader
from import_export.results import Error
from import_export.widgets import ManyToManyWidget, Widget
from modeltranslation.fields import TranslationField

from amur_invest.folding import fold
from amur_invest.lists import joined
from amur_invest.spreadsheets.files import lost_characters
from amur_invest.spreadsheets.widgets import (
    ChoiceWidget,
    LabelledChoiceWidget,
    OptionalTextWidget,
    ReferenceListWidget,
    ReferenceWidget,
    TextWidget,
    cell_text,
)
from amur_invest.staff.audit import RecordsExportedRows

LANGUAGES = ("ru", "ja", "en")

logger = logging.getLogger(__name__)


# --- Refusals of a whole file ----------------------------------------------------


class FileRefused(ValueError):
    """Something wrong with the file as a whole: nothing of it is imported."""


class MissingColumns(FileRefused):
    """The file lacks a column that every row needs."""


class UnknownColumns(FileRefused):
    """The file has columns this import would silently ignore."""


class LostCharacters(FileRefused):
    """Characters were replaced by "?" (or dropped) when the file was saved."""


class DatabaseRefused(FileRefused):
    """The database refused a batch of rows (a timeout, a lost connection):
    nothing of the file is kept, and staff may simply try again."""

    def __init__(self):
        super().__init__(
            _(
                "Nothing was imported: the database did not save the file, and "
                "everything is as it was before. Try again in a few minutes; if "
                "it fails again, tell the site's administrator."
            )
        )


class FileError(Error):
    """An error of the whole file or row that our own check worded for staff:
    the import page shows its message without a Python traceback."""

    traceback = ""


def lost_characters_message(damaged: list[str]) -> str:
    shown = damaged[:5]
    if len(damaged) > 5:
        shown.append(_("%(count)d more") % {"count": len(damaged) - 5})
    return _(
        "Nothing was imported: characters were lost when this file was saved "
        "(%(cells)s). Excel replaces every character that a plain “CSV” "
        "cannot hold, Japanese for one, with “?”. Save the file in Excel as "
        "“Excel Workbook (*.xlsx)” or as “CSV UTF-8 (Comma delimited) "
        "(*.csv)” and upload it again."
    ) % {"cells": "; ".join(shown)}


def quoted(names) -> str:
    return joined(f"“{name}”" for name in names)


# --- Resources ----------------------------------------------------------------


class KeyedInstanceLoader(ModelInstanceLoader):
    """Finds the existing rows of a whole file in one query, by the cleaned key
    (INN, email, code), instead of one query per row.

    A key that does not clean (a bad INN) finds nothing: that row's own
    validation says what is wrong. A key repeated in the file finds nothing
    for its second row either, whose unique check then names the duplicate.
    """

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.key_field = self.resource.fields[self.resource.get_import_id_fields()[0]]
        # The whole-file checks read the stored rows first; the import reads
        # the same ones: once is enough.
        read = getattr(self.resource, "_stored_rows", None)
        if read is not None and read[0] is self.dataset:
            self.by_key = dict(read[1])
            return
        keys = {self.key(row) for row in self.dataset.dict} - {None, ""}
        found = self.get_queryset().filter(**{f"{self.key_field.attribute}__in": keys})
        self.by_key = {getattr(obj, self.key_field.attribute): obj for obj in found}
        self.resource._stored_rows = (self.dataset, dict(self.by_key))

    def key(self, row):
        if self.key_field.column_name not in row:
            return None
        try:
            return self.key_field.clean(row)
        except ValueError:
            return None

    def get_instance(self, row):
        return self.by_key.pop(self.key(row), None)


class StaffResource(RecordsExportedRows, resources.ModelResource):
    """Shared behaviour: headings in the staff member's language, readable
    errors for every column (m2m cells included), whole-file refusals, and
    exports that say which rows they wrote (for the audit trail)."""

    class Meta:
        instance_loader_class = KeyedInstanceLoader
        # A row saved in bulk learns its id only after the batch is written:
        # the audit trail reads it from the instance the row result keeps.
        store_instance = True
        # A row that changes nothing is not written, and the preview says
        # so instead of showing it as a change.
        skip_unchanged = True
        report_skipped = True

    #: Columns a file must have besides the key that matches existing rows.
    required_columns = ()
    #: Columns with choices kept as their codes (another column reads them).
    coded_columns = ()
    #: Columns that hold Japanese script besides the *_ja translations.
    japanese_columns = ()

    # Headings.

    #: Headings of columns that are no model field of their own (column key
    #: -> a translatable heading).
    column_headings = {}

    def column_heading(self, field) -> str:
        """A column's heading in the active language: the model field's name."""
        if field.column_name in self.column_headings:
            return capfirst(str(self.column_headings[field.column_name]))
        try:
            model_field = self._meta.model._meta.get_field(field.attribute)
        except Exception:
            return field.column_name
        return capfirst(str(model_field.verbose_name))

    def heading_of(self, column: str) -> str:
        field = next(
            (f for f in self.get_import_fields() if f.column_name == column), None
        )
        return self.column_heading(field) if field else column

    def get_export_headers(self, selected_fields=None):
        return [
            self.column_heading(field)
            for field in self.get_export_fields(selected_fields)
        ]

    def heading_lookup(self) -> dict[str, str]:
        """Folded heading -> column key, for the key itself and the heading in
        each language, alone or as "Heading (key)"."""
        lookup = {}
        for field in self.get_import_fields():
            column = field.column_name
            names = {column}
            for language in LANGUAGES:
                with translation.override(language):
                    heading = self.column_heading(field)
                names |= {heading, f"{heading} ({column})"}
            lookup.update({fold(name): column for name in names})
        return lookup

    def read_headings(self, dataset) -> None:
        """Name the file's columns by their keys; refuse a file whose columns
        would be silently ignored or read twice."""
        lookup = self.heading_lookup()
        headers = list(dataset.headers or [])
        if any(
            lost_characters(heading, stored=None, japanese=True, legacy_encoding=None)
            for heading in headers
        ):
            raise LostCharacters(lost_characters_message([_("the heading row")]))
        columns = [lookup.get(fold(heading)) for heading in headers]
        unknown = [h for h, c in zip(headers, columns, strict=True) if h and not c]
        unnamed = [
            index
            for index, (heading, column) in enumerate(
                zip(headers, columns, strict=True)
            )
            if not heading and any(cell_text(row[index]) for row in dataset)
        ]
        if unknown or unnamed:
            raise UnknownColumns(self.unknown_columns_message(unknown, unnamed))
        repeated = {c for c in columns if c and columns.count(c) > 1}
        if repeated:
            raise UnknownColumns(
                _("The file has the column %(columns)s more than once.")
                % {"columns": quoted(self.heading_of(c) for c in sorted(repeated))}
            )
        keep = [index for index, column in enumerate(columns) if column]
        rows = [[row[index] for index in keep] for row in dataset]
        del dataset[:]
        dataset.headers = [columns[index] for index in keep]
        for row in rows:
            dataset.append(row)

    def unknown_columns_message(self, unknown, unnamed) -> str:
        problems = []
        if unknown:
            problems.append(
                _("columns this import does not know: %(columns)s")
                % {"columns": quoted(unknown)}
            )
        if unnamed:
            problems.append(
                _("filled columns without a heading (column %(numbers)s)")
                % {"numbers": joined(index + 1 for index in unnamed)}
            )
        return _(
            "Nothing was imported: the file has %(problems)s. Name each column "
            "as in the template or an exported file, or delete it, so that no "
            "value is silently left out."
        ) % {"problems": "; ".join(problems)}

    # Whole-file checks, before any row.

    def before_import(self, dataset, **kwargs):
        try:
            self.read_headings(dataset)
            self.check_required_columns(dataset)
            self.refuse_lost_characters(dataset)
        except FileRefused:
            # The library reads the rows after a refusal too: a file refused
            # as a whole (a heading row turned into «???») has none to read,
            # or each row would fail again with a traceback.
            del dataset[:]
            raise
        super().before_import(dataset, **kwargs)

    def check_required_columns(self, dataset) -> None:
        missing = [
            name for name in self.required_column_names() if name not in dataset.headers
        ]
        if missing:
            raise MissingColumns(
                _(
                    "The file has no column %(missing)s. Its first row must name "
                    "the columns, as in an exported file: %(expected)s."
                )
                % {
                    "missing": joined(
                        f"{self.heading_of(name)} ({name})" for name in missing
                    ),
                    "expected": joined(self.get_export_headers()),
                }
            )

    def required_column_names(self):
        keys = [
            self.fields[name].column_name
            for name in self.get_import_id_fields()
            if name != "id"
        ]
        return [*keys, *self.required_columns]

    def text_fields(self):
        return [
            field
            for field in self.get_import_fields()
            if isinstance(field.widget, TextWidget | OptionalTextWidget)
        ]

    def is_japanese(self, column: str) -> bool:
        return column.endswith("_ja") or column in self.japanese_columns

    def refuse_lost_characters(self, dataset) -> None:
        """Refuse the whole file when any cell lost characters on its way
        through a legacy code page: a Japanese column with "??", a U+FFFD, or a
        cell that reads exactly like its stored text after such a loss."""
        loader = KeyedInstanceLoader(self, dataset)
        encoding = getattr(dataset, "legacy_encoding", None)
        text_fields = [
            f for f in self.text_fields() if f.column_name in dataset.headers
        ]
        damaged = []
        # Numbered as Excel numbers them: the heading row is row 1.
        for number, row in enumerate(dataset.dict, start=2):
            stored = loader.by_key.get(loader.key(row))
            for field in text_fields:
                incoming = str(row.get(field.column_name) or "")
                before = getattr(stored, field.attribute, None) if stored else None
                if lost_characters(
                    incoming,
                    stored=before,
                    japanese=self.is_japanese(field.column_name),
                    legacy_encoding=encoding,
                ):
                    damaged.append(
                        _("row %(row)d, column “%(column)s”")
                        % {"row": number, "column": self.column_heading(field)}
                    )
        if damaged:
            # Nothing of the file is worth checking row by row.
            del dataset[:]
            raise LostCharacters(lost_characters_message(damaged))

    def handle_import_error(self, result, error, raise_errors=False):
        if isinstance(error, DatabaseError):
            self.undo_refused_step(error)
            if result and not raise_errors:
                error = DatabaseRefused()
        if isinstance(error, FileRefused) and result and not raise_errors:
            result.append_base_error(FileError(error))
            return
        super().handle_import_error(result, error, raise_errors)

    def undo_refused_step(self, error: DatabaseError) -> None:
        """The library catches a database error inside the savepoint of the
        step that failed (a batch of rows) and goes on. Django's bulk_create
        runs a batch of new rows without an atomic block of its own, so
        nothing marks that savepoint for rollback, and releasing it in the
        aborted transaction ended the confirm step in a 500. Mark it: the
        import then ends as any failed import does, with nothing written."""
        using = self.get_db_connection_name()
        if transaction.get_connection(using).in_atomic_block:
            transaction.set_rollback(True, using=using)
        logger.error(
            "The database refused an import of %s",
            self._meta.model._meta.label,
            exc_info=error,
        )

    # Rows.

    @classmethod
    def field_from_django_field(cls, field_name, django_field, readonly):
        """A column of a field with choices says them in words staff read
        («переговоры», not "negotiations"); codes import as well."""
        field = super().field_from_django_field(field_name, django_field, readonly)
        if (
            django_field.choices
            and not django_field.is_relation
            and field_name not in cls.coded_columns
        ):
            field.widget = LabelledChoiceWidget(django_field.choices)
        return field

    @classmethod
    def widget_from_django_field(cls, f, default=Widget):
        # Empty translations are stored as NULL, like the admin does; other
        # text is trimmed and loses the apostrophe our exports add.
        if isinstance(f, TranslationField):
            return OptionalTextWidget
        if isinstance(f, models.CharField | models.TextField):
            return TextWidget
        return super().widget_from_django_field(f, default)

    def get_instance(self, instance_loader, row):
        # A malformed key (a bad INN) must become an invalid row with its
        # message, reported by import_instance, not a traceback from the loader.
        try:
            return super().get_instance(instance_loader, row)
        except ValueError:
            return None

    def skip_row(self, instance, original, row, import_validation_errors=None):
        """Whether the row leaves its stored record as it is. The library's
        own check reads many-to-many values as querysets, where ours may
        already be lists (BulkSavingResource)."""
        if import_validation_errors or original is None or original.pk is None:
            return False
        for field in self.get_import_fields():
            if field.column_name not in row:
                continue
            if isinstance(field.widget, ManyToManyWidget):
                stored = field.get_value(original)
                stored = stored.all() if hasattr(stored, "all") else stored or []
                if sorted(v.pk for v in field.clean(row)) != sorted(
                    v.pk for v in stored
                ):
                    return False
            elif field.get_value(instance) != field.get_value(original):
                return False
        return True

    def import_instance(self, instance, row, **kwargs):
        errors = {}
        try:
            super().import_instance(instance, row, **kwargs)
        except ValidationError as error:
            errors = error.update_error_dict(errors)
        # The library cleans many-to-many cells only after saving; check them
        # now so that an unknown slug invalidates the row like any other cell.
        for field in self.get_import_fields():
            if isinstance(field.widget, ManyToManyWidget) and field.column_name in row:
                try:
                    field.clean(row, **kwargs)
                except ValueError as error:
                    errors[field.attribute] = ValidationError(str(error))
        if errors:
            raise ValidationError(errors)

    def validate_instance(self, instance, import_validation_errors=None, **kwargs):
        try:
            super().validate_instance(instance, import_validation_errors, **kwargs)
        except ValidationError as error:
            raise ValidationError(self.errors_by_heading(error.error_dict)) from None

    def errors_by_heading(self, errors: dict) -> dict:
        """Row errors keyed by the column headings staff see in their file."""
        by_attribute = {f.attribute: f for f in self.get_import_fields()}
        keyed = {}
        for name, messages in errors.items():
            if name in by_attribute:
                key = self.column_heading(by_attribute[name])
            elif name == NON_FIELD_ERRORS:
                key = name
            elif translated := self.translation_columns(name, by_attribute):
                # modeltranslation also checks the base field ("name"), which
                # holds one of the translations: the file has only those.
                if any(column in errors for column in translated):
                    continue
                key = self.column_heading(by_attribute[translated[0]])
            else:
                key = name
            keyed.setdefault(key, []).extend(messages)
        return keyed

    @staticmethod
    def translation_columns(name: str, by_attribute: dict) -> list[str]:
        """The import columns of a translated field, the active language's
        first."""
        language = translation.get_language() or settings.LANGUAGE_CODE
        codes = dict.fromkeys([language[:2], *LANGUAGES])
        return [f"{name}_{code}" for code in codes if f"{name}_{code}" in by_attribute]

    def import_row(self, row, instance_loader, **kwargs):
        row_result = super().import_row(row, instance_loader, **kwargs)
        # An unexpected failure (a database refusal) is still a row error with
        # a sentence, never an empty message or a traceback.
        row_result.errors = [
            FileError(
                ValueError(
                    _("This row could not be imported: %(reason)s")
                    % {"reason": str(error.error) or type(error.error).__name__}
                ),
                row=error.row,
                number=error.number,
            )
            for error in row_result.errors
        ]
        return row_result

    # Export.

    def sheet_title(self) -> str:
        return capfirst(str(self._meta.model._meta.verbose_name_plural))

    def after_export(self, queryset, dataset, **kwargs):
        dataset.title = self.sheet_title()
        super().after_export(queryset, dataset, **kwargs)

    def filter_export(self, queryset, **kwargs):
        return self.optimize_export(super().filter_export(queryset, **kwargs))

    def optimize_export(self, queryset):
        return queryset

    # What the import page lists.

    def reference_columns(self) -> list:
        """(heading, [(value, description), ...]) for every column that takes
        one of a fixed set of values, as the import page lists them."""
        listed = []
        for field in self.get_import_fields():
            values = accepted_values(field.widget)
            if values:
                listed.append((self.column_heading(field), values))
        return listed


def accepted_values(widget) -> list[tuple[str, str]]:
    if isinstance(widget, ReferenceListWidget):
        widget = widget.reference
    if isinstance(widget, ReferenceWidget) and widget.lists_accepted_values:
        return [
            (str(getattr(obj, widget.field)), " / ".join(widget.names(obj)))
            for obj in widget.model.objects.all()
        ]
    if isinstance(widget, ChoiceWidget):
        return [(code, str(label)) for code, label in widget.choices]
    return []
