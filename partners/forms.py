"""Staff forms: admin forms that normalise what staff type."""

import phonenumbers
from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from partners.models import Company, Contact
from partners.validators import normalize_inn, normalize_ogrn


def normalize_phone(value: str, default_region: str) -> str:
    """Return the number in international format, or raise ValidationError."""
    if not value:
        return ""
    try:
        number = phonenumbers.parse(value, default_region)
    except phonenumbers.NumberParseException:
        number = None
    if number is None or not phonenumbers.is_possible_number(number):
        raise ValidationError(
            _("Enter a phone number with its country code, e.g. +81 3 1234 5678."),
            code="invalid_phone",
        )
    return phonenumbers.format_number(
        number, phonenumbers.PhoneNumberFormat.INTERNATIONAL
    )


class CompanyAdminForm(forms.ModelForm):
    # Wider than the stored digits, so that "2801 234 567 8" reaches clean_inn.
    inn = forms.CharField(label=_("INN"), max_length=20)
    ogrn = forms.CharField(label=_("OGRN"), max_length=25, required=False)

    class Meta:
        model = Company
        fields = [
            "name",
            "slug",
            "inn",
            "ogrn",
            "district",
            "sectors",
            "products",
            "description",
            "is_published",
            "website",
            "email",
            "phone",
            "is_sample",
        ]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in ("inn", "ogrn"):
            # Absent when the admin shows them read-only (content editors).
            if name in self.fields:
                self.fields[name].help_text = Company._meta.get_field(name).help_text

    def clean_inn(self):
        return normalize_inn(self.cleaned_data["inn"])

    def clean_ogrn(self):
        ogrn = self.cleaned_data["ogrn"]
        return normalize_ogrn(ogrn) if ogrn else ""

    def clean_phone(self):
        # Amur companies: a number without a country code is Russian.
        return normalize_phone(self.cleaned_data["phone"], "RU")


class ContactAdminForm(forms.ModelForm):
    class Meta:
        model = Contact
        fields = [
            "organization",
            "prefecture",
            "name_latin",
            "name_native",
            "position",
            "department",
            "email",
            "phone",
            "preferred_language",
            "notes",
        ]

    def clean_email(self):
        return self.cleaned_data["email"].strip().lower()

    def clean_phone(self):
        # Most contacts work in Japan: a bare number is read as Japanese.
        return normalize_phone(self.cleaned_data["phone"], "JP")
