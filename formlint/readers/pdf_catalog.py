"""Object-level facts from pdfminer: page tree, annotations, structure lookups, fonts.

Nothing here interprets a content stream; this is the cheap part of the fast tier.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from formlint.readers import pdf_objects as obj
from formlint.readers.pdf_facts import PdfAnnotation, PdfFont, is_standard_14
from formlint.readers.pdf_fields import ANNOT_HIDDEN

MAX_PAGES = 100_000
MAX_TREE_NODES = 500_000
LETTER = (0.0, 0.0, 612.0, 792.0)

STANDARD_STRUCTURE_TYPES = frozenset(
    """Document Part Art Sect Div BlockQuote Caption TOC TOCI Index NonStruct Private
    P H H1 H2 H3 H4 H5 H6 L LI Lbl LBody Table TR TH TD THead TBody TFoot Span Quote
    Note Reference BibEntry Code Link Annot Ruby RB RT RP Warichu WT WP Figure Formula
    Form DocumentFragment Aside Title FENote Sub Em Strong Artifact""".split()
)


@dataclass(slots=True)
class RawPage:
    number: int
    objid: int | None
    attrs: dict[str, Any]
    mediabox: tuple[float, float, float, float]
    rotation: int


@dataclass(slots=True)
class PageWalk:
    pages: list[RawPage] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)


def walk_pages(catalog: dict[str, Any]) -> PageWalk:
    """The page tree in order, with MediaBox and Rotate inherited; loops are cut."""
    result = PageWalk()
    visited: set[int] = set()
    stack: list[tuple[Any, Any, Any, int]] = [(catalog.get("Pages"), None, None, 0)]
    nodes = 0
    while stack:
        ref, mediabox, rotate, depth = stack.pop()
        nodes += 1
        if nodes > MAX_TREE_NODES or len(result.pages) >= MAX_PAGES:
            result.warnings.append("the page tree is too large; the rest was not read")
            break
        node_id = obj.objid(ref)
        if node_id is not None:
            if node_id in visited:
                if not any("twice" in w for w in result.warnings):
                    result.warnings.append(f"the page tree visits object {node_id} twice (a loop)")
                continue
            visited.add(node_id)
        node = obj.as_dict(ref)
        if not node:
            continue
        mediabox = node.get("MediaBox", mediabox)
        rotate = node.get("Rotate", rotate)
        node_type = obj.name(node.get("Type"))
        if "Kids" in node and node_type != "Page":
            if depth > 64:
                result.warnings.append("the page tree is nested too deeply; part of it was not read")
                continue
            for kid in reversed(obj.as_list(node.get("Kids"))):
                stack.append((kid, mediabox, rotate, depth + 1))
            continue
        box = obj.rect(mediabox) or LETTER
        rotation = (obj.integer(rotate, 0) or 0) % 360
        result.pages.append(RawPage(len(result.pages) + 1, node_id, node, box, rotation))
    return result


class StructLookup:
    """Maps an annotation's /StructParent to its structure element's type and /Alt.

    Built lazily: only the ParentTree entries of annotations are resolved, never the
    page arrays of marked-content elements.
    """

    def __init__(self, struct_root: dict[str, Any]) -> None:
        self._root = struct_root
        self._entries: dict[int, Any] | None = None
        self._role_map = {str(k): obj.name(v) for k, v in obj.as_dict(struct_root.get("RoleMap")).items()}

    def element(self, key: int) -> tuple[str | None, str | None]:
        if self._entries is None:
            self._entries = _number_tree(self._root.get("ParentTree"))
        value = obj.resolve(self._entries.get(key))
        if isinstance(value, list):  # a page's MCID array, not an annotation's element
            return None, None
        element = obj.as_dict(value)
        if not element:
            return None, None
        return self.standard_type(obj.name(element.get("S"))), obj.text(element.get("Alt"))

    def standard_type(self, struct_type: str | None) -> str | None:
        seen: set[str] = set()
        while struct_type is not None and struct_type not in STANDARD_STRUCTURE_TYPES and struct_type not in seen:
            seen.add(struct_type)
            mapped = self._role_map.get(struct_type)
            if mapped is None:
                break
            struct_type = mapped
        return struct_type


def _number_tree(root: Any) -> dict[int, Any]:
    """A number tree's /Nums, flattened; values stay unresolved references."""
    entries: dict[int, Any] = {}
    visited: set[int] = set()
    stack = [root]
    nodes = 0
    while stack and nodes < MAX_TREE_NODES:
        ref = stack.pop()
        nodes += 1
        node_id = obj.objid(ref)
        if node_id is not None:
            if node_id in visited:
                continue
            visited.add(node_id)
        node = obj.as_dict(ref)
        nums = obj.as_list(node.get("Nums"))
        for i in range(0, len(nums) - 1, 2):
            key = obj.integer(nums[i])
            if key is not None:
                entries[key] = nums[i + 1]
        stack.extend(obj.as_list(node.get("Kids")))
    return entries


