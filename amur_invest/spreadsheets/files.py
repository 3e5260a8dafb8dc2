"""Spreadsheet handling shared by every staff export and import.

Exports must survive Excel: a CSV is UTF-8 with a byte-order mark, split on
the separator the staff member's Excel expects, with formulas escaped; an XLSX
keeps text as text (no apostrophe, no formula), numbers as numbers and a sheet
named after its content. Neither may fail on a stray control character that
an old row still holds.

Imports read files as spreadsheet programs save them, row by row, and stop
as soon as a file proves longer than allowed: a small file that declares a
million rows is refused without building them.
"""

import codecs
import csv
import io
import re
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import datetime

import tablib
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _

# A spreadsheet runs a cell that begins with one of these as a formula (CSV
# injection). The full-width forms are what a Japanese keyboard types.
FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r", "＝", "＋", "－", "＠")

# The characters amur_invest.text refuses on input (control characters other
# than tab and line breaks, surrogates, bidirectional overrides, non-
# characters). Rows saved before that check may still hold them, and openpyxl
# refuses to write most of them: exports leave them out.
UNPRINTABLE = re.compile(
    "[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff"
    "\u202a-\u202e\u2066-\u2069\ufffe\uffff]"
)

# Excel's own limits: rows on a sheet, and the characters of a sheet name
# (which may not hold any of \ / ? * [ ] :).
EXCEL_MAX_ROWS = 1_048_576
SHEET_TITLE_LENGTH = 31
SHEET_TITLE_FORBIDDEN = re.compile(r"[\\/?*\[\]:]")
# No staff file has more columns than this; a sheet that claims thousands of
# columns must not make every row that wide in memory.
MAX_COLUMNS = 200

ZIP_MAGIC = b"PK\x03\x04"


def escape_formula(value):
    """Prefix an apostrophe to text a spreadsheet would run as a formula;
    numbers, dates and empty cells pass unchanged."""
    if isinstance(value, str) and value.startswith(FORMULA_PREFIXES):
        return "'" + value
    return value


def unescape_formula(text: str) -> str:
    """Undo escape_formula, so that an exported file imports back unchanged."""
    if text.startswith("'") and text[1:].startswith(FORMULA_PREFIXES):
        return text[1:]
    return text


def printable(text: str) -> str:
    return UNPRINTABLE.sub("", text)


# --- Writing ----------------------------------------------------------------------


def csv_delimiter_for(language: str | None = None) -> str:
    """The separator the staff member's Excel splits a CSV on.

    Excel uses the list separator of Windows' regional settings: ';' where the
    decimal mark is a comma (Russia), ',' in Japan and English-speaking
    countries. No one separator works for both, and a "sep=;" first line,
    which would force it, makes Excel ignore the byte-order mark and read
    UTF-8 as the local code page. So the file follows the staff member's
    language: Russian gets ';', Japanese and English get ','.
    """
    language = language or get_language() or ""
    return ";" if language.startswith("ru") else ","


def csv_cell(value):
    if value is None:
        return ""
    if isinstance(value, str):
        return escape_formula(printable(value))
    return value


def csv_bytes(
    headers: Iterable, rows: Iterable[Iterable], *, delimiter: str | None = None
) -> bytes:
    """A CSV that Excel opens correctly by a double click: UTF-8 with a
    byte-order mark (without it Excel reads the local code page and shows
    mojibake), Windows line ends, formulas escaped."""
    buffer = io.StringIO()
    writer = csv.writer(
        buffer, delimiter=delimiter or csv_delimiter_for(), lineterminator="\r\n"
    )
    writer.writerow([csv_cell(str(heading)) for heading in headers])
    for row in rows:
        writer.writerow([csv_cell(value) for value in row])
    return codecs.BOM_UTF8 + buffer.getvalue().encode("utf-8")


def sheet_title(title) -> str:
    """A sheet name Excel accepts: no \\ / ? * [ ] :, at most 31 characters."""
    text = SHEET_TITLE_FORBIDDEN.sub("-", printable(str(title))).strip("' ")
    return text[:SHEET_TITLE_LENGTH] or "Sheet1"


