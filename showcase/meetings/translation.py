"""The meetings' fields kept in Russian, Japanese and English
(django-modeltranslation reads each app's `translation` module)."""

from modeltranslation.translator import TranslationOptions, register

from showcase.meetings.models import Table


@register(Table)
class TableTranslation(TranslationOptions):
    # A Japanese participant's schedule, sheet and calendar name the table
    # in Japanese («ブース4F-20», not «Стенд 4F-20»); without a Japanese
    # name, the English, then the Russian one.
    fields = ("name",)
    required_languages = {"ru": ("name",)}
    # A name left blank is NULL, not "": each language's name is unique per
    # host, and two tables without a Japanese name are not a clash.
    empty_values = None
