"""The hostile-input corpus, written by script at test time (nothing large is committed).

``write_corpus(folder, port, secret)`` lays out::

    folder/
      corpus/      one file per case (+ the images and packets they refer to)
      secret/      secret.txt and secret.png: outside every input's folder

Remote references point at ``http://127.0.0.1:<port>/`` — the loopback server the tests
start, which must receive no request. ``CASES`` says what each case must do; the table in
``docs/hardening.md`` is the same list. Run ``python -m tests.hostile.corpus DIR`` to
write the corpus somewhere and look at it.
"""

from __future__ import annotations

import os
import struct
import sys
import zlib
from dataclasses import dataclass, field
from pathlib import Path

__all__ = ["CASES", "Case", "write_corpus"]

PAGE = """<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>{title}</title>
<meta property="og:site_name" content="Coalition Press Office">{head}</head>
<body><article><h1>{title}</h1>
<p class="byline">By Jane Roe</p><time datetime="2015-05-06">May 6, 2015</time>
<p>TAMPA, Fla. -- The coalition reported steady progress on Tuesday, officials said, and the
exercise continued as planned across the region with partners from several nations.</p>
{body}
<p>The exercise ends on Friday, when the teams return to their home stations.</p>
</article></body></html>
"""

MARKDOWN = """---
title: {title}
author: Jane Roe
publisher: Coalition Press Office
date: 2015-05-06
lang: en
---

The coalition reported steady progress on Tuesday, officials said, and the exercise
continued as planned across the region.

{body}

The exercise ends on Friday.
"""

SCRAPE = """News | May 6, 2015

{title}

By Jane Roe, Coalition Press Office

TAMPA, Fla. -- The coalition reported steady progress on Tuesday, officials said, and the
exercise continued as planned across the region with partners from several nations.

{body}
"""


# Every page has the same title, and every image the same alt text and caption: once the
# hostile parts are gone, many cases make the same bytes, which the suite validates once.
TITLE = "Coalition Exercise Continues"
ALT = "A photograph of the exercise"
CAPTION = "The exercise"
FIGURE = f"<figure><img src='{{src}}' alt='{ALT}'><figcaption>{CAPTION}</figcaption></figure>"
MD_IMAGE = "![" + ALT + "]({src} \"" + CAPTION + "\")"
NIGHT = "The teams trained at night."


@dataclass(frozen=True)
class Case:
    name: str  # file name in corpus/
    what: str  # one line for the docs table
    exit_code: int = 0
    #: Substrings of the one-line error (failures) or of some warning (successes).
    message: tuple[str, ...] = ()
    #: Extra command-line arguments for ``renderer build``.
    args: tuple[str, ...] = ()
    #: True when the case points at the loopback server or the secret files.
    reaches_out: bool = False
    #: How the output folder is prepared (``readonly-dir``, ``readonly-file``, …).
    output: str | None = None
    extra: dict = field(default_factory=dict)