def xlsx_value(value):
    """What openpyxl should store for a value: text and numbers as they are,
    an aware time as the local wall-clock time (XLSX has no time zones)."""
    if isinstance(value, str):
        return printable(value)
    if isinstance(value, datetime) and timezone.is_aware(value):
        return timezone.make_naive(value)
    return value


def xlsx_cell(sheet, value, *, bold=False):
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Font

    cell = WriteOnlyCell(sheet, value=xlsx_value(value))
    # openpyxl makes any text starting with "=" a formula; a cell typed as a
    # string is shown as written and never evaluated, so XLSX needs no
    # apostrophe (which Excel would show) to be safe.
    if cell.data_type == "f":
        cell.data_type = "s"
    if bold:
        cell.font = Font(bold=True)
    return cell


def column_widths(headers: list, rows: list) -> list[int]:
    widths = [len(str(heading)) for heading in headers]
    for row in rows:
        for index, value in enumerate(row[: len(widths)]):
            longest_line = max(str(value or "").splitlines() or [""], key=len)
            widths[index] = max(widths[index], len(longest_line))
    return [min(max(width, 6), 60) + 2 for width in widths]


def xlsx_bytes(headers: Iterable, rows: Iterable[Iterable], *, title) -> bytes:
    """An XLSX workbook of one sheet named `title`, headings in bold and
    frozen, numbers as numbers, every text cell a plain string."""
    from openpyxl import Workbook
    from openpyxl.utils import get_column_letter

    headers = [str(heading) for heading in headers]
    rows = [list(row) for row in rows]
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(sheet_title(title))
    sheet.freeze_panes = "A2"
    for index, width in enumerate(column_widths(headers, rows), start=1):
        sheet.column_dimensions[get_column_letter(index)].width = width
    sheet.append([xlsx_cell(sheet, heading, bold=True) for heading in headers])
    for row in rows:
        sheet.append([xlsx_cell(sheet, value) for value in row])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


# --- Reading ----------------------------------------------------------------------


class TooManyRows(ValueError):
    def __init__(self, limit: int):
        super().__init__(
            _(
                "The file has more than %(limit)d rows; up to %(limit)d can be "
                "imported at once. Split it into smaller files."
            )
            % {"limit": limit}
        )


class RowTooWide(ValueError):
    pass


class UnreadableWorkbook(ValueError):
    def __init__(self):
        super().__init__(
            _(
                "This file cannot be read as an Excel workbook (XLSX): it is "
                "damaged or of another kind. Open it in Excel, save it as "
                "“Excel Workbook (*.xlsx)” and upload it again."
            )
        )


@dataclass(frozen=True)
class DecodedText:
    text: str
    #: The code page the bytes were read in when they were not Unicode: the
    #: characters it cannot hold were lost when the file was saved.
    legacy_encoding: str | None


# Russian letters, which a CSV that Russian Excel saved in Windows-1251 is made of.
RUSSIAN_LETTERS = re.compile("[А-яЁё]")


def decode_csv(data: bytes) -> DecodedText:
    """The text of a CSV file as spreadsheet programs save it: UTF-8 with or
    without a byte-order mark ("CSV UTF-8"), UTF-16 with its mark ("Unicode
    text"), or the local code page of plain "CSV": Windows-1251 from Russian
    Excel, Shift_JIS (cp932) from Japanese Excel.

    Nearly any bytes decode as Windows-1251, so a file is taken as Windows-1251
    when its non-ASCII characters are mostly Russian letters, as cp932 when
    they are not and the bytes are valid cp932.

    Raises UnicodeDecodeError when the bytes are none of these."""
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return DecodedText(data.decode("utf-16"), None)
    try:
        return DecodedText(data.decode("utf-8-sig"), None)
    except UnicodeDecodeError:
        pass
    text = data.decode("cp1251")
    non_ascii = sum(1 for character in text if ord(character) > 127)
    if len(RUSSIAN_LETTERS.findall(text)) >= non_ascii / 2:
        return DecodedText(text, "cp1251")
    try:
        return DecodedText(data.decode("cp932"), "cp932")
    except UnicodeDecodeError:
        return DecodedText(text, "cp1251")


