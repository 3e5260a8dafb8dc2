"""Spreadsheet import and export of the data staff keep in Excel.

Columns are listed explicitly; translated texts travel as name_ru, name_ja,
name_en. Related rows are written as their slug or code. A bad cell makes its
row invalid with a message naming the column, and the admin writes nothing
unless every row is valid.
"""

import io
import zipfile

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from import_export import fields, resources
from import_export.formats import base_formats
from import_export.instance_loaders import ModelInstanceLoader
from import_export.results import Error
from import_export.widgets import ManyToManyWidget, Widget
from modeltranslation.fields import TranslationField

from amur_invest.spreadsheets import csv_delimiter, decode_csv, escape_formula
from partners.models import Company, Contact, District, Organization, Prefecture, Sector
from partners.widgets import (
    EmailWidget,
    InnWidget,
    OgrnWidget,
    OptionalTextWidget,
    OrganizationWidget,
    ReferenceListWidget,
    ReferenceWidget,
    TextWidget,
    cell_text,
)

LANGUAGES = ("ru", "ja", "en")


# --- Formats -----------------------------------------------------------------


class FormulaEscapingMixin:
    """The library only strips a leading '=' (and turns every cell into text);
    escape every dangerous prefix and leave numbers and dates alone."""

    def _escape_formulae(self, dataset):
        escaped = [[escape_formula(cell) for cell in row] for row in dataset]
        # tablib has no in-place update: rebuild the rows under the same headers.
        del dataset[:]
        for row in escaped:
            dataset.append(row)

    def export_data(self, dataset, **kwargs):
        self._escape_formulae(dataset)
        return super().export_data(dataset, **kwargs)


class XlsxTooLarge(ValueError):
    pass