def png(width: int, height: int) -> bytes:
    """A real one-bit grey PNG of zeros: 20 000 × 20 000 compresses to about 50 kB."""
    row = b"\x00" + bytes((width + 7) // 8)
    compressor = zlib.compressobj(9)
    full, rest = divmod(height, 256)
    block = row * 256
    raw = b"".join(compressor.compress(block) for _ in range(full))
    raw += compressor.compress(row * rest) + compressor.flush()

    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    header = struct.pack(">IIBBBBB", width, height, 1, 0, 0, 0, 0)
    return b"".join(
        [b"\x89PNG\r\n\x1a\n", chunk(b"IHDR", header), chunk(b"IDAT", raw), chunk(b"IEND", b"")]
    )


def small_png() -> bytes:
    import io

    from PIL import Image  # a valid, decodable image

    buffer = io.BytesIO()
    Image.new("RGB", (8, 6), (30, 90, 160)).save(buffer, "PNG")
    return buffer.getvalue()


def _cases() -> list[Case]:
    c = Case
    return [
        # --- the file itself
        c("empty.txt", "empty file", 3, ("empty.txt", "the file is empty")),
        c("whitespace.txt", "only whitespace", 3, ("whitespace.txt", "the file is empty")),
        c("whitespace.html", "only whitespace and a BOM, as HTML", 3, ("the file is empty",)),
        c("png-bytes.txt", "PNG bytes named .txt", 3, ("png-bytes.txt", "PNG image")),
        c("zip-bytes.html", "ZIP bytes named .html", 3, ("zip-bytes.html", "ZIP archive")),
        c("pdf-bytes.txt", "PDF bytes named .txt", 3, ("pdf-bytes.txt", "PDF document")),
        c("nul-bytes.txt", "text with NUL bytes", 3, ("nul-bytes.txt", "NUL bytes")),
        c("control-chars.txt", "text full of control characters", 3, ("control characters",)),
        c("invalid-utf8.txt", "invalid UTF-8", 3, ("invalid-utf8.txt", "not valid UTF-8")),
        c("utf16-bom.txt", "valid UTF-16 with BOM", 0),
        c("utf16-bom-broken.txt", "UTF-16 BOM, then a lone surrogate", 3,
          ("utf16-bom-broken.txt", "not valid UTF-16")),
        c("huge-50mb.txt", "a 50 MB text file", 3,
          ("huge-50mb.txt", "over the 20 MB input limit", "--max-input-size")),
        c("long-paragraph.md", "one paragraph of 10 500 000 bytes (under the input limit)",
          3, ("long-paragraph.md", "10.0 MB of text, over the 1 MB limit",
              "--max-paragraph-size")),
        c("dev-zero.txt", "a symbolic link to /dev/zero (size 0, endless)", 3,
          ("dev-zero.txt", "is not a regular file (it is a character device)")),
        c("fifo.txt", "a named pipe (FIFO) with no writer", 3,
          ("fifo.txt", "is not a regular file (it is a named pipe)"), args=("--timeout", "20")),
        # --- size and depth
        c("deep-divs.html", "100 000 nested <div>", 0),
        c("deep-lists.html", "10 000 nested <ul>", 3, ("deep-lists.html", "nesting deeper")),
        c("wide-table.html", "a table of 10 000 columns", 3,
          ("wide-table.html", "10000 columns", "--max-table-columns")),
        c("wide-table.md", "a Markdown table of 10 000 columns", 3,
          ("wide-table.md", "10000 columns", "--max-table-columns")),
        c("deep-lists.md", "Markdown with 10 000 nested lists", 3,
          ("deep-lists.md", "nesting deeper")),
        c("deep-emphasis.md", "Markdown emphasis 150 deep ('*' × 300, 'x', '*' × 300)", 3,
          ("deep-emphasis.md", "nested deeper than 48 levels")),
        # --- active content: removed and reported, the edition is built
        c("script.html", "<script> in the article", 0, ("IN-SAFE-001", "<script>")),
        c("embeds.html", "<iframe>, <object>, <embed>", 0,
          ("<iframe>", "<object>", "<embed>"), reaches_out=True),
        c("handlers.html", "event-handler attributes", 0, ("onclick", "onmouseover")),
        c("bad-links.html", "javascript: and data:text/html links", 0,
          ("javascript: URL", "data: URL")),
        c("bad-links.md", "javascript: and data:text/html links in Markdown (markdown-it "
          "refuses them: text only)", 0,
          ("IN-SAFE-001", "removed 1 javascript: URL", "removed 1 data: URL")),
        c("raw-html-attrs.md", "raw HTML in Markdown with javascript: links and event handlers",
          0, ("IN-SAFE-001", "removed 2 javascript: URLs",
              "removed event-handler attributes onclick, onmouseover")),
        c("script.md", "raw <script> and <iframe> in Markdown", 0,
          ("IN-SAFE-001", "raw HTML dropped: <script>", "<iframe>")),
        # --- reaching out: no request, no read outside the folder
        c("img-file-passwd.html", '<img src="file:///…/secret">', 0,
          ("outside the allowed folders",), reaches_out=True),
        c("img-relative-outside.html", '<img src="../secret/secret.png">', 0,
          ("outside the allowed folders",), reaches_out=True),
        c("img-remote.html", "<img> on the loopback server", 0,
          ("not a local file and is not fetched",), reaches_out=True),
        c("stylesheet-remote.html", '<link rel=stylesheet href="http://…"> in head and article',
          0, ("IN-SAFE-001", "removed <link>"), reaches_out=True),
        c("css-import.html", "<style> with @import and url() remote and local", 0,
          ("IN-SAFE-001", "removed <style>"), reaches_out=True),
        c("style-url.html", "style attributes with url() remote and local", 0,
          ("style attribute",), reaches_out=True),
        c("img-remote.md", "Markdown image on the loopback server", 0, ("not fetched",),
          reaches_out=True),
        # --- images
        c("svg-xxe.html", "SVG with an external entity (XXE) reading the secret", 0,
          ("svg-xxe.svg", "DTD"), reaches_out=True),
        c("svg-laughs.html", "SVG with billion-laughs entities", 0,
          ("svg-laughs.svg", "entity")),
        c("svg-script.md", "SVG with a script and an external href", 0,
          ("svg-script.svg", "refused"), reaches_out=True),
        c("svg-paint-url.html", "SVG with fill=\"url(http://…)\" and filter=\"url(file:///…)\"", 0,
          ("svg-paint-url.svg", "refers to another file"), reaches_out=True),
        c("svg-style-escape.html", "SVG style attribute hiding url() behind a CSS escape "
          "(\\75 rl)", 0, ("svg-style-escape.svg", "refers to another file"), reaches_out=True),
        c("svg-stylesheet-escape.html", "SVG <style> hiding @import behind a CSS escape", 0,
          ("svg-stylesheet-escape.svg", "style sheet refers to other files"), reaches_out=True),
        c("svg-set-href.html", "SVG <set attributeName=href to=\"http://…\">", 0,
          ("svg-set-href.svg", "refers to another file"), reaches_out=True),
        c("svg-animate-values.html", "SVG <animate values=\"…;url(http://…)\">", 0,
          ("svg-animate-values.svg", "refers to another file"), reaches_out=True),
        c("svg-stylesheet-pi.html", "SVG with <?xml-stylesheet href=\"http://…\"?>", 0,
          ("svg-stylesheet-pi.svg", "processing instruction"), reaches_out=True),
        c("png-bomb.md", "20 000 × 20 000 PNG (decompression bomb)", 0,
          ("png-bomb.png", "decompression bomb")),
        c("png-large.md", "6 000 × 10 000 PNG: over the 50-megapixel limit", 0,
          ("png-large.png", "megapixels", "--max-image-pixels")),
        c("fifo-image.md", "an image that is a named pipe", 0,
          ("fifo.png", "is not a regular file (it is a named pipe)"), args=("--timeout", "20")),
        # --- front matter
        c("yaml-object.md", "front matter with !!python/object/apply", 3,
          ("yaml-object.md", "front matter")),
        c("yaml-aliases.md", "front matter with a billion-laughs alias bomb", 3,
          ("yaml-aliases.md", "front matter")),
        # --- sidecars
        c("sidecar-outside.txt", "<name>.meta.yaml is a symbolic link to a file outside the "
          "folder", 3, ("sidecar-outside.meta.yaml", "outside the input's folder",
                        "--allow-path"), reaches_out=True),
        c("sidecar-deep.txt", "<name>.meta.yaml of 20 000 '['", 3,
          ("sidecar-deep.meta.yaml", "nested too deeply")),
        c("sidecar-huge.txt", "<name>.meta.yaml of 2 MB", 3,
          ("sidecar-huge.meta.yaml", "over the 1 MB limit of a metadata file")),
        # --- packets
        c("packet-self.toml", "a packet manifest that includes itself", 3,
          ("packet-self.toml", "cannot include a manifest")),
        c("packet-outside.toml", "a packet manifest listing a file outside its folder", 3,
          ("packet-outside.toml", "outside the manifest's folder"), reaches_out=True),
        c("packet-nul.toml", "a packet manifest whose path holds a NUL byte", 3,
          ("packet-nul.toml: article 1", "a path cannot contain a NUL byte")),
        c("packet-theme.toml", "a packet manifest whose theme is a path to a folder outside", 3,
          ("packet-theme.toml", "is not a theme name", "--theme-dir"), reaches_out=True),
        # --- output
        c("out-readonly-dir.txt", "output folder inside a read-only folder", 6,
          output="readonly-dir"),
        c("out-readonly-file.txt", "output file exists and is read-only (mode 0444)", 6,
          ("the existing file is read-only",), output="readonly-file"),
        c("out-immutable-file.txt", "output file exists and is immutable (chattr +i)", 6,
          ("the existing file is read-only",), output="immutable-file"),
        c("out-proc.txt", "output folder under /proc", 6, ("/proc",), output="proc"),
        c("out-is-folder.txt", "output file name taken by a folder", 6, ("is a folder",),
          output="folder"),
        # --- time
        c("slow.txt", "a build over its --timeout", 3,
          ("slow.txt", "time limit", "--timeout"), args=("--timeout", "0.001")),
    ]  # fmt: skip


CASES = _cases()


def write_corpus(folder: Path, port: int, secret: str) -> Path:
    """Write every case into ``folder/corpus``; return that folder."""
    corpus = folder / "corpus"
    corpus.mkdir(parents=True, exist_ok=True)
    hidden = folder / "secret"
    hidden.mkdir(exist_ok=True)
    secret_txt = hidden / "secret.txt"
    secret_txt.write_text(secret + "\n")
    (hidden / "secret.png").write_bytes(small_png())
    remote = f"http://127.0.0.1:{port}"
    secret_url = secret_txt.as_uri()

    def page(name: str, body: str, head: str = "", title: str | None = None) -> None:
        text = PAGE.format(title=title or TITLE, head=head, body=body)
        (corpus / name).write_text(text, "utf-8")

    def markdown(name: str, body: str, front_extra: str = "") -> None:
        text = MARKDOWN.format(title=TITLE, body=body)
        if front_extra:
            text = text.replace("lang: en\n", "lang: en\n" + front_extra)
        (corpus / name).write_text(text, "utf-8")

    def scrape(name: str) -> None:
        body = "The exercise ends on Friday, when the teams return to their home stations."
        (corpus / name).write_text(SCRAPE.format(title=name.title(), body=body), "utf-8")

    write = lambda name, data: (corpus / name).write_bytes(data)  # noqa: E731

    write("empty.txt", b"")
    write("whitespace.txt", b" \n\t\r\n   \n" * 100)
    write("whitespace.html", b"\xef\xbb\xbf  \n\n  ")
    write("png-bytes.txt", small_png())
    write("zip-bytes.html", b"PK\x03\x04" + bytes(range(256)) * 4)
    write("pdf-bytes.txt", b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<<>>\nendobj\n")
    write("nul-bytes.txt", b"Title\n\n" + b"text\x00" * 100)
    write("control-chars.txt", b"Title\n\n" + bytes(range(1, 9)) * 20)
    write("invalid-utf8.txt", b"Title\n\nCaf\xe9 au lait \xff\xfe costs \xc3\x28 two euros.\n")
    utf16 = SCRAPE.format(title="Utf16 Article", body="Caf\u00e9 \u2014 na\u00efve text.")
    write("utf16-bom.txt", b"\xff\xfe" + utf16.encode("utf-16-le"))
    write("utf16-bom-broken.txt", b"\xff\xfe" + "Title\n\n".encode("utf-16-le") + b"\x00\xd8A\x00")
    markdown("long-paragraph.md", "word " * 2_100_000)  # libxml2 stops at 10 000 000 bytes
    for name, make in (("dev-zero.txt", lambda p: p.symlink_to("/dev/zero")),
                       ("fifo.txt", os.mkfifo), ("fifo.png", os.mkfifo)):
        (corpus / name).unlink(missing_ok=True)
        make(corpus / name)
    with open(corpus / "huge-50mb.txt", "wb") as handle:
        line = b"The coalition reported steady progress on Tuesday, officials said.\n"
        handle.write(line * (50 * 1024 * 1024 // len(line) + 1))

    page("deep-divs.html", "<div>" * 100_000 + "<p>Deep inside.</p>" + "</div>" * 100_000)
    page("deep-lists.html", "<ul><li>" * 10_000 + "deep" + "</li></ul>" * 10_000)
    cells = "".join(f"<th scope='col'>C{i}</th>" for i in range(10_000))
    values = "".join(f"<td>{i}</td>" for i in range(10_000))
    page("wide-table.html", f"<table><tr>{cells}</tr><tr>{values}</tr></table>")
    deep_md = "- " * 10_000 + "item\n"  # "- - - item" is three nested lists
    markdown("deep-lists.md", deep_md)
    header = "|" + "|".join(f"C{i}" for i in range(10_000)) + "|\n"
    rule = "|" + "|".join("---" for _ in range(10_000)) + "|\n"
    row = "|" + "|".join(str(i) for i in range(10_000)) + "|\n"
    markdown("wide-table.md", header + rule + row)
    markdown("deep-emphasis.md", "*" * 300 + "x" + "*" * 300)

    page("script.html", f"<p>{NIGHT}<script>document.write('EVIL')</script></p>",
         head="<script>alert('head')</script>")
    page("embeds.html", f"<iframe src='{remote}/frame'></iframe>"
         f"<object data='{remote}/object.swf'>Object fallback.</object>"
         f"<p>{NIGHT}<embed src='{remote}/embed.swf'></p>")
    page("handlers.html", f"<p onclick=\"alert(1)\">{NIGHT}</p>"
         "<p>Hover <a href='https://www.defense.gov/' onmouseover='steal()'>the news site"
         "</a>.</p>")
    page("bad-links.html", "<p>See <a href='javascript:alert(1)'>this link</a> and "
         "<a href='data:text/html,&lt;script&gt;alert(1)&lt;/script&gt;'>that one</a> and "
         "<a href=' JaVa\tScRiPt:alert(2)'>another</a>.</p>")
    markdown("bad-links.md", "See [this link](javascript:alert(1)) and "
             "[that one](data:text/html,%3Cscript%3Ealert(1)%3C/script%3E).")
    markdown("raw-html-attrs.md", "See <a href=\"javascript:alert(1)\">this</a>, <span lang=\"fr\" "
             "onclick=\"steal()\">ceci</span>, <abbr title=\"Tactical\" onmouseover=\"x()\">TAC"
             "</abbr> and <a href=' JaVa\tScRiPt:alert(2)'>that</a>.")
    markdown("script.md", "<script>alert(1)</script>\n\n<iframe src=\"" + remote +
             "/frame\"></iframe>\n\nText after the raw HTML.")

    page("img-file-passwd.html", FIGURE.format(src=secret_url))
    page("img-relative-outside.html", FIGURE.format(src="../secret/secret.png"))
    page("img-remote.html", FIGURE.format(src=f"{remote}/photo.png"))
    page("stylesheet-remote.html",
         f"<link rel='stylesheet' href='{remote}/body.css'><p>{NIGHT}</p>",
         head=f"<link rel='stylesheet' href='{remote}/style.css'>")
    page("css-import.html", "<style>@import url(" + remote + "/inline.css); p { background: "
         "url(" + secret_url + f") }}</style><p>{NIGHT}</p>",
         head=f"<style>@import '{remote}/import.css'; body {{ background: url({remote}/bg.png) "
         f"}} h1 {{ background: url({secret_url}) }}</style>")
    page("style-url.html", f"<p style=\"background:url('{remote}/bg.png')\">{NIGHT}"
         f"<span style=\"background-image:url({secret_url})\"></span></p>")
    markdown("img-remote.md", MD_IMAGE.format(src=f"{remote}/photo.png"))

    xxe = (f'<?xml version="1.0"?>\n<!DOCTYPE svg [<!ENTITY xxe SYSTEM "{secret_url}">]>\n'
           '<svg xmlns="http://www.w3.org/2000/svg" width="200" height="50">'
           '<text x="0" y="20">&xxe;</text></svg>')
    write("svg-xxe.svg", xxe.encode())
    page("svg-xxe.html", FIGURE.format(src="svg-xxe.svg"))
    laughs = ['<?xml version="1.0"?>\n<!DOCTYPE svg [\n<!ENTITY lol "lol">']
    for i in range(1, 10):
        prev = "lol" if i == 1 else f"lol{i - 1}"
        laughs.append(f'<!ENTITY lol{i} "' + f"&{prev};" * 10 + '">')
    laughs.append(']>\n<svg xmlns="http://www.w3.org/2000/svg" width="100" height="20">'
                  "<text>&lol9;</text></svg>")
    write("svg-laughs.svg", "\n".join(laughs).encode())
    page("svg-laughs.html", FIGURE.format(src="svg-laughs.svg"))
    script_svg = ('<svg xmlns="http://www.w3.org/2000/svg" '
                  'xmlns:xlink="http://www.w3.org/1999/xlink" width="10" height="10">'
                  "<script>alert(1)</script>"
                  f'<image xlink:href="{secret_url}" width="10" height="10"/>'
                  f'<image href="{remote}/x.png" width="10" height="10"/></svg>')
    write("svg-script.svg", script_svg.encode())
    markdown("svg-script.md", MD_IMAGE.format(src="svg-script.svg"))
    svg = '<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10">{}</svg>'
    outward_svgs = {
        "svg-paint-url": svg.format(f'<rect width="10" height="10" fill="url({remote}/p.svg#g)" '
                                    f'filter="url({secret_url}#f)"/>'),
        "svg-style-escape": svg.format(f'<rect width="10" height="10" '
                                       f'style="fill: \\75 rl({remote}/e.svg#g)"/>'),
        "svg-stylesheet-escape": svg.format(f"<style>@\\69mport '{remote}/i.css'; rect {{ fill: "
                                            f"u\\72l({secret_url}#g) }}</style><rect/>"),
        "svg-set-href": svg.format(f'<a href="#x"><set attributeName="href" to="{remote}/s.svg"/>'
                                   '<rect width="10" height="10"/></a>'),
        "svg-animate-values": svg.format('<rect width="10" height="10"><animate attributeName='
                                         f'"fill" values="red;url({remote}/a.svg#g)" dur="1s"/>'
                                         "</rect>"),
        "svg-stylesheet-pi": f'<?xml-stylesheet href="{remote}/pi.css"?>' + svg.format("<rect/>"),
    }
    for stem, text in outward_svgs.items():
        write(f"{stem}.svg", text.encode())
        page(f"{stem}.html", FIGURE.format(src=f"{stem}.svg"))
    write("png-bomb.png", png(20_000, 20_000))
    markdown("png-bomb.md", MD_IMAGE.format(src="png-bomb.png"))
    write("png-large.png", png(6_000, 10_000))
    markdown("png-large.md", MD_IMAGE.format(src="png-large.png"))
    markdown("fifo-image.md", MD_IMAGE.format(src="fifo.png"))

    (corpus / "yaml-object.md").write_text(
        "---\ntitle: !!python/object/apply:os.system ['touch /tmp/renderer-pwned']\n---\n\n"
        "Body text.\n", "utf-8")
    aliases = ["---", 'a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    for i, letter in enumerate("bcdefghi"):
        prev = "abcdefghi"[i]
        aliases.append(f"{letter}: &{letter} [" + ",".join([f"*{prev}"] * 9) + "]")
    aliases.append("keywords: *i")
    aliases += ["title: Alias bomb", "---", "", "Body text."]
    (corpus / "yaml-aliases.md").write_text("\n".join(aliases) + "\n", "utf-8")

    (hidden / "meta.yaml").write_text(f"title: {secret}\n", "utf-8")
    for name in ("sidecar-outside.txt", "sidecar-deep.txt", "sidecar-huge.txt"):
        scrape(name)
    (corpus / "sidecar-outside.meta.yaml").unlink(missing_ok=True)
    (corpus / "sidecar-outside.meta.yaml").symlink_to(hidden / "meta.yaml")
    (corpus / "sidecar-deep.meta.yaml").write_text("title: " + "[" * 20_000 + "\n", "utf-8")
    (corpus / "sidecar-huge.meta.yaml").write_text("# a comment\n" * 200_000, "utf-8")

    scrape("packet-article.txt")
    (corpus / "packet-self.toml").write_text(
        'title = "Self"\n[[article]]\npath = "packet-article.txt"\n'
        '[[article]]\npath = "packet-self.toml"\n', "utf-8")
    (corpus / "packet-outside.toml").write_text(
        'title = "Outside"\n[[article]]\npath = "../secret/secret.txt"\n', "utf-8")

    (corpus / "packet-nul.toml").write_text(
        'title = "NUL"\n[[article]]\npath = "nul\\u0000byte.txt"\n', "utf-8")
    sneaky = hidden / "sneaky"  # a theme outside every theme folder, showing the secret
    sneaky.mkdir(exist_ok=True)
    (sneaky / "theme.toml").write_text('inherits = "briefing"\n', "utf-8")
    for css in ("pdf.css", "epub.css"):
        (sneaky / css).write_text(f'h1::after {{ content: "{secret}" }}\n', "utf-8")
    (corpus / "packet-theme.toml").write_text(
        f'title = "Theme"\ntheme = "{sneaky}"\n[[article]]\npath = "packet-article.txt"\n',
        "utf-8")

    for name in ("out-readonly-dir.txt", "out-readonly-file.txt", "out-immutable-file.txt",
                 "out-proc.txt", "out-is-folder.txt", "slow.txt"):
        scrape(name)
    return corpus


if __name__ == "__main__":  # pragma: no cover - a tool for looking at the corpus
    target = Path(sys.argv[1] if len(sys.argv) > 1 else "hostile-corpus")
    print(write_corpus(target, 9, "SECRET-EXAMPLE"))
