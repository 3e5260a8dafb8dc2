"""Demo data of the investment case, read from showcase/demo_data/: trade
figures and wild-harvest reports as CSV, sector pages, support measures,
sites and projects as TOML. Every row is sample data and is matched by its
natural key, so loading twice leaves the same database."""

import csv
import tomllib
import zlib
from decimal import Decimal
from pathlib import Path

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage

from partners.models import District, Sector
from showcase.demo_images import painting
from showcase.models import (
    HomePage,
    InvestmentProject,
    InvestmentSite,
    SectorProfile,
    SupportMeasure,
    TradeFigure,
    WildHarvestReport,
)

DATA = Path(__file__).resolve().parent / "demo_data"
LANGUAGES = ("ru", "ja", "en")
UTILITIES = ("power", "gas", "water", "road", "rail")


def load() -> None:
    spec = tomllib.loads((DATA / "investment.toml").read_text(encoding="utf-8"))
    load_trade_figures()
    load_wild_harvest()
    load_home(spec["home"])
    load_sector_profiles(spec["sectors"])
    measures = load_measures(spec["measures"])
    sites = load_sites(spec["sites"])
    load_projects(spec["projects"], measures, sites)


def rows(name: str) -> list[dict]:
    with (DATA / name).open(encoding="utf-8", newline="") as file:
        return list(csv.DictReader(file))


def translated(field: str, texts: dict) -> dict:
    """{"ru": ..., "ja": ...} as the columns name_ru, name_ja, ... plus the
    bare field, which modeltranslation keeps in the default language."""
    values = {f"{field}_{code}": texts[code].strip() for code in LANGUAGES}
    return {field: values[f"{field}_ru"], **values}


def picture(field, theme: str, name: str) -> None:
    """Paint the demo photograph once; a second load reuses the file."""
    path = f"{field.field.upload_to}demo-{name}.jpg"
    if not default_storage.exists(path):
        default_storage.save(
            path, ContentFile(painting(theme, seed=zlib.crc32(path.encode())))
        )
    field.name = path


def load_trade_figures() -> None:
    for row in rows("trade_figures.csv"):
        TradeFigure.objects.update_or_create(
            year=int(row["year"]),
            partner_country=row["partner_country"],
            flow=row["flow"],
            commodity_group=row["commodity_group"],
            currency=row["currency"],
            defaults={
                "value": Decimal(row["value"]),
                "source": row["source"],
                "is_sample": row["is_sample"] == "1",
            },
        )


def load_wild_harvest() -> None:
    districts = {district.slug: district for district in District.objects.all()}
    for row in rows("wild_harvest.csv"):
        WildHarvestReport.objects.update_or_create(
            district=districts[row["district"]],
            product=row["product"],
            year=int(row["year"]),
            defaults={
                "volume_tonnes": Decimal(row["volume_tonnes"]),
                "month_from": int(row["month_from"]),
                "month_to": int(row["month_to"]),
                "processing_on_site": row["processing_on_site"] == "1",
                "is_sample": row["is_sample"] == "1",
            },
        )


def load_home(spec: dict) -> None:
    home = HomePage.load()
    home.headline_year = spec["headline_year"]
    for name, value in translated("hero_alt", spec["hero_alt"]).items():
        setattr(home, name, value)
    picture(home.hero_image, spec["picture"], "hero")
    home.save()


def load_sector_profiles(specs: dict) -> None:
    sectors = Sector.objects.in_bulk(list(specs), field_name="slug")
    for slug, spec in specs.items():
        profile, _created = SectorProfile.objects.get_or_create(sector=sectors[slug])
        profile.commodity_group = spec["commodity_group"]
        fields = {**translated("offer", spec["offer"])}
        fields.update(translated("image_alt", spec["image_alt"]))
        for name, value in fields.items():
            setattr(profile, name, value)
        picture(profile.image, spec["picture"], slug)
        profile.save()


def load_measures(specs: list[dict]) -> dict[str, SupportMeasure]:
    sectors = Sector.objects.in_bulk(field_name="slug")
    measures = {}
    for spec in specs:
        fields = {"level": spec["level"], "kind": spec["kind"], "url": spec["url"]}
        for name in ("name", "eligibility", "benefit", "limit", "legal_basis"):
            fields.update(translated(name, spec[name]))
        measure, _created = SupportMeasure.objects.update_or_create(
            slug=spec["slug"],
            defaults={**fields, "position": len(measures), "is_sample": True},
        )
        measure.sectors.set([sectors[slug] for slug in spec["sectors"]])
        measures[measure.slug] = measure
    return measures


def load_sites(specs: list[dict]) -> dict[str, InvestmentSite]:
    districts = District.objects.in_bulk(field_name="slug")
    sites = {}
    for spec in specs:
        fields = {
            "kind": spec["kind"],
            "district": districts[spec["district"]],
            "area": Decimal(spec["area"]),
            "area_unit": spec["area_unit"],
            "ownership": spec["ownership"],
            "investment_map_url": spec["investment_map_url"],
            **{f"has_{name}": name in spec["infrastructure"] for name in UTILITIES},
        }
        for name in ("name", "address", "infrastructure_notes", "description"):
            fields.update(translated(name, spec[name]))
        site, _created = InvestmentSite.objects.update_or_create(
            slug=spec["slug"], defaults={**fields, "is_sample": True}
        )
        sites[site.slug] = site
    return sites


def load_projects(specs: list[dict], measures: dict, sites: dict) -> None:
    sectors = Sector.objects.in_bulk(field_name="slug")
    districts = District.objects.in_bulk(field_name="slug")
    for spec in specs:
        fields = {
            "sector": sectors[spec["sector"]],
            "district": districts[spec["district"]],
            "investment_size": Decimal(spec["investment_size"]),
            "currency": spec["currency"],
            "stage": spec["stage"],
            "site": sites.get(spec["site"]),
        }
        for name in ("title", "summary", "description", "partner_sought", "image_alt"):
            fields.update(translated(name, spec[name]))
        project, _created = InvestmentProject.objects.update_or_create(
            slug=spec["slug"],
            defaults={**fields, "is_published": True, "is_sample": True},
        )
        picture(project.image, spec["picture"], spec["slug"])
        project.save(update_fields=["image"])
        project.support_measures.set([measures[slug] for slug in spec["measures"]])
