"""Sidecar metadata and --meta correct what a reader guessed."""

from __future__ import annotations

import datetime
import shutil

import pytest

from renderer.errors import InputError, UsageError
from renderer.ingest import ingest

from ..conftest import SEED


@pytest.fixture
def seed_copy(tmp_path):
    target = tmp_path / "story.txt"
    shutil.copyfile(SEED, target)
    return target


def test_sidecar_overrides_extracted_fields(seed_copy):
    seed_copy.with_name("story.meta.yaml").write_text(
        "title: A corrected title\n"
        "authors: [Jane Roe, John Redfield]\n"
        "date: 2015-05-07\n"
        "lang: en-US\n"
        "url: https://www.defense.gov/News/\n"
        "tags: ISIL, coalition\n",
        "utf-8",
    )
    meta = ingest(seed_copy).metadata
    assert meta.title == "A corrected title"
    assert meta.authors == ("Jane Roe", "John Redfield")
    assert meta.date == datetime.date(2015, 5, 7)
    assert meta.language == "en-US"
    assert meta.source == "https://www.defense.gov/News/"
    assert meta.keywords == ("ISIL", "coalition")
    assert meta.organization == "U.S. Central Command Public Affairs"  # untouched


def test_meta_option_wins_over_sidecar(seed_copy):
    seed_copy.with_name("story.meta.yaml").write_text("title: From the file\n", "utf-8")
    meta = ingest(seed_copy, meta=("title=From the command line", "date=May 8, 2015")).metadata
    assert meta.title == "From the command line"
    assert meta.date == datetime.date(2015, 5, 8)


@pytest.mark.parametrize(
    ("yaml_text", "message"),
    [
        ("colour: blue\n", "unknown metadata field 'colour'"),
        ("date: tomorrow\n", "date 'tomorrow' is not a date"),
        ("- a list\n", "must be a mapping"),
        ("title: [unclosed\n", "not valid YAML"),
        ("title: !!python/object/apply:os.system ['true']\n", "not valid YAML"),
        ("title: ''\n", "the title cannot be empty"),
    ],
)
def test_bad_sidecar_is_an_input_error(seed_copy, yaml_text, message):
    seed_copy.with_name("story.meta.yaml").write_text(yaml_text, "utf-8")
    with pytest.raises(InputError, match=message.replace("(", r"\(").replace("[", r"\[")):
        ingest(seed_copy)


def test_meta_without_equals_is_a_usage_error(seed_copy):
    with pytest.raises(UsageError, match="expected key=value"):
        ingest(seed_copy, meta=("title",))


# ------------------------------------------------------------------ author lists


@pytest.mark.parametrize(
    ("value", "authors"),
    [
        ("Jane Roe", ("Jane Roe",)),
        ("Jane Roe, John Redfield", ("Jane Roe", "John Redfield")),
        ("Jane Doe, John Roe, and Jim Poe", ("Jane Doe", "John Roe", "Jim Poe")),
        ("Jane Doe & John Roe", ("Jane Doe", "John Roe")),
        ("A; B", ("A", "B")),
        ("Smith, Jr., John", ("Smith, Jr., John",)),  # one inverted name
        ("Roe, Jane", ("Roe, Jane",)),
        ("John Smith, Jr., and Jane Roe", ("John Smith, Jr.", "Jane Roe")),
        ("Smith, Jr., John; Roe, Jane", ("Smith, Jr., John", "Roe, Jane")),
        ("Jeanne Dupont et Paul Martin", ("Jeanne Dupont", "Paul Martin")),
        ("Jana Roth und Tom Weber", ("Jana Roth", "Tom Weber")),
        ("José Ortega y Gasset", ("José Ortega y Gasset",)),  # "y" is inside the name
    ],
)
def test_meta_authors_follow_the_one_rule_for_author_lists(seed_copy, value, authors):
    assert ingest(seed_copy, meta=(f"authors={value}",)).metadata.authors == authors
    seed_copy.with_name("story.meta.yaml").write_text(f"authors: {value!r}\n", "utf-8")
    assert ingest(seed_copy).metadata.authors == authors  # a sidecar string, the same rule


def test_sidecar_author_list_items_are_whole_names(seed_copy):
    seed_copy.with_name("story.meta.yaml").write_text("authors: ['Smith, Jr., John', B]\n")
    assert ingest(seed_copy).metadata.authors == ("Smith, Jr., John", "B")


@pytest.mark.parametrize(
    "authors",
    [
        ("John Redfield",),
        ("Jane Doe", "John Roe", "Jim Poe"),
        ("John Smith, Jr.", "Jane Roe"),
        ("Smith, Jr., John",),
        ("Roe, Jane", "Doe, John"),
    ],
)
def test_show_prints_authors_so_they_round_trip_as_meta(seed_copy, authors):
    from renderer.model import replace
    from renderer.show import describe

    article = ingest(seed_copy)
    article = replace(article, metadata=replace(article.metadata, authors=authors))
    (line,) = [ln for ln in describe(article, "story.txt").splitlines() if ln.startswith("Authors")]
    printed = line.removeprefix("Authors").strip()
    assert ingest(seed_copy, meta=(f"authors={printed}",)).metadata.authors == authors
