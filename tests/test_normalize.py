from __future__ import annotations

import datetime

from renderer.model import Article, Figure, Heading, Image, Metadata, Paragraph, Text
from renderer.normalize import normalize
from renderer.normalize.language import detect_language
from renderer.options import Options

EN = (
    "The coalition said that the forces of the alliance have stopped a number of attacks "
    "in the region and that the training program is on track for the year, with more "
    "than 7,400 soldiers trained as of this week."
)
FR = (
    "La coalition a indiqué que les forces de l'alliance ont arrêté une série d'attaques "
    "dans la région et que le programme de formation est sur la bonne voie pour l'année, "
    "avec plus de 7 400 soldats formés cette semaine."
)


def _article(*blocks, **meta):
    return Article(Metadata(title=meta.pop("title", "A title"), **meta), tuple(blocks))


def _h(level, text):
    return Heading(level, (Text(text),))


def test_headings_start_at_h2_and_never_skip():
    article = normalize(_article(_h(1, "Intro"), _h(4, "Deep"), _h(2, "Next"), _h(6, "Deeper")))
    assert [b.level for b in article.blocks] == [2, 3, 2, 3]


def test_heading_ids_are_unique_and_deterministic():
    article = normalize(_article(_h(2, "Résumé"), _h(2, "Résumé"), _h(2, "!!!")))
    assert [b.id for b in article.blocks] == ["s-resume", "s-resume-2", "section"]
    assert normalize(_article(_h(2, "Résumé"))).blocks[0].id == "s-resume"


def test_identifier_is_derived_from_content():
    a = normalize(_article(Paragraph((Text("one"),)), date=datetime.date(2015, 5, 6)))
    b = normalize(_article(Paragraph((Text("one"),)), date=datetime.date(2015, 5, 6)))
    c = normalize(_article(Paragraph((Text("two"),)), date=datetime.date(2015, 5, 6)))
    assert a.metadata.identifier == b.metadata.identifier != c.metadata.identifier
    assert a.metadata.identifier.startswith("urn:uuid:")


def test_language_precedence():
    assert detect_language(EN) == "en" and detect_language(FR) == "fr"
    assert detect_language("too short") is None
    assert normalize(_article(Paragraph((Text(FR),)))).metadata.language == "fr"
    assert normalize(_article(Paragraph((Text(FR),))), Options(lang="de")).metadata.language == "de"
    assert normalize(_article(Paragraph((Text("Hi."),)))).metadata.language == "und"


def test_description_is_first_paragraph_shortened_at_a_word():
    long = "word " * 100
    meta = normalize(_article(Paragraph((Text(long),)))).metadata
    assert meta.description.endswith("…") and len(meta.description) <= 201
    assert not meta.description[:-1].endswith(" ")


def test_missing_alt_is_never_invented():
    missing = Figure(Image("a.png", alt=None))
    decorative = Figure(Image("b.png", alt="", decorative=True))
    article = normalize(_article(missing, decorative))
    assert article.blocks[0].image.alt is None
