"""Import/export widgets: cells as staff type them.

django-import-export turns a ValueError raised by a widget into a readable
invalid-row message, while other exceptions become tracebacks; every widget
here therefore reports bad cells as ValueError with a sentence staff can act on.
Lookups load the whole (small) reference table once per import instead of one
query per row, and accept a row's name in any language as well as its slug or
code, folded as search folds text (case, ё, full-width, katakana).
"""

import re

from django.core.exceptions import ValidationError
from django.core.validators import ProhibitNullCharactersValidator
from django.utils.translation import gettext as _
from import_export.widgets import CharWidget, ManyToManyWidget, Widget

from amur_invest.folding import fold, translations
from amur_invest.lists import joined
from amur_invest.spreadsheets.files import unescape_formula

# What Excel writes for a long number it shows in the "General" format:
# 2,80123E+11. The digits past the sixth are gone.
SCIENTIFIC_NOTATION = re.compile(r"^\d+(?:[.,]\d+)?[eE][+]?\d+$")
# Staff separate sectors with commas, semicolons or the Japanese comma.
LIST_SEPARATORS = re.compile(r"[,;、，；\n]")


def cell_text(value) -> str:
    """The cell as trimmed text, without the apostrophe added on export."""
    if isinstance(value, float) and value.is_integer():
        # An XLSX number cell: 2801234567.0 is the INN 2801234567.
        value = int(value)
    text = "" if value is None else str(value).strip()
    # PostgreSQL stores no NUL character: say so for the cell, as forms do.
    try:
        ProhibitNullCharactersValidator()(text)
    except ValidationError as error:
        raise ValueError(validation_message(error)) from None
    # A spreadsheet keeps the apostrophe our exports put before =, +, -, @ ...
    return unescape_formula(text)


def validation_message(error: ValidationError) -> str:
    return " ".join(error.messages)


def refuse_scientific_notation(text: str) -> None:
    if SCIENTIFIC_NOTATION.match(text):
        raise ValueError(
            _(
                "Excel turned this number into “%(value)s” and its last digits "
                "are lost. Use an XLSX file, or format the column as text in "
                "Excel and type the number again."
            )
            % {"value": text}
        )


class TextWidget(CharWidget):
    """Plain text; an empty cell stays empty and an escaped formula comes back."""

    def clean(self, value, row=None, **kwargs):
        return cell_text(value)


# What Excel and LibreOffice write back for a code they read as a number in
# scientific notation: the stand «5E-01» becomes 0.5, shown as «5.00E-01».
RESHAPED_AS_NUMBER = re.compile(r"^\d+[.,]\d+[eE][+-]\d+$")


class CodeTextWidget(TextWidget):
    """A code that a spreadsheet may take for a number («5E-01», a stand at
    Tokyo Big Sight): the number it turns into is refused, not stored."""

    def clean(self, value, row=None, **kwargs):
        text = super().clean(value, row, **kwargs)
        if RESHAPED_AS_NUMBER.match(text):
            raise ValueError(
                _(
                    "The spreadsheet program read this code as a number and wrote "
                    "it back as “%(value)s”. Use an XLSX file, or format the "
                    "column as text and type the code again."
                )
                % {"value": text}
            )
        return text


class OptionalTextWidget(CharWidget):
    """A translation column: an empty cell is stored as NULL, not ''."""

    def clean(self, value, row=None, **kwargs):
        return cell_text(value) or None


class EmailWidget(CharWidget):
    def clean(self, value, row=None, **kwargs):
        return cell_text(value).lower()


# Stands for a name that more than one row carries: it identifies none.
AMBIGUOUS = object()


class ReferenceWidget(Widget):
    """A foreign key written as a slug or code, or as the row's name in
    Russian, Japanese or English.

    The whole table is read once per import (resources deep-copy their
    widgets, so the cache lives exactly as long as one import).
    """

    #: Whether the import page lists the rows a cell may name (it would not
    #: for a table too long to read through).
    lists_accepted_values = True

    def __init__(self, model, field, unknown_message, **kwargs):
        self.model = model
        self.field = field
        self.unknown_message = unknown_message
        self._by_key = None
        super().__init__(**kwargs)

    def lookup(self):
        if self._by_key is None:
            self._by_key = {}
            rows = list(self.model.objects.all())
            for obj in rows:
                for name in self.names(obj):
                    self.add(fold(name), obj)
            # A slug or code wins over a name that happens to read the same.
            for obj in rows:
                self._by_key[fold(str(getattr(obj, self.field)))] = obj
        return self._by_key

    def names(self, obj) -> list[str]:
        return [name for name in translations(obj, "name") if name]

    def add(self, key, obj):
        found = self._by_key.setdefault(key, obj)
        if found is not obj:
            self._by_key[key] = AMBIGUOUS

    def find(self, key):
        found = self.lookup().get(fold(key))
        if found is None:
            raise ValueError(self.unknown_message % {"value": key})
        if found is AMBIGUOUS:
            raise ValueError(
                _("“%(value)s” names more than one row here: use its code or slug.")
                % {"value": key}
            )
        return found

    def clean(self, value, row=None, **kwargs):
        key = cell_text(value)
        return self.find(key) if key else None

    def render(self, value, obj=None, **kwargs):
        return "" if value is None else str(getattr(value, self.field))


