"""The public registration form for a business mission."""

import unicodedata

import phonenumbers
from django import forms
from django.core.exceptions import ValidationError
from django.utils.text import format_lazy
from django.utils.translation import get_language, pgettext_lazy
from django.utils.translation import gettext_lazy as _

from amur_invest.text import many_lines, one_line
from missions import services
from missions.models import Mission
from partners.models import District, Language, Organization, Prefecture, Sector
from partners.validators import normalize_inn

# Raise the version whenever the consent text changes: the stored consent must
# show which wording the person agreed to.
CONSENT_VERSION = "2020-11"
CONSENT_TEXT = _(
    "I consent to the Amur Region Investment Attraction Agency (the operator; "
    "Blagoveshchensk, Amur Region, Russia) processing the personal data I give "
    "in this form (my name, position, email address and phone number) for the "
    "purpose of considering and organising my company's participation in the "
    "business mission “%(mission)s” and of writing to me about it, in accordance "
    "with Federal Law No. 152-FZ “On Personal Data”. The consent is valid until "
    "the purpose is achieved; I may withdraw it at any time by erasing my data "
    "on my registration page."
)

# Checkbox groups get site.css's grid of choices.
CHOICES = forms.CheckboxSelectMultiple(attrs={"class": "choices"})

# Bots fill every field they find; people never see this one.
HONEYPOT_FIELD = "homepage"


def consent_text(mission: Mission) -> str:
    """The consent wording in the active language, naming the mission."""
    return CONSENT_TEXT % {"mission": mission.title}


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


class RegistrationDetailsForm(forms.Form):
    """What a registrant tells about the participation: the contact, the
    delegates, what they bring and whom they want to meet. The registration
    form and the registrant's correction form share it."""

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
    delegates = forms.IntegerField(label=_("Number of delegates"), initial=1)
    products = forms.CharField(
        validators=[many_lines],
        label=_("Products to present"),
        max_length=3000,
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    goals = forms.CharField(
        validators=[many_lines],
        label=_("Goals of your company on the mission"),
        max_length=3000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    wanted_prefectures = forms.ModelMultipleChoiceField(
        label=_("Prefectures you would like to meet"),
        queryset=Prefecture.objects.all(),
        required=False,
        widget=CHOICES,
    )
    wanted_partner_kinds = forms.MultipleChoiceField(
        label=_("Kinds of partner you would like to meet"),
        choices=Organization.Kind.choices,
        required=False,
        widget=CHOICES,
    )
    wanted_partners = forms.CharField(
        validators=[many_lines],
        label=_("Partners you would like to meet"),
        max_length=3000,
        required=False,
        help_text=_("Names of Japanese companies or organisations, if you know them."),
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    language = forms.ChoiceField(
        label=_("Language of correspondence"),
        choices=Language.choices,
        widget=forms.RadioSelect(attrs={"class": "choices"}),
    )

    def __init__(self, *args, mission: Mission, **kwargs):
        # Japanese writes a full-width colon after a label.
        kwargs.setdefault("label_suffix", pgettext_lazy("after a form label", ":"))
        super().__init__(*args, **kwargs)
        self.mission = mission
        self._limit_delegates(mission.max_delegates_per_company)
        self.fields["language"].initial = _current_language()

    def _mark_optional_fields(self) -> None:
        # People fill long forms faster when they see what they may skip.
        for name, field in self.fields.items():
            if not field.required and name != HONEYPOT_FIELD:
                field.label = format_lazy(
                    pgettext_lazy(
                        "label of an optional form field", "{label} (optional)"
                    ),
                    label=field.label,
                )

    def _limit_delegates(self, limit: int) -> None:
        # The limit is the mission's, so the field is bounded here rather than
        # in its declaration; the message names the limit.
        field = self.fields["delegates"]
        field.widget.attrs.update({"min": 1, "max": limit})
        field.validators = [_delegates_validator(limit)]

    def clean_email(self) -> str:
        return self.cleaned_data["email"].strip().lower()

    def clean_phone(self) -> str:
        return normalize_phone(self.cleaned_data["phone"])

    def registration_data(self) -> dict:
        return {name: self.cleaned_data[name] for name in services.REGISTRATION_FIELDS}


class RegistrationForm(RegistrationDetailsForm):
    """An Amur company's registration of interest in a mission.

    Validates and normalises only: the service creates the records.
    """

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
    consent = forms.BooleanField(
        error_messages={
            "required": _(
                "Without your consent to the processing of personal data we "
                "cannot accept the registration."
            )
        },
    )
    homepage = forms.CharField(
        label=_("Leave this field empty"),
        required=False,
        widget=forms.TextInput(attrs={"tabindex": "-1", "autocomplete": "off"}),
    )

    field_order = [
        "inn",
        "company_name",
        "company_name_other",
        "district",
        "sectors",
        "contact_name",
        "contact_position",
        "email",
        "phone",
    ]

    def __init__(self, *args, mission: Mission, **kwargs):
        super().__init__(*args, mission=mission, **kwargs)
        self.fields["consent"].label = consent_text(mission)
        self._mark_optional_fields()

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


class RegistrationChangeForm(RegistrationDetailsForm):
    """The registrant corrects their registration on their own page."""

    def __init__(self, *args, registration, **kwargs):
        kwargs.setdefault("initial", _initial(registration))
        super().__init__(*args, mission=registration.mission, **kwargs)
        self.fields["email"].help_text = _(
            "We write to this address; a change is also told to the previous one."
        )
        self._mark_optional_fields()

    def changes(self) -> dict:
        return {name: self.cleaned_data[name] for name in services.CHANGEABLE_FIELDS}


def _initial(registration) -> dict:
    initial = {name: getattr(registration, name) for name in services.CHANGEABLE_FIELDS}
    initial["wanted_prefectures"] = list(registration.wanted_prefectures.all())
    return initial


def _current_language() -> str:
    language = (get_language() or Language.RUSSIAN)[:2]
    return language if language in Language.values else Language.RUSSIAN


def _delegates_validator(limit: int):
    def validate(value: int) -> None:
        if value < 1:
            raise ValidationError(
                _("At least one delegate is needed."), code="min_value"
            )
        if value > limit:
            raise ValidationError(
                _("A company can send at most %(limit)s delegates to this mission."),
                code="max_value",
                params={"limit": limit},
            )

    return validate


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
