"""Import/export widgets for the partners spreadsheets.

django-import-export turns a ValueError raised by a widget into a readable
invalid-row message, while other exceptions become tracebacks; every widget
here therefore reports bad cells as ValueError with a sentence staff can act on.
Lookups load the whole (small) reference table once per import instead of one
query per row.
"""

from django.core.exceptions import ValidationError
from django.core.validators import ProhibitNullCharactersValidator
from django.utils.translation import gettext as _
from import_export.widgets import CharWidget, ManyToManyWidget, Widget

from amur_invest.spreadsheets import unescape_formula
from partners.validators import normalize_inn, normalize_ogrn


def cell_text(value) -> str:
    """The cell as trimmed text, without the apostrophe added on export."""
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


class InnWidget(CharWidget):
    """An INN cell, stored as digits after its check digits are verified."""

    def clean(self, value, row=None, **kwargs):
        text = cell_text(value)
        if not text:
            raise ValueError(_("The INN is missing."))
        try:
            return normalize_inn(text)
        except ValidationError as error:
            raise ValueError(validation_message(error)) from None


class OgrnWidget(CharWidget):
    """An optional OGRN or OGRNIP cell, stored as digits."""

    def clean(self, value, row=None, **kwargs):
        text = cell_text(value)
        if not text:
            return ""
        try:
            return normalize_ogrn(text)
        except ValidationError as error:
            raise ValueError(validation_message(error)) from None


class TextWidget(CharWidget):
    """Plain text; an empty cell stays empty and an escaped formula comes back."""

    def clean(self, value, row=None, **kwargs):
        return cell_text(value)


class OptionalTextWidget(CharWidget):
    """A translation column: an empty cell is stored as NULL, not ''."""

    def clean(self, value, row=None, **kwargs):
        return cell_text(value) or None


class EmailWidget(CharWidget):
    def clean(self, value, row=None, **kwargs):
        return cell_text(value).lower()


class ReferenceWidget(Widget):
    """A foreign key written as a slug, code or other unique text.

    The whole table is read once per import (resources deep-copy their
    widgets, so the cache lives exactly as long as one import).
    """

    def __init__(self, model, field, unknown_message, **kwargs):
        self.model = model
        self.field = field
        self.unknown_message = unknown_message
        self._by_key = None
        super().__init__(**kwargs)

    def lookup(self):
        if self._by_key is None:
            self._by_key = {
                str(getattr(obj, self.field)).lower(): obj
                for obj in self.model.objects.all()
            }
        return self._by_key

    def find(self, key):
        found = self.lookup().get(key.lower())
        if found is None:
            raise ValueError(self.unknown_message % {"value": key})
        return found

    def clean(self, value, row=None, **kwargs):
        key = cell_text(value)
        return self.find(key) if key else None

    def render(self, value, obj=None, **kwargs):
        return "" if value is None else str(getattr(value, self.field))


class ReferenceListWidget(ManyToManyWidget):
    """Many-to-many as comma-separated slugs; every unknown slug is named."""

    def __init__(self, model, field, unknown_message, separator=",", **kwargs):
        super().__init__(model, separator=separator, field=field, **kwargs)
        self.reference = ReferenceWidget(model, field, unknown_message)

    def clean(self, value, row=None, **kwargs):
        keys = [key.strip() for key in cell_text(value).split(self.separator)]
        keys = [key for key in keys if key]
        lookup = self.reference.lookup()
        unknown = [key for key in keys if key.lower() not in lookup]
        if unknown:
            raise ValueError(
                self.reference.unknown_message % {"value": ", ".join(unknown)}
            )
        return [lookup[key.lower()] for key in keys]

    def render(self, value, obj=None, **kwargs):
        if value is None:
            return ""
        return self.separator.join(
            str(getattr(related, self.field)) for related in value.all()
        )


class OrganizationWidget(ReferenceWidget):
    """An organisation by its id or by its exact Russian name."""

    def lookup(self):
        if self._by_key is None:
            self._by_key = {}
            for organization in self.model.objects.all():
                self._by_key[str(organization.pk)] = organization
                if organization.name_ru:
                    self._by_key[organization.name_ru.lower()] = organization
        return self._by_key

    def render(self, value, obj=None, **kwargs):
        return "" if value is None else str(value.pk)