class ReferenceListWidget(ManyToManyWidget):
    """Many-to-many as a list of slugs or names; every unknown one is named."""

    def __init__(self, model, field, unknown_message, separator=",", **kwargs):
        super().__init__(model, separator=separator, field=field, **kwargs)
        self.reference = ReferenceWidget(model, field, unknown_message)

    def clean(self, value, row=None, **kwargs):
        keys = [key.strip() for key in LIST_SEPARATORS.split(cell_text(value))]
        found, unknown = [], []
        for key in filter(None, keys):
            try:
                found.append(self.reference.find(key))
            except ValueError:
                unknown.append(key)
        if unknown:
            raise ValueError(
                self.reference.unknown_message % {"value": joined(unknown)}
            )
        return list(dict.fromkeys(found))

    def render(self, value, obj=None, **kwargs):
        if value is None:
            return ""
        # A list: what an import is about to save (see RelatedField).
        related = value if isinstance(value, list) else value.all()
        return self.separator.join(self.render_item(item) for item in related)

    def render_item(self, item) -> str:
        return str(getattr(item, self.field))


class NamedReferenceListWidget(ReferenceListWidget):
    """Many-to-many exported as the rows' names in the staff member's
    language, read back by name in any language or by slug. A name holding a
    list separator is written as its slug, so the cell still splits right."""

    def render_item(self, item) -> str:
        name = str(item.name)
        if not name or LIST_SEPARATORS.search(name):
            return super().render_item(item)
        return name


class ChoiceWidget(CharWidget):
    """A choice written as its code or as its label in any language."""

    def __init__(self, choices, **kwargs):
        self.choices = choices
        # Months are numbered: an empty cell is no month, not "".
        self.text_codes = all(isinstance(code, str) for code, _label in choices)
        self._by_key = None
        super().__init__(**kwargs)

    def lookup(self) -> dict[str, str]:
        from django.utils import translation

        if self._by_key is None:
            self._by_key = {}
            for language in ("ru", "ja", "en"):
                with translation.override(language):
                    for code, label in self.choices:
                        self._by_key[fold(str(label))] = code
            self._by_key.update(
                {fold(str(code)): code for code, _label in self.choices}
            )
        return self._by_key

    def clean(self, value, row=None, **kwargs):
        text = cell_text(value)
        if not text:
            return "" if self.text_codes else None
        try:
            return self.lookup()[fold(text)]
        except KeyError:
            raise ValueError(
                _("Unknown value “%(value)s”: use one of %(codes)s.")
                % {
                    "value": text,
                    "codes": joined(code for code, _label in self.choices),
                }
            ) from None

    def render(self, value, obj=None, **kwargs):
        return value or ""


class LabelledChoiceWidget(ChoiceWidget):
    """A choice exported in words, as the staff member reads it («принята»,
    not «accepted»); read back in any language or as its code."""

    def render(self, value, obj=None, **kwargs):
        if not value:
            return ""
        return str(dict(self.choices).get(value, value))


class NamedReferenceWidget(ReferenceWidget):
    """A foreign key exported as the row's name in the staff member's
    language (falling back as the site does), read back by its name in any
    language or by its slug or code."""

    def render(self, value, obj=None, **kwargs):
        return "" if value is None else str(value.name)


class YesNoWidget(Widget):
    """A yes-or-no column in words («да», «はい», "yes"), read back in any
    language, as 1 and 0, or as true and false. An empty cell is "no"."""

    WORDS = {True: ("yes", "1", "true"), False: ("no", "0", "false")}

    def __init__(self, **kwargs):
        self._by_key = None
        super().__init__(**kwargs)

    def lookup(self) -> dict[str, bool]:
        from django.utils import translation

        if self._by_key is None:
            self._by_key = {}
            for answer, words in self.WORDS.items():
                for language in ("ru", "ja", "en"):
                    with translation.override(language):
                        self._by_key[fold(_(words[0]))] = answer
                self._by_key.update({fold(word): answer for word in words})
        return self._by_key

    def clean(self, value, row=None, **kwargs):
        if isinstance(value, bool):
            return value
        text = cell_text(value)
        if not text:
            return False
        try:
            return self.lookup()[fold(text)]
        except KeyError:
            raise ValueError(
                _("Unknown value “%(value)s”: write yes or no.") % {"value": text}
            ) from None

    def render(self, value, obj=None, **kwargs):
        if value is None:
            return ""
        return _("yes") if value else _("no")