def read_annotations(
    page: RawPage,
    widget_names: dict[int, str],
    struct: StructLookup | None,
) -> list[PdfAnnotation]:
    annotations = []
    for ref in obj.as_list(page.attrs.get("Annots")):
        annot = obj.as_dict(ref)
        if not annot:
            continue
        annot_id = obj.objid(ref)
        subtype = obj.name(annot.get("Subtype"))
        box = obj.rect(annot.get("Rect"))
        flags = obj.integer(annot.get("F"), 0) or 0
        struct_parent = obj.integer(annot.get("StructParent"))
        struct_type = struct_alt = None
        if struct is not None and struct_parent is not None:
            struct_type, struct_alt = struct.element(struct_parent)
        is_widget = subtype == "Widget"
        field_name = widget_names.get(annot_id) if annot_id is not None else None
        if is_widget and field_name is None:
            field_name = _name_from_parents(annot)
        action = obj.as_dict(annot.get("A"))
        uri = obj.text(action.get("URI")) if obj.name(action.get("S")) == "URI" else None
        annotations.append(
            PdfAnnotation(
                page=page.number,
                subtype=subtype,
                objid=annot_id,
                bbox=obj.top_based(box, page.mediabox) if box else None,
                flags=flags,
                hidden=bool(flags & ANNOT_HIDDEN),
                contents=obj.text(annot.get("Contents")),
                struct_parent=struct_parent,
                struct_type=struct_type,
                struct_alt=struct_alt,
                is_widget=is_widget,
                field_name=field_name,
                uri=uri,
            )
        )
    return annotations


def _name_from_parents(annot: dict[str, Any]) -> str | None:
    """Full name of a widget by its own /T and its /Parent chain (for orphan widgets)."""
    parts: list[str] = []
    node: Any = annot
    seen: set[int] = set()
    for _ in range(64):
        node_dict = obj.as_dict(node)
        if not node_dict:
            break
        partial = obj.text(node_dict.get("T"))
        if partial is not None:
            parts.append(partial)
        parent = node_dict.get("Parent")
        parent_id = obj.objid(parent)
        if parent is None or (parent_id is not None and parent_id in seen):
            break
        if parent_id is not None:
            seen.add(parent_id)
        node = parent
    return ".".join(reversed(parts)) if parts else None


def font_info(resource_name: str, font: Any) -> PdfFont:
    font_dict = obj.as_dict(font)
    subtype = obj.name(font_dict.get("Subtype"))
    base = obj.name(font_dict.get("BaseFont")) or resource_name
    if subtype == "Type3":
        embedded = True
    else:
        target = font_dict
        if subtype == "Type0":
            descendants = obj.as_list(font_dict.get("DescendantFonts"))
            target = obj.as_dict(descendants[0]) if descendants else {}
        descriptor = obj.as_dict(target.get("FontDescriptor"))
        embedded = any(key in descriptor for key in ("FontFile", "FontFile2", "FontFile3"))
    return PdfFont(
        name=base,
        subtype=subtype,
        embedded=embedded,
        standard14=is_standard_14(base),
    )


def resource_fonts(resources: Any) -> list[PdfFont]:
    fonts = obj.as_dict(obj.get(resources, "Font"))
    return [font_info(str(key), value) for key, value in fonts.items()]
