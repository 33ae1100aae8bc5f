#!/usr/bin/env python3
"""Copy the bundled font families into fonts/ and write fonts/manifest.toml.

Sources (each file's origin and sha256 go into the manifest, so a test can
prove that the PDF only uses these files):

* Noto Serif, Noto Sans: Debian 12 ``fonts-noto-core`` (OFL-1.1) - body text,
  headings; Latin, Latin Extended, Greek, Cyrillic.
* DejaVu Sans: Debian 12 ``fonts-dejavu-core`` (Bitstream Vera licence, DejaVu
  changes public domain) - the fallback for other scripts and symbols
  (Armenian, Georgian, Hebrew, basic Arabic, IPA, arrows, maths, box drawing).
* Atkinson Hyperlegible: npm ``@fontsource/atkinson-hyperlegible`` (OFL-1.1,
  Braille Institute) - the dyslexia-friendly theme; WOFF2 subsets ``latin`` and
  ``latin-ext``; also embedded in that theme's EPUB.

A subset file gets a ``unicode_range`` computed from its own ``cmap``, not the
range its publisher advertises: fontconfig takes ``unicode-range`` as the
face's whole character set, so a range wider than the file makes WeasyPrint
pick the face for characters it lacks and draw ``.notdef`` (fontsource's
``latin-ext`` range claims 1 070 code points its file does not have).

Needs ``apt-get install fonts-noto-core fonts-dejavu-core`` and ``npm``, and
fontTools with Brotli (the project's venv has both).

    .venv/bin/python tools/bundle-fonts.py            # refresh fonts/
    .venv/bin/python tools/bundle-fonts.py --check    # verify fonts/ against the manifest
"""

from __future__ import annotations

import argparse
import hashlib
import json
import shutil
import subprocess
import sys
import tarfile
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
FONTS = ROOT / "fonts"
NOTO = Path("/usr/share/fonts/truetype/noto")
NOTO_COPYRIGHT = Path("/usr/share/doc/fonts-noto-core/copyright")
DEJAVU = Path("/usr/share/fonts/truetype/dejavu")
DEJAVU_COPYRIGHT = Path("/usr/share/doc/fonts-dejavu-core/copyright")
ATKINSON_NPM = "@fontsource/atkinson-hyperlegible@5.3.0"

STYLES = [
    ("Regular", 400, "normal"),
    ("Italic", 400, "italic"),
    ("Bold", 700, "normal"),
    ("BoldItalic", 700, "italic"),
]
EUROPEAN = ["Latin", "Latin Extended", "Greek", "Cyrillic"]
NOTO_FAMILIES = [
    # folder, CSS family name, file prefix, role
    ("noto-serif", "Noto Serif", "NotoSerif", "body text"),
    ("noto-sans", "Noto Sans", "NotoSans", "headings, metadata, page furniture"),
]
MEDIA_TYPES = {".ttf": "font/ttf", ".otf": "font/otf", ".woff": "font/woff", ".woff2": "font/woff2"}


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def postscript_name(path: Path) -> str:
    """The name a PDF gives the font (``/BaseFont``, after the subset tag)."""
    from fontTools.ttLib import TTFont

    return str(TTFont(path, lazy=True)["name"].getDebugName(6))


def debian_paragraph(copyright_file: Path, licence: str, first_line: str | None = None) -> str:
    """A ``License:`` paragraph of a Debian copyright file, de-indented."""
    lines = copyright_file.read_text("utf-8").splitlines()
    start = next(
        i for i, line in enumerate(lines)
        if line.strip() == f"License: {licence}"
        and (first_line is None or (i + 1 < len(lines) and lines[i + 1].strip() == first_line))
    )
    body = []
    for line in lines[start + 1:]:
        if not line.startswith(" "):
            break
        body.append("" if line.strip() == "." else line[1:])
    return "\n".join(body) + "\n"


def debian_version(package: str) -> str:
    out = subprocess.run(["dpkg-query", "-W", "-f=${Version}", package],
                         capture_output=True, text=True, check=True)
    return out.stdout.strip()


def cmap_range(path: Path) -> str:
    """The file's ``cmap`` as a CSS ``unicode-range`` (consecutive code points joined)."""
    from fontTools.ttLib import TTFont

    points = sorted(TTFont(path, lazy=True).getBestCmap())
    spans: list[list[int]] = []
    for point in points:
        if spans and point == spans[-1][1] + 1:
            spans[-1][1] = point
        else:
            spans.append([point, point])
    return ",".join(f"U+{lo:04X}" if lo == hi else f"U+{lo:04X}-{hi:04X}" for lo, hi in spans)


def face(path: Path, weight: int, style: str, subset: bool = False) -> dict:
    entry = {
        "file": path.name,
        "weight": weight,
        "style": style,
        "media_type": MEDIA_TYPES[path.suffix],
        "postscript_name": postscript_name(path),
        "sha256": sha256(path),
    }
    if subset:
        entry["unicode_range"] = cmap_range(path)
    return entry


def noto() -> list[dict]:
    version = debian_version("fonts-noto-core")
    licence = debian_paragraph(NOTO_COPYRIGHT, "OFL-1.1", "PREAMBLE")
    families = []
    for folder, css_name, prefix, role in NOTO_FAMILIES:
        target = FONTS / folder
        target.mkdir(parents=True, exist_ok=True)
        (target / "OFL.txt").write_text(
            "Copyright 2010-2020 Google LLC (Noto Project Authors).\n"
            "This Font Software is licensed under the SIL Open Font License, Version 1.1.\n\n"
            + licence, "utf-8")
        files = []
        for style, weight, font_style in STYLES:
            name = f"{prefix}-{style}.ttf"
            shutil.copyfile(NOTO / name, target / name)
            files.append(face(target / name, weight, font_style))
        families.append({
            "name": css_name, "folder": folder, "role": role, "licence": "OFL-1.1",
            "licence_file": "OFL.txt",
            "origin": f"Debian 12 package fonts-noto-core {version} "
                      "(upstream: Noto project, github.com/notofonts)",
            "scripts": EUROPEAN, "fallback": False, "files": files,
        })
    return families


