"""The forms of the import and export pages: the upload refused when too
large before any parser sees it, and the columns to export named in the
staff member's language."""

from django.conf import settings
from django.core.exceptions import FieldDoesNotExist, ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _
from import_export.forms import ImportForm, SelectableFieldsExportForm

from amur_invest.spreadsheets.files import ZIP_MAGIC
from amur_invest.spreadsheets.formats import check_xlsx_unpacked_size


class StaffImportForm(ImportForm):
    """The first import step, with size limits checked before parsing."""

    def clean_import_file(self):
        upload = self.cleaned_data["import_file"]
        limit = settings.IMPORT_MAX_UPLOAD_BYTES
        if upload.size > limit:
            raise ValidationError(
                _("The file is %(size)s; files up to %(limit)s can be imported.")
                % {"size": filesizeformat(upload.size), "limit": filesizeformat(limit)}
            )
        self.check_archive(upload)
        return upload

    @staticmethod
    def check_archive(upload):
        # Whatever its name or the chosen format, a zip (XLSX is one) is
        # measured unpacked before any parser opens it.
        data = b"".join(upload.chunks())
        upload.seek(0)
        if not data.startswith(ZIP_MAGIC):
            return
        try:
            check_xlsx_unpacked_size(data)
        except ValueError as error:
            raise ValidationError(str(error)) from None


class StaffExportForm(SelectableFieldsExportForm):
    """The export page lists the columns to include: each as the field's name
    in the staff's language with the column heading the file will carry,
    "INN (inn)", instead of the library's "Inn"."""

    def _get_field_label(self, resource, field_name):
        field = resource.fields.get(field_name)
        column = field.column_name if field else field_name
        try:
            model_field = resource._meta.model._meta.get_field(field.attribute)
        except (AttributeError, FieldDoesNotExist):
            return column
        return f"{capfirst(model_field.verbose_name)} ({column})"
