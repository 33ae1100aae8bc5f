#!/usr/bin/env bash
# Prove the wheel is self-contained: build it, install it into a fresh venv in a
# temporary folder outside the checkout, and render the seed from there.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
python3 -m pip wheel --quiet --no-deps --wheel-dir "$work/dist" "$root"
python3 -m venv "$work/venv"
"$work/venv/bin/pip" install --quiet "$work"/dist/article_renderer-*.whl
cp "$root/samples/isil-losing-ground.txt" "$work/seed.txt"
cd "$work"
SOURCE_DATE_EPOCH=1430913600 "$work/venv/bin/renderer" build seed.txt -o "$work/out" -q
"$work/venv/bin/python" - "$work/out" <<'PY'
import sys, zipfile, pathlib
import pikepdf
out = pathlib.Path(sys.argv[1])
pdf = pikepdf.open(out / "seed.pdf")
assert "/StructTreeRoot" in pdf.Root, "no structure tree"
with pdf.open_metadata() as xmp:
    assert xmp.get("dc:title", "").startswith("ISIL losing ground"), xmp.get("dc:title")
with zipfile.ZipFile(out / "seed.epub") as epub:
    assert epub.namelist()[0] == "mimetype"
import renderer, renderer.resources as r
assert str(r.data_dir("themes")).startswith(str(pathlib.Path(renderer.__file__).parent)), r.data_dir("themes")
print(f"wheel-check: ok ({len(pdf.pages)} PDF page(s), themes and fonts from the installed package)")
PY
