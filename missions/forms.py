"""The public registration form for a business mission, built from the
pieces every application form shares (partners.applications.forms)."""

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from amur_invest.text import many_lines, one_line
from missions import services
from missions.models import Mission, Registration
from missions.validators import latin_letters
from partners.applications.forms import (
    CHOICES,
    HONEYPOT_FIELD,
    ApplicantForm,
    CompanyFields,
    ConsentFields,
    is_bot_submission,
    normalize_phone,
    public_form_order,
    validate_russian_name,
)
from partners.models import Organization, Prefecture

__all__ = [
    "CONSENT_TEXT",
    "CONSENT_VERSION",
    "HONEYPOT_FIELD",
    "DelegateForm",
    "RegistrationChangeForm",
    "RegistrationDetailsForm",
    "RegistrationForm",
    "consent_text",
    "delegates_formset",
    "is_bot_submission",
    "normalize_phone",
    "validate_russian_name",
]

# Raise the version whenever the consent text changes: the stored consent must
# show which wording the person agreed to.
CONSENT_VERSION = "2026-12"
CONSENT_TEXT = _(
    "I consent to the Amur Region Investment Attraction Agency (the operator; "
    "Blagoveshchensk, Amur Region, Russia) processing the personal data I give "
    "in this form (my name, position, email address and phone number) and "
    "later on my registration page (the names and positions of the delegates "
    "I name, who agreed to it) for the purpose of considering and organising my company's participation in the "
    "business mission “%(mission)s” and of writing to me about it, in accordance "
    "with Federal Law No. 152-FZ “On Personal Data”. The consent is valid until "
    "the purpose is achieved; I may withdraw it at any time by erasing my data "
    "on my registration page."
)


def consent_text(mission: Mission) -> str:
    """The consent wording in the active language, naming the mission."""
    return CONSENT_TEXT % {"mission": mission.title}


# The form asks in the order the workflow lists the answers (and shows its
# errors in that order).
DETAILS_ORDER = services.REGISTRATION_ORDER


class RegistrationDetailsForm(ApplicantForm):
    """What a registrant tells about the participation: the contact, the
    delegates, what they bring and whom they want to meet. The registration
    form and the registrant's correction form share it."""

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

    field_order = DETAILS_ORDER
    column_model = Registration

    def __init__(self, *args, mission: Mission, **kwargs):
        super().__init__(*args, **kwargs)
        self.mission = mission
        self._limit_delegates(mission.max_delegates_per_company)

    def _limit_delegates(self, limit: int) -> None:
        # The limit is the mission's, so the field is bounded here rather than
        # in its declaration; the message names the limit.
        field = self.fields["delegates"]
        field.widget.attrs.update({"min": 1, "max": limit})
        field.validators = [_delegates_validator(limit)]

    def registration_data(self) -> dict:
        return {name: self.cleaned_data[name] for name in services.REGISTRATION_FIELDS}


class RegistrationForm(CompanyFields, ConsentFields, RegistrationDetailsForm):
    """An Amur company's registration of interest in a mission.

    Validates and normalises only: the service creates the records.
    """

    consent_required_message = _(
        "Without your consent to the processing of personal data we "
        "cannot accept the registration."
    )
    field_order = public_form_order(DETAILS_ORDER)

    def __init__(self, *args, mission: Mission, **kwargs):
        super().__init__(
            *args, mission=mission, consent_label=consent_text(mission), **kwargs
        )
        self.mark_optional_fields()


class RegistrationChangeForm(RegistrationDetailsForm):
    """The registrant corrects their registration on their own page."""

    def __init__(self, *args, registration, **kwargs):
        kwargs.setdefault("initial", _initial(registration))
        super().__init__(*args, mission=registration.mission, **kwargs)
        self.correction_help()
        self.mark_optional_fields()
        if registration.delegate_people.exists():
            # Once people are named, their number is the number of delegates.
            field = self.fields["delegates"]
            field.disabled = True
            field.help_text = _(
                "The number of delegates you named on your registration page."
            )

    def changes(self) -> dict:
        return {name: self.cleaned_data[name] for name in services.CHANGEABLE_FIELDS}


def _initial(registration) -> dict:
    initial = {name: getattr(registration, name) for name in services.CHANGEABLE_FIELDS}
    initial["wanted_prefectures"] = list(registration.wanted_prefectures.all())
    return initial


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


class DelegateForm(forms.Form):
    """One person the registration sends."""

    name_ru = forms.CharField(
        label=_("Name in Russian"), max_length=200, validators=[one_line]
    )
    name_latin = forms.CharField(
        label=_("Name in Latin letters, as in the passport"),
        max_length=200,
        validators=[one_line, latin_letters],
    )
    position = forms.CharField(
        label=_("Position"), max_length=200, required=False, validators=[one_line]
    )
    needs_interpreter = forms.BooleanField(
        label=_("Needs an interpreter"), required=False
    )

    def person(self) -> services.Person:
        data = self.cleaned_data
        return services.Person(
            name_ru=data["name_ru"].strip(),
            name_latin=" ".join(data["name_latin"].upper().split()),
            position=data["position"].strip(),
            needs_interpreter=data["needs_interpreter"],
        )


class BaseDelegateFormSet(forms.BaseFormSet):
    def add_fields(self, form, index):
        super().add_fields(form, index)
        if "DELETE" in form.fields:
            form.fields["DELETE"].label = _("Remove this delegate")

    def people(self) -> list[services.Person]:
        """The people kept, in order: the rows named before and the new rows
        filled in, without those marked for removal."""
        return [
            form.person()
            for index, form in enumerate(self.forms)
            if (index < self.initial_form_count() or form.has_changed())
            and not self._should_delete_form(form)
        ]


def delegates_formset(registration, data=None):
    """The registrant's list of delegates: the people named so far, or empty
    rows for the number of delegates given in the form, and one empty row
    more while the mission's limit allows."""
    limit = registration.mission.max_delegates_per_company
    people = registration.delegate_people.all()
    initial = [
        {
            "name_ru": person.name_ru,
            "name_latin": person.name_latin,
            "position": person.position,
            "needs_interpreter": person.needs_interpreter,
        }
        for person in people
    ]
    rows = min(max(len(initial), registration.delegates) + 1, limit)
    formset_class = forms.formset_factory(
        DelegateForm,
        formset=BaseDelegateFormSet,
        extra=max(rows - len(initial), 0),
        can_delete=True,
        max_num=limit,
        validate_max=True,
        min_num=0,
    )
    return formset_class(data=data, initial=initial, prefix="delegates")
