"""Spreadsheet import and export of participations for staff: the company by
its INN, the exhibition by its slug. Built on the partners app's shared
resource, so a bad cell is a message on its row and column, and the admin
writes nothing unless every row is valid."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from import_export import fields
from import_export.instance_loaders import ModelInstanceLoader

from amur_invest.spreadsheets.resources import StaffResource
from amur_invest.spreadsheets.widgets import (
    CodeTextWidget,
    EmailWidget,
    LabelledChoiceWidget,
    ReferenceWidget,
    cell_text,
    validation_message,
)
from exhibitions.models import Exhibition, Participation
from partners.models import Company, Language
from partners.validators import normalize_inn

KEY_COLUMNS = ("exhibition", "company")


class CompanyByInnWidget(ReferenceWidget):
    """An Amur company by its INN, however it is spaced; the company must
    exist already (import companies first)."""

    def __init__(self):
        super().__init__(
            Company,
            "inn",
            gettext_lazy(
                "No Amur company has the INN “%(value)s”: add or import the "
                "company first."
            ),
        )

    def clean(self, value, row=None, **kwargs):
        text = cell_text(value)
        if not text:
            raise ValueError(_("The company's INN is missing."))
        try:
            inn = normalize_inn(text)
        except ValidationError as error:
            raise ValueError(validation_message(error)) from None
        return self.find(inn)


class ExhibitionBySlugWidget(ReferenceWidget):
    def __init__(self):
        super().__init__(
            Exhibition,
            "slug",
            gettext_lazy("Unknown exhibition “%(value)s”: use the exhibition's slug."),
        )

    def clean(self, value, row=None, **kwargs):
        if not cell_text(value):
            raise ValueError(_("The exhibition's slug is missing."))
        return super().clean(value, row, **kwargs)


class ParticipationLoader(ModelInstanceLoader):
    """Finds the existing participations of a whole file in one query, by
    (exhibition, company). Where a company has several, the active one wins,
    else the latest: a row updates what staff see in the admin."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        pairs = {pair for row in self.dataset.dict if (pair := self.pair(row))}
        found = self.get_queryset().filter(
            exhibition_id__in={exhibition for exhibition, _company in pairs},
            company_id__in={company for _exhibition, company in pairs},
        )
        self.by_pair = {}
        for participation in found.order_by("created_at", "pk"):
            pair = (participation.exhibition_id, participation.company_id)
            current = self.by_pair.get(pair)
            if current is None or current.status not in Participation.ACTIVE_STATUSES:
                self.by_pair[pair] = participation

    def pair(self, row) -> tuple[int, int] | None:
        try:
            exhibition, company = (
                self.resource.fields[name].clean(row) for name in KEY_COLUMNS
            )
        except (KeyError, ValueError):
            return None
        return exhibition.pk, company.pk

    def get_instance(self, row):
        return self.by_pair.pop(self.pair(row), None)


class ParticipationResource(StaffResource):
    exhibition = fields.Field(
        attribute="exhibition",
        column_name="exhibition",
        widget=ExhibitionBySlugWidget(),
    )
    company = fields.Field(
        attribute="company", column_name="company", widget=CompanyByInnWidget()
    )
    # For people reading the file; an import ignores it.
    company_name = fields.Field(
        attribute="company__name", column_name="company_name", readonly=True
    )
    email = fields.Field(attribute="email", column_name="email", widget=EmailWidget())
    stand = fields.Field(
        attribute="stand", column_name="stand", widget=CodeTextWidget()
    )
    # In words staff read, read back in any language or as the code.
    status = fields.Field(
        attribute="status",
        column_name="status",
        widget=LabelledChoiceWidget(Participation.Status.choices),
    )
    language = fields.Field(
        attribute="language",
        column_name="language",
        widget=LabelledChoiceWidget(Language.choices),
    )

    column_headings = {"company_name": gettext_lazy("company name")}

    class Meta:
        model = Participation
        instance_loader_class = ParticipationLoader
        import_id_fields = KEY_COLUMNS
        fields = (
            "exhibition",
            "company",
            "company_name",
            "status",
            "stand",
            "pavilion_ru",
            "pavilion_ja",
            "pavilion_en",
            "products_shown_ru",
            "products_shown_ja",
            "products_shown_en",
            "certifications_ru",
            "certifications_ja",
            "certifications_en",
            "volumes_ru",
            "volumes_ja",
            "volumes_en",
            "contact_name",
            "contact_position",
            "email",
            "phone",
            "language",
            "staff_notes",
        )
        export_order = fields
        clean_model_instances = True
        skip_unchanged = False

    def get_instance(self, instance_loader, row):
        return instance_loader.get_instance(row)

    def optimize_export(self, queryset):
        return queryset.select_related("exhibition", "company")
