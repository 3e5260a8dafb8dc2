"""Secret links in text that staff read, masked as a bank masks a card number.

A secret link is a link to a page of the site whose URL pattern takes a
`token` or a `signed` value: the applicant's own pages and the confirmation
link. The kept emails carry them whole (they must be sent), and every staff
screen shows them through `mask_secret_links`: the page the link leads to
stays readable, the secret keeps its last four characters (enough to tell
two links apart), and nobody can open the link from the screen.

Links are recognised by resolving them, whatever the host, so a new kind of
secret page is masked as soon as its pattern names its secret `token` or
`signed`. An owner's own token is masked wherever else it appears too, in
case a text carries it outside a link the resolver recognises."""

import re
from urllib.parse import urlsplit, urlunsplit

from django.conf import settings
from django.urls import Resolver404, resolve
from django.utils import translation

SECRET_KWARGS = ("token", "signed")
LINK = re.compile(r"(?:https?://[^\s/<>\"']+)?/[^\s<>\"']+")
# Punctuation after a link belongs to the sentence, not to the URL.
SENTENCE_END = ".,;:!?)]»"
LANGUAGES = {code for code, _name in settings.LANGUAGES}


def masked(secret: str) -> str:
    """`••••••••3f9a`: the secret's last four characters, nothing more."""
    return "•" * 8 + secret[-4:]


def mask_secret_links(text: str, *, secrets=()) -> str:
    """`text` with the secret of every secret link masked, and each of
    `secrets` (an owner's token) masked wherever it still appears."""
    text = LINK.sub(_masked_link, text)
    for secret in secrets:
        if secret:
            text = text.replace(secret, masked(secret))
    return text


def _masked_link(match: re.Match) -> str:
    link = match.group(0)
    url = link.rstrip(SENTENCE_END)
    tail = link[len(url) :]
    parts = urlsplit(url)
    path = parts.path
    for value in _secrets_in(path):
        path = path.replace(value, masked(value))
    return urlunsplit(parts._replace(path=path)) + tail


def _secrets_in(path: str) -> list[str]:
    # Public pages sit under a language prefix, which resolves only while
    # that language is active.
    prefix = path.strip("/").split("/", 1)[0]
    language = prefix if prefix in LANGUAGES else translation.get_language()
    with translation.override(language):
        try:
            found = resolve(path)
        except Resolver404:
            return []
    return [found.kwargs[name] for name in SECRET_KWARGS if found.kwargs.get(name)]
