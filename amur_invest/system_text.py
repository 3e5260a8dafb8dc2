"""Texts the system writes into a history (a reason, a note): «A seat became
free: promoted from the waiting list.»

They are kept as their English source, the msgid, whoever's request wrote
them, and each reader sees them in their own admin language: `gettext` of the
stored text finds the translation. A text a staff member typed is in no
catalogue and reads as typed."""

from django.utils import translation


def kept_as_source(message) -> str:
    """The msgid of a (lazy) translatable message, for storing."""
    with translation.override(None):
        return str(message)


def in_reader_language(text: str) -> str:
    return translation.gettext(text) if text else text
