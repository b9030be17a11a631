"""XMP metadata and XFA packets of a PDF.

Both are XML embedded in the file. They are parsed with defusedxml, which refuses
DTDs with entity declarations instead of expanding them (no "billion laughs", no
external entities): an XMP or XFA packet that tries it is treated as unreadable.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any
from xml.etree.ElementTree import Element

import defusedxml.ElementTree as SafeET
from defusedxml import DefusedXmlException

from formlint.readers import pdf_objects as obj

DC_NS = "http://purl.org/dc/elements/1.1/"
RDF_NS = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
XML_NS = "http://www.w3.org/XML/1998/namespace"
PDFUA_NS = "http://www.aiim.org/pdfua/ns/id/"

_DYNAMIC_RENDER = re.compile(rb"<(?:\w+:)?dynamicRender\s*>\s*required\s*<", re.IGNORECASE)
_SPACES = re.compile(r"\s+")
_NOT_FIELDS = re.compile(
    rb"<draw\b[^>]*/>|<draw\b.*?</draw\s*>|<script\b[^>]*/>|<script\b.*?</script\s*>", re.DOTALL
)


class XmlError(ValueError):
    """An XML packet that could not be parsed (malformed, or it declares entities)."""


def parse_xml(data: bytes) -> Element:
    # XMP packets are often padded with NULs or whitespace after the closing PI.
    data = data.strip(b"\x00 \t\r\n")
    try:
        return SafeET.fromstring(data, forbid_dtd=False, forbid_entities=True, forbid_external=True)
    except DefusedXmlException:
        raise XmlError("it declares XML entities, which formlint refuses to expand") from None
    except (SafeET.ParseError, ValueError) as exc:
        raise XmlError(str(exc) or type(exc).__name__) from None


def local(tag: Any) -> str:
    if not isinstance(tag, str):  # comments and processing instructions
        return ""
    return tag.rsplit("}", 1)[-1]


def clean(value: str | None) -> str | None:
    """Collapse whitespace; None for empty text."""
    if value is None:
        return None
    value = _SPACES.sub(" ", value).strip()
    return value or None


# --------------------------------------------------------------------------- XMP


@dataclass(slots=True)
class XmpFacts:
    title: str | None = None
    pdfua_part: int | None = None
    error: str | None = None


def read_xmp(data: bytes) -> XmpFacts:
    """dc:title (x-default first) and pdfuaid:part (element or attribute form)."""
    try:
        root = parse_xml(data)
    except XmlError as exc:
        return XmpFacts(error=f"the XMP metadata is not well-formed XML ({exc})")
    facts = XmpFacts()
    for title in root.iter(f"{{{DC_NS}}}title"):
        items = list(title.iter(f"{{{RDF_NS}}}li"))
        chosen = next((li for li in items if li.get(f"{{{XML_NS}}}lang") == "x-default"), None)
        if chosen is None and items:
            chosen = items[0]
        text = clean("".join(chosen.itertext())) if chosen is not None else clean("".join(title.itertext()))
        if text:
            facts.title = text
            break
    part: str | None = None
    for element in root.iter(f"{{{PDFUA_NS}}}part"):
        part = "".join(element.itertext())
        break
    if part is None:
        for element in root.iter():
            value = element.get(f"{{{PDFUA_NS}}}part")
            if value is not None:
                part = value
                break
    if part is not None and part.strip().isdigit():
        facts.pdfua_part = int(part.strip())
    return facts


# --------------------------------------------------------------------------- XFA


@dataclass(slots=True)
class XfaName:
    """What the XFA template says about one field."""

    speak: str | None = None
    tooltip: str | None = None
    caption: str | None = None

    @property
    def accessible_name(self) -> str | None:
        """<assist><speak> first, then <toolTip>: what Acrobat would announce."""
        return self.speak or self.tooltip


@dataclass(slots=True)
class XfaFacts:
    present: bool = False
    dynamic: bool = False
    names: dict[str, XfaName] = field(default_factory=dict)  # SOM path -> names
    warnings: list[str] = field(default_factory=list)
    _loose_index: dict[str, XfaName | None] | None = None
    _tail_index: dict[str, XfaName | None] | None = None

    def lookup(self, full_name: str) -> XfaName | None:
        """The template entry for an AcroForm full name.

        AcroForm names of XFA forms are SOM paths (``topmostSubform[0].Page1[0].f1_01[0]``);
        Acrobat names an unnamed subform ``#subform[n]``. Exact match first; then a
        unique match on the path without its ``[n]`` indexes (master-page fields);
        then a unique match on the last two named parts, for forms whose AcroForm
        names differ from the template in the upper levels.
        """
        hit = self.names.get(full_name)
        if hit is not None:
            return hit
        if self._loose_index is None:
            self._loose_index = _unique_index(self.names, _without_indexes)
            self._tail_index = _unique_index(self.names, _tail)
        # Master-page fields repeat once per page (Page1[0], Page1[1]...) in the AcroForm
        # but once in the template: compare paths without the [n] indexes.
        hit = self._loose_index.get(_without_indexes(full_name))
        if hit is None and self._tail_index is not None:
            hit = self._tail_index.get(_tail(full_name))
        return hit


def _unique_index(names: dict[str, XfaName], key: Any) -> dict[str, XfaName | None]:
    index: dict[str, XfaName | None] = {}
    for path, entry in names.items():
        k = key(path)
        index[k] = None if k in index else entry
    return index


_INDEX = re.compile(r"\[\d+\]")


def _without_indexes(path: str) -> str:
    return _INDEX.sub("", path)


def _tail(path: str) -> str:
    """The last two named parts of a path, indexes kept: the fallback match."""
    parts = [p for p in path.split(".") if not p.startswith("#")]
    return ".".join(parts[-2:]) if len(parts) >= 2 else ""


def xfa_packets(xfa: Any) -> list[tuple[str, bytes]]:
    """(packet name, bytes) pairs from /AcroForm /XFA: an array [name, stream, ...] or one stream."""
    value = obj.resolve(xfa)
    if isinstance(value, list):
        packets = []
        for i in range(0, len(value) - 1, 2):
            packet_name = obj.text(value[i]) or ""
            data = obj.stream_bytes(value[i + 1])
            if data is not None:
                packets.append((packet_name, data))
        return packets
    data = obj.stream_bytes(value)
    return [("xdp", data)] if data is not None else []


def read_xfa(xfa: Any) -> XfaFacts:
    facts = XfaFacts(present=obj.resolve(xfa) is not None)
    if not facts.present:
        return facts
    packets = xfa_packets(xfa)
    whole = b"".join(data for _, data in packets)
    config = [data for packet_name, data in packets if packet_name == "config"]
    facts.dynamic = bool(_DYNAMIC_RENDER.search(b"".join(config) if config else whole))
    template = next((data for packet_name, data in packets if packet_name == "template"), None)
    if template is None:
        template = _template_from_xdp(whole)
    if template is None:
        return facts
    try:
        # <draw> (static text and lines) and <script> hold most of a template's bytes
        # and never contain fields; dropping them first makes parsing 2-3x faster.
        root = parse_xml(_NOT_FIELDS.sub(b"", template))
    except XmlError:
        try:
            root = parse_xml(template)
        except XmlError as exc:
            facts.warnings.append(f"the XFA template is not well-formed XML ({exc})")
            return facts
    if local(root.tag) != "template":
        found = next((el for el in root.iter() if local(el.tag) == "template"), None)
        if found is None:
            return facts
        root = found
    _walk_template(root, "", {}, facts.names, depth=0)
    return facts


def _template_from_xdp(whole: bytes) -> bytes | None:
    match = re.search(rb"<template\b.*?</template\s*>", whole, re.DOTALL)
    return match.group(0) if match else None


_CONTAINERS = {"subform", "subformSet", "area", "exclGroup", "field", "pageSet", "pageArea"}
_MAX_DEPTH = 200


def _walk_template(node: Element, path: str, counts: dict[str, int], out: dict[str, XfaName], depth: int) -> None:
    """Give every named field and exclGroup its SOM path, as Acrobat names AcroForm fields.

    A path part is ``name[index]``, the index counting earlier same-named siblings in
    the same scope. An unnamed subform is ``#subform[index]`` and an unnamed pageSet
    ``#pageSet[index]``; subformSets and unnamed areas are transparent.
    """
    if depth > _MAX_DEPTH:
        return
    for child in node:
        tag = local(child.tag)
        if tag not in _CONTAINERS:
            continue
        child_name = child.get("name")
        if not child_name:
            if tag in ("subform", "pageSet"):
                child_name = f"#{tag}"
            elif tag in ("subformSet", "area"):
                _walk_template(child, path, counts, out, depth + 1)
                continue
            else:
                continue
        index = counts.get(child_name, 0)
        counts[child_name] = index + 1
        child_path = f"{path}.{child_name}[{index}]" if path else f"{child_name}[{index}]"
        if tag in ("field", "exclGroup"):
            out[child_path] = _names_of(child)
        if tag != "field":
            _walk_template(child, child_path, {}, out, depth + 1)


def _names_of(element: Element) -> XfaName:
    names = XfaName()
    for child in element:
        tag = local(child.tag)
        if tag == "assist":
            for part in child:
                part_tag = local(part.tag)
                if part_tag == "speak":
                    names.speak = clean("".join(part.itertext()))
                elif part_tag == "toolTip":
                    names.tooltip = clean("".join(part.itertext()))
        elif tag == "caption":
            names.caption = clean(" ".join(_text_values(child)))
    return names


def _text_values(caption: Element) -> list[str]:
    texts = []
    for element in caption.iter():
        if local(element.tag) in ("text", "exData", "p", "span") and element is not caption:
            texts.append("".join(element.itertext()))
            break
    return texts
