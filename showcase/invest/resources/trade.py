"""Trade figures as staff keep them in a spreadsheet: one row per year,
country, flow, commodity group and currency."""

from import_export import fields
from import_export.widgets import IntegerWidget

from amur_invest.spreadsheets.resources import StaffResource
from amur_invest.spreadsheets.widgets import TextWidget, cell_text
from showcase.invest.models import TradeFigure
from showcase.invest.resources.keys import CompositeKeyInstanceLoader


class CountryWidget(TextWidget):
    """ISO codes in capitals, so that "jp" finds the rows of "JP"."""

    def clean(self, value, row=None, **kwargs):
        return cell_text(value).upper()


class TradeFigureResource(StaffResource):
    year = fields.Field(attribute="year", column_name="year", widget=IntegerWidget())
    partner_country = fields.Field(
        attribute="partner_country",
        column_name="partner_country",
        widget=CountryWidget(),
    )

    required_columns = ("value",)

    class Meta:
        model = TradeFigure
        instance_loader_class = CompositeKeyInstanceLoader
        import_id_fields = (
            "year",
            "partner_country",
            "flow",
            "commodity_group",
            "currency",
        )
        fields = (
            "year",
            "partner_country",
            "flow",
            "commodity_group",
            "value",
            "currency",
            "source",
            "is_sample",
        )
        export_order = fields
        clean_model_instances = True
        skip_unchanged = False
