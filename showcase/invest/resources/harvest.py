"""Wild-harvest reports in a spreadsheet. A district coordinator imports and
exports the rows of their own district only: a row for another district is
an invalid row, and the export holds nothing else."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from import_export import fields
from import_export.widgets import IntegerWidget

from amur_invest.spreadsheets.resources import StaffResource
from amur_invest.spreadsheets.widgets import (
    LabelledChoiceWidget,
    NamedReferenceWidget,
    YesNoWidget,
)
from partners.models import District
from partners.resources import district_widget
from showcase.invest.models.harvest import (
    ALL_DISTRICTS,
    MONTH_CHOICES,
    Product,
    WildHarvestReport,
    coordinated_district,
)
from showcase.invest.resources.keys import CompositeKeyInstanceLoader


class WildHarvestReportResource(StaffResource):
    year = fields.Field(attribute="year", column_name="year", widget=IntegerWidget())
    # In words staff read (the district's name, «клюква», «сентябрь», «да»),
    # read back in any language or as the codes earlier files carry.
    district = fields.Field(
        attribute="district",
        column_name="district",
        widget=NamedReferenceWidget(
            District, "slug", district_widget().unknown_message
        ),
    )
    product = fields.Field(
        attribute="product",
        column_name="product",
        widget=LabelledChoiceWidget(Product.choices),
    )
    month_from = fields.Field(
        attribute="month_from",
        column_name="month_from",
        widget=LabelledChoiceWidget(MONTH_CHOICES),
    )
    month_to = fields.Field(
        attribute="month_to",
        column_name="month_to",
        widget=LabelledChoiceWidget(MONTH_CHOICES),
    )
    processing_on_site = fields.Field(
        attribute="processing_on_site",
        column_name="processing_on_site",
        widget=YesNoWidget(),
    )
    is_sample = fields.Field(
        attribute="is_sample", column_name="is_sample", widget=YesNoWidget()
    )

    required_columns = ("volume_tonnes", "month_from", "month_to")

    class Meta:
        model = WildHarvestReport
        instance_loader_class = CompositeKeyInstanceLoader
        import_id_fields = ("year", "district", "product")
        fields = (
            "year",
            "district",
            "product",
            "volume_tonnes",
            "month_from",
            "month_to",
            "processing_on_site",
            "notes",
            "is_sample",
        )
        export_order = fields
        clean_model_instances = True
        skip_unchanged = False

    def __init__(self, user=None, **kwargs):
        super().__init__(**kwargs)
        self.user = user

    def scope(self, user=None):
        """The district the importing or exporting user may touch."""
        user = user or self.user
        return ALL_DISTRICTS if user is None else coordinated_district(user)

    def import_instance(self, instance, row, **kwargs):
        errors = {}
        try:
            super().import_instance(instance, row, **kwargs)
        except ValidationError as error:
            errors = error.update_error_dict(errors)
        scope = self.scope(kwargs.get("user"))
        if "district" not in errors and not self.within(scope, instance):
            errors["district"] = ValidationError(self.foreign_district_message(scope))
        if errors:
            raise ValidationError(errors)

    @staticmethod
    def within(scope, report) -> bool:
        if scope is ALL_DISTRICTS:
            return True
        return scope is not None and report.district_id == scope.pk

    @staticmethod
    def foreign_district_message(scope) -> str:
        if scope is None:
            return _(
                "Your account is not linked to a district yet: ask the agency to "
                "link it before importing reports."
            )
        return _("You report for %(district)s only: use the district “%(slug)s”.") % {
            "district": scope.name,
            "slug": scope.slug,
        }

    def save_instance(self, instance, is_create, row, **kwargs):
        if instance.reported_by_id is None and kwargs.get("user") is not None:
            instance.reported_by = kwargs["user"]
        super().save_instance(instance, is_create, row, **kwargs)

    def optimize_export(self, queryset):
        scope = self.scope()
        if scope is not ALL_DISTRICTS:
            queryset = queryset.filter(district=scope) if scope else queryset.none()
        return queryset.select_related("district")
