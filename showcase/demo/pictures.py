"""Pictures for the demo content, drawn with Pillow: simple flat scenes in
the site's colours, without words (the words stay text on the page, in the
reader's language). Each motif is a function of a canvas and a seeded random
source, so the same motif always gives the same picture."""

import io
import math
import random

from PIL import Image, ImageDraw

WIDTH, HEIGHT = 1600, 900

BRAND = (11, 74, 111)
BRAND_DARK = (7, 52, 80)
BRAND_LIGHT = (228, 240, 247)
SUN = (228, 87, 46)
GOLD = (224, 165, 38)
HONEY = (240, 190, 70)
GREEN = (46, 125, 79)
GREEN_LIGHT = (120, 180, 100)
FIELD = (214, 190, 90)
SEA = (160, 205, 228)
LAND = (214, 226, 196)
BERRY_BLUE = (62, 78, 150)
BERRY_RED = (180, 40, 60)
WHITE = (255, 255, 255)


def gradient(top, bottom, height=HEIGHT) -> Image.Image:
    """A canvas shading from one colour at the top to another at the bottom."""
    image = Image.new("RGB", (WIDTH, height), top)
    draw = ImageDraw.Draw(image)
    for y in range(height):
        share = y / max(height - 1, 1)
        colour = tuple(
            round(a + (b - a) * share) for a, b in zip(top, bottom, strict=True)
        )
        draw.line([(0, y), (WIDTH, y)], fill=colour)
    return image


def sun(draw, x, y, radius, colour=SUN):
    draw.ellipse([x - radius, y - radius, x + radius, y + radius], fill=colour)


def river(draw, y, colour=SEA, width=28, amplitude=40):
    points = [
        (x, y + amplitude * math.sin(x / 180)) for x in range(-20, WIDTH + 40, 20)
    ]
    draw.line(points, fill=colour, width=width, joint="curve")


def title(draw, rng):
    sun(draw, 1240, 300, 150)
    river(draw, 700)
    river(draw, 760, colour=BRAND_LIGHT, width=10, amplitude=30)


def islands(draw):
    """The mainland on the left, Japan's islands on the right."""
    draw.polygon(
        [(0, 0), (760, 0), (700, 180), (560, 420), (420, 640), (200, 900), (0, 900)],
        fill=LAND,
    )
    draw.polygon([(1180, 130), (1290, 90), (1330, 200), (1230, 260)], fill=LAND)
    draw.polygon(
        [(1160, 300), (1230, 330), (1210, 520), (1060, 700), (980, 690), (1100, 480)],
        fill=LAND,
    )
    draw.polygon([(930, 720), (1010, 730), (960, 820), (890, 800)], fill=LAND)


def dashed_arc(draw, start, end, lift=220, colour=SUN):
    (x1, y1), (x2, y2) = start, end
    steps = 40
    for step in range(0, steps, 2):
        points = []
        for t in (step / steps, (step + 1) / steps):
            x = x1 + (x2 - x1) * t
            y = y1 + (y2 - y1) * t - lift * math.sin(math.pi * t)
            points.append((x, y))
        draw.line(points, fill=colour, width=8)


def city(draw, x, y, colour=BRAND_DARK):
    sun(draw, x, y, 18, colour)
    sun(draw, x, y, 8, WHITE)


def world_map(draw, rng):
    islands(draw)
    city(draw, 380, 300)
    city(draw, 1150, 560)
    dashed_arc(draw, (380, 300), (1150, 560))


def fields(draw, rng):
    sun(draw, 1300, 200, 110, GOLD)
    horizon = 420
    colours = [GREEN, FIELD, GREEN_LIGHT, FIELD, GREEN]
    for index in range(10):
        left = -400 + index * 240
        colour = colours[index % len(colours)]
        draw.polygon(
            [
                (WIDTH / 2 + (left - WIDTH / 2) * 0.15, horizon),
                (left, HEIGHT),
                (left + 240, HEIGHT),
                (WIDTH / 2 + (left + 240 - WIDTH / 2) * 0.15, horizon),
            ],
            fill=colour,
        )


