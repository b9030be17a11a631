"""Walk /AcroForm /Fields to the terminal fields, carrying inherited attributes down.

Rules (PDF 32000-1 12.7.3): a kid with /T (or with /Kids of its own) is a child field;
a kid without /T is a widget of its parent; a field with no kids is its own widget.
The full name is the partial /T names joined by ".". /FT, /Ff, /V, /DA and /MaxLen
inherit; /TU does not. The walk is iterative, tracks visited objects (a field tree
with a loop is read once, not forever) and stops at ``MAX_NODES``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from formlint.readers import pdf_objects as obj

MAX_NODES = 250_000
MAX_DEPTH = 100

# /Ff bits (PDF 32000-1 tables 221, 226, 228, 230).
FF_READ_ONLY = 1 << 0
FF_REQUIRED = 1 << 1
FF_NO_EXPORT = 1 << 2
FF_MULTILINE = 1 << 12
FF_PASSWORD = 1 << 13
FF_NO_TOGGLE_TO_OFF = 1 << 14
FF_RADIO = 1 << 15
FF_PUSHBUTTON = 1 << 16
FF_COMBO = 1 << 17
FF_EDIT = 1 << 18
FF_FILE_SELECT = 1 << 20
FF_MULTI_SELECT = 1 << 21
FF_COMB = 1 << 24
# Annotation flag /F bit 2.
ANNOT_HIDDEN = 1 << 1


@dataclass(slots=True)
class RawWidget:
    """A widget annotation of a terminal field, before it is placed on a page."""

    objid: int | None
    page_objid: int | None  # from /P
    rect: tuple[float, float, float, float] | None  # bottom-up /Rect
    flags: int
    on_states: list[str]  # /AP /N appearance names other than Off
    struct_parent: int | None


@dataclass(slots=True)
class RawField:
    full_name: str
    partial_name: str | None
    parent_name: str | None
    objid: int | None
    field_type: str | None  # Tx, Btn, Ch, Sig
    flags: int
    max_len: int | None
    tooltip: str | None  # /TU as written (decoded), may be ""
    mapping_name: str | None  # /TM
    value: str | None
    default_value: str | None
    options: list[str] = field(default_factory=list)  # display texts of /Opt
    option_exports: list[str] = field(default_factory=list)  # export values of /Opt
    widgets: list[RawWidget] = field(default_factory=list)


@dataclass(slots=True)
class FieldWalk:
    fields: list[RawField] = field(default_factory=list)
    widget_objids: set[int] = field(default_factory=set)
    warnings: list[str] = field(default_factory=list)


@dataclass(slots=True)
class _Inherited:
    field_type: str | None = None
    flags: int = 0
    value: Any = None
    default_value: Any = None
    max_len: int | None = None


def walk_fields(acroform: dict[str, Any]) -> FieldWalk:
    result = FieldWalk()
    roots = obj.as_list(acroform.get("Fields"))
    visited: set[int] = set()
    # Stack of (node reference, parent full name, inherited values, depth); reversed so
    # that fields come out in document order.
    stack: list[tuple[Any, str | None, _Inherited, int]] = [
        (ref, None, _Inherited(), 0) for ref in reversed(roots)
    ]
    loop_reported = False
    nodes = 0
    while stack:
        ref, parent_name, inherited, depth = stack.pop()
        nodes += 1
        if nodes > MAX_NODES:
            result.warnings.append(f"the field tree has more than {MAX_NODES} nodes; the rest was not read")
            break
        node_id = obj.objid(ref)
        if node_id is not None:
            if node_id in visited:
                if not loop_reported:
                    result.warnings.append(f"the field tree visits object {node_id} twice (a loop or a shared kid)")
                    loop_reported = True
                continue
            visited.add(node_id)
        node = obj.as_dict(ref)
        if not node:
            continue
        partial = obj.text(node.get("T"))
        full_name = _join(parent_name, partial)
        here = _inherit(node, inherited)
        kids = obj.as_list(node.get("Kids"))
        field_kids = [k for k in kids if _is_field_node(k)]
        if field_kids and depth < MAX_DEPTH:
            for kid in reversed(field_kids):
                stack.append((kid, full_name, here, depth + 1))
            continue
        result.fields.append(_terminal(node, node_id, full_name, partial, parent_name, here, kids, result, visited))
    return result


def _is_field_node(kid: Any) -> bool:
    kid_dict = obj.as_dict(kid)
    return "T" in kid_dict or ("Kids" in kid_dict and obj.name(kid_dict.get("Subtype")) != "Widget")


def _join(parent: str | None, partial: str | None) -> str:
    if partial is None:
        return parent or ""
    return f"{parent}.{partial}" if parent else partial


def _inherit(node: dict[str, Any], parent: _Inherited) -> _Inherited:
    return _Inherited(
        field_type=obj.name(node.get("FT")) or parent.field_type,
        flags=(obj.integer(node.get("Ff"), parent.flags) or 0) if "Ff" in node else parent.flags,
        value=node["V"] if "V" in node else parent.value,
        default_value=node["DV"] if "DV" in node else parent.default_value,
        max_len=obj.integer(node.get("MaxLen")) if "MaxLen" in node else parent.max_len,
    )


def _terminal(
    node: dict[str, Any],
    node_id: int | None,
    full_name: str,
    partial: str | None,
    parent_name: str | None,
    here: _Inherited,
    kids: list[Any],
    result: FieldWalk,
    visited: set[int],
) -> RawField:
    options, exports = _options(node.get("Opt"))
    raw = RawField(
        full_name=full_name,
        partial_name=partial,
        parent_name=parent_name,
        objid=node_id,
        field_type=here.field_type,
        flags=here.flags & 0xFFFFFFFF,
        max_len=here.max_len,
        tooltip=obj.text(node.get("TU")),
        mapping_name=obj.text(node.get("TM")),
        value=_value(here.value),
        default_value=_value(here.default_value),
        options=options,
        option_exports=exports,
    )
    widget_refs = kids if kids else [None]
    for ref in widget_refs:
        if ref is None:
            widget, widget_id = node, node_id
        else:
            widget, widget_id = obj.as_dict(ref), obj.objid(ref)
            if widget_id is not None:
                visited.add(widget_id)
        if not widget:
            continue
        if ref is None and "Rect" not in widget and obj.name(widget.get("Subtype")) != "Widget":
            continue  # a terminal field with no widget at all
        raw.widgets.append(_widget(widget, widget_id, here.field_type))
        if widget_id is not None:
            result.widget_objids.add(widget_id)
    return raw


def _widget(widget: dict[str, Any], widget_id: int | None, field_type: str | None) -> RawWidget:
    states: list[str] = []
    if field_type == "Btn":
        # /AP /N of a checkbox or radio widget is a dict of appearance states; its
        # names other than Off are the export values. (Other fields have one stream
        # there, which we never need to parse.)
        normal = obj.resolve(obj.as_dict(widget.get("AP")).get("N"))
        if isinstance(normal, dict):
            states = [str(k) for k in normal if str(k) != "Off"]
    return RawWidget(
        objid=widget_id,
        page_objid=obj.objid(widget.get("P")),
        rect=obj.rect(widget.get("Rect")),
        flags=obj.integer(widget.get("F"), 0) or 0,
        on_states=states,
        struct_parent=obj.integer(widget.get("StructParent")),
    )


def _options(value: Any) -> tuple[list[str], list[str]]:
    """/Opt: each entry a text string, or an [export, display] pair."""
    displays: list[str] = []
    exports: list[str] = []
    for entry in obj.as_list(value):
        entry = obj.resolve(entry)
        if isinstance(entry, list) and len(entry) >= 2:
            export, display = obj.text(entry[0]), obj.text(entry[1])
        else:
            export = display = obj.text(entry)
        if display is None and export is None:
            continue
        displays.append(display if display is not None else export or "")
        exports.append(export if export is not None else display or "")
    return displays, exports


def _value(value: Any) -> str | None:
    value = obj.resolve(value)
    if value is None:
        return None
    if isinstance(value, list):
        parts = [_value(v) for v in value]
        return ", ".join(p for p in parts if p)
    if isinstance(value, bytes):
        return obj.decode_text(value)
    named = obj.name(value)
    if named is not None:
        return named
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return str(value)
    return None
