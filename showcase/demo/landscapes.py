"""Photographs for the demo, painted with Pillow: a sky, hills and a theme
(forest, field, berries, meadow, river). Nothing is downloaded, so every
demo image is free to use."""

import io
import math
import random

from PIL import Image, ImageDraw

WIDTH, HEIGHT = 1600, 1000

# Sky top, sky at the horizon, three hill colours from far to near.
THEMES = {
    "forest": ("#5d8fb8", "#d9e6ee", ("#7c9aa0", "#3f6b55", "#1f4634")),
    "field": ("#4f8cc9", "#e6eef2", ("#8fa98a", "#9bb560", "#c9b458")),
    "berries": ("#6d94b0", "#dfe8e4", ("#6f8f7a", "#35603f", "#24452c")),
    "meadow": ("#5a9ad0", "#eef3f0", ("#86a98f", "#6f9d4f", "#8fb85a")),
    "river": ("#e49a6a", "#f6d7a8", ("#8a6f7d", "#5b4f6a", "#2f3a4f")),
}


def painting(theme: str, seed: int) -> bytes:
    """A JPEG landscape of the theme; the same seed paints the same picture."""
    sky_top, horizon, hills = THEMES[theme]
    rng = random.Random(seed)
    image = sky(sky_top, horizon)
    draw = ImageDraw.Draw(image)
    sun(draw, rng, theme)
    for layer, colour in enumerate(hills):
        hill(
            draw,
            rng,
            colour,
            base=HEIGHT * (0.5 + 0.13 * layer),
            height=160 - 35 * layer,
        )
    FEATURES.get(theme, lambda *args: None)(draw, rng, hills[-1])
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", quality=84)
    return buffer.getvalue()


def blend(start: str, end: str, share: float) -> tuple[int, int, int]:
    a = [int(start[i : i + 2], 16) for i in (1, 3, 5)]
    b = [int(end[i : i + 2], 16) for i in (1, 3, 5)]
    return tuple(round(x + (y - x) * share) for x, y in zip(a, b, strict=True))


def sky(top: str, horizon: str) -> Image.Image:
    """A gradient from the top of the sky to the horizon, painted as one
    column and stretched: far quicker than a line a row."""
    column = Image.new("RGB", (1, HEIGHT))
    for y in range(HEIGHT):
        column.putpixel((0, y), blend(top, horizon, min(y / (HEIGHT * 0.6), 1)))
    return column.resize((WIDTH, HEIGHT))


def sun(draw, rng, theme: str) -> None:
    x, y = rng.randint(300, 1300), rng.randint(120, 300)
    radius = 90 if theme == "river" else 60
    colour = "#fff1c9" if theme == "river" else "#fffbe8"
    draw.ellipse([x - radius, y - radius, x + radius, y + radius], fill=colour)


def ridge(rng, base: float, height: float) -> list[tuple[float, float]]:
    waves = [(rng.uniform(0.002, 0.006), rng.uniform(0, math.tau)) for _ in range(3)]
    return [
        (x, base - height * sum(math.sin(x * f + p) for f, p in waves) / 3)
        for x in range(0, WIDTH + 20, 20)
    ]


def hill(draw, rng, colour: str, base: float, height: float) -> None:
    draw.polygon([(0, HEIGHT), *ridge(rng, base, height), (WIDTH, HEIGHT)], fill=colour)


def trees(draw, rng, colour: str) -> None:
    for _ in range(140):
        x, y = rng.randint(0, WIDTH), rng.randint(int(HEIGHT * 0.72), HEIGHT)
        size = 20 + (y - HEIGHT * 0.7) * 0.25
        draw.polygon(
            [(x, y - size * 2.2), (x - size / 2, y), (x + size / 2, y)], fill="#163526"
        )


def furrows(draw, rng, colour: str) -> None:
    for index in range(16):
        y = HEIGHT * 0.8 + index * index * 0.9
        draw.line([(0, y), (WIDTH, y - 40)], fill="#a8943f", width=3 + index // 3)


def berries(draw, rng, colour: str) -> None:
    for _ in range(220):
        x, y = rng.randint(0, WIDTH), rng.randint(int(HEIGHT * 0.8), HEIGHT)
        r = rng.randint(6, 13)
        draw.ellipse(
            [x - r, y - r, x + r, y + r],
            fill=rng.choice(["#b3202e", "#8e1b2a", "#3b4f8f"]),
        )


def flowers(draw, rng, colour: str) -> None:
    for _ in range(320):
        x, y = rng.randint(0, WIDTH), rng.randint(int(HEIGHT * 0.78), HEIGHT)
        r = rng.randint(3, 7)
        draw.ellipse(
            [x - r, y - r, x + r, y + r],
            fill=rng.choice(["#f4e04d", "#ffffff", "#d98ad6"]),
        )


def river(draw, rng, colour: str) -> None:
    """A river winding from the horizon, widening towards the viewer."""
    top = HEIGHT * 0.7
    left, right = [], []
    for step in range(41):
        share = step / 40
        y = top + (HEIGHT - top) * share
        centre = WIDTH * 0.5 + 260 * math.sin(share * 4) * share
        half = 8 + 420 * share**2
        left.append((centre - half, y))
        right.append((centre + half, y))
    draw.polygon([*left, *reversed(right)], fill="#f1c596")


FEATURES = {
    "forest": trees,
    "field": furrows,
    "berries": berries,
    "meadow": flowers,
    "river": river,
}
