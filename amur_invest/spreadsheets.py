"""Spreadsheet safety shared by every staff export and import."""

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
