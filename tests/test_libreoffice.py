"""Round trips through LibreOffice Calc (issue 15, "Done when"): every staff
export opens and is saved again in Calc, and imports back without a change
to any row; the delegation list for the hosts keeps its cells and its print
set-up. One soffice call converts all the files of a format at once.

Marked `libreoffice`: skipped without soffice, an error when CI requires it
(see tests/conftest.py)."""

import datetime
import io
import subprocess
from decimal import Decimal

import openpyxl
import pytest
from django.contrib.auth.models import User
from django.utils import translation

from amur_invest.spreadsheets.formats import CSV, XLSX
from exhibitions.models import Participation
from exhibitions.resources import ParticipationResource
from missions import delegation
from missions.models import Delegate, Registration
from partners.models import Company, Contact, Organization, Prefecture
from partners.resources import (
    CompanyResource,
    ContactResource,
    OrganizationResource,
    PrefectureResource,
)
from showcase.calendar.resources import EventResource
from showcase.invest.resources import TradeFigureResource, WildHarvestReportResource
from showcase.models import Event, TradeFigure, WildHarvestReport
from tests.exhibitions.factories import ParticipationFactory
from tests.missions.factories import MissionFactory, RegistrationFactory
from tests.partners.factories import CompanyFactory, ContactFactory
from tests.showcase.events_factories import EventFactory
from tests.showcase.invest_factories import (
    TradeFigureFactory,
    WildHarvestReportFactory,
    district,
)

pytestmark = [pytest.mark.libreoffice, pytest.mark.django_db]

RESOURCES = {
    "companies": (CompanyResource, Company),
    "prefectures": (PrefectureResource, Prefecture),
    "organizations": (OrganizationResource, Organization),
    "contacts": (ContactResource, Contact),
    "participations": (ParticipationResource, Participation),
    "trade-figures": (TradeFigureResource, TradeFigure),
    "wild-harvest": (WildHarvestReportResource, WildHarvestReport),
    "events": (EventResource, Event),
}

# Columns a save writes by itself, whatever the file says.
WRITTEN_ON_SAVE = {"updated_at", "created_at", "search_text", "modified_at"}

# Calc's CSV filter: separator, quote, UTF-8 (76), from the first line, no
# per-column formats, the file's locale (decimal mark) -- as staff open it.
CSV_FILTER = {"ru": "59,34,76,1,,1049", "ja": "44,34,76,1,,1041"}


def soffice(tmp_path, files: dict[str, bytes], convert_to: str, infilter=None):
    """The files as LibreOffice Calc saves them after opening: one soffice
    process for all of them, with a profile of its own (parallel runs)."""
    source, saved = tmp_path / "exported", tmp_path / "saved"
    source.mkdir()
    for name, content in files.items():
        (source / name).write_bytes(content)
    command = [
        "soffice",
        f"-env:UserInstallation=file://{tmp_path / 'profile'}",
        "--headless",
        "--norestore",
    ]
    if infilter:
        command.append(f"--infilter={infilter}")
    command += ["--convert-to", convert_to, "--outdir", str(saved)]
    command += [str(source / name) for name in files]
    subprocess.run(command, check=True, capture_output=True, timeout=180)
    return {name: (saved / name).read_bytes() for name in files}


@pytest.fixture
def records():
    """A row or two of every kind staff keep in spreadsheets, with what Calc
    is likely to change: Japanese, leading zeros, decimals, phones, dates,
    «;» and quotes inside a cell, yes/no."""
    company = CompanyFactory(
        name_ru="ООО «Зейский мёд»; пасека",
        name_ja="ゼーヤ蜂蜜株式会社",
        name_en='Zeya "Honey" LLC',
        phone="+7 416 222-33-44",
        products_ja="シナノキのはちみつ",
    )
    ContactFactory(phone="=1+2", position="部長")
    ParticipationFactory(company=company, language="ja", stand="5E-01")
    TradeFigureFactory(value=Decimal("1234.5"))
    WildHarvestReportFactory(
        district=district("zeysky"),
        product="cranberry",
        volume_tonnes=Decimal("55.5"),
        month_from=9,
        month_to=10,
        processing_on_site=True,
    )
    EventFactory(starts_on=datetime.date(2026, 7, 1))
    EventFactory(
        all_day=False,
        starts_on=datetime.date(2026, 7, 2),
        starts_at=datetime.datetime(2026, 7, 2, 1, 30, tzinfo=datetime.UTC),
        ends_at=datetime.datetime(2026, 7, 2, 3, tzinfo=datetime.UTC),
    )


