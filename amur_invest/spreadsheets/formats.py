"""File formats of staff spreadsheets for django-import-export: CSV and
XLSX as Excel writes and reads them (see amur_invest.spreadsheets.files), read as a
stream and refused past IMPORT_MAX_ROWS."""

import io
import zipfile

from django.conf import settings
from django.utils.translation import gettext as _
from import_export.formats import base_formats

from amur_invest.spreadsheets.files import (
    ZIP_MAGIC,
    csv_bytes,
    read_csv,
    read_xlsx,
    xlsx_bytes,
)


class StoredFileMissing(ValueError):
    """The upload kept between preview and confirm has expired."""


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
        raise ValueError(
            _(
                "This file cannot be read as an Excel workbook (XLSX): it is "
                "damaged or of another kind. Open it in Excel, save it as "
                "“Excel Workbook (*.xlsx)” and upload it again."
            )
        ) from None
    if unpacked > limit:
        raise XlsxTooLarge(
            _(
                "This XLSX file would unpack to %(size)d MB, more than the "
                "%(limit)d MB allowed. Split it into smaller files."
            )
            % {"size": unpacked // 2**20, "limit": limit // 2**20}
        )


def stored_bytes(in_stream):
    if in_stream is None:
        raise StoredFileMissing(
            _(
                "The uploaded file is no longer kept: files wait at most an "
                "hour between preview and confirmation. Upload it again."
            )
        )
    return in_stream


class CSV(base_formats.CSV):
    """CSV as Excel saves it (see amur_invest.spreadsheets.files), read as a stream
    and refused past IMPORT_MAX_ROWS; written as UTF-8 with a byte-order mark,
    separated as the staff member's Excel expects."""

    def create_dataset(self, in_stream, **kwargs):
        data = stored_bytes(in_stream)
        if isinstance(data, bytes) and data.startswith(ZIP_MAGIC):
            raise ValueError(
                _(
                    "This is an Excel workbook, not a CSV file: choose the "
                    "format xlsx and upload it again."
                )
            )
        return read_csv(data, limit=settings.IMPORT_MAX_ROWS)

    def export_data(self, dataset, **kwargs):
        return csv_bytes(dataset.headers, dataset)


class XLSX(base_formats.XLSX):
    """XLSX read as a stream and refused past IMPORT_MAX_ROWS; written with
    typed cells and a sheet named after its content."""

    def create_dataset(self, in_stream, **kwargs):
        data = stored_bytes(in_stream)
        # Checked again here because the confirm step re-reads the stored file.
        check_xlsx_unpacked_size(data)
        return read_xlsx(data, limit=settings.IMPORT_MAX_ROWS)

    def export_data(self, dataset, **kwargs):
        return xlsx_bytes(dataset.headers, dataset, title=dataset.title or "")


STAFF_FORMATS = [CSV, XLSX]
