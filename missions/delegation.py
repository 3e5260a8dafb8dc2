"""The delegation list the hosts in Japan work from, in the language staff
choose at export time (Japanese, English or Russian).

One row a person: the company and its district as the public catalogue
names them in that language (falling back as the site does), the products
as written for the catalogue, the delegate's name in Latin letters as in the
passport, the position and whether they need an interpreter. Above the
table: the mission with its dates and cities, and the agency's contact. No
internal columns (statuses, correspondence language, staff notes).

Three renderings of the same rows: XLSX printed one page wide in landscape
with the heading rows repeated on every page; CSV with the separator of the
chosen language's Excel; and a printable HTML page (the admin's view)."""

import codecs
import csv as csv_module
import io
from dataclasses import dataclass, field

from django.db.models import Prefetch
from django.utils import formats, timezone, translation
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, pgettext

from amur_invest.agency.models import AgencyContact
from amur_invest.spreadsheets.files import csv_cell, csv_delimiter_for, printable
from missions.models import Delegate, Mission, Registration

# The languages the hosts may get, in the order the admin offers them.
LANGUAGES = {
    "ja": gettext_lazy("Japanese"),
    "en": gettext_lazy("English"),
    "ru": gettext_lazy("Russian"),
}


@dataclass(frozen=True)
class Row:
    number: int
    company: str
    district: str
    inn: str
    products: str
    delegate: str
    position: str
    interpreter: str
    phone: str
    email: str

    def cells(self) -> list:
        return [
            self.number,
            self.company,
            self.district,
            self.inn,
            self.products,
            self.delegate,
            self.position,
            self.interpreter,
            self.phone,
            self.email,
        ]


@dataclass
class Delegation:
    """The list in one language: title lines, column headings and rows."""

    mission: Mission
    language: str
    title: str
    subtitle: str
    contact: str
    headers: list[str]
    rows: list[Row] = field(default_factory=list)
    registration_ids: list[int] = field(default_factory=list)

    @property
    def filename(self) -> str:
        today = timezone.localdate()
        name = slugify(self.mission.slug) or "mission"
        return f"{name}-delegation-{self.language}-{today:%Y-%m-%d}"


def accepted_registrations(mission: Mission):
    """The companies in the delegation with what the list reads, in a fixed
    number of queries."""
    return (
        Registration.objects.filter(
            mission=mission, status=Registration.Status.ACCEPTED
        )
        .select_related("company__district")
        .prefetch_related(
            Prefetch("delegate_people", queryset=Delegate.objects.order_by("id"))
        )
        .order_by("confirmed_at", "pk")
    )


def build(mission: Mission, language: str) -> Delegation:
    """The delegation list of `mission` in `language` (one of LANGUAGES)."""
    with translation.override(language):
        delegation = Delegation(
            mission=mission,
            language=language,
            title=str(mission.title),
            subtitle=_subtitle(mission),
            contact=_agency_contact(),
            headers=[
                _("No."),
                _("Company"),
                _("District"),
                _("INN"),
                _("Products"),
                _("Delegate (name as in the passport)"),
                _("Position"),
                _("Interpreter needed"),
                _("Phone"),
                _("Email"),
            ],
        )
        for registration in accepted_registrations(mission):
            delegation.registration_ids.append(registration.pk)
            for person in _people(registration):
                delegation.rows.append(
                    _row(len(delegation.rows) + 1, registration, person)
                )
    return delegation


def _subtitle(mission: Mission) -> str:
    starts, ends = (
        formats.date_format(day) for day in (mission.starts_on, mission.ends_on)
    )
    dates = f"{starts} – {ends}"
    return " · ".join(part for part in (dates, str(mission.cities or "")) if part)


def _agency_contact() -> str:
    agency = AgencyContact.load()
    parts = [
        agency.name,
        agency.japan_desk_name,
        agency.japan_desk_phone or agency.phone,
        agency.japan_desk_email or agency.email,
    ]
    return " · ".join(str(part) for part in parts if part)


