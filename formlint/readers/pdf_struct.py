"""Walk a tagged PDF's structure tree (StructTreeRoot /K) for the accessibility checks.

pdfplumber's own ``structure_tree`` drops the object-reference (OBJR) kids and keeps
custom types un-mapped, so formlint walks the tree itself: every structure element is
resolved once (the tree is object-level data, so this is part of the fast tier), its
type mapped through /RoleMap to a standard type, and what the checks need is kept:

* ``figures``: every element whose standard type is Figure, with /Alt, /ActualText,
  the page (its own /Pg or the nearest ancestor's) and the /A /BBox when given;
* ``objr_owners``: annotation object number -> (standard type, /Alt) of the element
  whose /K holds an OBJR to it. This is the second way (after /StructParent and the
  ParentTree) to find the tag of a widget or link; the checks accept either;
* ``headings``: every element whose standard type is H or H1-H6, in reading order,
  with the marked-content ids (MCIDs) of its subtree on its page, so that the reader
  can look up the text of the ones a check reports;
* ``tables``: every Table element, with its header cells (<TH>) that have no Scope
  attribute (in /A, or through /C and the ClassMap) and its cells that have Headers.

Marked-content kids (integers and MCR dictionaries) are never resolved to content. The walk is
iterative, visits each object once (a loop in a damaged tree is cut) and stops at
``MAX_ELEMENTS``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from formlint.readers import pdf_objects as obj
from formlint.readers.pdf_facts import PdfFigure, PdfHeading, PdfTable
from formlint.readers.pdf_headings import HEADING_LEVELS, clean

MAX_ELEMENTS = 200_000
MAX_DEPTH = 256


@dataclass(slots=True)
class StructWalk:
    element_count: int = 0
    figures: list[PdfFigure] = field(default_factory=list)
    objr_owners: dict[int, tuple[str | None, str | None]] = field(default_factory=dict)
    headings: list[PdfHeading] = field(default_factory=list)
    tables: list[PdfTable] = field(default_factory=list)
    form_elements: int = 0
    truncated: bool = False


def walk_structure(
    struct_root: dict[str, Any],
    standard_type: Any,
    page_numbers: dict[int, int],
    page_boxes: dict[int, tuple[float, float, float, float]],
) -> StructWalk:
    """The facts above. ``standard_type`` maps a raw /S name through the RoleMap;
    ``page_numbers`` maps a page object number to its 1-based page number and
    ``page_boxes`` a page number to its MediaBox (for /BBox attributes)."""
    result = StructWalk()
    visited: set[int] = set()
    mapped: dict[str | None, str | None] = {}  # RoleMap lookups, once per type name
    # (kid, page inherited from the parent, depth, the parent's (standard type, element),
    # the heading and the table whose subtree this is, if any)
    Item = tuple[Any, "int | None", int, "tuple[str | None, dict[str, Any]] | None", "PdfHeading | None",
                 "PdfTable | None"]
    stack: list[Item] = [(kid, None, 0, None, None, None) for kid in reversed(_kids(struct_root.get("K")))]
    mcids: dict[int, list[tuple[int | None, int]]] = {}  # heading index -> (page, MCID)
    classes = _ClassMap(struct_root.get("ClassMap"))
    while stack:
        ref, page, depth, parent, heading, table = stack.pop()
        if isinstance(ref, int):  # an MCID
            continue
        ident = obj.objid(ref)
        if ident is not None:
            if ident in visited:
                continue
            visited.add(ident)
        node = obj.as_dict(ref)
        if not node:
            continue
        kind = obj.name(node.get("Type"))
        if kind == "OBJR":
            target = obj.objid(node.get("Obj"))
            if target is not None and parent is not None:
                owner_type, owner = parent
                result.objr_owners.setdefault(target, (owner_type, obj.text(owner.get("Alt")) or None))
            continue
        if kind == "MCR" or "S" not in node:
            continue
        result.element_count += 1
        if result.element_count > MAX_ELEMENTS:
            result.truncated = True
            break
        own_page = page_numbers.get(obj.objid(node.get("Pg")) or -1, page)
        raw_type = obj.name(node.get("S"))
        if raw_type not in mapped:
            mapped[raw_type] = standard_type(raw_type)
        standard = mapped[raw_type]
        if standard == "Figure":
            result.figures.append(_figure(node, raw_type, own_page, page_boxes, len(result.figures) + 1))
        elif standard == "Form":
            result.form_elements += 1
        elif standard in HEADING_LEVELS and heading is None:
            heading = _heading(node, raw_type or standard, HEADING_LEVELS[standard], own_page, len(result.headings) + 1)
            result.headings.append(heading)
        elif standard == "Table":
            table = PdfTable(index=len(result.tables) + 1, page=own_page)
            result.tables.append(table)
        if table is not None and table.page is None:
            table.page = own_page  # a Table without /Pg: the page of its first tagged part
        if standard in ("TH", "TD") and table is not None:
            keys = classes.attribute_keys(node)
            if "Headers" in keys:
                table.cells_with_headers += 1
            if standard == "TH":
                table.header_cells += 1
                if "Scope" not in keys:
                    table.headers_without_scope += 1
        if depth >= MAX_DEPTH:
            continue
        info = (standard, node)  # the owner's /Alt is decoded only if an OBJR needs it
        pending: list[Item] = []
        for kid in _kids(node.get("K")):
            if isinstance(kid, int):
                if heading is not None:
                    mcids.setdefault(heading.index, []).append((own_page, kid))
                continue
            if isinstance(kid, dict) and obj.name(kid.get("Type")) == "MCR":
                # marked content (possibly on another page): nothing to resolve
                mcid = obj.integer(kid.get("MCID"))
                if heading is not None and mcid is not None:
                    kid_page = page_numbers.get(obj.objid(kid.get("Pg")) or -1, own_page)
                    mcids.setdefault(heading.index, []).append((kid_page, mcid))
                continue
            pending.append((kid, own_page, depth + 1, info, heading, table))
        stack.extend(reversed(pending))  # popped in document order
    for heading in result.headings:
        found = mcids.get(heading.index, [])
        if heading.page is None and found:
            heading.page = found[0][0]
        heading.mcids = tuple(mcid for page, mcid in found if page == heading.page)
    return result


class _ClassMap:
    """The attribute names of an element: its own (/A) and its classes' (/C names,
    looked up in the StructTreeRoot's /ClassMap)."""

    def __init__(self, class_map: Any) -> None:
        self._classes = obj.as_dict(class_map)
        self._keys: dict[str, frozenset[str]] = {}  # class name -> attribute keys

    def attribute_keys(self, node: dict[str, Any]) -> set[str]:
        keys = {str(k) for attribute in _attribute_dicts(node.get("A")) for k in attribute}
        names = obj.resolve(node.get("C"))
        for name in names if isinstance(names, list) else [names]:
            class_name = obj.name(name)
            if class_name is None:
                continue
            if class_name not in self._keys:
                self._keys[class_name] = frozenset(
                    str(k) for attribute in _attribute_dicts(self._classes.get(class_name)) for k in attribute)
            keys |= self._keys[class_name]
        return keys


