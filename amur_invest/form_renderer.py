"""Forms rendered by Jinja2 where Django ships the templates for it.

A form's fields, labels, errors and widgets are small templates rendered
many times over: the registration form renders a few hundred of them, most
of its page's time in Django's template engine. Django ships the same
templates for Jinja2 (django/forms/jinja2/), which renders them several
times faster with the same output. Templates Django does not ship for Jinja2
(the admin's widgets, an app's own) are rendered by Django's engine as
before.
"""

import functools

from django.forms.renderers import BaseRenderer, DjangoTemplates, Jinja2
from django.template import TemplateDoesNotExist


class FormRenderer(BaseRenderer):
    @functools.cached_property
    def jinja2(self):
        return Jinja2()

    @functools.cached_property
    def django_templates(self):
        return DjangoTemplates()

    def get_template(self, template_name):
        try:
            return self.jinja2.get_template(template_name)
        except TemplateDoesNotExist:
            return self.django_templates.get_template(template_name)