def dejavu() -> dict:
    version = debian_version("fonts-dejavu-core")
    target = FONTS / "dejavu-sans"
    target.mkdir(parents=True, exist_ok=True)
    (target / "LICENSE.txt").write_text(
        "Copyright (c) 2003 by Bitstream, Inc. All Rights Reserved.\n"
        "Bitstream Vera is a trademark of Bitstream, Inc.\n"
        "DejaVu changes are in public domain.\n\n"
        + debian_paragraph(DEJAVU_COPYRIGHT, "bitstream-vera"), "utf-8")
    files = []
    for name, weight in (("DejaVuSans.ttf", 400), ("DejaVuSans-Bold.ttf", 700)):
        shutil.copyfile(DEJAVU / name, target / name)
        files.append(face(target / name, weight, "normal"))
    return {
        "name": "DejaVu Sans", "folder": "dejavu-sans",
        "role": "fallback for scripts and symbols the other families lack",
        "licence": "Bitstream-Vera", "licence_file": "LICENSE.txt",
        "origin": f"Debian 12 package fonts-dejavu-core {version} "
                  "(upstream: DejaVu fonts, dejavu-fonts.github.io)",
        "scripts": [*EUROPEAN, "Armenian", "Georgian", "Hebrew", "Arabic (basic)", "IPA",
                    "symbols, arrows, maths, box drawing"],
        "fallback": True, "files": files,
    }


def atkinson() -> dict:
    target = FONTS / "atkinson-hyperlegible"
    target.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        out = subprocess.run(["npm", "pack", "--silent", ATKINSON_NPM], cwd=tmp,
                             capture_output=True, text=True, check=True).stdout.split()[-1]
        with tarfile.open(Path(tmp) / out) as tar:
            tar.extractall(tmp, filter="data")
        package = Path(tmp) / "package"
        version = json.loads((package / "package.json").read_text("utf-8"))["version"]
        shutil.copyfile(package / "LICENSE", target / "OFL.txt")
        files = []
        for weight in (400, 700):
            for subset in ("latin", "latin-ext"):
                name = f"atkinson-hyperlegible-{subset}-{weight}-normal.woff2"
                shutil.copyfile(package / "files" / name, target / name)
                files.append(face(target / name, weight, "normal", subset=True))
    return {
        "name": "Atkinson Hyperlegible", "folder": "atkinson-hyperlegible",
        "role": "dyslexia-friendly theme (hyperlegible sans); embedded in its EPUB",
        "licence": "OFL-1.1", "licence_file": "OFL.txt",
        "origin": f"npm package @fontsource/atkinson-hyperlegible {version} "
                  "(upstream: Braille Institute of America)",
        "scripts": ["Latin", "Latin Extended"], "fallback": False, "files": files,
    }


def toml_value(value) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, list):
        return "[" + ", ".join(toml_value(v) for v in value) + "]"
    return json.dumps(value, ensure_ascii=False)


def write_manifest(families: list[dict]) -> None:
    out = [
        "# Bundled font families. Generated by tools/bundle-fonts.py; do not edit by hand.",
        "# Every glyph in a PDF comes from one of these files (tests check the PDF's font names).",
        "",
    ]
    for family in families:
        out.append("[[family]]")
        out.append(f"name = {toml_value(family['name'])}")
        out.append(f"css_name = {toml_value(family['name'])}")
        for key in ("folder", "role", "licence", "licence_file", "origin", "scripts", "fallback"):
            out.append(f"{key} = {toml_value(family[key])}")
        for entry in family["files"]:
            out.append("[[family.files]]")
            out += [f"{key} = {toml_value(value)}" for key, value in entry.items()]
        out.append("")
    (FONTS / "manifest.toml").write_text("\n".join(out), "utf-8")


def check(fonts: Path = FONTS) -> int:
    """Every file present with its sha256, every licence present, every range true to its file."""
    import tomllib

    manifest = tomllib.loads((fonts / "manifest.toml").read_text("utf-8"))
    bad = 0
    total = 0
    for family in manifest["family"]:
        folder = fonts / family["folder"]
        if not (folder / family["licence_file"]).is_file():
            print(f"missing licence: {folder / family['licence_file']}")
            bad += 1
        for entry in family["files"]:
            path = folder / entry["file"]
            if not path.is_file() or sha256(path) != entry["sha256"]:
                print(f"missing or changed: {path}")
                bad += 1
            elif "unicode_range" in entry and entry["unicode_range"] != cmap_range(path):
                print(f"unicode_range is not the file's cmap: {path}")
                bad += 1
            else:
                total += path.stat().st_size
    print(f"fonts: ok ({total / 1e6:.1f} MB)" if not bad else f"fonts: {bad} problem(s)")
    return 1 if bad else 0


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="verify instead of copying")
    args = parser.parse_args()
    if args.check:
        sys.exit(check())
    for folder, package in ((NOTO, "fonts-noto-core"), (DEJAVU, "fonts-dejavu-core")):
        if not folder.is_dir():
            sys.exit(f"{package} is not installed: apt-get install {package}")
    if not shutil.which("npm"):
        sys.exit("npm is needed to fetch @fontsource/atkinson-hyperlegible")
    write_manifest([*noto(), dejavu(), atkinson()])
    sys.exit(check())
