"""makemessages that reads the Jinja2 templates too (templates/jinja2/).

Django's makemessages reads templates with `templatize`, which knows Django's
syntax only. A Jinja2 template's translations are first written the Django
way, so that templatize finds the same msgids Jinja2 asks for at run time:

    {% trans trimmed name=x, n=y %}...{% pluralize n %}...{% endtrans %}
        -> {% blocktranslate trimmed count n=n with name=name %}...
           {% plural %}...{% endblocktranslate %}
    _("..."), gettext("..."), pgettext("c", "...") anywhere in a tag
        -> {% translate "..." %} / {% translate "..." context "c" %}

Everything else in a Jinja2 template is blanked out.
"""

import re

from django.core.management.commands import makemessages
from django.utils.translation import templatize

TOKEN = re.compile(r"({%.*?%}|{{.*?}}|{#.*?#})", re.DOTALL)
STRING = r"""("(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*')"""
CALL = re.compile(
    rf"\b(?:(_|gettext)\(\s*{STRING}\s*[,)]"
    rf"|pgettext\(\s*{STRING}\s*,\s*{STRING}\s*[,)])"
)
TRANS = re.compile(rf"trans\s*(?P<context>{STRING})?(?P<rest>.*)", re.DOTALL)
NAME = re.compile(r"(?:^|,)\s*(\w+)\s*(?==|,|$)")


def _undoubled(literal: str) -> str:
    # Jinja2's newstyle gettext formats every string, so the templates double
    # their percent signs; Django's {% translate %} doubles them itself.
    return literal.replace("%%", "%")


def _calls(token: str) -> str:
    found = []
    for match in CALL.finditer(token):
        _function, message, context, contextual = match.groups()
        if message:
            found.append(f"{{% translate {_undoubled(message)} %}}")
        else:
            found.append(
                f"{{% translate {_undoubled(contextual)} context {context} %}}"
            )
    return "".join(found)


def _trans_header(contents: str, plural_name: str | None) -> str:
    match = TRANS.fullmatch(contents)
    rest = match["rest"]
    words = ["blocktranslate"]
    if match["context"]:
        words += ["context", match["context"]]
    if re.search(r"(^|,)\s*trimmed\b", rest):
        words.append("trimmed")
    names = [
        name for name in NAME.findall(_top_level(rest)) if name not in ("trimmed",)
    ]
    if plural_name is not None:
        plural_name = plural_name or names[0]
        words += ["count", f"{plural_name}={plural_name}"]
        names = [name for name in names if name != plural_name]
    if names:
        words += ["with", *(f"{name}={name}" for name in names)]
    return "{% " + " ".join(words) + " %}"


def _top_level(text: str) -> str:
    """The text with brackets' and strings' insides removed, so that only the
    names of `name=expression` pairs remain at the top level."""
    text = re.sub(STRING, '""', text)
    previous = None
    while previous != text:
        previous = text
        text = re.sub(r"\([^()]*\)|\[[^\[\]]*\]", "", text)
    return re.sub(r"=[^,]*", "=", text)


def django_i18n(source: str) -> str:
    """A Jinja2 template's translations in Django's template syntax."""
    tokens = TOKEN.split(source)
    out = []
    for index, token in enumerate(tokens):
        if index % 2 == 0:
            out.append(token)
            continue
        contents = token[2:-2].strip()
        if token.startswith("{%") and re.match(r"trans\b", contents):
            out.append(_trans_header(contents, _plural_of(tokens, index)))
        elif token.startswith("{%") and re.match(r"pluralize\b", contents):
            out.append("{% plural %}")
        elif token.startswith("{%") and contents == "endtrans":
            out.append("{% endblocktranslate %}")
        elif token.startswith("{{") and re.fullmatch(r"\w+", contents):
            out.append(token)  # a variable inside a trans block
        elif token.startswith("{#"):
            out.append("")
        else:
            out.append(_calls(token))
    return "".join(out)


def _plural_of(tokens: list[str], start: int) -> str | None:
    """The variable a trans block's {% pluralize %} names ("" for the
    first one), or None without pluralize."""
    for token in tokens[start + 1 :: 2]:
        contents = token[2:-2].strip()
        if contents == "endtrans":
            return None
        if re.match(r"pluralize\b", contents):
            return contents[len("pluralize") :].strip()
    return None


def is_jinja2(path: str) -> bool:
    return "/jinja2/" in path.replace("\\", "/")


class BuildFile(makemessages.BuildFile):
    def preprocess(self):
        if not (self.is_templatized and is_jinja2(self.path)):
            return super().preprocess()
        with open(self.path, encoding="utf-8") as file:
            source = file.read()
        content = templatize(django_i18n(source), origin=self.path[2:])
        with open(self.work_path, "w", encoding="utf-8") as file:
            file.write(content)


class Command(makemessages.Command):
    build_file_class = BuildFile