def tree(draw, x, base, height, colour):
    width = height * 0.45
    for tier in range(3):
        top = base - height + tier * height * 0.22
        draw.polygon(
            [
                (x, top),
                (x - width / 2, top + height * 0.45),
                (x + width / 2, top + height * 0.45),
            ],
            fill=colour,
        )
    draw.rectangle([x - 8, base - height * 0.1, x + 8, base], fill=(90, 60, 40))


def forest(draw, rng):
    sun(draw, 260, 200, 90, GOLD)
    for row, (base, size, colour) in enumerate(
        [(560, 220, GREEN_LIGHT), (720, 300, GREEN), (900, 380, (30, 90, 60))]
    ):
        for index in range(9 + row):
            x = index * (WIDTH / (8 + row)) + rng.randint(-30, 30)
            tree(draw, x, base, size * rng.uniform(0.8, 1.1), colour)


def hexagon(draw, x, y, radius, colour):
    points = [
        (x + radius * math.cos(math.pi / 3 * k), y + radius * math.sin(math.pi / 3 * k))
        for k in range(6)
    ]
    draw.polygon(points, fill=colour, outline=(200, 140, 30), width=6)


def honeycomb(draw, rng):
    radius = 95
    for column in range(-1, 12):
        for row in range(-1, 7):
            x = column * radius * 1.5
            y = row * radius * math.sqrt(3) + (column % 2) * radius * math.sqrt(3) / 2
            shade = rng.choice([HONEY, GOLD, (250, 210, 110)])
            hexagon(draw, x, y, radius - 4, shade)


def berries(draw, rng):
    for _ in range(7):
        x0, y0 = rng.randint(0, WIDTH), rng.randint(0, HEIGHT)
        x1, y1 = x0 + rng.randint(-400, 400), y0 + rng.randint(-300, 300)
        draw.line([(x0, y0), (x1, y1)], fill=(110, 80, 50), width=10)
        for _ in range(9):
            t = rng.random()
            x, y = x0 + (x1 - x0) * t, y0 + (y1 - y0) * t
            colour = rng.choice([BERRY_BLUE, BERRY_RED, (90, 110, 180)])
            radius = rng.randint(26, 44)
            sun(
                draw, x + rng.randint(-40, 40), y + rng.randint(-40, 40), radius, colour
            )


def partnership(draw, rng):
    # The canvas draws in RGBA mode: the second circle shows through the first.
    draw.ellipse([380, 150, 980, 750], fill=(*SUN, 230))
    draw.ellipse([620, 150, 1220, 750], fill=(*BRAND_LIGHT, 170))


def contact(draw, rng):
    left, top, right, bottom = 460, 220, 1140, 680
    draw.rectangle([left, top, right, bottom], fill=WHITE, outline=BRAND_DARK, width=10)
    draw.line([(left, top), (800, 480), (right, top)], fill=BRAND_DARK, width=10)
    sun(draw, 1140, 220, 70, SUN)


def plane(draw, x, y, size=90, colour=WHITE):
    draw.polygon(
        [(x + size, y), (x - size, y - size * 0.18), (x - size, y + size * 0.18)],
        fill=colour,
    )
    draw.polygon(
        [(x + 10, y), (x - 40, y - size * 0.9), (x - 70, y - size * 0.9), (x - 40, y)],
        fill=colour,
    )
    draw.polygon(
        [(x + 10, y), (x - 40, y + size * 0.9), (x - 70, y + size * 0.9), (x - 40, y)],
        fill=colour,
    )


def mission(draw, rng):
    islands(draw)
    dashed_arc(draw, (300, 330), (1100, 520), lift=260, colour=WHITE)
    plane(draw, 820, 300, colour=SUN)


