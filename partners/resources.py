"""Spreadsheet import and export of the partners data staff keep in Excel,
built on the shared machinery (amur_invest.spreadsheets).

Columns are listed explicitly; translated texts travel as name_ru, name_ja,
name_en. An exported file names its columns in the staff member's language;
an import takes a column by its key (name_ja) or by its heading in any of the
three languages. Related rows are written as their slug or code and read by
slug, code or name. A bad cell makes its row invalid with a message naming
the column, and the admin writes nothing unless every row is valid.

A file that lost characters on its way through Excel (a plain "CSV" holds
one alphabet: Japanese becomes "???") is refused as a whole before any row is
looked at: an import never overwrites text with a degraded copy.
"""

from django.core.exceptions import ValidationError
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from import_export import fields
from import_export.widgets import CharWidget

from amur_invest.folding import fold
from amur_invest.spreadsheets.bulk import BulkSavingResource, RelatedField
from amur_invest.spreadsheets.resources import StaffResource
from amur_invest.spreadsheets.widgets import (
    EmailWidget,
    LabelledChoiceWidget,
    NamedReferenceListWidget,
    NamedReferenceWidget,
    ReferenceWidget,
    TextWidget,
    cell_text,
    refuse_scientific_notation,
    validation_message,
)
from partners.models import (
    Company,
    Contact,
    District,
    Language,
    Organization,
    Prefecture,
    Sector,
)
from partners.search import company_search_text, search_text_changed
from partners.validators import normalize_inn, normalize_ogrn

# --- Widgets for this app's references -----------------------------------------


class InnWidget(CharWidget):
    """An INN cell, stored as digits after its check digits are verified."""

    def clean(self, value, row=None, **kwargs):
        text = cell_text(value)
        if not text:
            raise ValueError(_("The INN is missing."))
        refuse_scientific_notation(text)
        try:
            return normalize_inn(text)
        except ValidationError as error:
            raise ValueError(validation_message(error)) from None


class OgrnWidget(CharWidget):
    """An optional OGRN or OGRNIP cell, stored as digits."""

    def clean(self, value, row=None, **kwargs):
        text = cell_text(value)
        if not text:
            return ""
        refuse_scientific_notation(text)
        try:
            return normalize_ogrn(text)
        except ValidationError as error:
            raise ValueError(validation_message(error)) from None


class OrganizationWidget(ReferenceWidget):
    """An organisation by its id or by its exact Russian name."""

    # Organisations are many: the import page does not list them all.
    lists_accepted_values = False

    def lookup(self):
        if self._by_key is None:
            self._by_key = {}
            for organization in self.model.objects.all():
                self._by_key[str(organization.pk)] = organization
                if organization.name_ru:
                    self._by_key[fold(organization.name_ru)] = organization
        return self._by_key

    def render(self, value, obj=None, **kwargs):
        return "" if value is None else str(value.pk)


def prefecture_code(value) -> str:
    """'1', 1 or 1.0 from a spreadsheet become the JIS code '01'."""
    text = cell_text(value)
    if text.endswith(".0"):
        text = text[:-2]
    return text.zfill(2) if text.isdigit() else text


class PrefectureReferenceWidget(NamedReferenceWidget):
    def clean(self, value, row=None, **kwargs):
        code = prefecture_code(value)
        return self.find(code) if code else None


def district_widget():
    return NamedReferenceWidget(
        District,
        "slug",
        gettext_lazy(
            "Unknown district “%(value)s”: use a district's slug or its name in "
            "Russian, Japanese or English, as listed on the import page."
        ),
    )


def prefecture_widget():
    return PrefectureReferenceWidget(
        Prefecture,
        "code",
        gettext_lazy(
            "Unknown prefecture “%(value)s”: use the code 01 to 47 or the "
            "prefecture's name."
        ),
    )


def sectors_widget():
    return NamedReferenceListWidget(
        Sector,
        "slug",
        gettext_lazy(
            "Unknown sector “%(value)s”: use sector slugs or names, as listed on "
            "the import page."
        ),
    )


