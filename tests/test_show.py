"""`renderer show`: what a reader extracted, printed so a person can check it before building."""

from __future__ import annotations

import typing

from renderer.ingest.markdown import read_markdown
from renderer.model import Block
from renderer.show import block_kind, describe

EVERY_KIND = """\
---
title: Harbor drill
author: Jane Roe
date: 2024-01-02
lang: en
---

The port held its drill on Monday.

> "We were ready," the harbor master said.
>
> "Next year we start earlier."

```
siren test 09:00
all clear 09:30
```

- boats
- buses

| Day | Boats |
|-----|------:|
| Mon | 6 |

***

![A tug pushes a barge](tug.png "The tug at work.")

## Afterwards

A second paragraph.

> One more quotation.
"""


def outline_of(text: str) -> list[str]:
    shown = describe(read_markdown(text, name="drill.md"), "drill.md")
    return shown.split("\nOutline\n", 1)[1].splitlines()


def test_outline_shows_every_block_kind():
    assert outline_of(EVERY_KIND) == [
        "  H1 Harbor drill",
        "    (1 paragraph, 1 quotation, 1 code block, 1 list, 1 table, 1 rule, 1 figure)",
        "    H2 Afterwards",
        "      (1 paragraph, 1 quotation)",
    ]


def test_every_block_type_of_the_model_has_a_name():
    """A block type added to the model must be named by show, or its outline would hide it."""
    from renderer import model as m

    text = (m.Text("x"),)
    samples = [
        m.Heading(2, text), m.Paragraph(text), m.BlockQuote((m.Paragraph(text),)),
        m.ListBlock((m.ListItem((m.Paragraph(text),)),)), m.Figure(m.Image("a.png", "A")),
        m.PhotoCaption(text), m.Table((), ((m.Cell(text),),)), m.ThematicBreak(),
        m.PageMarker(1),
    ]  # fmt: skip
    assert {type(b) for b in samples} == set(typing.get_args(Block))
    names = [block_kind(b) for b in samples]
    assert len(set(names)) == len(samples), names
    code = m.Paragraph((m.Code("a"), m.LineBreak(), m.Code("b")))
    assert block_kind(code) == "code block"