def _people(registration: Registration) -> list:
    """The named delegates, or one unnamed row for each delegate not named
    yet, so that the list counts every seat."""
    named = list(registration.delegate_people.all())
    return named + [None] * max(registration.delegates - len(named), 0)


def _row(number: int, registration: Registration, person) -> Row:
    company = registration.company
    yes = pgettext("an interpreter is needed", "yes")
    no = pgettext("an interpreter is needed", "no")
    return Row(
        number=number,
        company=str(company.name),
        district=str(company.district.name) if company.district else "",
        inn=company.inn,
        products=str(company.products or ""),
        delegate=person.name_latin if person else _("(not named yet)"),
        position=person.position if person else "",
        interpreter=(yes if person.needs_interpreter else no) if person else "",
        phone=registration.phone or company.phone,
        email=registration.email,
    )


# --- Files ----------------------------------------------------------------------------

# The heading lines above the table: title, dates and cities, the agency's
# contact, an empty line; then the column headings. Printing repeats them all.
HEADING_ROWS = 4


def xlsx(delegation: Delegation) -> bytes:
    """One sheet, landscape A4, fitted to one page wide (as many pages tall
    as it takes), the heading rows on every printed page; every cell text
    but the row number, so that INNs and phones stay as written."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font
    from openpyxl.utils import get_column_letter

    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "Delegation"
    sheet.append([_text(delegation.title)])
    sheet.append([_text(delegation.subtitle)])
    sheet.append([_text(delegation.contact)])
    sheet.append(delegation.headers)
    for row in delegation.rows:
        sheet.append([_text(value) for value in row.cells()])
    sheet["A1"].font = Font(bold=True, size=14)
    wrap = Alignment(wrap_text=True, vertical="top")
    for cell in sheet[HEADING_ROWS]:
        cell.font = Font(bold=True)
        cell.alignment = wrap
    for line in sheet.iter_rows():
        for cell in line:
            # Text as written, never a formula (openpyxl makes "=..." one).
            if isinstance(cell.value, str):
                cell.data_type = "s"
            if cell.row > HEADING_ROWS:
                cell.alignment = wrap
    for index, width in enumerate((5, 28, 18, 14, 36, 26, 22, 10, 16, 26), start=1):
        sheet.column_dimensions[get_column_letter(index)].width = width
    sheet.freeze_panes = f"A{HEADING_ROWS + 1}"
    setup = sheet.page_setup
    setup.orientation = "landscape"
    setup.paperSize = sheet.PAPERSIZE_A4
    setup.fitToWidth = 1
    setup.fitToHeight = 0
    sheet.sheet_properties.pageSetUpPr.fitToPage = True
    sheet.print_title_rows = f"1:{HEADING_ROWS}"
    sheet.print_options.gridLines = True
    sheet.page_margins.left = sheet.page_margins.right = 0.4
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _text(value):
    return printable(value) if isinstance(value, str) else value


def csv(delegation: Delegation) -> bytes:
    """As the chosen language's Excel opens it by a double click: UTF-8 with
    a byte-order mark, ';' for Russian and ',' for Japanese and English.

    INNs and phones are written as they are, without the apostrophe the
    formula guard adds: an INN is digits, and a phone is validated as one
    (digits, spaces, brackets, hyphens and a leading plus), so neither can
    carry a formula. Everything a registrant typed freely is guarded."""
    buffer = io.StringIO()
    writer = csv_module.writer(
        buffer,
        delimiter=csv_delimiter_for(delegation.language),
        lineterminator="\r\n",
    )
    for line in (delegation.title, delegation.subtitle, delegation.contact, ""):
        writer.writerow([csv_cell(line)] if line else [])
    writer.writerow([csv_cell(heading) for heading in delegation.headers])
    for row in delegation.rows:
        cells = [csv_cell(value) for value in row.cells()]
        cells[3] = row.inn
        cells[8] = row.phone if _is_phone(row.phone) else csv_cell(row.phone)
        writer.writerow(cells)
    return codecs.BOM_UTF8 + buffer.getvalue().encode("utf-8")


def _is_phone(value: str) -> bool:
    return bool(value) and all(char in "+0123456789 ()-" for char in value)
