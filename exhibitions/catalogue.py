"""The exhibitor catalogue as buyers take it away: an XLSX workbook in the
language of the page (Japanese or English for buyers in Japan), its lists
joined as that language joins them (「、」 in Japanese)."""

import io
import re

from django.db.models import Prefetch, QuerySet
from django.utils import formats
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Alignment, Font

from amur_invest.lists import joined
from amur_invest.spreadsheets.files import escape_formula
from exhibitions.models import Exhibition, Participation, ParticipationProduct
from partners.localized import localized

XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
# Excel refuses these in a sheet name, and names longer than 31 characters.
SHEET_NAME_FORBIDDEN = re.compile(r"[\[\]:*?/\\]")


def accepted_exhibitors(exhibition: Exhibition) -> QuerySet:
    """The public catalogue: accepted participations only, with everything a
    card, a page or a download shows, in a fixed number of queries."""
    products = ParticipationProduct.objects.order_by("position", "id")
    return (
        Participation.objects.filter(
            exhibition=exhibition, status=Participation.Status.ACCEPTED
        )
        .select_related("company", "company__district")
        .prefetch_related("company__sectors", Prefetch("products", queryset=products))
        .order_by(localized("company__name"), "company__slug")
    )


def cell(value) -> str:
    """Text a spreadsheet shows as text and never runs as a formula."""
    text = "" if value is None else str(value)
    return escape_formula(ILLEGAL_CHARACTERS_RE.sub("", text))


def sheet_title(exhibition: Exhibition) -> str:
    return SHEET_NAME_FORBIDDEN.sub(" ", exhibition.name)[:31].strip() or "Catalogue"


def columns() -> list[str]:
    return [
        _("Company"),
        _("Stand"),
        _("District"),
        _("Sectors"),
        _("Products shown"),
        _("Certifications"),
        _("Volumes available"),
        _("Website"),
        _("Exhibitor page"),
    ]


def row(participation: Participation, absolute) -> list[str]:
    company = participation.company
    stand = joined(
        part for part in (participation.stand, participation.pavilion) if part
    )
    products = participation.products_shown or "; ".join(
        product.name for product in participation.products.all()
    )
    return [
        cell(value)
        for value in (
            company.name,
            stand,
            company.district.name if company.district else "",
            joined(sector.name for sector in company.sectors.all()),
            products,
            participation.certifications,
            participation.volumes,
            company.website,
            absolute(participation.catalogue_url()),
        )
    ]


def heading_lines(exhibition: Exhibition, agency) -> list[str]:
    first = formats.date_format(exhibition.starts_on)
    last = formats.date_format(exhibition.ends_on)
    dates = f"{first} – {last}"
    place = exhibition.place
    contact = _("To meet an exhibitor, write to the agency: %(email)s") % {
        "email": agency.japan_desk_email or agency.email
    }
    return [
        _("Amur Region exhibitors at %(name)s") % {"name": exhibition.name},
        f"{dates} · {place}",
        contact,
    ]


def workbook(exhibition: Exhibition, participations, *, agency, absolute) -> bytes:
    """The catalogue as XLSX bytes: a few heading lines, then one row per
    exhibitor under bold column names, the header row frozen."""
    book = Workbook()
    sheet = book.active
    sheet.title = sheet_title(exhibition)
    lines = heading_lines(exhibition, agency)
    for number, line in enumerate(lines, start=1):
        sheet.append([cell(line)])
        sheet.cell(row=number, column=1).font = Font(
            bold=number == 1, size=14 if number == 1 else 11
        )
    sheet.append([])
    sheet.append(columns())
    header_row = len(lines) + 2
    for header in sheet[header_row]:
        header.font = Font(bold=True)
    for participation in participations:
        sheet.append(row(participation, absolute))
    sheet.freeze_panes = sheet.cell(row=header_row + 1, column=1)
    for letter, width in zip(
        "ABCDEFGHI", (36, 14, 22, 26, 50, 30, 30, 30, 50), strict=True
    ):
        sheet.column_dimensions[letter].width = width
    for cells in sheet.iter_rows(min_row=header_row + 1):
        for value in cells:
            value.alignment = Alignment(wrap_text=True, vertical="top")
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()
