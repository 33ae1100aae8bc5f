#!/usr/bin/env python3
"""Draw the images used by samples/ (deterministic PNGs, no fonts needed).

    python3 tools/make-sample-images.py
"""

from pathlib import Path

from PIL import Image, ImageDraw

OUT = Path(__file__).resolve().parent.parent / "samples" / "images"


def bar_chart() -> Image.Image:
    """Water level above the seawall crest, by hour of the exercise (the sample's figure 1)."""
    values = [0.2, 0.5, 0.9, 1.4, 1.8, 1.6, 1.1, 0.6]
    image = Image.new("RGB", (640, 320), "white")
    draw = ImageDraw.Draw(image)
    draw.line([(40, 280), (620, 280)], fill="#222222", width=2)
    draw.line([(40, 20), (40, 280)], fill="#222222", width=2)
    for i, value in enumerate(values):
        x = 60 + i * 70
        top = 280 - int(value * 130)
        draw.rectangle([x, top, x + 46, 279], fill="#1f3a5f")
    return image


def route_map() -> Image.Image:
    """A schematic of the evacuation routes (the sample's figure 2)."""
    image = Image.new("RGB", (640, 360), "#eef2f5")
    draw = ImageDraw.Draw(image)
    draw.rectangle([0, 260, 640, 360], fill="#9cc3dd")  # the bay
    for y in (80, 160, 240):
        draw.line([(20, y), (620, y)], fill="#888888", width=6)  # streets
    draw.line([(120, 250), (120, 30)], fill="#c0392b", width=10)  # route A
    draw.line([(480, 250), (480, 30)], fill="#c0392b", width=10)  # route B
    draw.polygon([(110, 40), (130, 40), (120, 20)], fill="#c0392b")
    draw.polygon([(470, 40), (490, 40), (480, 20)], fill="#c0392b")
    return image


def divider() -> Image.Image:
    """A decorative wave rule (the sample's decorative image)."""
    image = Image.new("RGB", (600, 24), "white")
    draw = ImageDraw.Draw(image)
    for x in range(0, 600, 24):
        draw.arc([x, 4, x + 24, 20], 180, 360, fill="#8a8a8a", width=2)
    return image


if __name__ == "__main__":
    OUT.mkdir(parents=True, exist_ok=True)
    for name, draw in (("water-level.png", bar_chart), ("routes.png", route_map),
                       ("wave-rule.png", divider)):
        draw().save(OUT / name, optimize=True)
        print(OUT / name)
