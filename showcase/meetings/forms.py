"""The Japanese organisation's sign-up form and the request form."""

import datetime

from django import forms
from django.utils import formats
from django.utils.translation import gettext_lazy as _
from stdnum.jp import cn

from exhibitions.models import Exhibition
from partners.applications.forms import ConsentFields
from partners.models import Language, Prefecture, Sector
from showcase.meetings import services
from showcase.meetings.models import (
    JapaneseParticipant,
    Meeting,
    SpokenLanguage,
    host_field,
)

# Raise the version whenever the consent text changes.
CONSENT_VERSION = "2026-12"
CONSENT_TEXT = _(
    "I consent to the Amur Region Investment Attraction Agency (the operator; "
    "Blagoveshchensk, Amur Region, Russia) processing the personal data I give "
    "in this form (my name, position and email address) for the purpose of "
    "arranging meetings between my organisation and the delegation of the "
    "business mission “%(mission)s” and of writing to me about them, in "
    "accordance with Federal Law No. 152-FZ “On Personal Data”. The consent is "
    "valid until the purpose is achieved; I may withdraw it at any time by "
    "writing to the agency."
)
PAVILION_CONSENT_TEXT = _(
    "I consent to the Amur Region Investment Attraction Agency (the operator; "
    "Blagoveshchensk, Amur Region, Russia) processing the personal data I give "
    "in this form (my name, position and email address) for the purpose of "
    "arranging meetings between my organisation and the companies of the Amur "
    "pavilion at the exhibition “%(exhibition)s” and of writing to me about "
    "them, in accordance with Federal Law No. 152-FZ “On Personal Data”. The "
    "consent is valid until the purpose is achieved; I may withdraw it at any "
    "time by writing to the agency."
)


def consent_text(host) -> str:
    if isinstance(host, Exhibition):
        return PAVILION_CONSENT_TEXT % {"exhibition": host.name}
    return CONSENT_TEXT % {"mission": host.title}


def host_days(host) -> list[datetime.date]:
    """Every day of the mission or exhibition."""
    days, day = [], host.starts_on
    while day <= host.ends_on:
        days.append(day)
        day += datetime.timedelta(days=1)
    return days


class SignUpForm(ConsentFields, forms.ModelForm):
    consent_required_message = _(
        "Without your consent to the processing of personal data we cannot "
        "arrange meetings for you."
    )

    # Longer than the 13 digits: people write it with spaces or hyphens.
    corporate_number = forms.CharField(
        label=_("Corporate number (法人番号), optional"),
        max_length=20,
        required=False,
        help_text=_("13 digits; leave empty if your organisation has none."),
    )
    prefecture = forms.ModelChoiceField(
        queryset=Prefecture.objects.order_by("code"), label=_("Prefecture")
    )
    sectors = forms.ModelMultipleChoiceField(
        queryset=Sector.objects.all(),
        label=_("Sectors"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    languages = forms.MultipleChoiceField(
        choices=SpokenLanguage.choices,
        label=_("Languages your representatives speak"),
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": _("Choose at least one language.")},
    )
    days = forms.MultipleChoiceField(
        label=_("Days you can meet"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Leave all unticked if any day of the mission suits you."),
    )
    language = forms.ChoiceField(
        label=_("Language for our emails"),
        choices=[(Language.JAPANESE, "日本語"), (Language.ENGLISH, "English")],
    )

    class Meta:
        model = JapaneseParticipant
        fields = [
            "corporate_number",
            "organization_name",
            "organization_name_latin",
            "prefecture",
            "contact_name_native",
            "contact_name_latin",
            "position",
            "email",
            "language",
            "offers",
            "seeks",
            "sectors",
            "languages",
            "days",
        ]
        labels = {
            "organization_name": _("Organisation name"),
            "organization_name_latin": _("Organisation name in Latin letters"),
            "contact_name_native": _("Contact person, name in Japanese script"),
            "contact_name_latin": _("Contact person, name in Latin letters"),
            "position": _("Position"),
            "email": _("Email"),
            "offers": _("What your organisation buys, sells or offers"),
            "seeks": _("What you seek from Amur companies"),
        }
        widgets = {
            "offers": forms.Textarea(attrs={"rows": 3}),
            "seeks": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args, host, **kwargs):
        super().__init__(*args, consent_label=consent_text(host), **kwargs)
        self.host = host
        setattr(self.instance, host_field(host), host)
        self.fields["days"].choices = [
            (day.isoformat(), formats.date_format(day, "DATE_FORMAT"))
            for day in host_days(host)
        ]
        if isinstance(host, Exhibition):
            self.fields["days"].help_text = _(
                "Leave all unticked if any day of the exhibition suits you."
            )
        self.fields["corporate_number"].widget.attrs.update(
            inputmode="numeric", autocomplete="off"
        )

    def clean_corporate_number(self):
        # People write it with spaces or hyphens; the digits are what counts.
        value = self.cleaned_data["corporate_number"]
        return cn.compact(value) if value else ""

    def clean_email(self):
        return self.cleaned_data["email"].strip().lower()

    def clean(self):
        data = super().clean()
        if services.already_signed_up(
            host=self.host,
            corporate_number=data.get("corporate_number", ""),
            email=data.get("email", ""),
        ):
            if isinstance(self.host, Exhibition):
                raise forms.ValidationError(
                    _(
                        "Your organisation has already signed up for this "
                        "exhibition. Please use the link in the email we sent "
                        "you then; nothing you entered before is lost."
                    )
                )
            raise forms.ValidationError(
                _(
                    "Your organisation has already signed up for this mission. "
                    "Please use the link in the email we sent you then; nothing "
                    "you entered before is lost."
                )
            )
        return data


class RequestForm(forms.Form):
    counterpart = forms.IntegerField(widget=forms.HiddenInput)
    reason = forms.CharField(
        label=_("Why you would like to meet"),
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 2}),
        error_messages={"required": _("Write a short reason for the meeting.")},
    )


class OutcomeForm(forms.Form):
    held = forms.TypedChoiceField(
        label=_("Did the meeting take place?"),
        choices=[("yes", _("yes")), ("no", _("no"))],
        coerce=lambda value: value == "yes",
        widget=forms.RadioSelect,
        error_messages={"required": _("Say whether the meeting took place.")},
    )
    outcome = forms.ChoiceField(
        label=_("What came of it"), choices=Meeting.Outcome.choices, required=False
    )
    notes = forms.CharField(
        label=_("Notes"),
        max_length=1000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
