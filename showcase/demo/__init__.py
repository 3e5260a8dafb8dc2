"""The demo data set: the data files of every app, in the order they load,
and the little the code computes for them (the pictures, and what follows
from a saved registration or participation). `manage.py load_demo` runs it;
loading twice leaves the same database."""

import zlib
from pathlib import Path

from django.conf import settings
from django.db import transaction

from amur_invest.demo import DemoLoader, drawn_once
from exhibitions import demo as exhibitions_demo
from missions import demo as missions_demo
from showcase.demo.landscapes import painting
from showcase.demo.pictures import jpeg_bytes, png_bytes
from showcase.meetings import demo as meetings_demo
from showcase.models import (
    HomePage,
    Inquiry,
    InvestmentProject,
    NewsItem,
    SectorProfile,
    Slide,
)

FILES = [
    "amur_invest/agency/demo/agency.toml",
    "partners/demo/partners.toml",
    "showcase/demo/investment.toml",
    "showcase/demo/costs.toml",
    "missions/demo/missions.toml",
    "showcase/meetings/demo/meetings.toml",
    "exhibitions/demo/exhibitions.toml",
    # After the exhibitions: a pavilion's meetings name its exhibitors.
    "showcase/meetings/demo/pavilion.toml",
    # After the missions and exhibitions: events and the Tokyo deck link to them.
    "showcase/demo/events.toml",
    "showcase/demo/presentation_tokyo_2019.toml",
    "showcase/demo/news_2019_2020.toml",
    "showcase/demo/inquiries.toml",
]


def landscape(name: str, theme: str) -> str:
    return drawn_once(name, lambda: painting(theme, seed=zlib.crc32(name.encode())))


def home_photograph(home: HomePage, theme: str) -> str:
    return landscape("home/demo-hero.jpg", theme)


def sector_photograph(profile: SectorProfile, theme: str) -> str:
    return landscape(f"sectors/demo-{profile.sector.slug}.jpg", theme)


def project_photograph(project: InvestmentProject, theme: str) -> str:
    return landscape(f"projects/demo-{project.slug}.jpg", theme)


def news_image(item: NewsItem, motif: str) -> str:
    name = f"demo/news/{item.slug}.jpg"
    return drawn_once(name, lambda: jpeg_bytes(motif, seed=name))


def slide_image(slide: Slide, motif: str) -> str:
    name = f"demo/slides/{slide.presentation.slug}-{slide.position // 10:02d}.png"
    return drawn_once(name, lambda: png_bytes(motif, seed=name))


PICTURES = {
    (HomePage, "hero_image"): home_photograph,
    (SectorProfile, "image"): sector_photograph,
    (InvestmentProject, "image"): project_photograph,
    (NewsItem, "image"): news_image,
    (Slide, "image_ru"): slide_image,
    **exhibitions_demo.PICTURES,
}


def give_reference(inquiry: Inquiry, row: dict, document: dict) -> None:
    """A sample inquiry gets its reference number as the site gives one."""
    if not inquiry.reference:
        inquiry.reference = inquiry.make_reference()
        inquiry.save(update_fields=["reference"])


AFTER_SAVE = {
    **missions_demo.AFTER_SAVE,
    **meetings_demo.AFTER_SAVE,
    **exhibitions_demo.AFTER_SAVE,
    Inquiry: give_reference,
}


def files(*names: str) -> list[Path]:
    """The demo files, all or those whose name (without `.toml`) is given."""
    paths = [Path(settings.BASE_DIR) / name for name in FILES]
    if unknown := set(names) - {path.stem for path in paths}:
        raise ValueError(f"No demo file is called {', '.join(sorted(unknown))}")
    return [path for path in paths if not names or path.stem in names]


@transaction.atomic
def load(*names: str, tables=None, today=None) -> list[Path]:
    """Load the demo files (all, or those named) and return their paths."""
    loader = DemoLoader(today=today, pictures=PICTURES, after_save=AFTER_SAVE)
    paths = files(*names)
    loaded = {table for path in paths for table in loader.load(path, tables=tables)}
    if tables is not None and (missing := set(tables) - loaded):
        raise ValueError(f"No demo table is called {', '.join(sorted(missing))}")
    return paths
