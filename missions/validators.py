"""Checks of what registrants type about their delegates."""

import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

# A name as a passport's machine-readable page prints it, with the spaces,
# hyphens, apostrophes and dots people type around it.
LATIN_NAME = re.compile(r"[A-Za-z][A-Za-z .'\-]*")


def latin_letters(value: str) -> None:
    if not LATIN_NAME.fullmatch(value.strip()):
        raise ValidationError(
            _("Write the name in Latin letters, as in the passport (IVANOV IVAN)."),
            code="latin_letters",
        )