def _attribute_dicts(value: Any) -> list[dict[str, Any]]:
    """Attribute objects as /A or a ClassMap entry gives them: one dictionary, or an
    array of them (with revision numbers between, which are skipped)."""
    value = obj.resolve(value)
    return [d for d in (obj.as_dict(item) for item in (value if isinstance(value, list) else [value])) if d]


def _heading(node: dict[str, Any], raw_type: str, level: int | None, page: int | None, index: int) -> PdfHeading:
    """A heading element; its text if the tag itself states it (else the reader may look
    it up on the page)."""
    stated = next((t for t in (obj.text(node.get(k)) for k in ("ActualText", "Alt", "T")) if t and t.strip()), None)
    return PdfHeading(index=index, level=level, page=page, struct_type=raw_type, text=clean(stated) or None)


def _kids(value: Any) -> list[Any]:
    """/K as a list: an array (possibly indirect), or one kid (kept as a reference, so
    the walk can tell it was visited)."""
    if value is None:
        return []
    if isinstance(value, list):
        return value
    resolved = obj.resolve(value)
    return resolved if isinstance(resolved, list) else [value]


def _figure(
    node: dict[str, Any],
    raw_type: str | None,
    page: int | None,
    page_boxes: dict[int, tuple[float, float, float, float]],
    index: int,
) -> PdfFigure:
    bbox = None
    for attribute in _attribute_dicts(node.get("A")):
        box = obj.rect(attribute.get("BBox"))
        if box is not None and page is not None and page in page_boxes:
            bbox = obj.top_based(box, page_boxes[page])
            break
    return PdfFigure(
        index=index,
        page=page,
        struct_type=raw_type or "Figure",
        alt=obj.text(node.get("Alt")),
        actual_text=obj.text(node.get("ActualText")),
        bbox=bbox,
    )
