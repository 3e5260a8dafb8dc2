"""Spreadsheets of a mission's registrations for staff: the full list with
status and waiting list, in the staff member's language. (The delegation
list for the hosts in Japan is missions.delegation.)

Export only: registrations are created by the public form and changed by the
services, never by an uploaded file.
"""

from dataclasses import dataclass

from django.db.models import Case, Count, F, IntegerField, OuterRef, Q, Subquery, When
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.text import capfirst, slugify
from django.utils.translation import gettext_lazy as _
from import_export import fields, resources
from import_export.widgets import IntegerWidget

from amur_invest.spreadsheets.files import csv_bytes, xlsx_bytes
from amur_invest.staff.audit import RecordsExportedRows
from missions.models import Mission, Registration
from partners.models import Organization


def with_waitlist_place(queryset):
    """Annotate `waitlist_place`: the 1-based place on the mission's waiting
    list, in order of confirmation, computed in the same query as the list (the
    model's `waitlist_position` costs one query per row)."""
    waitlisted = Registration.Status.WAITLISTED
    ahead = (
        Registration.objects.filter(mission=OuterRef("mission"), status=waitlisted)
        .filter(
            Q(confirmed_at__lt=OuterRef("confirmed_at"))
            | Q(confirmed_at=OuterRef("confirmed_at"), pk__lt=OuterRef("pk"))
        )
        .order_by()
        .values("mission")
        .annotate(count=Count("pk"))
        .values("count")
    )
    return queryset.annotate(
        waitlist_place=Case(
            When(
                status=waitlisted,
                confirmed_at__isnull=False,
                then=Coalesce(Subquery(ahead), 0) + 1,
            ),
            default=None,
            output_field=IntegerField(),
        )
    )


def registrations_for_export(queryset):
    """Everything the columns read, fetched in a fixed number of queries."""
    return with_waitlist_place(
        queryset.select_related("mission", "company__district").prefetch_related(
            "company__sectors", "wanted_prefectures"
        )
    ).order_by(
        # Unconfirmed registrations last on every database.
        "mission__starts_on",
        F("confirmed_at").asc(nulls_last=True),
        "created_at",
        "pk",
    )


class SpreadsheetResource(RecordsExportedRows, resources.Resource):
    """Declared columns only. The file writers (amur_invest.spreadsheets.files)
    escape formulas in CSV, keep text cells as text in XLSX and leave out
    control characters that older rows may still hold. The dataset names the
    registrations it wrote (`record_ids`), for the audit trail."""

    def iter_queryset(self, queryset):
        # A mission's registrations fit in memory: one query and the
        # prefetches, instead of the library's page-by-page reading.
        yield from queryset


class DelegationListResource(SpreadsheetResource):
    """The delegation list: the accepted companies of a mission."""

    company_name = fields.Field(
        attribute="company__name_ru", column_name=_("Company (Russian name)")
    )
    inn = fields.Field(attribute="company__inn", column_name=_("INN"))
    district = fields.Field(column_name=_("District"))
    sectors = fields.Field(column_name=_("Sectors"))
    contact_name = fields.Field(
        attribute="contact_name", column_name=_("Contact person")
    )
    contact_position = fields.Field(
        attribute="contact_position", column_name=_("Position")
    )
    email = fields.Field(attribute="email", column_name=_("Email"))
    phone = fields.Field(attribute="phone", column_name=_("Phone"))
    delegates = fields.Field(
        attribute="delegates", column_name=_("Delegates"), widget=IntegerWidget()
    )
    products = fields.Field(attribute="products", column_name=_("Products"))
    goals = fields.Field(attribute="goals", column_name=_("Goals"))
    wanted_prefectures = fields.Field(column_name=_("Prefectures to meet"))
    wanted_partner_kinds = fields.Field(column_name=_("Kinds of partner to meet"))
    wanted_partners = fields.Field(
        attribute="wanted_partners", column_name=_("Partners to meet")
    )
    language = fields.Field(column_name=_("Correspondence language"))

    def filter_export(self, queryset, **kwargs):
        return queryset.filter(status=Registration.Status.ACCEPTED)

    def dehydrate_district(self, registration):
        district = registration.company.district
        return district.name if district else ""

    def dehydrate_sectors(self, registration):
        return ", ".join(sector.name for sector in registration.company.sectors.all())

    def dehydrate_wanted_prefectures(self, registration):
        return ", ".join(
            prefecture.name for prefecture in registration.wanted_prefectures.all()
        )

    def dehydrate_wanted_partner_kinds(self, registration):
        labels = dict(Organization.Kind.choices)
        return ", ".join(
            str(labels.get(kind, kind)) for kind in registration.wanted_partner_kinds
        )

    def dehydrate_language(self, registration):
        return registration.get_language_display()


class RegistrationListResource(DelegationListResource):
    """Every registration of a mission, whatever its status."""

    status = fields.Field(column_name=_("Status"))
    confirmed_at = fields.Field(column_name=_("Confirmed at"))
    waitlist_place = fields.Field(
        attribute="waitlist_place",
        column_name=_("Place on the waiting list"),
        widget=IntegerWidget(),
    )

    def filter_export(self, queryset, **kwargs):
        return queryset

    def dehydrate_status(self, registration):
        return registration.get_status_display()

    def dehydrate_confirmed_at(self, registration):
        if registration.confirmed_at is None:
            return ""
        return f"{timezone.localtime(registration.confirmed_at):%Y-%m-%d %H:%M}"


@dataclass(frozen=True)
class ExportKind:
    slug: str
    resource_class: type[SpreadsheetResource]
    label: str


# The delegation list for the hosts is missions.delegation, in the language
# staff choose; these are the staff's own lists.
EXPORT_KINDS = {
    "registrations": ExportKind(
        "registrations", RegistrationListResource, _("all registrations")
    ),
}


@dataclass(frozen=True)
class FileFormat:
    extension: str
    content_type: str


FILE_FORMATS = {
    "xlsx": FileFormat(
        "xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    ),
    "csv": FileFormat("csv", "text/csv"),
}


@dataclass(frozen=True)
class ExportFile:
    content: bytes
    content_type: str
    filename: str
    # The registrations written, one per row: what the audit trail records.
    record_ids: tuple[int, ...] = ()


def export_registrations(
    *, queryset, kind: str, file_format: str, name: str
) -> ExportFile:
    """Render registrations as an XLSX or CSV file named `<name>-<kind>-<date>`,
    headed in the staff member's language: XLSX with numbers as numbers on a
    sheet named after the list, CSV as the staff member's Excel opens it."""
    export_kind = EXPORT_KINDS[kind]
    is_xlsx = file_format == "xlsx"
    dataset = export_kind.resource_class().export(
        queryset=registrations_for_export(queryset), force_native_type=is_xlsx
    )
    if is_xlsx:
        content = xlsx_bytes(
            dataset.headers, dataset, title=capfirst(str(export_kind.label))
        )
    else:
        content = csv_bytes(dataset.headers, dataset)
    filename = f"{slugify(name) or 'mission'}-{kind}-{timezone.localdate():%Y-%m-%d}"
    return ExportFile(
        content=content,
        content_type=FILE_FORMATS[file_format].content_type,
        filename=f"{filename}.{FILE_FORMATS[file_format].extension}",
        record_ids=tuple(dataset.record_ids),
    )


def export_mission(*, mission: Mission, kind: str, file_format: str) -> ExportFile:
    return export_registrations(
        queryset=mission.registrations.all(),
        kind=kind,
        file_format=file_format,
        name=mission.slug,
    )
