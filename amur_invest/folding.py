"""Text as people type it, folded so that what they mean matches what is stored.

Searches and imports compare folded text with folded text: a search of the
catalogue or the admin with a folded search column, a spreadsheet import
with the names of the rows a cell may refer to, in any language. One folding
for all keeps them in step:

- Unicode compatibility forms (NFKC): full-width "ＡＢＣ１２３" is "abc123",
  half-width "ﾊﾁﾐﾂ" is "ハチミツ";
- case, for every alphabet (SQLite's LIKE folds ASCII only, so folding is done
  here, in Python, and the database compares folded text exactly);
- "ё" is "е", as Russian writes it more often than not;
- katakana is hiragana: "ハチミツ" is "はちみつ".
"""

import unicodedata

# Katakana ァ (U+30A1) to ヶ (U+30F6) and the iteration marks ヽヾ sit exactly
# 0x60 above their hiragana.
KATAKANA_TO_HIRAGANA = {
    code: code - 0x60 for code in [*range(0x30A1, 0x30F7), 0x30FD, 0x30FE]
}


def fold(text: str | None) -> str:
    """`text` folded for comparison, with runs of white space as one space."""
    text = unicodedata.normalize("NFKC", text or "").casefold()
    text = text.replace("ё", "е").translate(KATAKANA_TO_HIRAGANA)
    return " ".join(text.split())


def translations(obj, field: str, languages=("ru", "ja", "en")) -> list[str]:
    """The texts of a translated field in each language, "" where none."""
    return [getattr(obj, f"{field}_{language}", None) or "" for language in languages]