class CompanyResource(BulkSavingResource):
    inn = fields.Field(attribute="inn", column_name="inn", widget=InnWidget())
    ogrn = fields.Field(attribute="ogrn", column_name="ogrn", widget=OgrnWidget())
    district = fields.Field(
        attribute="district", column_name="district", widget=district_widget()
    )
    sectors = RelatedField(
        attribute="sectors", column_name="sectors", widget=sectors_widget()
    )
    email = fields.Field(attribute="email", column_name="email", widget=EmailWidget())

    required_columns = ("name_ru",)
    computed_columns = ("search_text",)

    class Meta:
        model = Company
        import_id_fields = ("inn",)
        fields = (
            "inn",
            "ogrn",
            "name_ru",
            "name_ja",
            "name_en",
            "slug",
            "district",
            "sectors",
            "products_ru",
            "products_ja",
            "products_en",
            "description_ru",
            "description_ja",
            "description_en",
            "website",
            "email",
            "phone",
            "is_published",
            "is_sample",
        )
        export_order = fields
        clean_model_instances = True
        skip_unchanged = False

    def import_instance(self, instance, row, **kwargs):
        was_published = instance.pk is not None and instance.is_published
        try:
            super().import_instance(instance, row, **kwargs)
        finally:
            # Staff publish a company after reviewing it, with the action on
            # the list: an import may take a company out of the catalogue,
            # never put one in.
            instance.is_published = was_published and instance.is_published
            if not instance.slug:
                instance.slug = self.free_slug(instance)

    def free_slug(self, company):
        base = slugify(company.name_en or "")[:120] or "company"
        taken = self.unique_values.taken("slug", base, company)
        return f"{base}-{company.inn}"[:120] if taken else base

    def before_save_instance(self, instance, row, **kwargs):
        super().before_save_instance(instance, row, **kwargs)
        # What save() and the sectors' signal would keep up to date.
        sectors = instance._import_relations.get("sectors")
        if sectors is None:
            sectors = list(instance.sectors.all()) if instance.pk else []
        instance.search_text = company_search_text(instance, sectors)

    def bulk_update(self, *args, **kwargs):
        # Companies already saved may have applications, which copy their
        # search text; new ones have none yet.
        pks = [instance.pk for instance in self.update_instances]
        super().bulk_update(*args, **kwargs)
        if pks:
            search_text_changed.send(Company, pks=pks)

    def optimize_export(self, queryset):
        return queryset.select_related("district").prefetch_related("sectors")


class OrganizationResource(StaffResource):
    kind = fields.Field(
        attribute="kind",
        column_name="kind",
        widget=LabelledChoiceWidget(Organization.Kind.choices),
    )
    prefecture = fields.Field(
        attribute="prefecture", column_name="prefecture", widget=prefecture_widget()
    )
    sectors = fields.Field(
        attribute="sectors", column_name="sectors", widget=sectors_widget()
    )

    required_columns = ("name_ru",)

    class Meta:
        model = Organization
        import_id_fields = ("id",)
        fields = (
            "id",
            "name_ru",
            "name_ja",
            "name_en",
            "kind",
            "country",
            "prefecture",
            "city",
            "sectors",
            "website",
            "notes",
            "is_sample",
        )
        export_order = fields
        clean_model_instances = True

    def read_headings(self, dataset):
        super().read_headings(dataset)
        # New organisations have no id yet: a file without the column is fine.
        if "id" not in dataset.headers:
            dataset.append_col([""] * len(dataset), header="id")

    def optimize_export(self, queryset):
        return queryset.select_related("prefecture").prefetch_related("sectors")


class ContactResource(StaffResource):
    email = fields.Field(attribute="email", column_name="email", widget=EmailWidget())
    organization = fields.Field(
        attribute="organization",
        column_name="organization",
        widget=OrganizationWidget(
            Organization,
            "pk",
            gettext_lazy(
                "Unknown organisation “%(value)s”: use its id or exact Russian name."
            ),
        ),
    )
    prefecture = fields.Field(
        attribute="prefecture", column_name="prefecture", widget=prefecture_widget()
    )
    preferred_language = fields.Field(
        attribute="preferred_language",
        column_name="preferred_language",
        widget=LabelledChoiceWidget(Language.choices),
    )

    japanese_columns = ("name_native",)

    class Meta:
        model = Contact
        import_id_fields = ("email",)
        fields = (
            "email",
            "name_latin",
            "name_native",
            "organization",
            "prefecture",
            "position",
            "department",
            "phone",
            "preferred_language",
            "notes",
        )
        export_order = fields
        clean_model_instances = True

    def get_instance(self, instance_loader, row):
        # Contacts without an email are always new: "" must not match them all.
        if not cell_text(row.get("email")):
            return None
        return super().get_instance(instance_loader, row)

    def optimize_export(self, queryset):
        return queryset.select_related("organization", "prefecture")


class PrefectureCodeWidget(TextWidget):
    def clean(self, value, row=None, **kwargs):
        return prefecture_code(value)


class PrefectureResource(StaffResource):
    code = fields.Field(
        attribute="code", column_name="code", widget=PrefectureCodeWidget()
    )
    region = fields.Field(
        attribute="region",
        column_name="region",
        widget=LabelledChoiceWidget(Prefecture.Region.choices),
    )

    class Meta:
        model = Prefecture
        import_id_fields = ("code",)
        fields = ("code", "name_ru", "name_ja", "name_en", "region")
        export_order = fields
        clean_model_instances = True
