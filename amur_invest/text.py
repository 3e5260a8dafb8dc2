"""What people may type into the site: text without invisible control characters.

A control character pasted from another program (a vertical tab from Word, an
escape from a terminal) is invisible on screen, yet it breaks whatever reads
the text later: openpyxl refuses to write it, so one such company name made
every XLSX export fail. Such characters are refused where text comes in (forms,
the admin, imports), with a message saying what to remove.

Every CharField and TextField people fill carries one of the two validators
below: `one_line` for names, titles and the like, `many_lines` for texts.
A test walks every model and public form to keep it so.
"""

import unicodedata

from django.core.exceptions import ValidationError
from django.utils.deconstruct import deconstructible
from django.utils.translation import gettext_lazy as _

LINE_BREAKS = frozenset("\n\r")
# Tabs and line breaks are what a multi-line text legitimately holds.
LAYOUT_CHARACTERS = frozenset("\t\n\r")
# Bidirectional overrides and isolates reorder what a reader sees (a name that
# displays differently from what is stored); noncharacters are never text.
INVISIBLE_FORMATTING = frozenset(
    "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\ufffe\uffff"
)


def is_control(character: str) -> bool:
    return (
        unicodedata.category(character) in {"Cc", "Cs"}
        or character in INVISIBLE_FORMATTING
    )


@deconstructible
class PlainTextValidator:
    """Refuses control characters; a single-line text also refuses tabs and
    line breaks."""

    def __init__(self, multiline: bool = False):
        self.multiline = multiline

    def __call__(self, value) -> None:
        if not isinstance(value, str):
            return
        allowed = LAYOUT_CHARACTERS if self.multiline else frozenset()
        found = {ch for ch in value if is_control(ch) and ch not in allowed}
        if not found:
            return
        if found <= LINE_BREAKS:
            raise ValidationError(
                _("This field takes one line: remove the line breaks."),
                code="line_break",
            )
        raise ValidationError(
            _(
                "The text contains invisible control characters, often brought "
                "in by copying from another program. Type it again or paste it "
                "as plain text."
            ),
            code="control_character",
        )

    def __eq__(self, other) -> bool:
        return (
            isinstance(other, PlainTextValidator) and self.multiline == other.multiline
        )

    def __hash__(self) -> int:
        return hash(self.multiline)


one_line = PlainTextValidator()
many_lines = PlainTextValidator(multiline=True)


# Greetings ------------------------------------------------------------------

# Mail goes to whatever address a visitor types, so the name typed beside it
# is all a stranger could make the agency say to someone else ("Dear
# customer. URGENT: verify your account at http://..."). A greeting repeats
# only a short name of letters.
GREETING_NAME_LENGTH = 40
# Between the words of a name: "Anne-Marie O'Neill", "J. Smith", "ヤマダ・タロウ".
NAME_PUNCTUATION = frozenset(" -'’.・")


def _name_character(character: str) -> bool:
    return unicodedata.category(character)[0] in "LM" or character in NAME_PUNCTUATION


def greeting_name(name: str) -> str:
    """The name to greet someone by in an email, or "" for a neutral greeting.

    Passes at most 40 characters of letters (any script) and the spaces,
    hyphens, apostrophes and dots between them: no digits, no links, no
    control characters, and no dot inside a word ("evil.example")."""
    name = " ".join(name.split())
    if len(name) > GREETING_NAME_LENGTH:
        return ""
    if not all(_name_character(character) for character in name):
        return ""
    dotted_words = any("." in word.rstrip(".") for word in name.split())
    return "" if dotted_words else name
