"""Demo exhibitions and their sample Amur exhibitors, read from demo.toml.

Code is here only for what the data file cannot say: dates counted from the
day the demo is loaded, and the product pictures, drawn once with Pillow (the
demo ships no photographs). Exhibitions are matched by slug, participations by
(exhibition, company), products by their place in the list: loading twice
leaves the same database.
"""

import datetime
import io
import math
import random
import tomllib
import zlib
from pathlib import Path

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import transaction
from django.utils import timezone
from PIL import Image, ImageDraw

from exhibitions.models import Exhibition, Participation, ParticipationProduct
from partners.models import Company, Consent, Sector

DATA = Path(__file__).with_name("demo.toml")
LANGUAGES = ("ru", "ja", "en")
PICTURE_SIZE = (1200, 900)
DEMO_PICTURES = "exhibitions/demo"


def translated(field: str, texts) -> dict:
    return dict(zip((f"{field}_{code}" for code in LANGUAGES), texts, strict=True))


def dates(spec: dict, today: datetime.date) -> tuple[datetime.date, datetime.date]:
    """Historical exhibitions keep their dates; the invented next one starts
    a set number of days after the demo is loaded."""
    if "starts_in_days" in spec:
        starts_on = today + datetime.timedelta(days=spec["starts_in_days"])
        return starts_on, starts_on + datetime.timedelta(days=spec["days"] - 1)
    return spec["starts_on"], spec["ends_on"]


def load_exhibition(spec: dict, today: datetime.date) -> Exhibition:
    starts_on, ends_on = dates(spec, today)
    fields = {
        "edition": spec.get("edition"),
        "starts_on": starts_on,
        "ends_on": ends_on,
        "website": spec.get("website", ""),
        "is_sample": spec.get("sample", False),
        "applications_open": spec.get("applications_open", False),
    }
    for name in ("name", "venue", "city", "organiser", "pavilion_offer"):
        if name in spec:
            fields.update(translated(name, spec[name]))
    exhibition, _created = Exhibition.objects.update_or_create(
        slug=spec["slug"], defaults=fields
    )
    exhibition.sectors.set(Sector.objects.filter(slug__in=spec["sectors"]))
    return exhibition


def sample_company(slug: str) -> Company:
    try:
        return Company.objects.get(slug=slug)
    except Company.DoesNotExist:
        raise LookupError(
            f"The sample company “{slug}” is missing: load the partners demo first."
        ) from None


def load_participation(spec: dict, exhibitions: dict, consent_spec: dict) -> None:
    exhibition = exhibitions[spec["exhibition"]]
    company = sample_company(spec["company"])
    fields = {
        "status": spec["status"],
        "stand": spec.get("stand", ""),
        "contact_name": spec["contact"],
        "email": f"{company.slug}@mail.example",
        "language": spec["language"],
        "staff_notes": spec.get(
            "staff_notes", "Демонстрационная запись (sample data)."
        ),
        "confirmed_at": timezone.make_aware(
            datetime.datetime.combine(exhibition.starts_on, datetime.time(9))
        )
        - datetime.timedelta(days=45),
    }
    for name in ("pavilion", "products_shown", "certifications", "volumes"):
        fields.update(translated(name, spec.get(name, ("", "", ""))))
    existing = Participation.objects.filter(exhibition=exhibition, company=company)
    participation = existing.order_by("-created_at").first()
    if participation is None:
        participation = Participation(exhibition=exhibition, company=company)
    for name, value in fields.items():
        setattr(participation, name, value)
    participation.save()
    give_consent(participation, consent_spec)
    load_products(participation, spec.get("products", []))


def give_consent(participation: Participation, spec: dict) -> None:
    """Sample applications carry a consent as real ones will: the text in the
    applicant's language, from a documentation address (RFC 5737)."""
    if participation.consent_id:
        return
    text = dict(zip(LANGUAGES, spec["text"], strict=True))[participation.language]
    participation.consent = Consent.objects.create(
        purpose=Consent.Purpose.EXHIBITION_APPLICATION,
        text=text,
        text_version=spec["version"],
        language=participation.language,
        email=participation.email,
        given_at=participation.confirmed_at,
        ip_address="192.0.2.20",
        user_agent="Sample data",
    )
    participation.save(update_fields=["consent"])


def load_products(participation: Participation, products: list[dict]) -> None:
    prefix = f"{participation.exhibition.slug}-{participation.company.slug}"
    for position, spec in enumerate(products):
        product, _created = ParticipationProduct.objects.update_or_create(
            participation=participation,
            position=position,
            defaults={
                **translated("name", spec["name"]),
                **translated("description", spec.get("description", ("", "", ""))),
            },
        )
        if not product.photo:
            product.photo.name = demo_picture(f"{prefix}-{position}", spec)
            product.save(update_fields=["photo"])


