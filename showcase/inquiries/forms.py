"""The investor inquiry form: validates and normalises only; the service
keeps the inquiry and sends the emails."""

import phonenumbers
from django import forms
from django.core.exceptions import ValidationError
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from amur_invest.columns import FitsColumns
from amur_invest.form_messages import PlainMessages
from amur_invest.text import many_lines, one_line
from showcase.inquiries.models import Inquiry

# Raise the version whenever the consent text changes: the stored consent must
# show which wording the person agreed to.
CONSENT_VERSION = "2020-12"
CONSENT_TEXT = _(
    "I consent to the Amur Region Investment Attraction Agency (the operator; "
    "Blagoveshchensk, Amur Region, Russia) processing the personal data I give "
    "in this form (my name, organisation, email address, phone number and "
    "country) for the purpose of answering my inquiry, in accordance with "
    "Federal Law No. 152-FZ “On Personal Data”. The consent is valid until my "
    "inquiry is answered; I may withdraw it at any time by writing to the agency."
)

# Where a number without a country code most likely comes from.
PHONE_REGION = {"ru": "RU", "ja": "JP"}


class ContactForm(PlainMessages, FitsColumns, forms.Form):
    """An investor's question to the agency."""

    column_model = Inquiry

    name = forms.CharField(
        label=_("Your name"),
        max_length=200,
        validators=[one_line],
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
    )
    organization = forms.CharField(
        label=_("Organisation"),
        max_length=300,
        validators=[one_line],
        widget=forms.TextInput(attrs={"autocomplete": "organization"}),
    )
    email = forms.EmailField(
        label=_("Email"),
        help_text=_("We reply to this address."),
        error_messages={
            "invalid": _("Enter a valid email address, like name@example.jp.")
        },
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )
    phone = forms.CharField(
        label=_("Phone"),
        max_length=32,
        required=False,
        validators=[one_line],
        help_text=_("With the country code, for example +81 3 1234 5678."),
        widget=forms.TextInput(attrs={"type": "tel", "autocomplete": "tel"}),
    )
    country = forms.CharField(
        label=_("Country"),
        max_length=100,
        validators=[one_line],
        widget=forms.TextInput(attrs={"autocomplete": "country-name"}),
    )
    message = forms.CharField(
        label=_("Your question"),
        max_length=5000,
        validators=[many_lines],
        help_text=_(
            "What you would like to know or propose; at most 5,000 characters."
        ),
        widget=forms.Textarea(attrs={"rows": 8}),
    )
    consent = forms.BooleanField(
        error_messages={
            "required": _(
                "Without your consent to the processing of personal data we "
                "cannot accept the inquiry."
            )
        },
    )
    homepage = forms.CharField(
        label=_("Leave this field empty"),
        required=False,
        widget=forms.TextInput(attrs={"tabindex": "-1", "autocomplete": "off"}),
    )

    def __init__(self, *args, language: str, **kwargs):
        # Japanese writes a full-width colon after a label.
        kwargs.setdefault("label_suffix", pgettext_lazy("after a form label", ":"))
        super().__init__(*args, **kwargs)
        self.language = language
        self.fields["consent"].label = CONSENT_TEXT
        phone = self.fields["phone"]
        phone.label = format_lazy(
            pgettext_lazy("label of an optional form field", "{label} (optional)"),
            label=phone.label,
        )

    def clean_email(self) -> str:
        return self.cleaned_data["email"].strip().lower()

    def clean_phone(self) -> str:
        value = self.cleaned_data["phone"].strip()
        return normalize_phone(value, PHONE_REGION.get(self.language)) if value else ""

    def inquiry_fields(self) -> dict:
        data = self.cleaned_data
        return {
            "name": data["name"].strip(),
            "organization": data["organization"].strip(),
            "email": data["email"],
            "phone": data["phone"],
            "country": data["country"].strip(),
            "message": data["message"].strip(),
        }


def normalize_phone(value: str, region: str | None) -> str:
    """The number in E.164 (+81312345678). Without a country code, the
    country of the page's language is assumed (Japan for ja, Russia for ru)."""
    try:
        number = phonenumbers.parse(value, region)
    except phonenumbers.NumberParseException:
        number = None
    if number is None or not phonenumbers.is_valid_number(number):
        raise ValidationError(
            _(
                "“%(value)s” is not a valid phone number. Write it with the "
                "country code, for example +81 3 1234 5678."
            ),
            code="invalid_phone",
            params={"value": value},
        )
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)