def check_xlsx_unpacked_size(data: bytes) -> None:
    """Refuse an XLSX (a zip) whose members would unpack past the limit.

    The sizes come from the zip's central directory; zipfile never returns more
    bytes for a member than its declared size, so a lying header cannot smuggle
    a bigger payload past this check.
    """
    limit = settings.IMPORT_XLSX_MAX_UNPACKED_BYTES
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            unpacked = sum(member.file_size for member in archive.infolist())
    except zipfile.BadZipFile:
        raise ValueError(_("This is not a valid XLSX file.")) from None
    if unpacked > limit:
        raise XlsxTooLarge(
            _(
                "This XLSX file would unpack to %(size)d MB, more than the "
                "%(limit)d MB allowed. Split it into smaller files."
            )
            % {"size": unpacked // 2**20, "limit": limit // 2**20}
        )


class RowLimitMixin:
    """An import checks and saves row by row, in the preview and again on
    confirm: a file longer than IMPORT_MAX_ROWS is refused before either, so
    that no step outlasts a web worker's timeout."""

    def create_dataset(self, in_stream, **kwargs):
        dataset = super().create_dataset(in_stream, **kwargs)
        limit = settings.IMPORT_MAX_ROWS
        if len(dataset) > limit:
            raise ValueError(
                _(
                    "The file has %(rows)d rows; up to %(limit)d can be imported "
                    "at once. Split it into smaller files."
                )
                % {"rows": len(dataset), "limit": limit}
            )
        return dataset


class CSV(RowLimitMixin, FormulaEscapingMixin, base_formats.CSV):
    def create_dataset(self, in_stream, **kwargs):
        # Whatever encoding the admin was told, read what Excel actually wrote.
        if isinstance(in_stream, bytes):
            in_stream = decode_csv(in_stream)
        kwargs.setdefault("delimiter", csv_delimiter(in_stream))
        return super().create_dataset(in_stream, **kwargs)


class XLSX(RowLimitMixin, FormulaEscapingMixin, base_formats.XLSX):
    def create_dataset(self, in_stream, **kwargs):
        # Checked again here because the confirm step re-reads the stored file.
        check_xlsx_unpacked_size(in_stream)
        return super().create_dataset(in_stream, **kwargs)


STAFF_FORMATS = [CSV, XLSX]


# --- Resources ----------------------------------------------------------------


def prefecture_code(value) -> str:
    """'1', 1 or 1.0 from a spreadsheet become the JIS code '01'."""
    text = cell_text(value)
    if text.endswith(".0"):
        text = text[:-2]
    return text.zfill(2) if text.isdigit() else text


class PrefectureReferenceWidget(ReferenceWidget):
    def clean(self, value, row=None, **kwargs):
        code = prefecture_code(value)
        return self.find(code) if code else None


def district_widget():
    return ReferenceWidget(
        District,
        "slug",
        gettext_lazy("Unknown district “%(value)s”: use a district slug."),
    )


def prefecture_widget():
    return PrefectureReferenceWidget(
        Prefecture,
        "code",
        gettext_lazy("Unknown prefecture “%(value)s”: use the code 01 to 47."),
    )


def sectors_widget():
    return ReferenceListWidget(
        Sector, "slug", gettext_lazy("Unknown sector “%(value)s”: use sector slugs.")
    )


class MissingColumns(ValueError):
    """The file lacks a column that every row needs."""


class FileError(Error):
    """An error of the whole file that our own check worded for staff: the
    import page shows its message without a Python traceback."""

    traceback = ""


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
        keys = {self.key(row) for row in self.dataset.dict} - {None, ""}
        found = self.get_queryset().filter(**{f"{self.key_field.attribute}__in": keys})
        self.by_key = {getattr(obj, self.key_field.attribute): obj for obj in found}

    def key(self, row):
        if self.key_field.column_name not in row:
            return None
        try:
            return self.key_field.clean(row)
        except ValueError:
            return None

    def get_instance(self, row):
        return self.by_key.pop(self.key(row), None)


class StaffResource(resources.ModelResource):
    """Shared behaviour: readable errors for every column, m2m cells included."""

    class Meta:
        instance_loader_class = KeyedInstanceLoader

    #: Columns a file must have besides the key that matches existing rows.
    required_columns = ()

    def before_import(self, dataset, **kwargs):
        headers = dataset.headers or []
        missing = [name for name in self.required_column_names() if name not in headers]
        if missing:
            raise MissingColumns(
                _(
                    "The file has no column %(missing)s. Its first row must name "
                    "the columns, as in an exported file: %(expected)s."
                )
                % {
                    "missing": ", ".join(missing),
                    "expected": ", ".join(self.get_export_headers()),
                }
            )
        super().before_import(dataset, **kwargs)

    def required_column_names(self):
        keys = [
            self.fields[name].column_name
            for name in self.get_import_id_fields()
            if name != "id"
        ]
        return [*keys, *self.required_columns]

    def handle_import_error(self, result, error, raise_errors=False):
        if isinstance(error, MissingColumns) and result and not raise_errors:
            result.append_base_error(FileError(error))
            return
        super().handle_import_error(result, error, raise_errors)

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

    def import_instance(self, instance, row, **kwargs):
        errors = {}
        try:
            super().import_instance(instance, row, **kwargs)
        except ValidationError as error:
            errors = error.update_error_dict(errors)
        # When the name_ru cell is refused, modeltranslation also reports the
        # base field "name" as blank: the file has only the name_ru column.
        for name in [name for name in errors if f"{name}_ru" in errors]:
            del errors[name]
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

    def filter_export(self, queryset, **kwargs):
        return self.optimize_export(super().filter_export(queryset, **kwargs))

    def optimize_export(self, queryset):
        return queryset


class CompanyResource(StaffResource):
    inn = fields.Field(attribute="inn", column_name="inn", widget=InnWidget())
    ogrn = fields.Field(attribute="ogrn", column_name="ogrn", widget=OgrnWidget())
    district = fields.Field(
        attribute="district", column_name="district", widget=district_widget()
    )
    sectors = fields.Field(
        attribute="sectors", column_name="sectors", widget=sectors_widget()
    )
    email = fields.Field(attribute="email", column_name="email", widget=EmailWidget())

    required_columns = ("name_ru",)

    class Meta:
        model = Company
        import_id_fields = ("inn",)
        fields = (
            "inn",
            "ogrn",
            "name_ru",
            "name_ja",
            "name_en",
            "slug",
            "district",
            "sectors",
            "products_ru",
            "products_ja",
            "products_en",
            "description_ru",
            "description_ja",
            "description_en",
            "website",
            "email",
            "phone",
            "is_published",
            "is_sample",
        )
        export_order = fields
        clean_model_instances = True
        skip_unchanged = False

    def import_instance(self, instance, row, **kwargs):
        try:
            super().import_instance(instance, row, **kwargs)
        finally:
            if not instance.slug:
                instance.slug = self.free_slug(instance)

    @staticmethod
    def free_slug(company):
        base = slugify(company.name_en or "") or "company"
        taken = Company.objects.filter(slug=base).exclude(pk=company.pk).exists()
        return f"{base}-{company.inn}"[:120] if taken else base[:120]

    def optimize_export(self, queryset):
        return queryset.select_related("district").prefetch_related("sectors")


class OrganizationResource(StaffResource):
    prefecture = fields.Field(
        attribute="prefecture", column_name="prefecture", widget=prefecture_widget()
    )
    sectors = fields.Field(
        attribute="sectors", column_name="sectors", widget=sectors_widget()
    )

    required_columns = ("name_ru",)

    class Meta:
        model = Organization
        import_id_fields = ("id",)
        fields = (
            "id",
            "name_ru",
            "name_ja",
            "name_en",
            "kind",
            "country",
            "prefecture",
            "city",
            "sectors",
            "website",
            "notes",
            "is_sample",
        )
        export_order = fields
        clean_model_instances = True

    def before_import(self, dataset, **kwargs):
        # New organisations have no id yet: a file without the column is fine.
        if "id" not in dataset.headers:
            dataset.append_col([""] * len(dataset), header="id")
        super().before_import(dataset, **kwargs)

    def optimize_export(self, queryset):
        return queryset.select_related("prefecture").prefetch_related("sectors")


class ContactResource(StaffResource):
    email = fields.Field(attribute="email", column_name="email", widget=EmailWidget())
    organization = fields.Field(
        attribute="organization",
        column_name="organization",
        widget=OrganizationWidget(
            Organization,
            "pk",
            gettext_lazy(
                "Unknown organisation “%(value)s”: use its id or exact Russian name."
            ),
        ),
    )
    prefecture = fields.Field(
        attribute="prefecture", column_name="prefecture", widget=prefecture_widget()
    )

    class Meta:
        model = Contact
        import_id_fields = ("email",)
        fields = (
            "email",
            "name_latin",
            "name_native",
            "organization",
            "prefecture",
            "position",
            "department",
            "phone",
            "preferred_language",
            "notes",
        )
        export_order = fields
        clean_model_instances = True

    def get_instance(self, instance_loader, row):
        # Contacts without an email are always new: "" must not match them all.
        if not cell_text(row.get("email")):
            return None
        return super().get_instance(instance_loader, row)

    def optimize_export(self, queryset):
        return queryset.select_related("organization", "prefecture")


class PrefectureCodeWidget(TextWidget):
    def clean(self, value, row=None, **kwargs):
        return prefecture_code(value)


class PrefectureResource(StaffResource):
    code = fields.Field(
        attribute="code", column_name="code", widget=PrefectureCodeWidget()
    )

    class Meta:
        model = Prefecture
        import_id_fields = ("code",)
        fields = ("code", "name_ru", "name_ja", "name_en", "region")
        export_order = fields
        clean_model_instances = True
