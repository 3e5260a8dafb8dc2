"""The staff's spreadsheet import and export in the admin, shared by every
model staff keep in Excel: formats that survive Excel, limits on uploads,
all-or-nothing imports, the accepted values and a template on the import
page, and uploaded files kept no longer than the import needs them."""

import re

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse, HttpResponseRedirect
from django.urls import path, reverse
from django.utils.translation import gettext, ngettext
from import_export.admin import ImportExportMixin
from import_export.results import RowResult
from import_export.tmp_storages import CacheStorage

from amur_invest.lists import joined
from amur_invest.spreadsheets.files import csv_delimiter_for, xlsx_bytes
from amur_invest.spreadsheets.formats import STAFF_FORMATS, XLSX
from amur_invest.spreadsheets.forms import StaffExportForm, StaffImportForm


class UploadStorage(CacheStorage):
    """Where an uploaded file waits between preview and confirmation.

    Contact lists hold personal data: the file is removed as soon as the
    import is confirmed or refused, and one left behind (the preview was
    abandoned) expires within the hour."""

    CACHE_LIFETIME = 3600
    NAME = re.compile(r"^[0-9a-f]{32}$")

    @classmethod
    def named(cls, name: str):
        """The storage of an earlier upload, or None for a name that cannot
        be one of ours (the name comes back from the browser)."""
        return cls(name=name) if cls.NAME.match(name or "") else None


