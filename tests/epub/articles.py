"""The two articles the EPUB tests build, made from the model directly.

Kept in a plain module (not only fixtures) so that a subprocess can build the
same book, e.g. under another time zone.
"""

from __future__ import annotations

import datetime as dt
import struct
import zlib
from pathlib import Path

from renderer.model import (
    Abbr,
    Article,
    Cell,
    Emphasis,
    Figure,
    Heading,
    Image,
    ListBlock,
    ListItem,
    Metadata,
    Paragraph,
    Span,
    Table,
    Text,
)
from renderer.normalize import normalize

ROOT = Path(__file__).resolve().parents[2]
SEED = ROOT / "samples" / "isil-losing-ground.txt"
MOMENT = dt.datetime(2015, 5, 6, tzinfo=dt.UTC)
SEED_TITLE = "ISIL losing ground, forced into defensive position, CJTF-OIR official says"


def seed_paragraphs() -> list[str]:
    """The eight body paragraphs of the sample scrape, dateline prefix removed."""
    blocks = [b.strip() for b in SEED.read_text("utf-8").split("\n\n") if b.strip()]
    start = next(i for i, b in enumerate(blocks) if b.startswith("MACDILL"))
    body = blocks[start:]
    body[0] = body[0].split(" - ", 1)[1]
    return [" ".join(b.split()) for b in body]


def seed_article() -> Article:
    meta = Metadata(
        title=SEED_TITLE,
        section="News",
        date=dt.date(2015, 5, 6),
        authors=("John Redfield",),
        organization="U.S. Central Command Public Affairs",
        dateline="MACDILL AIR FORCE BASE, Fla., May 6, 2015",
        publisher="U.S. Department of Defense",
    )
    paragraphs = tuple(Paragraph((Text(p),)) for p in seed_paragraphs())
    return normalize(Article(meta, paragraphs))


def png(width: int = 4, height: int = 3, rgb: tuple[int, int, int] = (30, 90, 160)) -> bytes:
    """A tiny valid PNG, made without any imaging library."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        crc = struct.pack(">I", zlib.crc32(kind + data))
        return struct.pack(">I", len(data)) + kind + data + crc

    row = b"\x00" + bytes(rgb) * width
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0))
        + chunk(b"IDAT", zlib.compress(row * height))
        + chunk(b"IEND", b"")
    )


def rich_article(folder: Path, *, chart_alt: str | None = "Bar chart: sorties rose from 120 in "
                 "March to 180 in April.") -> Article:
    """Sections on two levels, a list, a table, a figure, a decorative image, fr, abbr."""
    (folder / "chart.png").write_bytes(png())
    (folder / "rule.png").write_bytes(png(8, 1, (200, 200, 200)))
    meta = Metadata(
        title="Coalition briefing: what changed in April",
        section="Analysis",
        date=dt.date(2015, 5, 1),
        authors=("Jane Doe", "Ali Hassan"),
        organization="Example Press Office",
        language="en",
        source="https://example.org/briefing",
        keywords=("coalition", "briefing"),
    )
    blocks = (
        Paragraph((
            Text("The "),
            Abbr("CJTF", "Combined Joint Task Force"),
            Text(" said the mood was one of "),
            Span("fr", (Text("sang-froid"),)),
            Text(" and "),
            Emphasis((Text("resolve"),)),
            Text("."),
        )),
        Heading(2, (Text("Background"),)),
        Paragraph((Text("Three things changed in April."),)),
        ListBlock((
            ListItem((Paragraph((Text("More sorties"),)),)),
            ListItem((Paragraph((Text("More partners"),)),)),
            ListItem((Paragraph((Text("Fewer losses"),)),)),
        )),
        Heading(3, (Text("In numbers"),)),
        Table(
            head=((Cell((Text("Month"),), header=True), Cell((Text("Sorties"),), header=True)),),
            body=(
                (Cell((Text("March"),), header=True, scope="row"), Cell((Text("120"),))),
                (Cell((Text("April"),), header=True, scope="row"), Cell((Text("180"),))),
            ),
            caption=(Text("Sorties per month"),),
        ),
        Heading(2, (Text("Pictures"),)),
        Figure(
            Image("chart.png", chart_alt, width=4, height=3),
            caption=(Text("Sorties, March–April"),),
        ),
        Figure(Image("rule.png", "", decorative=True)),
        Paragraph((Text("That is all for this month."),)),
    )
    return normalize(Article(meta, blocks, base_dir=str(folder)))