def presentation(draw, rng):
    draw.rectangle([360, 90, 1240, 560], fill=WHITE, outline=BRAND_DARK, width=8)
    for index, height in enumerate([120, 190, 250, 330]):
        left = 470 + index * 180
        draw.rectangle(
            [left, 500 - height, left + 110, 500], fill=[BRAND, SUN, GOLD, GREEN][index]
        )
    for row in range(2):
        for index in range(12):
            x = 140 + index * 120 + row * 60
            sun(draw, x, 700 + row * 110, 42, BRAND_DARK if row else BRAND)


def growth(draw, rng):
    values = [1.0, 1.3, 1.9, 2.4]
    for index, value in enumerate(values):
        left = 260 + index * 300
        top = 820 - value * 280
        draw.rectangle(
            [left, top, left + 200, 820], fill=[BRAND_LIGHT, SEA, GOLD, SUN][index]
        )
    draw.line([(200, 822), (1420, 822)], fill=WHITE, width=8)


def exhibition(draw, rng):
    colours = [SUN, BRAND_LIGHT, GOLD, GREEN_LIGHT]
    for index in range(4):
        left = 80 + index * 380
        draw.rectangle([left, 380, left + 320, 820], fill=WHITE)
        stripes = 6
        for stripe in range(stripes):
            x = left + stripe * 320 / stripes
            colour = colours[index] if stripe % 2 else WHITE
            draw.polygon(
                [
                    (x, 380),
                    (x + 320 / stripes, 380),
                    (x + 320 / stripes, 300),
                    (x, 300),
                ],
                fill=colour,
            )
        draw.rectangle([left + 40, 560, left + 280, 820], fill=colours[index])


def culture(draw, rng):
    sun(draw, 1200, 280, 200, SUN)
    draw.ellipse(
        [540, 180, 900, 720], fill=(236, 90, 60), outline=(120, 30, 20), width=8
    )
    for offset in (60, 130, 200, 270, 340, 410, 480):
        draw.arc(
            [540, 180 + offset - 60, 900, 180 + offset + 60],
            0,
            180,
            fill=(150, 40, 30),
            width=5,
        )
    draw.rectangle([640, 150, 800, 190], fill=(40, 30, 30))
    draw.rectangle([640, 710, 800, 750], fill=(40, 30, 30))
    draw.line([(720, 40), (720, 150)], fill=(40, 30, 30), width=8)


MOTIFS = {
    "title": (BRAND, BRAND_DARK, title),
    "map": (SEA, SEA, world_map),
    "fields": ((170, 210, 235), BRAND_LIGHT, fields),
    "forest": ((190, 220, 240), BRAND_LIGHT, forest),
    "honey": (GOLD, GOLD, honeycomb),
    "berries": ((235, 240, 230), (210, 225, 205), berries),
    "partnership": (BRAND, BRAND_DARK, partnership),
    "contact": (BRAND, BRAND_DARK, contact),
    "mission": (SEA, (120, 180, 215), mission),
    "presentation": (BRAND_DARK, BRAND, presentation),
    "growth": (BRAND, BRAND_DARK, growth),
    "exhibition": (BRAND_LIGHT, (200, 220, 232), exhibition),
    "culture": ((250, 235, 210), (245, 215, 180), culture),
}


def draw_motif(motif: str, *, seed: str) -> Image.Image:
    top, bottom, paint = MOTIFS[motif]
    image = gradient(top, bottom)
    # RGBA drawing blends translucent fills into the picture.
    paint(ImageDraw.Draw(image, "RGBA"), random.Random(seed))
    return image


def png_bytes(motif: str, *, seed: str) -> bytes:
    buffer = io.BytesIO()
    draw_motif(motif, seed=seed).save(buffer, "PNG")
    return buffer.getvalue()


def jpeg_bytes(motif: str, *, seed: str) -> bytes:
    buffer = io.BytesIO()
    draw_motif(motif, seed=seed).save(buffer, "JPEG", quality=85)
    return buffer.getvalue()
