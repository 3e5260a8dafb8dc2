"""Spreadsheet handling shared by every staff export and import: formula
escaping, and reading CSV files as the spreadsheet programs write them."""

import codecs

# A spreadsheet runs a cell that begins with one of these as a formula (CSV
# injection). The full-width forms are what a Japanese keyboard types.
FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r", "＝", "＋", "－", "＠")


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


def decode_csv(data: bytes) -> str:
    """The text of a CSV file as spreadsheet programs save it: UTF-8 with or
    without a byte-order mark ("CSV UTF-8"), UTF-16 with its mark ("Unicode
    text"), or Windows-1251, which Russian Excel writes for plain "CSV".

    Raises UnicodeDecodeError when the bytes are none of these."""
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return data.decode("utf-16")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return data.decode("cp1251")


def csv_delimiter(text: str) -> str:
    """The cell separator of a CSV: Russian Excel writes ';' (its decimal mark
    is ','), "Unicode text" a tab. The header row names our columns, which
    hold none of these, so the most frequent one there is the separator."""
    header = text.split("\n", 1)[0]
    return max((",", ";", "\t"), key=header.count)