class StaffImportExportMixin(ImportExportMixin):
    """Import and export as staff need them: CSV and XLSX that survive Excel,
    size and row limits on uploads, all-or-nothing imports, the accepted
    values and a template file on the import page, and uploads that are not
    kept longer than the import needs them."""

    formats = STAFF_FORMATS
    import_form_class = StaffImportForm
    export_form_class = StaffExportForm
    import_template_name = "admin/import_export/staff_import.html"
    tmp_storage_class = UploadStorage

    def get_urls(self):
        template = path(
            "import/template.xlsx",
            self.admin_site.admin_view(self.import_template_view),
            name="{}_{}_import_template".format(*self.get_model_info()),
        )
        return [template, *super().get_urls()]

    # Import.

    def get_import_data_kwargs(self, **kwargs):
        # The confirm step must roll back on invalid rows too: the data may
        # have changed since the preview.
        return {
            **super().get_import_data_kwargs(**kwargs),
            "rollback_on_validation_errors": True,
        }

    def import_action(self, request, **kwargs):
        response = super().import_action(request, **kwargs)
        context = getattr(response, "context_data", None) or {}
        if result := context.get("result"):
            # The preview's columns, headed as in the staff member's files.
            resource = self.get_import_resource_classes(request)[0]()
            context["result_headings"] = [
                resource.heading_of(column) for column in result.diff_headers
            ]
        if "confirm_form" not in context:
            # Refused or unreadable: nothing will come back for the file.
            self.discard_upload(request)
        return response

    @staticmethod
    def discard_upload(request):
        # The library names the stored copy on the uploaded file itself.
        upload = request.FILES.get("import_file")
        name = getattr(upload, "tmp_storage_name", "")
        if storage := UploadStorage.named(name):
            storage.remove()

    def process_import(self, request, **kwargs):
        storage = UploadStorage.named(request.POST.get("import_file_name", ""))
        if request.method == "POST" and storage and storage.read() is None:
            messages.error(
                request,
                gettext(
                    "The uploaded file is no longer kept: files wait at most an "
                    "hour between preview and confirmation. Upload it again."
                ),
            )
            return HttpResponseRedirect(self.import_url())
        try:
            return super().process_import(request, **kwargs)
        finally:
            # Confirmed or refused, the upload has served its purpose.
            if storage:
                storage.remove()

    def import_url(self):
        return reverse("admin:{}_{}_import".format(*self.get_model_info()))

    def process_result(self, result, request):
        if result.has_errors() or result.has_validation_errors():
            messages.error(request, self.failed_import_message(result))
            return HttpResponseRedirect(self.import_url())
        return super().process_result(result, request)

    def add_success_message(self, result, request):
        """The library's message puts the counts before a plural name
        («0 удалено и 0 пропущено амурские компании»): one sentence with
        the number of rows, then each count after its word."""
        totals = result.totals
        rows = sum(totals.values())
        read = ngettext(
            "Import of “%(name)s” finished: %(count)d row read.",
            "Import of “%(name)s” finished: %(count)d rows read.",
            rows,
        ) % {"name": self.model._meta.verbose_name_plural, "count": rows}
        counts = gettext(
            "Added: %(new)d, updated: %(updated)d, deleted: %(deleted)d, "
            "unchanged: %(skipped)d."
        ) % {
            "new": totals[RowResult.IMPORT_TYPE_NEW],
            "updated": totals[RowResult.IMPORT_TYPE_UPDATE],
            "deleted": totals[RowResult.IMPORT_TYPE_DELETE],
            "skipped": totals[RowResult.IMPORT_TYPE_SKIP],
        }
        messages.success(request, f"{read} {counts}")

    @staticmethod
    def failed_import_message(result):
        if result.base_errors:
            # Two batches refused alike say it once.
            said = dict.fromkeys(str(error.error) for error in result.base_errors)
            return " ".join(said)
        # The library counts data rows from 1; Excel counts the heading row.
        rows = [row.number + 1 for row in result.invalid_rows]
        rows += [number + 1 for number, _errors in result.row_errors()]
        return gettext(
            "Nothing was imported: rows %(rows)s are not valid. "
            "Upload the file again to see the reasons."
        ) % {"rows": joined(sorted(rows))}

    def add_data_read_fail_error_to_form(self, form, e):
        if isinstance(e, UnicodeDecodeError):
            form.add_error(
                "import_file",
                gettext(
                    "The file cannot be read as text. Save it from Excel as "
                    "“CSV UTF-8” or as an XLSX workbook and upload it again."
                ),
            )
        # Our own checks (an XLSX that unpacks too large, too many rows, a
        # damaged workbook) speak for themselves.
        elif isinstance(e, ValueError):
            form.add_error("import_file", str(e))
        else:
            form.add_error(
                "import_file",
                gettext(
                    "The file cannot be read. Save it from Excel as an XLSX "
                    "workbook or as “CSV UTF-8” and upload it again."
                ),
            )

    def get_import_context_data(self, **kwargs):
        resource = self.get_import_resource_classes(None)[0]()
        return {
            **super().get_import_context_data(**kwargs),
            "reference_columns": resource.reference_columns(),
            "column_headings": [
                (resource.column_heading(field), field.column_name)
                for field in resource.get_import_fields()
            ],
            "import_template_url": reverse(
                "admin:{}_{}_import_template".format(*self.get_model_info())
            ),
            "import_notes": self.import_notes(),
        }

    def import_notes(self) -> list[str]:
        return []

    def import_template_view(self, request):
        """An empty XLSX with the columns of an import, headed in the staff
        member's language."""
        if not self.has_import_permission(request):
            raise PermissionDenied
        resource = self.get_import_resource_classes(request)[0]()
        content = xlsx_bytes(
            resource.get_export_headers(), [], title=resource.sheet_title()
        )
        response = HttpResponse(content, content_type=XLSX().get_content_type())
        filename = f"{self.model._meta.model_name}-template.xlsx"
        response["Content-Disposition"] = f'attachment; filename="{filename}"'
        return response

    # Export.

    def get_export_context_data(self, **kwargs):
        return {
            **super().get_export_context_data(**kwargs),
            "csv_separator": csv_delimiter_for(),
        }

    def get_export_data(self, file_format, request, queryset, **kwargs):
        if not self.has_export_permission(request):
            raise PermissionDenied
        # XLSX cells keep their types (numbers, yes/no); CSV cells are text.
        data = self.get_data_for_export(
            request,
            queryset,
            force_native_type=file_format.is_binary(),
            **kwargs,
        )
        return file_format.export_data(data)
