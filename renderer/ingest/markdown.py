"""Turn Markdown with YAML front matter into an :class:`~renderer.model.Article`.

The reader works in three passes:

1. split off the front matter (``---`` … ``---``), load it with ``yaml.safe_load`` only —
   a YAML tag that would build a Python object is refused, never constructed — and map
   its keys onto :class:`~renderer.model.Metadata` (:mod:`._markdown_rules` lists them);
2. parse the body with markdown-it-py (CommonMark, tables, strikethrough, footnotes) and
   walk the *token stream* straight into model blocks and inlines: no HTML is rendered
   and parsed again, so no markup reaches the model as a string;
3. take the title from the front matter or else from the first ``# heading``.

Raw HTML is not trusted: ``<abbr title>``, ``<span lang>``, ``<q>``, ``<br>`` and
``<img>`` become model nodes, every other tag is dropped (code-like elements such as
``<script>`` together with their content) and each drop is recorded in ``Article.notes``.
Event handlers, ``javascript:`` and other unsafe URLs, in raw HTML or refused by
markdown-it in ``[text](url)``, are reported with the HTML sanitizer's own marks and
words (:func:`.sanitize.attribute_mark`, :func:`.sanitize.summarize`): IN-SAFE-001.

Nesting is bounded twice: markdown-it stops descending at its ``maxNesting`` (and would
silently drop the rest), so any document reaching that level, or nesting lists and block
quotes deeper than :data:`~._markdown_rules.MAX_DEPTH`, is refused with
:class:`~renderer.errors.InputTooLarge`. Inline markup is not bounded by markdown-it at
all (300 asterisks each side of a word make 150 nested ``strong``), so the inline walk,
which is a loop over an explicit stack, refuses it past
:data:`~._markdown_rules.MAX_INLINE_DEPTH` levels: the templates and the PDF's tag
builder recurse once per level. Within those bounds the walk's recursion is shallow, so
hostile input ends in an :class:`~renderer.errors.InputError` or an article, never a
``RecursionError``.
"""

from __future__ import annotations

import datetime as _dt
import re
from dataclasses import dataclass, field
from html.parser import HTMLParser
from typing import Any

from markdown_it import MarkdownIt
from markdown_it.token import Token
from mdit_py_plugins.footnote import footnote_plugin

from renderer.errors import InputError, InputTooLarge
from renderer.ingest import _markdown_rules as rules
from renderer.ingest import _text_rules as text_rules
from renderer.ingest.sanitize import attribute_mark, summarize
from renderer.ingest.sidecar import load_yaml
from renderer.model import (
    Abbr,
    Article,
    Block,
    BlockQuote,
    Cell,
    Code,
    Emphasis,
    Figure,
    Heading,
    Image,
    Inline,
    LineBreak,
    Link,
    ListBlock,
    ListItem,
    Metadata,
    Paragraph,
    Quote,
    Span,
    Strong,
    Table,
    Text,
    ThematicBreak,
    plain_text,
)

__all__ = ["read_markdown"]