def demo_picture(key: str, spec: dict) -> str:
    """The stored picture of a demo product, drawn the first time only: every
    database loaded with the demo shares the same few files."""
    name = f"{DEMO_PICTURES}/{key}.jpg"
    if not default_storage.exists(name):
        default_storage.save(name, picture(spec["photo"], spec["name"][2]))
    return name


# --- Pictures ---------------------------------------------------------------------

PALETTES = {
    "honey": ("#f6c453", "#c97d10", "#8a4b08"),
    "berries": ("#dfe8d2", "#4b2d7f", "#b0243b"),
    "nuts": ("#efe3cf", "#8b5a2b", "#5a3a1a"),
    "mushrooms": ("#e3ead7", "#8c4a23", "#f1e6cf"),
    "soy": ("#e6edd0", "#d9b95c", "#6d8b3a"),
    "wood": ("#e9d3b4", "#a8713d", "#6e4420"),
    "sweets": ("#f7e2b8", "#d9962a", "#9c5a12"),
}


def picture(kind: str, seed_text: str) -> ContentFile:
    """A simple still life of the product's kind, the same every time for the
    same product."""
    background, main, accent = PALETTES[kind]
    rng = random.Random(zlib.crc32(seed_text.encode()))
    image = Image.new("RGB", PICTURE_SIZE, background)
    draw = ImageDraw.Draw(image)
    DRAWERS[kind](draw, rng, main, accent)
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", quality=85)
    return ContentFile(buffer.getvalue())


def _jars(draw, rng, main, accent):
    for index in range(3):
        left = 180 + index * 300
        top = 300 + rng.randint(-40, 40)
        draw.rounded_rectangle((left, top, left + 240, top + 380), 40, fill=main)
        draw.rectangle((left + 20, top - 50, left + 220, top), fill=accent)
        draw.ellipse((left + 60, top + 120, left + 180, top + 240), fill="#fbe7a6")


def _round_things(draw, rng, main, accent, *, count, radius):
    for _index in range(count):
        x, y = rng.randint(80, 1120), rng.randint(80, 820)
        size = rng.randint(*radius)
        draw.ellipse(
            (x - size, y - size, x + size, y + size), fill=rng.choice((main, accent))
        )


def _berries(draw, rng, main, accent):
    for _index in range(6):
        x, y = rng.randint(100, 1100), rng.randint(100, 800)
        draw.ellipse((x - 120, y - 50, x + 120, y + 50), fill="#3f7a3a")
    _round_things(draw, rng, main, accent, count=70, radius=(22, 40))


def _nuts(draw, rng, main, accent):
    for _index in range(60):
        x, y = rng.randint(80, 1120), rng.randint(80, 820)
        draw.ellipse((x - 28, y - 18, x + 28, y + 18), fill=rng.choice((main, accent)))


def _mushrooms(draw, rng, main, accent):
    for _index in range(7):
        x, y = rng.randint(150, 1050), rng.randint(300, 780)
        draw.rectangle((x - 25, y - 120, x + 25, y), fill=accent)
        draw.pieslice((x - 110, y - 220, x + 110, y - 20), 180, 360, fill=main)


def _soy(draw, rng, main, accent):
    _round_things(draw, rng, main, accent, count=160, radius=(14, 20))


def _wood(draw, rng, main, accent):
    for row in range(0, 900, 150):
        draw.rectangle((0, row + 8, 1200, row + 142), fill=main)
        for _line in range(5):
            y = row + rng.randint(20, 130)
            draw.line((0, y, 1200, y + rng.randint(-20, 20)), fill=accent, width=3)


def _honeycomb(draw, rng, main, accent):
    side = 60
    for row in range(-1, 11):
        for column in range(-1, 13):
            x = column * side * 1.75 + (row % 2) * side * 0.87
            y = row * side * 1.5
            points = [
                (
                    x + side * math.cos(math.radians(60 * k + 30)),
                    y + side * math.sin(math.radians(60 * k + 30)),
                )
                for k in range(6)
            ]
            draw.polygon(
                points, fill=rng.choice((main, main, accent)), outline="#fbe7a6"
            )


DRAWERS = {
    "honey": _jars,
    "berries": _berries,
    "nuts": _nuts,
    "mushrooms": _mushrooms,
    "soy": _soy,
    "wood": _wood,
    "sweets": _honeycomb,
}


def load() -> None:
    """Create or update the exhibitions demo data set; safe to run again."""
    data = tomllib.loads(DATA.read_text(encoding="utf-8"))
    today = timezone.localdate()
    with transaction.atomic():
        exhibitions = {
            spec["slug"]: load_exhibition(spec, today) for spec in data["exhibition"]
        }
        for spec in data["participation"]:
            load_participation(spec, exhibitions, data["consent"])