def csv_delimiter(text: str) -> str:
    """The cell separator of a CSV: Russian Excel writes ';' (its decimal mark
    is ','), "Unicode text" a tab. The header row names our columns, which
    hold none of these, so the most frequent one there is the separator."""
    end = text.find("\n")
    header = text[: end if end >= 0 else len(text)]
    return max((",", ";", "\t"), key=header.count)


def text_lines(text: str, start: int = 0) -> Iterator[str]:
    """The lines of `text` with their line ends, one at a time: a list of all
    lines (or a StringIO) would hold the file several times over."""
    end_of_line = "\n" if "\n" in text else "\r"
    while start < len(text):
        end = text.find(end_of_line, start)
        end = len(text) if end < 0 else end + 1
        yield text[start:end]
        start = end


def is_blank(row) -> bool:
    return all(value is None or str(value).strip() == "" for value in row)


def limited_rows(rows: Iterator, limit: int) -> Iterator:
    """The rows up to the last one that holds something, refusing the file
    (TooManyRows) as soon as more than `limit` rows are seen. Blank rows
    between filled ones count; blank rows at the end are dropped, and are
    only counted, never kept, so a sheet padded with a million empty rows
    costs no memory."""
    kept = blanks = 0
    for row in rows:
        if is_blank(row):
            blanks += 1
            continue
        kept += blanks + 1
        if kept > limit:
            raise TooManyRows(limit)
        yield from [()] * blanks
        blanks = 0
        yield row


def build_dataset(headers: list, rows: Iterable) -> tablib.Dataset:
    """A dataset with every row as wide as the heading row. Cells beyond the
    headings are refused when they hold something: a row with more cells than
    headings has its values shifted into the wrong columns."""
    width = len(headers)
    dataset = tablib.Dataset(headers=headers)
    for number, row in enumerate(rows, start=1):
        row = list(row)
        if not is_blank(row[width:]):
            raise RowTooWide(
                _(
                    "Row %(row)d has more cells than the heading row has "
                    "columns, so its values would land in the wrong columns. "
                    "Check the separators and quotes in that row."
                )
                % {"row": number}
            )
        dataset.append(row[:width] + [""] * (width - len(row)))
    return dataset


def trim_headers(headers) -> list[str]:
    headers = ["" if value is None else str(value).strip() for value in headers]
    while headers and not headers[-1]:
        headers.pop()
    return headers


def read_csv(data: bytes | str, *, limit: int) -> tablib.Dataset:
    """A CSV as a dataset, refused while it is read once it holds more than
    `limit` rows. The dataset's `legacy_encoding` names the code page the file
    was read in, if not Unicode."""
    decoded = decode_csv(data) if isinstance(data, bytes) else DecodedText(data, None)
    reader = csv.reader(
        text_lines(decoded.text, start=int(decoded.text.startswith("\ufeff"))),
        delimiter=csv_delimiter(decoded.text),
    )
    headers = trim_headers(next(reader, []))
    dataset = build_dataset(headers, limited_rows(reader, limit))
    dataset.legacy_encoding = decoded.legacy_encoding
    return dataset


def first_worksheet(workbook):
    """The sheet Excel shows on opening, unless that is a chart."""
    sheets = [workbook.active, *workbook.worksheets]
    return next(sheet for sheet in sheets if hasattr(sheet, "iter_rows"))


