"""Error messages of the public forms in the words people use.

Django's Japanese says このフィールドは必須です。 under every empty field: a
translation of the programmer's "field", the same sentence for a name, a
list and a consent box. A public form mixes in `PlainMessages`, which says
what to do instead, by the kind of field: 入力してください。 under a text box,
選択してください。 under a list, チェックを入れてください。 under a box to
tick. A message a form states itself is kept.

The markers at the end reword a few of Django's own messages in our
catalogues (LOCALE_PATHS come before Django's), for every form, the
admin's too.
"""

from django import forms
from django.utils.translation import gettext_lazy as _
from django.utils.translation import gettext_noop, ngettext_lazy

FRAMEWORK_REQUIRED = forms.Field.default_error_messages["required"]


def required_message(field: forms.Field):
    if isinstance(field, forms.BooleanField):
        return _("Tick this box to continue.")
    if isinstance(field, forms.FileField):
        return _("Choose a file.")
    if isinstance(field, forms.MultipleChoiceField | forms.ModelMultipleChoiceField):
        return _("Choose one or more from the list.")
    if isinstance(field, forms.ChoiceField | forms.ModelChoiceField):
        return _("Choose from the list.")
    return _("Please fill in this field.")


class PlainMessages:
    """A form mixin: each field left empty asks for what it needs in plain
    words, unless the form says something of its own."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            if field.error_messages.get("required") is FRAMEWORK_REQUIRED:
                field.error_messages = {
                    **field.error_messages,
                    "required": required_message(field),
                }


# Django's messages, reworded in our catalogues.
gettext_noop("This field is required.")
gettext_noop("Enter a valid value.")
gettext_noop("Select a valid choice. That choice is not one of the available choices.")
gettext_noop("Select a valid choice. %(value)s is not one of the available choices.")
ngettext_lazy(
    "Ensure this value has at most %(limit_value)d character (it has %(show_value)d).",
    "Ensure this value has at most %(limit_value)d characters (it has %(show_value)d).",
    "limit_value",
)