def read_markdown(text: str, *, name: str = "<input>", title: str | None = None) -> Article:
    """Read decoded Markdown; ``name`` is only used in error messages and notes.

    ``title`` is the title the user gave (``--meta``, a sidecar): without front-matter
    title or ``# heading`` it is the title, instead of an error.
    """
    text = text.removeprefix("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
    if not text.strip():
        raise InputError(f"{name}: the file is empty")
    front, body = _split_front_matter(text, name)
    fields, notes = _front_matter(front, name)

    env: dict[str, Any] = {}
    refused: list[str] = []  # link destinations markdown-it would not make links
    tokens = _parser(refused).parse(body, env)
    deepest = max((t.level for t in tokens), default=0)
    if deepest >= rules.MARKDOWN_IT_MAX_NESTING - 1:
        raise _too_deep(name)
    walker = _Walker(name, tokens)
    blocks = walker.blocks(0, len(tokens), 0)
    notes.extend(walker.notes)
    # markdown-it may try one destination twice (an image that falls back to a link,
    # nested brackets), so each distinct refused URL counts once.
    refusals = (attribute_mark("href", url) for url in dict.fromkeys(refused))
    notes.extend(summarize([*walker.marks, *(m for m in refusals if m)]))
    for label, ident in env.get("footnotes", {}).get("refs", {}).items():
        if ident == -1:
            notes.append(f"footnote [^{label.removeprefix(':')}] is never referenced; dropped")

    title = fields.pop("title", None) or _given_title(blocks, title)
    if title is None:
        index = next(
            (
                i
                for i, b in enumerate(blocks)
                if isinstance(b, Heading) and b.level == 1 and _squash(plain_text(b.children))
            ),
            None,
        )
        if index is None:
            raise InputError(
                f"{name}: no title",
                hint="add 'title:' to the front matter or start the text with a '# heading'",
            )
        title = _squash(plain_text(blocks.pop(index).children))  # type: ignore[union-attr]
    elif (
        blocks
        and isinstance(blocks[0], Heading)
        and blocks[0].level == 1
        and _squash(plain_text(blocks[0].children)).casefold() == title.casefold()
    ):
        blocks.pop(0)
        notes.append("first heading repeats the front-matter title; dropped")
    if not blocks:
        raise InputError(f"{name}: no body text after the title {title!r}")

    metadata = Metadata(title=title, **fields)
    return Article(
        metadata=metadata, blocks=tuple(blocks), base_dir=None, notes=tuple(_unique(notes))
    )


def _given_title(blocks: list, given: str | None) -> str | None:
    """The user's title, when the text has no ``# heading`` to take the title from."""
    has_heading = any(isinstance(b, Heading) and b.level == 1 for b in blocks)
    return None if has_heading or not given else _squash(given)


# ------------------------------------------------------------------ front matter


def _split_front_matter(text: str, name: str) -> tuple[str | None, str]:
    """``(yaml, body)``; ``yaml`` is None when the text does not open with ``---``."""
    lines = text.split("\n")
    if not rules.FRONT_MATTER_OPEN.fullmatch(lines[0]):
        return None, text
    for index in range(1, len(lines)):
        if rules.FRONT_MATTER_CLOSE.fullmatch(lines[index]):
            return "\n".join(lines[1:index]), "\n".join(lines[index + 1 :])
    raise InputError(
        f"{name}: front matter: no closing '---' line",
        hint="end the front matter with a line '---'",
    )


def _front_matter(front: str | None, name: str) -> tuple[dict[str, Any], list[str]]:
    """Metadata keyword arguments (plus ``title``) and notes from the YAML text."""
    if front is None:
        return {}, []
    where = f"{name}: front matter"
    data = load_yaml(front, where, first_line=2)  # line 1 is the opening '---'
    if data is None:
        return {}, []
    if not isinstance(data, dict):
        raise InputError(f"{where}: is not a mapping of keys to values (it is {_kind(data)})")

    fields: dict[str, Any] = {}
    given_by: dict[str, str] = {}  # field → the key that set it
    notes: list[str] = []
    for key, value in data.items():
        target = rules.FRONT_MATTER_KEYS.get(key.strip().lower()) if isinstance(key, str) else None
        if target is None:
            notes.append(f"front matter: unknown key {key!r}")
            continue
        converted = _CONVERTERS[target](value, f"{where}: {key!r}")
        if converted is None or converted == []:
            continue
        if target in rules.LIST_FIELDS:
            merged = fields.get(target, []) + converted
            fields[target] = list(dict.fromkeys(merged))
        elif target in fields and fields[target] != converted:
            raise InputError(f"{where}: {given_by[target]!r} and {key!r} disagree")
        else:
            fields[target] = converted
        given_by.setdefault(target, key)
    for target in rules.LIST_FIELDS & fields.keys():
        fields[target] = tuple(fields[target])
    return fields, notes


def _kind(value: object) -> str:
    match value:
        case bool():
            return f"a yes/no value ({str(value).lower()})"
        case int() | float():
            return "a number"
        case list():
            return "a list"
        case dict():
            return "a mapping"
        case _dt.date():
            return "a date"
        case str():
            return "text"
    return type(value).__name__


def _text(value: object, where: str) -> str | None:
    if isinstance(value, bool) or not isinstance(value, str | int | float):
        hint = "put the value in quotes" if isinstance(value, bool) else None
        raise InputError(f"{where} should be text, not {_kind(value)}", hint=hint)
    return _squash(str(value)) or None


def _date(value: object, where: str) -> _dt.date | None:
    if isinstance(value, _dt.datetime):
        return value.date()
    if isinstance(value, _dt.date):
        return value
    if not isinstance(value, str):
        raise InputError(f"{where} should be a date, not {_kind(value)}")
    if not value.strip():
        return None
    found = text_rules.parse_date(value)
    if found is None:
        try:
            found = _dt.datetime.fromisoformat(value.strip()).date()
        except ValueError:
            raise InputError(
                f"{where} is not a date: {value!r}",
                hint="write it as 2018-02-27 or Feb. 27, 2018",
            ) from None
    return found


def _language(value: object, where: str) -> str | None:
    tag = _text(value, where)
    if tag is not None and not rules.LANGUAGE_TAG.fullmatch(tag):
        raise InputError(f"{where} is not a language tag: {tag!r}", hint="e.g. en, en-US, fr")
    return tag


def _authors(value: object, where: str) -> list[str]:
    """A list holds one name per item; a string is a list of names (``split_authors``)."""
    if isinstance(value, str):
        return list(text_rules.split_authors(value))
    items = value if isinstance(value, list) else [value]
    authors: list[str] = []
    for item in items:
        if isinstance(item, dict):
            named = next((v for k, v in item.items() if str(k).lower() == "name"), None)
            if named is None:
                raise InputError(f"{where}: an author mapping has no 'name'")
            item = named
        if not isinstance(item, str):
            raise InputError(f"{where} should be names (text), not {_kind(item)}")
        if author := _squash(item):
            authors.append(author)
    return authors


def _keywords(value: object, where: str) -> list[str]:
    if isinstance(value, str):
        items: list[object] = list(value.split(","))
    elif isinstance(value, list):
        items = value
    else:
        raise InputError(f"{where} should be a list or comma-separated text, not {_kind(value)}")
    words: list[str] = []
    for item in items:
        word = _text(item, where)
        if word:
            words.append(word)
    return words


_CONVERTERS = {
    "title": _text,
    "subtitle": _text,
    "authors": _authors,
    "organization": _text,
    "publisher": _text,
    "date": _date,
    "language": _language,
    "keywords": _keywords,
    "source": _text,
    "description": _text,
    "section": _text,
    "identifier": _text,
    "dateline": _text,
}


# ------------------------------------------------------------------------ parser


def _parser(refused: list[str]) -> MarkdownIt:
    """A markdown-it parser that appends to ``refused`` every URL it will not link to."""
    md = MarkdownIt("commonmark", {"maxNesting": rules.MARKDOWN_IT_MAX_NESTING})
    md.enable(["table", "strikethrough"]).use(footnote_plugin)
    # Hrefs and image sources stay as the author wrote them (after unescaping);
    # markdown-it would percent-encode them, and local file names must match disk.
    md.normalizeLink = _as_written  # type: ignore[method-assign]
    validate = md.validateLink

    def validate_link(url: str) -> bool:
        allowed = validate(url)
        if not allowed:
            refused.append(url)
        return allowed

    md.validateLink = validate_link  # type: ignore[method-assign]
    return md


def _as_written(url: str) -> str:
    return url


def _too_deep(name: str) -> InputTooLarge:
    return InputTooLarge(
        f"{name}: nesting deeper than {rules.MAX_DEPTH} levels (lists or block quotes)"
    )


def _too_deep_inline(name: str) -> InputTooLarge:
    return InputTooLarge(
        f"{name}: inline markup (emphasis, links, quotations) nested deeper than "
        f"{rules.MAX_INLINE_DEPTH} levels"
    )


# --------------------------------------------------------------------- raw HTML


class _HTMLEvents(HTMLParser):
    """Raw HTML as a flat list of ``(kind, tag, attrs, data)`` events."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.events: list[tuple[str, str, dict[str, str], str]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.events.append(("start", tag, {k: v or "" for k, v in attrs}, ""))

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)
        if tag not in rules.VOID_TAGS:
            self.events.append(("end", tag, {}, ""))

    def handle_endtag(self, tag: str) -> None:
        self.events.append(("end", tag, {}, ""))

    def handle_data(self, data: str) -> None:
        self.events.append(("data", "", {}, data))

    def handle_comment(self, data: str) -> None:
        pass  # an author's aside to other authors, not article text

    def handle_decl(self, decl: str) -> None:
        self.events.append(("other", "<!…>", {}, ""))

    def unknown_decl(self, data: str) -> None:
        self.events.append(("other", "<![…]>", {}, ""))

    def handle_pi(self, data: str) -> None:
        self.events.append(("other", "<?…>", {}, ""))


def _html_events(html: str) -> list[tuple[str, str, dict[str, str], str]]:
    parser = _HTMLEvents()
    parser.feed(html)
    parser.close()
    return parser.events


# ---------------------------------------------------------------- inline frames


@dataclass(slots=True)
class _Frame:
    """An open inline element while a run of inline tokens is read.

    ``kind`` is ``root``, a markdown element (``em``, ``strong``, ``s``, ``link``), an
    allowed HTML element (``abbr``, ``span``, ``q``), ``plain`` (a refused one of those:
    the tag goes, the content stays) or ``drop`` (content discarded).
    """

    kind: str
    tag: str = ""  # the HTML tag that closes it
    attrs: dict[str, str] = field(default_factory=dict)
    children: list[Inline] = field(default_factory=list)
    count: int = 1  # for ``drop``: how many of ``tag`` are open


_HTML_KINDS = frozenset({"abbr", "span", "q"})
# Frames that become a nested model node (``s`` and ``abbr`` leave their text only).
_NESTING_KINDS = frozenset({"em", "strong", "link", "span", "q"})
_Segment = list[Inline] | Figure


class _Walker:
    """Walks a markdown-it token stream into blocks, collecting notes."""

    def __init__(self, name: str, tokens: list[Token]) -> None:
        self.name = name
        self.tokens = tokens
        self.notes: list[str] = []
        self.marks: list[str] = []  # the sanitizer's removal marks for raw HTML attributes
        self.close: dict[int, int] = {}  # index of an opening token → its closing token
        stack: list[int] = []
        for index, token in enumerate(tokens):
            if token.nesting == 1:
                stack.append(index)
            elif token.nesting == -1 and stack:
                self.close[stack.pop()] = index

    # ---------------------------------------------------------------- blocks

    def blocks(self, lo: int, hi: int, depth: int) -> list[Block]:
        if depth > rules.MAX_DEPTH:
            raise _too_deep(self.name)
        tokens = self.tokens
        out: list[Block] = []
        i = lo
        while i < hi:
            token = tokens[i]
            kind = token.type
            end = self.close.get(i, i)
            if kind == "heading_open":
                out.extend(self._heading(token, tokens[i + 1]))
            elif kind == "paragraph_open":
                out.extend(self._blocks_from(self._inlines(tokens[i + 1].children or [])))
            elif kind == "blockquote_open":
                inner = self.blocks(i + 1, end, depth + 1)
                if inner:
                    out.append(BlockQuote(tuple(inner)))
            elif kind in ("bullet_list_open", "ordered_list_open"):
                out.append(self._list(token, i, end, depth + 1))
            elif kind == "table_open":
                out.append(self._table(i, end))
            elif kind == "hr":
                out.append(ThematicBreak())
            elif kind in ("code_block", "fence"):
                out.extend(self._code(token.content))
            elif kind == "html_block":
                out.extend(self._blocks_from(self._html_block(token.content)))
            elif kind == "footnote_block_open":
                out.extend(self._footnotes(i, end, depth))
            i = end + 1
        return out

    def _heading(self, token: Token, inline: Token) -> list[Block]:
        children = self._inline_only(self._inlines(inline.children or []), "a heading")
        if not plain_text(children).strip():
            self.notes.append("empty heading dropped")
            return []
        return [Heading(int(token.tag[1:]), children)]

    def _list(self, token: Token, lo: int, hi: int, depth: int) -> ListBlock:
        items: list[ListItem] = []
        i = lo + 1
        while i < hi:
            end = self.close.get(i, i)
            if self.tokens[i].type == "list_item_open":
                items.append(ListItem(tuple(self.blocks(i + 1, end, depth))))
            i = end + 1
        ordered = token.type == "ordered_list_open"
        start = int(token.attrGet("start") or 1) if ordered else 1
        return ListBlock(tuple(items), ordered=ordered, start=start)

    def _table(self, lo: int, hi: int) -> Table:
        head: list[tuple[Cell, ...]] = []
        body: list[tuple[Cell, ...]] = []
        row: list[Cell] = []
        in_head = False
        for i in range(lo + 1, hi):
            token = self.tokens[i]
            match token.type:
                case "thead_open":
                    in_head = True
                case "thead_close":
                    in_head = False
                case "tr_open":
                    row = []
                case "tr_close":
                    (head if in_head else body).append(tuple(row))
                case "th_open" | "td_open":
                    inline = self.tokens[i + 1]
                    children = self._inline_only(
                        self._inlines(inline.children or []), "a table cell"
                    )
                    if in_head or token.type == "th_open":
                        row.append(Cell(children, header=True, scope="col"))
                    else:
                        row.append(Cell(children))
        return Table(tuple(head), tuple(body))

    def _code(self, content: str) -> list[Block]:
        lines = content.rstrip("\n").split("\n")
        if not any(line.strip() for line in lines):
            return []
        children: list[Inline] = []
        for index, line in enumerate(lines):
            if index:
                children.append(LineBreak())
            if line:
                children.append(Code(line))
        return [Paragraph(tuple(children))]

    def _footnotes(self, lo: int, hi: int, depth: int) -> list[Block]:
        items: list[ListItem] = []
        i = lo + 1
        while i < hi:
            end = self.close.get(i, i)
            token = self.tokens[i]
            if token.type == "footnote_open":
                # The plugin numbers footnotes by first reference, as the text's [N] links do.
                number = token.meta["id"] + 1
                items.append(ListItem(tuple(self.blocks(i + 1, end, depth)), id=f"fn-{number}"))
            i = end + 1
        if not items:
            return []
        return [Heading(2, (Text("Notes"),)), ListBlock(tuple(items), ordered=True)]

    def _blocks_from(self, segments: list[_Segment]) -> list[Block]:
        """Paragraphs and figures, in order, from a paragraph's inline segments."""
        out: list[Block] = []
        for segment in segments:
            if isinstance(segment, Figure):
                out.append(segment)
            elif run := _trim(segment):
                out.append(Paragraph(run))
        return out

    def _inline_only(self, segments: list[_Segment], where: str) -> tuple[Inline, ...]:
        """Inline content where no figure can go: an image keeps only its alt text."""
        children: list[Inline] = []
        for segment in segments:
            if isinstance(segment, Figure):
                self.notes.append(f"image in {where} kept as its alt text: {segment.image.src}")
                if segment.image.alt:
                    children.append(Text(segment.image.alt))
            else:
                children.extend(segment)
        return _trim(children)

    # --------------------------------------------------------------- inlines

    def _inlines(self, tokens: list[Token]) -> list[_Segment]:
        """A run of inline tokens → runs of inlines, cut wherever an image stands."""
        segments: list[_Segment] = []
        stack = [_Frame("root")]
        for token in tokens:
            top = stack[-1]
            kind = token.type
            if top.kind == "drop":
                if kind == "html_inline":
                    for event, tag, _, _ in _html_events(token.content):
                        self._drop_event(stack, event, tag)
                continue
            if kind == "text":
                top.children.append(Text(token.content))
            elif kind == "softbreak":
                top.children.append(Text(" "))
            elif kind == "hardbreak":
                top.children.append(LineBreak())
            elif kind == "code_inline":
                top.children.append(Code(token.content))
            elif kind in ("em_open", "strong_open", "s_open"):
                self._open(stack, _Frame(kind.removesuffix("_open")))
            elif kind == "link_open":
                attrs = {"href": str(token.attrGet("href") or "")}
                if title := token.attrGet("title"):
                    attrs["title"] = str(title)
                self._open(stack, _Frame("link", attrs=attrs))
            elif kind in ("em_close", "strong_close", "s_close", "link_close"):
                self._close(stack, kind.removesuffix("_close"))
            elif kind == "image":
                self._image(
                    stack,
                    segments,
                    str(token.attrGet("src") or ""),
                    _alt(token.children or []),
                    str(token.attrGet("title") or ""),
                )
            elif kind == "html_inline":
                for event in _html_events(token.content):
                    self._html_event(stack, segments, event, collapse=False)
            elif kind == "footnote_ref":
                number = int(token.meta["id"]) + 1
                top.children.append(Link(f"#fn-{number}", (Text(f"[{number}]"),)))
            elif token.content:
                top.children.append(Text(token.content))
        segments.append(_close_all(stack, self.notes))
        return segments

    def _html_block(self, html: str) -> list[_Segment]:
        segments: list[_Segment] = []
        stack = [_Frame("root")]
        for event in _html_events(html):
            if stack[-1].kind == "drop":
                self._drop_event(stack, event[0], event[1])
            else:
                self._html_event(stack, segments, event, collapse=True)
        segments.append(_close_all(stack, self.notes))
        return segments

    def _drop_event(self, stack: list[_Frame], event: str, tag: str) -> None:
        top = stack[-1]
        if tag != top.tag:
            return
        if event == "start" and tag not in rules.VOID_TAGS:
            top.count += 1
        elif event == "end":
            top.count -= 1
            if not top.count:
                stack.pop()

    def _html_event(
        self,
        stack: list[_Frame],
        segments: list[_Segment],
        event: tuple[str, str, dict[str, str], str],
        *,
        collapse: bool,
    ) -> None:
        kind, tag, attrs, data = event
        top = stack[-1]
        self.marks += [m for k, v in attrs.items() if (m := attribute_mark(k, v))]
        if kind == "data":
            text = re.sub(r"\s+", " ", data) if collapse else data
            if text:
                top.children.append(Text(text))
        elif kind == "other":
            self.notes.append(f"raw HTML dropped: {tag}")
        elif kind == "end":
            if tag in _HTML_KINDS and any(f.tag == tag for f in stack[1:]):
                while stack[-1].tag != tag:
                    _pop(stack, self.notes)
                _pop(stack, self.notes)
        elif tag in rules.DROP_CONTENT_TAGS:
            self.notes.append(f"raw HTML dropped: <{tag}>")
            if tag not in rules.VOID_TAGS:
                stack.append(_Frame("drop", tag=tag))
        elif tag == "br":
            top.children.append(LineBreak())
        elif tag == "img":
            if "src" not in attrs:
                self.notes.append("raw HTML dropped: <img> without src")
                return
            self._image(
                stack,
                segments,
                attrs["src"],
                attrs.get("alt"),
                attrs.get("title", ""),
                width=attrs.get("width"),
                height=attrs.get("height"),
            )
        elif tag in _HTML_KINDS:
            # A refused tag still opens a "plain" frame, so that its end tag closes it
            # and not an enclosing element of the same name.
            wanted = {"abbr": "title", "span": "lang"}.get(tag)
            kind = "plain"
            if sum(1 for f in stack if f.tag) >= rules.MAX_HTML_FRAMES:
                self.notes.append(f"raw HTML dropped: <{tag}> nested too deeply")
                return
            if wanted and not attrs.get(wanted, "").strip():
                self.notes.append(f"raw HTML dropped: <{tag}> without {wanted}")
            elif tag == "span" and not rules.LANGUAGE_TAG.fullmatch(attrs["lang"].strip()):
                self.notes.append(f"raw HTML dropped: <span lang={attrs['lang']!r}>")
            elif sum(f.kind in _HTML_KINDS for f in stack) >= rules.MAX_HTML_DEPTH:
                self.notes.append(f"raw HTML dropped: <{tag}> nested too deeply")
            else:
                kind = tag
            self._open(stack, _Frame(kind, tag=tag, attrs=attrs))
        else:
            self.notes.append(f"raw HTML dropped: <{tag}>")

    def _open(self, stack: list[_Frame], frame: _Frame) -> None:
        """Open ``frame``, refusing inline markup nested deeper than later stages can take."""
        if (
            frame.kind in _NESTING_KINDS
            and sum(f.kind in _NESTING_KINDS for f in stack) >= rules.MAX_INLINE_DEPTH
        ):
            raise _too_deep_inline(self.name)
        stack.append(frame)

    def _close(self, stack: list[_Frame], kind: str) -> None:
        if not any(f.kind == kind for f in stack[1:]):
            return
        while stack[-1].kind != kind:
            _pop(stack, self.notes)
        _pop(stack, self.notes)

    def _image(
        self,
        stack: list[_Frame],
        segments: list[_Segment],
        src: str,
        alt: str | None,
        title: str,
        *,
        width: str | None = None,
        height: str | None = None,
    ) -> None:
        """Cut the run at an image: what came before, the figure, then the rest."""
        src = src.strip()
        if not src:
            self.notes.append("image without a source dropped")
            if alt and alt.strip():
                stack[-1].children.append(Text(alt))
            return
        if rules.REMOTE_SRC.match(src):
            self.notes.append(f"remote image not fetched: {src}")
        if any(f.kind == "link" for f in stack):
            self.notes.append(f"link around an image not kept: {src}")
        if alt is not None:
            alt = _squash(alt)
        image = Image(
            src,
            alt,
            decorative=alt == "",
            width=_dimension(width),
            height=_dimension(height),
        )
        caption_text, credit = _squash(title), None
        if found := text_rules.find_credit(caption_text):  # the HTML reader's rule
            caption_text, credit = caption_text[: found.start].rstrip(), found.text
        caption = (Text(caption_text),) if caption_text else ()
        segments.append(_close_all(stack, self.notes, reopen=True))
        segments.append(Figure(image, caption, credit))


def _pop(stack: list[_Frame], notes: list[str]) -> None:
    """Close the innermost open frame into its parent."""
    frame = stack.pop()
    stack[-1].children.extend(_wrap(frame, notes))


def _close_all(stack: list[_Frame], notes: list[str], *, reopen: bool = False) -> list[Inline]:
    """Close every open frame and return the root's run; with ``reopen`` the frames stay
    open (empty) so that the text after a figure keeps its emphasis or link."""
    carry: list[Inline] = []
    for frame in reversed(stack[1:]):
        carry = _wrap(_Frame(frame.kind, frame.tag, frame.attrs, [*frame.children, *carry]), notes)
    run = [*stack[0].children, *carry]
    if reopen:
        for frame in stack:
            frame.children = []
    else:
        del stack[1:]
        stack[0].children = []
    return run


def _wrap(frame: _Frame, notes: list[str]) -> list[Inline]:
    children = _merge(frame.children)
    if frame.kind == "drop":
        return []
    if not children:
        if frame.kind == "link":
            notes.append(f"link without text dropped: {frame.attrs['href']}")
        return []
    match frame.kind:
        case "em":
            return [Emphasis(children)]
        case "strong":
            return [Strong(children)]
        case "link":
            return [Link(frame.attrs["href"], children, frame.attrs.get("title"))]
        case "abbr":
            text = _squash(plain_text(children))
            return [Abbr(text, _squash(frame.attrs["title"]))] if text else []
        case "span":
            return [Span(frame.attrs["lang"].strip(), children)]
        case "q":
            return [Quote(children)]
        case "s":
            notes.append("strikethrough kept as plain text")
    return list(children)


def _merge(children: list[Inline]) -> tuple[Inline, ...]:
    """Adjacent texts joined into one."""
    out: list[Inline] = []
    for child in children:
        if isinstance(child, Text) and out and isinstance(out[-1], Text):
            out[-1] = Text(out[-1].text + child.text)
        elif not (isinstance(child, Text) and not child.text):
            out.append(child)
    return tuple(out)


def _trim(children: list[Inline] | tuple[Inline, ...]) -> tuple[Inline, ...]:
    """No whitespace or line break at either end; () when nothing visible is left."""
    run = list(_merge(list(children)))
    while run and isinstance(run[0], LineBreak):
        run.pop(0)
    while run and isinstance(run[-1], LineBreak):
        run.pop()
    if not run:
        return ()
    run[0] = _strip_edge(run[0], start=True)
    run[-1] = _strip_edge(run[-1], start=False)
    run = [node for node in run if not (isinstance(node, Text) and not node.text)]
    if not plain_text(run).strip():
        return ()
    return tuple(run)


def _strip_edge(node: Inline, *, start: bool) -> Inline:
    """``node`` without the whitespace at its start (or end), however deep that text lies.

    A loop down the edge and back up, not recursion: the path is as long as the markup
    is deep, and the reader must finish before it can refuse what is too deep.
    """
    edge = 0 if start else -1
    path: list[Emphasis | Strong | Quote] = []
    while isinstance(node, Emphasis | Strong | Quote) and node.children:
        path.append(node)
        node = node.children[edge]
    if isinstance(node, Text):
        node = Text(node.text.lstrip() if start else node.text.rstrip())
    for parent in reversed(path):
        inner = list(parent.children)
        inner[edge] = node
        node = type(parent)(tuple(inner))
    return node


def _alt(tokens: list[Token]) -> str:
    """The plain text of an image description (nested images included)."""
    parts: list[str] = []
    pending = list(reversed(tokens))
    while pending:
        token = pending.pop()
        if token.type in ("text", "code_inline"):
            parts.append(token.content)
        elif token.type in ("softbreak", "hardbreak"):
            parts.append(" ")
        elif token.children:
            pending.extend(reversed(token.children))
    return "".join(parts)


def _dimension(value: str | None) -> int | None:
    if value is None:
        return None
    value = value.strip().removesuffix("px")
    return int(value) if value.isdigit() and 0 < len(value) <= 5 and int(value) > 0 else None


def _squash(text: str) -> str:
    return " ".join(text.split())


def _unique(notes: list[str]) -> list[str]:
    return list(dict.fromkeys(notes))
