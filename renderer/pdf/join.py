"""Join separately laid-out PDF parts into one tagged PDF (for packets laid out in slices).

A packet too large to lay out as one WeasyPrint document is laid out in parts
(:mod:`renderer.pdf.slices`): the *front* (cover and contents, whose catalog,
XMP and language the packet keeps), then *slices* of articles, each a tagged
PDF whose structure tree is ``Document > Part`` (the packet's ``<main>``), and a
*furniture* PDF with one page per page of the packet holding only the page
furniture that needs the whole packet (the "Page X of Y" footer).

:func:`join` makes one document of them with pikepdf:

* pages in order; the furniture page of the same number is drawn over each
  page as a form XObject, inside ``/Artifact`` (page furniture is never content);
* one structure tree: the slices' ``Part`` elements are one ``Part`` (one source
  element, ``<main>``), appended after the front's elements under one ``Document``;
* one ParentTree: every slice's keys are moved past the keys already used, and
  the pages', form XObjects' and annotations' ``/StructParents``/``/StructParent``
  with them; ``ParentTreeNextKey`` follows;
* one ``IDTree`` and one named-destination tree (sorted, as name trees must be),
  where a slice's destination replaces the front's placeholder of the same name,
  so the contents' links land on the articles;
* one outline: the front's bookmarks, then each slice's, in order.

Objects are copied with ``copy_foreign`` after the slice's pages, so every
``/Pg``, annotation and destination of a slice lands on the copied page. The
join only moves and renumbers; it never rewrites content streams, so the text,
MCIDs and marked content of each page are exactly what the part's writer made.
"""

from __future__ import annotations

import io
import warnings
from collections.abc import Iterable
from itertools import pairwise

import pikepdf
from pikepdf import Array, Dictionary, Name, Object, Pdf

from ..errors import RenderError

__all__ = ["join"]

#: The furniture form's name in each page's resources (unlikely to clash with WeasyPrint's).
FURNITURE = Name("/RendererFurniture")


def join(front: bytes, slices: Iterable[bytes], furniture: bytes | None) -> bytes:
    """One PDF of ``front`` then every slice, with ``furniture`` drawn over each page."""
    out = Pdf.open(io.BytesIO(front))
    tree = out.Root.StructTreeRoot
    document = _document(tree, "the packet's front")
    next_key = int(tree.get("/ParentTreeNextKey", 0))
    nums = _pairs(tree.ParentTree, "/Nums")
    ids = _pairs(tree.get("/IDTree"), "/Names")
    dests = _pairs(_dests(out), "/Names")
    outline = _outline_items(out.Root.get("/Outlines"))
    main: Object | None = None

    for number, data in enumerate(slices, 1):
        src = Pdf.open(io.BytesIO(data))
        first_page = len(out.pages)
        with warnings.catch_warnings():
            # pikepdf warns that named destinations are not carried over: they are, below.
            warnings.simplefilter("ignore", pikepdf.PageCopyWarning)
            out.pages.extend(src.pages)
        offset = next_key
        shifted: set[tuple[int, int]] = set()  # a form drawn on two pages moves once
        for page in out.pages[first_page:]:
            _shift_keys(page.obj, offset, shifted)
        src_tree = src.Root.StructTreeRoot
        for key, value in _pairs(src_tree.ParentTree, "/Nums"):
            nums.append((int(key) + offset, _copy(out, value)))
        next_key = offset + int(src_tree.get("/ParentTreeNextKey", 0))
        for kid in _document(src_tree, f"slice {number}").K:
            del kid["/P"]  # its parent is re-set below; do not drag the slice's tree along
            copied = out.copy_foreign(kid)
            if main is None:
                if copied.get("/S") != Name.Part:
                    raise RenderError(f"slice {number} of the packet does not hold its <main>")
                main = copied
                copied.P = document
                document.K.append(copied)
            else:
                # The same <main> continued: one Part, as in a packet laid out at once.
                for grandkid in copied.K:
                    if isinstance(grandkid, Dictionary) and "/S" in grandkid:
                        grandkid.P = main
                    main.K.append(grandkid)
        ids += [(k, _copy(out, v)) for k, v in _pairs(src_tree.get("/IDTree"), "/Names")]
        slice_dests = {bytes(k): _copy(out, v) for k, v in _pairs(_dests(src), "/Names")}
        dests = [(k, v) for k, v in dests if bytes(k) not in slice_dests]
        dests += [(pikepdf.String(k), v) for k, v in slice_dests.items()]
        outline += [_copy_item(out, item) for item in _outline_items(src.Root.get("/Outlines"))]

    tree.ParentTree = Dictionary(Nums=Array(_flat(sorted(nums, key=lambda p: int(p[0])))))
    tree.ParentTreeNextKey = next_key
    if ids:
        tree.IDTree = Dictionary(Names=Array(_flat(sorted(ids, key=lambda p: bytes(p[0])))))
    if dests:
        names = out.Root.get("/Names")
        if names is None:
            names = out.Root.Names = out.make_indirect(Dictionary())
        names.Dests = Dictionary(Names=Array(_flat(sorted(dests, key=lambda p: bytes(p[0])))))
    if outline:
        _write_outline(out, outline)
    if furniture is not None:
        _overlay(out, furniture)
    buffer = io.BytesIO()
    out.save(
        buffer,
        deterministic_id=True,
        object_stream_mode=pikepdf.ObjectStreamMode.generate,
        compress_streams=True,
    )
    return buffer.getvalue()


