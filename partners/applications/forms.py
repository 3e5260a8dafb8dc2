"""The pieces every public application form has: the company as the form
gives it (INN, the legal name in Russian, a name in another language,
district, sectors), the contact person, the consent and the honeypot.

Forms validate and normalise only; the services create the records. An app's
form combines the pieces it needs with its own fields."""

import unicodedata

import phonenumbers
from django import forms
from django.core.exceptions import ValidationError
from django.utils.text import format_lazy
from django.utils.translation import get_language, pgettext_lazy
from django.utils.translation import gettext_lazy as _

from amur_invest.columns import FitsColumns
from amur_invest.form_messages import PlainMessages
from amur_invest.text import one_line
from partners.localized import in_reading_order
from partners.models import District, Language, Sector
from partners.validators import normalize_inn

# Checkbox groups get site.css's grid of choices.
CHOICES = forms.CheckboxSelectMultiple(attrs={"class": "choices"})

# Bots fill every field they find; people never see this one.
HONEYPOT_FIELD = "homepage"


def is_bot_submission(data) -> bool:
    return bool(data.get(HONEYPOT_FIELD, "").strip())


def _contains_cyrillic(value: str) -> bool:
    return any("CYRILLIC" in unicodedata.name(ch, "") for ch in value)


def validate_russian_name(value: str) -> None:
    if not _contains_cyrillic(value):
        raise ValidationError(
            _(
                "Write the company's name in Russian, as it is registered, for "
                "example ООО «Амурский мёд». A name in English or Japanese goes "
                "in the next field."
            ),
            code="not_russian",
        )


def normalize_phone(value: str) -> str:
    """Return the number in E.164 (+74162123456); Russian numbers may omit +7."""
    message = _(
        "“%(value)s” is not a valid phone number. Write it with the country "
        "code, for example +7 4162 123456."
    )
    try:
        number = phonenumbers.parse(value, "RU")
    except phonenumbers.NumberParseException:
        number = None
    if number is None or not phonenumbers.is_valid_number(number):
        raise ValidationError(message, code="invalid_phone", params={"value": value})
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)


def current_language() -> str:
    language = (get_language() or Language.RUSSIAN)[:2]
    return language if language in Language.values else Language.RUSSIAN


class ApplicantForm(PlainMessages, FitsColumns, forms.Form):
    """The contact person and the language of correspondence, which both the
    application form and the applicant's correction form have.

    An app's form sets `column_model` to its kind of application: every field
    of the form, the company's too, refuses what its column cannot hold."""

    contact_name = forms.CharField(
        validators=[one_line],
        label=_("Full name"),
        max_length=200,
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
    )
    contact_position = forms.CharField(
        validators=[one_line],
        label=_("Position"),
        max_length=200,
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "organization-title"}),
    )
    email = forms.EmailField(
        label=_("Email"),
        help_text=_("We send the confirmation link to this address."),
        error_messages={
            "invalid": _("Enter a valid email address, like name@example.ru.")
        },
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )
    phone = forms.CharField(
        label=_("Phone"),
        max_length=32,
        help_text=_("With the country code, for example +7 4162 123456."),
        widget=forms.TextInput(attrs={"type": "tel", "autocomplete": "tel"}),
    )
    language = forms.ChoiceField(
        label=_("Language of correspondence"),
        choices=Language.choices,
        widget=forms.RadioSelect(attrs={"class": "choices"}),
    )

    def __init__(self, *args, **kwargs):
        # Japanese writes a full-width colon after a label.
        kwargs.setdefault("label_suffix", pgettext_lazy("after a form label", ":"))
        super().__init__(*args, **kwargs)
        self.fields["language"].initial = current_language()

    def mark_optional_fields(self) -> None:
        # People fill long forms faster when they see what they may skip.
        for name, field in self.fields.items():
            if not field.required and name != HONEYPOT_FIELD:
                field.label = format_lazy(
                    pgettext_lazy(
                        "label of an optional form field", "{label} (optional)"
                    ),
                    label=field.label,
                )

    def clean_email(self) -> str:
        return self.cleaned_data["email"].strip().lower()

    def clean_phone(self) -> str:
        return normalize_phone(self.cleaned_data["phone"])

    def correction_help(self) -> None:
        """On the correction form the address is where mail goes, not where
        the link goes."""
        self.fields["email"].help_text = _(
            "We write to this address; a change is also told to the previous one."
        )


class CompanyFields(forms.Form):
    """The company as the form gives it; kept on the application until the
    address is confirmed."""

    inn = forms.CharField(
        label=_("Company INN"),
        max_length=20,
        help_text=_(
            "10 digits for an organisation, 12 for an individual entrepreneur."
        ),
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"}),
    )
    company_name = forms.CharField(
        validators=[one_line, validate_russian_name],
        label=_("Company name in Russian"),
        max_length=300,
        help_text=_(
            "The full name as registered, for example ООО «Амурский мёд» or "
            "ИП Иванов Иван Иванович."
        ),
        widget=forms.TextInput(attrs={"autocomplete": "organization", "lang": "ru"}),
    )
    company_name_other = forms.CharField(
        validators=[one_line],
        label=_("Company name in English or Japanese"),
        max_length=300,
        required=False,
        help_text=_("The name your partners in Japan know, if the company has one."),
    )
    district = forms.ModelChoiceField(
        label=_("District of the Amur Region"),
        queryset=District.objects.all(),
        required=False,
        empty_label=_("— not stated —"),
    )
    sectors = forms.ModelMultipleChoiceField(
        label=_("Sectors"),
        queryset=Sector.objects.all(),
        widget=CHOICES,
        error_messages={"required": _("Choose at least one sector.")},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Districts in the reader's alphabetical order, whatever their slugs.
        self.fields["district"].queryset = in_reading_order(District.objects.all())

    def clean_inn(self) -> str:
        return normalize_inn(self.cleaned_data["inn"])

    def company_data(self) -> dict:
        data = self.cleaned_data
        return {
            "inn": data["inn"],
            "name": data["company_name"],
            "name_other": data["company_name_other"],
            "district": data["district"],
            "sectors": list(data["sectors"]),
        }


class ConsentFields(forms.Form):
    """The separate consent to the processing of personal data, and the
    honeypot. The app's form passes the consent's label (`consent_label`):
    the consent text, which names the mission or exhibition."""

    consent_required_message = _(
        "Without your consent to the processing of personal data we cannot "
        "accept the application."
    )

    consent = forms.BooleanField()
    homepage = forms.CharField(
        label=_("Leave this field empty"),
        required=False,
        widget=forms.TextInput(attrs={"tabindex": "-1", "autocomplete": "off"}),
    )

    def __init__(self, *args, consent_label: str, **kwargs):
        # Every public form writes the colon of its reader's language
        # (Japanese a full-width one) after a label.
        kwargs.setdefault("label_suffix", pgettext_lazy("after a form label", ":"))
        super().__init__(*args, **kwargs)
        consent = self.fields["consent"]
        consent.label = consent_label
        consent.error_messages["required"] = self.consent_required_message


def public_form_order(details: tuple[str, ...]) -> tuple[str, ...]:
    """The order of a public application form: the company and contact, the
    app's own answers (`details`), the consent, and the honeypot last."""
    return (*COMPANY_AND_CONTACT, *details, "consent", HONEYPOT_FIELD)


# The fields every application form starts with, in this order.
COMPANY_AND_CONTACT = (
    "inn",
    "company_name",
    "company_name_other",
    "district",
    "sectors",
    "contact_name",
    "contact_position",
    "email",
    "phone",
)
