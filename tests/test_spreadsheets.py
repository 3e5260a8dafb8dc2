"""The spreadsheet helpers every staff export and import relies on."""

import pytest

from amur_invest.spreadsheets.files import (
    csv_delimiter_for,
    decode_csv,
    lost_characters,
    printable,
    sheet_title,
)
from amur_invest.text import is_control


def lost(incoming, stored=None, japanese=False, legacy_encoding="cp1251"):
    return lost_characters(
        incoming, stored=stored, japanese=japanese, legacy_encoding=legacy_encoding
    )


@pytest.mark.parametrize(
    ("incoming", "stored", "japanese"),
    [
        ("ООО «?????»", "ООО «ゼーヤ蜂蜜»", False),  # each lost character a "?"
        ("Honey ??", "Honey 🐝", False),  # outside the BMP: one or two "?"
        ("Honey ?", "Honey 🐝", False),
        ("Cafe Amur", "Café Amur", False),  # Windows' best fit
        ("????", None, True),  # a new row's Japanese column
        ("Мёд \ufffd", None, False),  # bytes that did not decode
    ],
)
def test_characters_lost_to_a_legacy_code_page_are_seen(incoming, stored, japanese):
    assert lost(incoming, stored, japanese)


@pytest.mark.parametrize(
    ("incoming", "stored", "japanese"),
    [
        ("ООО «Зейский мёд»", "ООО «Зейский мёд»", False),
        ("Что нового?", "Что нового?", False),
        ("Что нового?", None, False),
        ("ゼーヤ蜂蜜？", None, True),  # the full-width question mark is Japanese
        ("ООО «Новое имя»", "ООО «ゼーヤ蜂蜜»", False),  # a real change
        ("", "ゼーヤ蜂蜜", True),  # a cleared cell is a change, not a loss
    ],
)
def test_text_that_lost_nothing_passes(incoming, stored, japanese):
    assert not lost(incoming, stored, japanese)


def test_a_long_text_of_question_marks_is_judged_at_once():
    stored = "蜂蜜" * 2000
    assert not lost("?" * 4001, stored)
    assert lost("?" * 4000, stored)


def test_best_fit_counts_only_for_a_file_read_in_that_code_page():
    assert not lost("Cafe", "Café", legacy_encoding=None)


def test_japanese_excel_csv_is_read_as_shift_jis():
    text = "inn,name_ja,name_ru\n2801234567,アムール蜂蜜,Амурский мёд\n"

    decoded = decode_csv(text.encode("cp932"))

    assert decoded.text == text
    assert decoded.legacy_encoding == "cp932"


def test_russian_excel_csv_is_read_as_windows_1251():
    text = "inn;name_ru\n2801234567;ООО «Амурский мёд» №1\n"

    decoded = decode_csv(text.encode("cp1251"))

    assert decoded.text == text
    assert decoded.legacy_encoding == "cp1251"


def test_printable_drops_exactly_what_the_validators_refuse():
    every_character = "".join(chr(code) for code in range(0x10000))
    kept = set(printable(every_character))
    dropped = set(every_character) - kept
    assert dropped == {c for c in every_character if is_control(c)} - set("\t\n\r")


@pytest.mark.parametrize(
    ("language", "separator"), [("ru", ";"), ("ja", ","), ("en", ","), ("ru-ru", ";")]
)
def test_csv_separator_follows_the_staff_language(language, separator):
    assert csv_delimiter_for(language) == separator


def test_sheet_title_is_one_excel_accepts():
    assert sheet_title("Компании: [2020/11]?") == "Компании- -2020-11--"
    assert len(sheet_title("x" * 40)) == 31
    assert sheet_title("") == "Sheet1"


def test_a_stand_code_is_kept_and_the_number_a_spreadsheet_made_of_it_refused():
    from amur_invest.spreadsheets.widgets import CodeTextWidget

    widget = CodeTextWidget()

    assert widget.clean("5E-01") == "5E-01"
    assert widget.clean("E1-12") == "E1-12"
    for reshaped in ("5.00E-01", "5,00E+02"):
        with pytest.raises(ValueError, match="read this code as a number"):
            widget.clean(reshaped)
