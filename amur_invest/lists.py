"""Lists of words as the reader's language writes them: «мёд, соя» in
Russian, "honey, soy" in English, 「蜂蜜、大豆」 in Japanese. For what people
read (pages, the admin and its messages); never for a spreadsheet cell, whose
separator an import splits on."""

from django.utils.translation import pgettext


def list_separator() -> str:
    """ ", " in Russian and English, "、" in Japanese."""
    return pgettext("list separator", ", ")


def joined(items) -> str:
    return list_separator().join(str(item) for item in items)
