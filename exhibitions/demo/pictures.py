"""Pictures of the demo's exhibited products, drawn with Pillow (the demo
ships no photographs): a simple still life for each kind of product."""

import io
import math
import random
import zlib

from PIL import Image, ImageDraw

PICTURE_SIZE = (1200, 900)

PALETTES = {
    "honey": ("#f6c453", "#c97d10", "#8a4b08"),
    "berries": ("#dfe8d2", "#4b2d7f", "#b0243b"),
    "nuts": ("#efe3cf", "#8b5a2b", "#5a3a1a"),
    "mushrooms": ("#e3ead7", "#8c4a23", "#f1e6cf"),
    "soy": ("#e6edd0", "#d9b95c", "#6d8b3a"),
    "wood": ("#e9d3b4", "#a8713d", "#6e4420"),
    "sweets": ("#f7e2b8", "#d9962a", "#9c5a12"),
}


def picture(kind: str, seed_text: str) -> bytes:
    """A simple still life of the product's kind, the same every time for the
    same product."""
    background, main, accent = PALETTES[kind]
    rng = random.Random(zlib.crc32(seed_text.encode()))
    image = Image.new("RGB", PICTURE_SIZE, background)
    draw = ImageDraw.Draw(image)
    DRAWERS[kind](draw, rng, main, accent)
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", quality=85)
    return buffer.getvalue()


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
