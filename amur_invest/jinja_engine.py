"""The public site's and its emails' templates, through Jinja2.

Django's template engine spent most of a built page's time (57,000 Python
calls for the Japanese home page); Jinja2 compiles a template to Python once
and renders the same page with a fraction of them. The admin keeps Django's
templates: its templates, two_factor's and import_export's, and ours that
extend them, stay under templates/ outside templates/jinja2/.

Templates under templates/jinja2/ are written so that they render as Django
rendered them:

- `{{ value }}` is localised like Django does (numbers, dates in the active
  language's formats, aware datetimes in the current time zone);
- `obj.attr` looks up as Django does: a key first, then the attribute, and a
  method without arguments is called (`{{ company.get_absolute_url }}`),
  unless it alters data or says `do_not_call_in_templates`;
- a missing variable or attribute is empty, never an error;
- Django's filters keep their names and meaning (`date`, `default`, `join`,
  `linebreaks`...), so `default` replaces any false value;
- `_()`, `gettext`, `ngettext`, `pgettext` and `{% trans %}` are Django's
  translations, with Jinja2's "newstyle" formatting (the msgids are the ones
  Django's `{% translate %}` and `{% blocktranslate %}` used);
- `url()`, `static()`, `now()`, `querystring()` and `csrf_input` are there;
- .txt templates (emails) are not autoescaped, .html ones are.

Apps add their own globals and filters without this module importing them:
the TEMPLATES option "libraries" lists modules, each with `globals` and
`filters` dicts (showcase.jinja_library, partners.jinja_library).
"""

import html
import inspect
from importlib import import_module

import jinja2
from django.conf import settings
from django.template import defaultfilters
from django.template.backends import jinja2 as django_jinja2
from django.template.defaulttags import querystring as django_querystring
from django.templatetags.static import static
from django.test.signals import template_rendered
from django.urls import reverse
from django.utils import formats, timezone, translation
from django.utils.html import conditional_escape, strip_spaces_between_tags
from django.utils.timezone import template_localtime
from jinja2.runtime import BlockReference, LoopContext, Macro
from markupsafe import Markup

# --- the backend ----------------------------------------------------------------


class Jinja2(django_jinja2.Jinja2):
    """Django's Jinja2 backend, whose templates tell the test client what they
    rendered (response.context, assertTemplateUsed) as Django's do."""

    def from_string(self, template_code):
        return Template(self.env.from_string(template_code), self)

    def get_template(self, template_name):
        template = super().get_template(template_name)
        return Template(template.template, self)


class Template(django_jinja2.Template):
    @property
    def name(self):
        return self.template.name

    def render(self, context=None, request=None):
        if context is None:
            context = {}
        rendered = super().render(context, request)
        # Only the test client listens; sending to nobody costs nothing.
        if template_rendered.receivers:
            template_rendered.send(sender=self, template=self, context=context)
        return rendered


# --- lookups and output as Django's --------------------------------------------

_NOT_CALLED = (BlockReference, Macro, jinja2.Undefined)
# Whose methods a template calls itself (loop.cycle(...)).
_NOT_CALLED_ON = (LoopContext,)


def _takes_no_arguments(value) -> bool:
    try:
        inspect.signature(value).bind()
    except (TypeError, ValueError):
        return False
    return True


class Environment(jinja2.Environment):
    def getattr(self, obj, attribute):
        # Django looks up a key first: {{ chart.items }} of a dict is its
        # "items" entry, not the method.
        if hasattr(type(obj), "__getitem__") and not isinstance(
            obj, (str, list, tuple)
        ):
            try:
                return self._called(obj[attribute], obj, attribute)
            except (TypeError, AttributeError, KeyError, ValueError, IndexError):
                pass
        try:
            value = getattr(obj, attribute)
        except AttributeError:
            return self.undefined(obj=obj, name=attribute)
        return self._called(value, obj, attribute)

    def _called(self, value, obj, attribute):
        if not callable(value) or isinstance(value, _NOT_CALLED):
            return value
        if isinstance(obj, _NOT_CALLED_ON):
            return value
        if getattr(value, "do_not_call_in_templates", False):
            return value
        if getattr(value, "alters_data", False):
            return self.undefined(obj=obj, name=attribute)
        try:
            return value()
        except TypeError:
            if _takes_no_arguments(value):
                raise
            return self.undefined(obj=obj, name=attribute)


def localized(value):
    """What Django shows for {{ value }}: numbers and dates localised."""
    if isinstance(value, str):
        return value
    return formats.localize(template_localtime(value))


@jinja2.pass_eval_context
def shown(eval_ctx, value):
    """{{ value }} as Django writes it: localised, and escaped as Django
    escapes (&#x27; for ', as the pages always had), not as markupsafe does."""
    if type(value) is str:
        # Text from a column, most of what a page shows: what Django's
        # conditional_escape does to it, without its five calls around
        # html.escape.
        return Markup(html.escape(value)) if eval_ctx.autoescape else value
    value = localized(value)
    if eval_ctx.autoescape and not hasattr(value, "__html__"):
        return conditional_escape(value)
    return value