def read_xlsx(data: bytes, *, limit: int) -> tablib.Dataset:
    """The first sheet of an XLSX workbook as a dataset, read as a stream
    (openpyxl's read-only mode) and refused as soon as it holds more than
    `limit` rows. A damaged or foreign file gets a readable message."""
    from openpyxl import load_workbook

    if not data.startswith(ZIP_MAGIC):
        raise UnreadableWorkbook()
    try:
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
        try:
            dataset = read_sheet(first_worksheet(workbook), limit=limit)
        finally:
            workbook.close()
    except (TooManyRows, RowTooWide):
        raise
    except Exception:
        # A damaged or foreign file fails deep inside zipfile, zlib, the XML
        # parser or openpyxl, in as many ways: all of them mean the same to
        # staff, and none is worth a traceback.
        raise UnreadableWorkbook() from None
    dataset.legacy_encoding = None
    return dataset


def read_sheet(sheet, *, limit: int) -> tablib.Dataset:
    header_row = next(
        sheet.iter_rows(max_row=1, max_col=MAX_COLUMNS, values_only=True), ()
    )
    headers = trim_headers(header_row)
    rows = sheet.iter_rows(
        min_row=2,
        max_row=EXCEL_MAX_ROWS,
        max_col=max(len(headers), 1),
        values_only=True,
    )
    return build_dataset(headers, limited_rows(rows, limit))


# --- Characters lost on the way through Excel ----------------------------------------

# Two or more "?" in a row: what a Japanese word becomes in a plain "CSV".
QUESTION_MARKS = re.compile(r"\?{2,}")
LEGACY_ENCODINGS = ("cp1251", "cp932")


def encodable(character: str, encoding: str) -> bool:
    try:
        character.encode(encoding)
    except UnicodeEncodeError:
        return False
    return True


def stand_ins(character: str, encoding: str, *, best_fit: bool) -> str:
    """A pattern for what Excel writes for a character `encoding` cannot hold:
    "?" (one or two for a character outside the Basic Multilingual Plane,
    which Windows handles as two halves), or its "best fit", the letter
    without its accent ("é" as "e"). One "?" a character keeps the pattern
    free of runaway backtracking on a long text of question marks."""
    options = [r"\?" if ord(character) <= 0xFFFF else r"\?\??"]
    if not best_fit:
        return options[0]
    base = "".join(
        c
        for c in unicodedata.normalize("NFKD", character)
        if not unicodedata.combining(c)
    )
    if base and base != character and all(encodable(c, encoding) for c in base):
        options.append(re.escape(base))
    return "(?:" + "|".join(options) + ")"


def degraded_copy_of(
    incoming: str, stored: str, encoding: str, *, best_fit: bool
) -> bool:
    """Whether `incoming` is `stored` after a trip through `encoding` that
    lost the characters the code page cannot hold. Best-fit letters count
    only for a file read in that code page: in a Unicode file "Cafe" for
    "Café" may well be a correction."""
    if all(encodable(character, encoding) for character in stored):
        return False
    pattern = "".join(
        re.escape(character)
        if encodable(character, encoding)
        else stand_ins(character, encoding, best_fit=best_fit)
        for character in stored
    )
    return re.fullmatch(pattern, incoming, flags=re.DOTALL) is not None


def same_text(text: str) -> str:
    return text.replace("\r\n", "\n").strip()


def lost_characters(
    incoming: str, *, stored: str | None, japanese: bool, legacy_encoding: str | None
) -> bool:
    """Whether a cell lost characters when its file was saved in a legacy code
    page (Excel's plain "CSV"): it holds U+FFFD, the mark of bytes that could
    not be decoded; or it is a Japanese column holding "??"; or it reads like
    its stored text after such a loss. A file read in a legacy code page is
    checked against that code page; any other against both that Excel uses
    (a file may have gone through a plain CSV before it became an XLSX)."""
    incoming = same_text(incoming)
    if "\ufffd" in incoming:
        return True
    if japanese and QUESTION_MARKS.search(incoming):
        return True
    stored = same_text(stored or "")
    if not stored or incoming == stored:
        return False
    encodings = (legacy_encoding,) if legacy_encoding else LEGACY_ENCODINGS
    return any(
        degraded_copy_of(
            incoming, stored, encoding, best_fit=legacy_encoding is not None
        )
        for encoding in encodings
    )
