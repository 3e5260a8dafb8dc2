"""Forms that refuse what the columns behind them cannot hold.

A form field and the model column its value goes to can disagree: Django's
form EmailField takes 320 characters, the model's EmailField holds 254.
SQLite stores the longer value anyway; PostgreSQL refuses it, and the visitor
got a 500. A form that names the model keeping its values refuses, in the
visitor's language, a value longer than its column, with Django's own
message. The check reads the cleaned value, which is what is stored: an INN
typed with spaces fits once the spaces are gone.
"""

from django.core.exceptions import FieldDoesNotExist, ValidationError
from django.core.validators import MaxLengthValidator
from django.db import models


def column_length(model: type[models.Model], name: str) -> int | None:
    """The most characters the column of `model.name` holds; None when the
    model has no such column or the column has no limit."""
    try:
        column = model._meta.get_field(name)
    except FieldDoesNotExist:
        return None
    return getattr(column, "max_length", None)


class FitsColumns:
    """A form mixin: each cleaned text value must fit the column of
    `column_model` with the field's name. Fields with no such column (the
    consent box, the honeypot) are left alone."""

    column_model: type[models.Model] | None = None

    def clean(self):
        cleaned_data = super().clean()
        for name, value in list(self.cleaned_data.items()):
            limit = self.column_model and column_length(self.column_model, name)
            if not limit or not isinstance(value, str):
                continue
            try:
                MaxLengthValidator(limit)(value)
            except ValidationError as error:
                self.add_error(name, error)
        return cleaned_data
