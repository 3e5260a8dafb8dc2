"""Demo presentations and news, read from the TOML files in demo_data/.

The texts live in the data files, in three languages; this module only
matches rows (presentations and news by slug, slides by position), links
missions and sectors, and draws the pictures once. Loading twice leaves the
same database and the same files."""

import tomllib
from pathlib import Path

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import transaction

from missions.models import Mission
from partners.models import Sector
from showcase import demo_pictures
from showcase.models import NewsItem, Presentation, Slide

DATA = Path(__file__).resolve().parent / "demo_data"
LANGUAGES = ("ru", "ja", "en")


def read(name: str) -> dict:
    with open(DATA / name, "rb") as data:
        return tomllib.load(data)


def translated(spec: dict, *fields: str) -> dict:
    """{"title": {"ru": ...}} → {"title_ru": ..., "title_ja": ..., ...}."""
    return {
        f"{field}_{language}": spec[field][language]
        for field in fields
        if field in spec
        for language in LANGUAGES
    }


def picture(name: str, motif: str, *, jpeg: bool = False) -> str:
    """The stored picture of a motif, drawn the first time only."""
    if not default_storage.exists(name):
        draw = demo_pictures.jpeg_bytes if jpeg else demo_pictures.png_bytes
        default_storage.save(name, ContentFile(draw(motif, seed=name)))
    return name


def load_presentation(spec: dict) -> Presentation:
    deck = spec["presentation"]
    presentation, _created = Presentation.objects.update_or_create(
        slug=deck["slug"],
        defaults={
            "presented_on": deck["presented_on"],
            "mission": Mission.objects.filter(slug=deck.get("mission")).first(),
            "is_published": True,
            "is_sample": True,
            **translated(deck, "title", "place", "occasion", "summary"),
        },
    )
    for number, slide in enumerate(spec["slides"], start=1):
        image = picture(f"demo/slides/{deck['slug']}-{number:02d}.png", slide["motif"])
        Slide.objects.update_or_create(
            presentation=presentation,
            position=number * 10,
            defaults={"image_ru": image, **translated(slide, "heading", "body")},
        )
    return presentation


def load_news_item(spec: dict) -> NewsItem:
    image = picture(f"demo/news/{spec['slug']}.jpg", spec["motif"], jpeg=True)
    item, _created = NewsItem.objects.update_or_create(
        slug=spec["slug"],
        defaults={
            "kind": spec["kind"],
            "published_on": spec["published_on"],
            "image": image,
            "is_published": True,
            "is_sample": True,
            **translated(spec, "title", "summary", "body", "image_alt"),
        },
    )
    item.sectors.set(Sector.objects.filter(slug__in=spec["sectors"]))
    return item


@transaction.atomic
def load() -> None:
    load_presentation(read("presentation_tokyo_2019.toml"))
    for spec in read("news_2019_2020.toml")["news"]:
        load_news_item(spec)