def snapshot(model) -> list:
    names = [
        field.attname
        for field in model._meta.concrete_fields
        if field.attname not in WRITTEN_ON_SAVE
    ]
    return sorted(model.objects.values_list(*names), key=repr)


def exported(language, file_format) -> dict[str, bytes]:
    extension = "csv" if file_format is CSV else "xlsx"
    files = {}
    with translation.override(language):
        for name, (resource_class, _model) in RESOURCES.items():
            dataset = resource_class().export()
            files[f"{name}.{extension}"] = file_format().export_data(dataset)
    return files


def import_back(language, file_format, files, user) -> dict[str, str]:
    """What went wrong per file: errors, or rows that differ from before."""
    problems = {}
    with translation.override(language):
        for filename, content in files.items():
            resource_class, model = RESOURCES[filename.split(".")[0]]
            before = snapshot(model)
            dataset = file_format().create_dataset(content)
            result = resource_class().import_data(
                dataset, dry_run=False, raise_errors=False, user=user
            )
            errors = [str(error.error) for error in result.base_errors]
            errors += [
                f"row {row.number}: {row.error_dict}" for row in result.invalid_rows
            ]
            errors += [
                f"row {number}: {error.error}"
                for number, row_errors in result.row_errors()
                for error in row_errors
            ]
            if errors:
                problems[filename] = "; ".join(errors)
            if (after := snapshot(model)) != before:
                problems[f"{filename} (stored rows)"] = [
                    {
                        i: (a, b)
                        for i, (a, b) in enumerate(zip(old, new, strict=True))
                        if a != b
                    }
                    for old, new in zip(before, after, strict=False)
                    if old != new
                ] or f"{len(before)} rows before, {len(after)} after"
    return problems


@pytest.fixture
def manager(django_user_model) -> User:
    return django_user_model.objects.create_superuser(
        "manager", "manager@amurinvest.example", "amur-pass-2020"
    )


@pytest.mark.parametrize("language", ["ru", "ja"])
def test_every_xlsx_export_saved_by_calc_imports_back_unchanged(
    tmp_path, records, manager, language
):
    files = exported(language, XLSX)

    saved = soffice(tmp_path, files, "xlsx:Calc MS Excel 2007 XML")

    assert import_back(language, XLSX, saved, manager) == {}


@pytest.mark.parametrize("language", ["ru", "ja"])
def test_every_csv_export_saved_by_calc_imports_back_unchanged(
    tmp_path, records, manager, language
):
    files = exported(language, CSV)
    options = CSV_FILTER[language]

    saved = soffice(
        tmp_path,
        files,
        f"csv:Text - txt - csv (StarCalc):{options}",
        infilter=f"CSV:{options}",
    )

    problems = import_back(language, CSV, saved, manager)

    # Calc, as Excel does, reads the stand «5E-01» as a number and writes it
    # back as «5.00E-01»: the file is refused, saying so, and nothing stored.
    refusal = problems.pop("participations.csv")
    assert "5.00E-01" in refusal
    assert problems == {}


def test_the_japanese_delegation_list_saved_by_calc_keeps_its_cells_and_print_setup(
    tmp_path,
):
    mission = MissionFactory(
        title_ja="日本ビジネスミッション 2026年12月", cities_ja="東京、新潟"
    )
    company = CompanyFactory(name_ja="アムール蜂蜜社", inn="2801234562")
    registration = RegistrationFactory(
        mission=mission,
        company=company,
        status=Registration.Status.ACCEPTED,
        phone="+74162201010",
    )
    Delegate.objects.create(
        registration=registration,
        name_ru="Ольга Миронова",
        name_latin="MIRONOVA OLGA",
        position="директор",
    )
    with translation.override("ja"):
        content = delegation.xlsx(delegation.build(mission, "ja"))

    saved = soffice(tmp_path, {"delegation.xlsx": content}, "xlsx")

    def cells(data):
        sheet = openpyxl.load_workbook(io.BytesIO(data)).active
        return sheet, [
            [cell.value for cell in row]
            for row in sheet.iter_rows()
            if any(cell.value is not None for cell in row)
        ]

    original, original_cells = cells(content)
    resaved, resaved_cells = cells(saved["delegation.xlsx"])
    assert resaved_cells == original_cells
    assert "アムール蜂蜜社" in str(resaved_cells)
    assert "2801234562" in str(resaved_cells)
    assert resaved.page_setup.orientation == "landscape"
    assert resaved.page_setup.fitToWidth in (1, "1")
    assert resaved.print_title_rows == original.print_title_rows
