"""The exhibitor catalogue's filters, as a buyer at the stand uses them; the
application for the pavilion and the applicant's correction form, built from
the pieces every application form shares (partners.applications.forms)."""

from django import forms
from django.db.models import Exists, OuterRef, Q, QuerySet
from django.utils.translation import gettext_lazy as _

from amur_invest.text import many_lines, one_line
from exhibitions import services
from exhibitions.models import Exhibition, Participation, ParticipationProduct
from partners.applications.forms import (
    ApplicantForm,
    CompanyFields,
    ConsentFields,
    public_form_order,
)
from partners.filters import SectorDistrictFilterForm
from partners.models import Company, District, Sector
from partners.search import in_any_language, search_terms

FILTER_NAMES = ("q", "sector", "district")


class ExhibitorFilterForm(SectorDistrictFilterForm):
    """GET filters of one exhibition's catalogue."""

    q = forms.CharField(
        label=_("Search"),
        required=False,
        max_length=100,
        validators=[one_line],
        widget=forms.TextInput(attrs={"type": "search"}),
        help_text=_("A company or a product, in any language."),
    )
    field_order = ["q", "sector", "district"]

    def __init__(self, *args, exhibition: Exhibition, **kwargs):
        super().__init__(*args, **kwargs)
        # Only what this exhibition's exhibitors have: no choice leads nowhere.
        exhibitors = {
            "companies__participations__exhibition": exhibition,
            "companies__participations__status": Participation.Status.ACCEPTED,
        }
        self.offer(
            Sector.objects.filter(**exhibitors).distinct(),
            District.objects.filter(**exhibitors).distinct(),
        )

    def filter(self, participations: QuerySet) -> QuerySet:
        data = self.valid_filters()
        # Every word must match: the company by its folded search text (names,
        # products, sectors in every language), or what it shows here.
        for term in search_terms(data.get("q")):
            named_product = ParticipationProduct.objects.filter(
                in_any_language("name", term), participation=OuterRef("pk")
            )
            participations = participations.filter(
                Q(company__search_text__contains=term)
                | in_any_language("products_shown", term)
                | Exists(named_product)
            )
        if sector := data.get("sector"):
            participations = participations.filter(
                Exists(
                    Company.sectors.through.objects.filter(
                        company=OuterRef("company"), sector=sector
                    )
                )
            )
        if district := data.get("district"):
            participations = participations.filter(company__district=district)
        return participations

    @property
    def is_filtered(self) -> bool:
        return any(self.data.get(name) for name in FILTER_NAMES)


# Applications for the pavilion -----------------------------------------------

# Raise the version whenever the consent text changes: the stored consent must
# show which wording the person agreed to.
CONSENT_VERSION = "2020-12"
CONSENT_TEXT = _(
    "I consent to the Amur Region Investment Attraction Agency (the operator; "
    "Blagoveshchensk, Amur Region, Russia) processing the personal data I give "
    "in this form (my name, position, email address and phone number) for the "
    "purpose of considering and organising my company's participation in the "
    "Amur pavilion at the exhibition “%(exhibition)s” and of writing to me about "
    "it, in accordance with Federal Law No. 152-FZ “On Personal Data”. The "
    "consent is valid until the purpose is achieved; I may withdraw it at any "
    "time by erasing my data on my application page."
)

# The form asks in the order the workflow lists the fields.
DETAILS_ORDER = services.PARTICIPATION_FIELDS


def consent_text(exhibition: Exhibition) -> str:
    """The consent wording in the active language, naming the exhibition."""
    return CONSENT_TEXT % {"exhibition": exhibition.name}


def _text(label, *, required=False, rows=4, help_text=""):
    return forms.CharField(
        validators=[many_lines],
        label=label,
        max_length=3000,
        required=required,
        help_text=help_text,
        widget=forms.Textarea(attrs={"rows": rows}),
    )


class ApplicationDetailsForm(ApplicantForm):
    """What the company tells about its stand: the contact, the products,
    what it can supply and what it needs. The application form and the
    applicant's correction form share it."""

    products_to_show = _text(
        _("Products to show"),
        required=True,
        help_text=_("What buyers will see and taste at the stand."),
    )
    volumes_offered = _text(
        _("Volumes you can supply"),
        rows=2,
        help_text=_("For example: up to 40 tonnes a year, from September."),
    )
    certifications_held = _text(
        _("Certifications"),
        rows=2,
        help_text=_("HACCP, ISO 22000, organic, halal, Japanese standards..."),
    )
    stand_wishes = _text(
        _("Wishes for the stand"),
        rows=3,
        help_text=_("Space, equipment, samples, an interpreter, sharing a stand."),
    )

    field_order = DETAILS_ORDER
    column_model = Participation

    def __init__(self, *args, exhibition: Exhibition, **kwargs):
        super().__init__(*args, **kwargs)
        self.exhibition = exhibition

    def participation_data(self) -> dict:
        return {name: self.cleaned_data[name] for name in services.PARTICIPATION_FIELDS}


class ApplicationForm(CompanyFields, ConsentFields, ApplicationDetailsForm):
    """An Amur company applies for the pavilion at an exhibition."""

    field_order = public_form_order(DETAILS_ORDER)

    def __init__(self, *args, exhibition: Exhibition, **kwargs):
        super().__init__(
            *args,
            exhibition=exhibition,
            consent_label=consent_text(exhibition),
            **kwargs,
        )
        self.mark_optional_fields()


class ApplicationChangeForm(ApplicationDetailsForm):
    """The applicant corrects the application on their own page."""

    def __init__(self, *args, participation: Participation, **kwargs):
        initial = {
            name: getattr(participation, name) for name in services.CHANGEABLE_FIELDS
        }
        kwargs.setdefault("initial", initial)
        super().__init__(*args, exhibition=participation.exhibition, **kwargs)
        self.correction_help()
        self.mark_optional_fields()

    def changes(self) -> dict:
        return {name: self.cleaned_data[name] for name in services.CHANGEABLE_FIELDS}