# ----------------------------------------------------------------------- helpers


def _document(tree: Object, what: str) -> Object:
    kids = tree.K
    root = kids[0] if isinstance(kids, Array) and len(kids) == 1 else kids
    if not isinstance(root, Dictionary) or root.get("/S") != Name.Document:
        raise RenderError(f"{what}: the structure tree has no single Document element")
    if not isinstance(root.get("/K"), Array):
        root.K = Array([root.K]) if "/K" in root else Array()
    return root


def _pairs(tree: Object | None, key: str) -> list[tuple[Object, Object]]:
    """The (key, value) pairs of a number or name tree, its kids included, in order."""
    if tree is None:
        return []
    found: list[tuple[Object, Object]] = []
    stack = [tree]
    while stack:
        node = stack.pop()
        if key in node:
            flat = list(node[key])
            found += list(zip(flat[0::2], flat[1::2], strict=True))
        if "/Kids" in node:
            stack.extend(reversed(list(node.Kids)))
    return found


def _flat(pairs: list[tuple[Object, Object]]) -> list[Object]:
    return [item for pair in pairs for item in pair]


def _dests(pdf: Pdf) -> Object | None:
    names = pdf.Root.get("/Names")
    return names.get("/Dests") if names is not None else None


def _copy(out: Pdf, value: Object) -> Object:
    """``copy_foreign`` for what may be a direct array or dictionary of references."""
    if isinstance(value, Array) and not value.is_indirect:
        return Array([_copy(out, item) for item in value])
    if isinstance(value, Dictionary) and not value.is_indirect:
        return Dictionary({k: _copy(out, v) for k, v in value.items()})
    if isinstance(value, (Array, Dictionary, pikepdf.Stream)):
        return out.copy_foreign(value)
    return value


def _shift_keys(obj: Object, offset: int, seen: set[tuple[int, int]]) -> None:
    """Move a copied page's ParentTree keys (its own, its forms', its annotations')."""
    if obj.is_indirect:
        if obj.objgen in seen:
            return
        seen.add(obj.objgen)
    if "/StructParents" in obj:
        obj.StructParents = int(obj.StructParents) + offset
    for annotation in obj.get("/Annots", ()):
        if "/StructParent" in annotation:
            annotation.StructParent = int(annotation.StructParent) + offset
    resources = obj.get("/Resources")
    if resources is not None:
        for xobject in resources.get("/XObject", {}).values():
            if xobject.get("/Subtype") == Name.Form:
                _shift_keys(xobject, offset, seen)


# ----------------------------------------------------------------------- outline


def _outline_items(outlines: Object | None) -> list[tuple[Object, Object, list]]:
    """(title, destination, children) for each bookmark, in order."""
    if outlines is None or "/First" not in outlines:
        return []
    items = []
    node = outlines.First
    while node is not None:
        destination = node.get("/Dest")
        if destination is None and "/A" in node:
            destination = node.A.get("/D")
        items.append((node.Title, destination, _outline_items(node)))
        node = node.get("/Next")
    return items


def _copy_item(out: Pdf, item: tuple[Object, Object, list]) -> tuple[Object, Object, list]:
    title, destination, children = item
    return title, _copy(out, destination), [_copy_item(out, child) for child in children]


def _write_outline(out: Pdf, items: list[tuple[Object, Object, list]]) -> None:
    root = out.make_indirect(Dictionary(Type=Name.Outlines))

    def attach(parent: Object, entries: list) -> int:
        made = []
        for title, destination, children in entries:
            node = out.make_indirect(Dictionary(Title=title, Parent=parent))
            if destination is not None:
                node.Dest = destination
            made.append((node, children))
        for (node, _), following in pairwise(made):
            node.Next, following[0].Prev = following[0], node
        total = len(made)
        for node, children in made:
            if children:
                count = attach(node, children)
                node.Count = count  # open: WeasyPrint writes bookmarks open by default
                total += count
        if made:
            parent.First, parent.Last = made[0][0], made[-1][0]
        return total

    root.Count = attach(root, items)
    out.Root.Outlines = root


# ----------------------------------------------------------------------- furniture


def _overlay(out: Pdf, furniture: bytes) -> None:
    layer = Pdf.open(io.BytesIO(furniture))
    if len(layer.pages) != len(out.pages):
        raise RenderError(
            f"the packet's page furniture has {len(layer.pages)} pages for "
            f"{len(out.pages)} pages of content"
        )
    for page, over in zip(out.pages, layer.pages, strict=True):
        form = out.copy_foreign(over.as_form_xobject())
        # WeasyPrint shares one resource dictionary among a document's pages: each page
        # gets its own (the same entries, plus its furniture form).
        shared = page.obj.get("/Resources")
        resources = Dictionary(dict(shared.items())) if shared is not None else Dictionary()
        xobjects = resources.get("/XObject")
        resources.XObject = Dictionary(dict(xobjects.items()) if xobjects is not None else {})
        resources.XObject[FURNITURE] = form
        page.obj.Resources = resources
        # The page's own content is wrapped in q … Q so that whatever state it leaves
        # (WeasyPrint flips the y axis) does not move the furniture.
        page.contents_add(out.make_stream(b"q\n"), prepend=True)
        page.contents_add(
            out.make_stream(
                b"\nQ\n/Artifact <</Type /Pagination>> BDC\nq /RendererFurniture Do Q\nEMC\n"
            )
        )