# --- translations ---------------------------------------------------------------


def _formatted(text, variables, autoescape):
    if autoescape:
        text = Markup(text)
        escape = conditional_escape
    else:
        escape = _unchanged
    return text % {name: escape(localized(value)) for name, value in variables.items()}


def _unchanged(value):
    return value


@jinja2.pass_context
def gettext(context, message, **variables):
    return _formatted(
        translation.gettext(message), variables, context.eval_ctx.autoescape
    )


@jinja2.pass_context
def ngettext(context, singular, plural, number, **variables):
    variables.setdefault("num", number)
    text = translation.ngettext(singular, plural, number)
    return _formatted(text, variables, context.eval_ctx.autoescape)


@jinja2.pass_context
def pgettext(context, message_context, message, **variables):
    text = translation.pgettext(message_context, message)
    return _formatted(text, variables, context.eval_ctx.autoescape)


@jinja2.pass_context
def npgettext(context, message_context, singular, plural, number, **variables):
    variables.setdefault("num", number)
    text = translation.npgettext(message_context, singular, plural, number)
    return _formatted(text, variables, context.eval_ctx.autoescape)


# --- Django's filters -------------------------------------------------------------


def django_filter(function):
    """A filter of a Django template library as a Jinja2 filter, with what
    Django's engine gives it: local time, and whether output is escaped."""
    if getattr(function, "expects_localtime", False):
        inner = function

        def function(value, *args):
            return inner(template_localtime(value), *args)

    if getattr(function, "needs_autoescape", False):
        inner_escaping = function

        @jinja2.pass_eval_context
        def escaping(eval_ctx, value, *args):
            return inner_escaping(value, *args, autoescape=eval_ctx.autoescape)

        return escaping
    return function


def django_filters(library) -> dict:
    return {name: django_filter(f) for name, f in library.filters.items()}


def unlocalize(value):
    """{% localize off %}: the value as Python writes it."""
    if isinstance(value, str) or hasattr(value, "__html__"):
        return value
    return str(template_localtime(value))


# --- globals ------------------------------------------------------------------------


def url(viewname, *args, **kwargs):
    return reverse(viewname, args=args or None, kwargs=kwargs or None)


def now(format_string):
    zone = timezone.get_current_timezone() if settings.USE_TZ else None
    return defaultfilters.date(timezone.datetime.now(tz=zone), format_string)


class _RequestOf:
    def __init__(self, request):
        self.request = request


@jinja2.pass_context
def querystring(context, *args, **kwargs):
    return django_querystring(_RequestOf(context.get("request")), *args, **kwargs)


def autoescape(template_name: str | None) -> bool:
    """Emails are plain text: "O'Neill & Co" stays as typed."""
    return not (template_name or "").endswith(".txt")


def environment(**options):
    libraries = options.pop("libraries", ())
    options.update(
        autoescape=autoescape,
        extensions=["jinja2.ext.i18n"],
        finalize=shown,
        keep_trailing_newline=True,
        undefined=jinja2.ChainableUndefined,
    )
    env = Environment(**options)
    # {% trans %} blocks call the globals below with their variables.
    env.newstyle_gettext = True
    from django.contrib.humanize.templatetags import humanize

    env.filters.update(django_filters(defaultfilters.register))
    env.filters.update(django_filters(humanize.register))
    env.filters["spaceless"] = strip_spaces_between_tags
    env.filters["localize"] = localized
    env.filters["unlocalize"] = unlocalize
    env.globals.update(
        _=gettext,
        gettext=gettext,
        ngettext=ngettext,
        pgettext=pgettext,
        npgettext=npgettext,
        url=url,
        static=static,
        now=now,
        querystring=querystring,
        get_current_language=translation.get_language,
    )
    for path in libraries:
        library = import_module(path)
        env.globals.update(getattr(library, "globals", {}))
        env.filters.update(getattr(library, "filters", {}))
    return env


# --- for the apps' libraries ----------------------------------------------------


def with_context(function):
    """A Django tag that takes the context: Jinja2's context answers get()
    and [] as Django's does."""

    @jinja2.pass_context
    def tag(context, *args, **kwargs):
        return function(context, *args, **kwargs)

    return tag


def inclusion(template_name: str, function, *, takes_context=False):
    """A Django inclusion tag: its template, rendered with what it returns."""

    @jinja2.pass_context
    def tag(context, *args, **kwargs):
        if takes_context:
            data = function(context, *args, **kwargs)
        else:
            data = function(*args, **kwargs)
        template = context.environment.get_template(template_name)
        return Markup(template.render(data))

    return tag
