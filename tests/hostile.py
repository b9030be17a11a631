"""Hostile and pathological inputs, built on the fly (never stored in the repository).

Used by the robustness tests (time and memory limits, XML safety, unchanged inputs) and
meant for reuse: ``hostile_strings()`` loads tests/data/hostile_strings.json, and
``write_hostile_forms(folder)`` writes a form in every format whose labels, titles,
field names and text are those strings, for any reporter's escaping tests.
"""

from __future__ import annotations

import io
import json
import zlib
from functools import cache
from pathlib import Path
from typing import Any

from tests.readers.test_pdf_reader import one_page_pdf, raw_pdf, stream

DATA = Path(__file__).resolve().parent / "data"
MB = 1_048_576


@cache
def hostile_strings() -> tuple[str, ...]:
    """Strings built to break reports: markup, script URLs, control and bidi characters."""
    entries = json.loads((DATA / "hostile_strings.json").read_text(encoding="utf-8"))
    return tuple(e["text"] if isinstance(e, dict) else e for e in entries)


# --------------------------------------------------------------------------- PDF


def _adler32_repeated(block: bytes, times: int) -> int:
    """adler32 of ``block`` repeated ``times`` times, without reading it ``times`` times."""
    base, one = 65521, zlib.adler32(block)
    a, b = 1, 0
    for _ in range(times):  # combine (a, b) with the block: A = A1 + A2 - 1, B = B1 + B2 + len2 (A1 - 1)
        a, b = (a + (one & 0xFFFF) - 1) % base, (b + (one >> 16) + len(block) * (a - 1)) % base
    return (b << 16) | a


def flate_bomb(decoded_mb: int, byte: bytes = b" ") -> bytes:
    """A valid zlib stream that inflates to ``decoded_mb`` MB, in about 1 KB per MB.

    Built in a moment: after a full flush every further MB of the same byte compresses
    to the same bytes, so one compressed MB is repeated; an empty final block and the
    checksum close the stream.
    """
    block = byte * MB
    compressor = zlib.compressobj(9)
    first = compressor.compress(block) + compressor.flush(zlib.Z_FULL_FLUSH)
    again = compressor.compress(block) + compressor.flush(zlib.Z_FULL_FLUSH)
    checksum = _adler32_repeated(block, decoded_mb).to_bytes(4, "big")
    return first + again * (decoded_mb - 1) + b"\x03\x00" + checksum


def pdf_content_bomb(decoded_mb: int = 2048, layers: int = 1) -> bytes:
    """One page whose content stream inflates to ``decoded_mb`` MB (through ``layers``
    FlateDecode filters, each inflating the next)."""
    data = flate_bomb(decoded_mb)
    for _ in range(layers - 1):
        data = zlib.compress(data, 9)
    filters = b"[" + b"/FlateDecode " * layers + b"]"
    return one_page_pdf(extra_objects={4: stream(data, b"/Filter " + filters + b" ")})


def pdf_xref_stream_bomb(decoded_mb: int = 2048) -> bytes:
    """A valid one-page PDF whose cross-reference stream inflates to ``decoded_mb`` MB
    (zeros after the real entries): both PDF libraries inflate it when they open the file."""
    import struct

    body = one_page_pdf()
    body = body[: body.index(b"xref\n")]
    offsets = [int(m) for m in __import__("re").findall(rb"(?m)^(\d+) 0 obj", body)]
    positions = [body.index(b"%d 0 obj" % n) for n in offsets]
    xref_at = len(body)
    entries = b"\x00" + struct.pack(">IH", 0, 65535)
    entries += b"".join(b"\x01" + struct.pack(">IH", pos, 0) for pos in positions)
    entries += b"\x01" + struct.pack(">IH", xref_at, 0)
    compressor = zlib.compressobj(9)
    head = compressor.compress(entries) + compressor.flush(zlib.Z_FULL_FLUSH)
    zeros = compressor.compress(bytes(MB)) + compressor.flush(zlib.Z_FULL_FLUSH)
    # The checksum of entries + zeros: zeros leave A alone and add A to B once per byte.
    a0, b0 = zlib.adler32(entries) & 0xFFFF, zlib.adler32(entries) >> 16
    checksum = ((b0 + a0 * decoded_mb * MB) % 65521) << 16 | a0
    packed = head + zeros * decoded_mb + b"\x03\x00" + checksum.to_bytes(4, "big")
    size = len(positions) + 2
    xref = (b"%d 0 obj\n<< /Type /XRef /Size %d /W [1 4 2] /Root 1 0 R /Filter /FlateDecode /Length %d >>\n"
            b"stream\n" % (size - 1, size, len(packed)) + packed + b"\nendstream\nendobj\n")
    return body + xref + b"startxref\n%d\n%%%%EOF\n" % xref_at


def pdf_page_tree_loop() -> bytes:
    """A page tree whose /Kids point back at the tree's root and at themselves."""
    return raw_pdf({
        1: b"<< /Type /Catalog /Pages 2 0 R >>",
        2: b"<< /Type /Pages /Kids [3 0 R 6 0 R 2 0 R] /Count 3 >>",
        3: b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R "
           b"/Resources << /Font << /F1 5 0 R >> >> >>",
        4: stream(b"BT /F1 12 Tf 72 700 Td (You can apply online.) Tj ET"),
        5: b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
        6: b"<< /Type /Pages /Parent 2 0 R /Kids [6 0 R 2 0 R 3 0 R] /Count 1000000000 >>",
    })


def pdf_deep_page_tree(depth: int = 5000) -> bytes:
    """A chain of ``depth`` /Pages nodes before the one page: far past any real tree."""
    objects = {1: b"<< /Type /Catalog /Pages 10 0 R >>",
               4: stream(b"BT /F1 12 Tf 72 700 Td (Deep page.) Tj ET"),
               5: b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"}
    for level in range(depth):
        objid = 10 + level
        objects[objid] = b"<< /Type /Pages /Kids [%d 0 R] /Count 1 >>" % (objid + 1)
    objects[10 + depth] = (b"<< /Type /Page /MediaBox [0 0 612 792] /Contents 4 0 R "
                           b"/Resources << /Font << /F1 5 0 R >> >> >>")
    return raw_pdf(objects)


def pdf_nested_arrays(depth: int = 100_000) -> bytes:
    """A page whose /Annots entry is an array nested ``depth`` deep."""
    return one_page_pdf(annots=b"/Annots " + b"[" * depth + b"]" * depth + b" ")


def pdf_many_pages(pages: int = 1000) -> bytes:
    """``pages`` pages, each with a heading, two sentences and one text field."""
    objects: dict[int, bytes] = {5: b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"}
    kids, fields = [], []
    for n in range(pages):
        page, content, widget = 100 + 3 * n, 101 + 3 * n, 102 + 3 * n
        text = (b"BT /F1 16 Tf 72 720 Td (Part %d) Tj ET "
                b"BT /F1 11 Tf 72 690 Td (You must submit the form by the deadline.) Tj ET "
                b"BT /F1 11 Tf 72 674 Td (We will utilize your answers to decide.) Tj ET" % (n + 1))
        objects[content] = stream(text)
        objects[page] = (b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents %d 0 R "
                         b"/Resources << /Font << /F1 5 0 R >> >> /Annots [%d 0 R] >>" % (content, widget))
        objects[widget] = (b"<< /Type /Annot /Subtype /Widget /FT /Tx /T (answer_%d) /TU (Answer for part %d) "
                           b"/Rect [72 600 300 620] /P %d 0 R /F 4 >>" % (n, n + 1, page))
        kids.append(b"%d 0 R" % page)
        fields.append(b"%d 0 R" % widget)
    objects[1] = b"<< /Type /Catalog /Pages 2 0 R /AcroForm 3 0 R >>"
    objects[2] = b"<< /Type /Pages /Kids [" + b" ".join(kids) + b"] /Count %d >>" % pages
    objects[3] = b"<< /Fields [" + b" ".join(fields) + b"] >>"
    return raw_pdf(objects)


BILLION_LAUGHS = (
    '<?xml version="1.0"?>\n<!DOCTYPE lolz [\n <!ENTITY lol "lol">\n'
    + "".join(f' <!ENTITY lol{i} "{("&lol" + (str(i - 1) if i > 1 else "") + ";") * 10}">\n' for i in range(1, 10))
    + "]>\n"
)

XXE = '<?xml version="1.0"?>\n<!DOCTYPE t [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>\n'


def xmp_packet(title: str) -> str:
    return (
        '<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">'
        '<rdf:Description rdf:about="" xmlns:dc="http://purl.org/dc/elements/1.1/">'
        f'<dc:title><rdf:Alt><rdf:li xml:lang="x-default">{title}</rdf:li></rdf:Alt></dc:title>'
        "</rdf:Description></rdf:RDF></x:xmpmeta>"
    )


def pypdf_with_xml(xmp: str | None = None, xfa_template: str | None = None) -> bytes:
    """A one-page PDF built with pypdf, with this XMP packet and/or XFA template."""
    from pypdf import PdfWriter
    from pypdf.generic import ArrayObject, DecodedStreamObject, DictionaryObject, NameObject, TextStringObject

    writer = PdfWriter()
    writer.add_blank_page(612, 792)
    if xmp is not None:
        packet = DecodedStreamObject()
        packet.set_data(xmp.encode("utf-8"))
        packet.update({NameObject("/Type"): NameObject("/Metadata"), NameObject("/Subtype"): NameObject("/XML")})
        writer._root_object[NameObject("/Metadata")] = writer._add_object(packet)
    if xfa_template is not None:
        template = DecodedStreamObject()
        template.set_data(xfa_template.encode("utf-8"))
        acroform = DictionaryObject({
            NameObject("/Fields"): ArrayObject(),
            NameObject("/XFA"): ArrayObject([TextStringObject("template"), writer._add_object(template)]),
        })
        writer._root_object[NameObject("/AcroForm")] = writer._add_object(acroform)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


# --------------------------------------------------------------------------- JSON schema


def schema_deeply_nested(depth: int = 5000) -> str:
    """Objects within objects, ``depth`` levels (two JSON levels each; the JSON parser
    refuses more than 512, the reader stops walking at 40)."""
    text = '{"type": "string", "title": "Innermost answer"}'
    for level in range(depth):
        text = f'{{"type": "object", "title": "Level {level}", "properties": {{"inner": {text}}}}}'
    return text


def schema_ref_cycles() -> dict[str, Any]:
    """$ref cycles: a definition that refers to itself, two that refer to each other
    through allOf, and one that refers to the root."""
    return {"type": "object", "title": "Cycles", "properties": {
        "applicant": {"$ref": "#/definitions/person"}, "loop": {"$ref": "#/definitions/a"},
        "again": {"$ref": "#/definitions/root"}},
        "definitions": {
            "person": {"type": "object", "properties": {"name": {"type": "string", "title": "Name"},
                                                        "parent": {"$ref": "#/definitions/person"}}},
            "a": {"$ref": "#/definitions/b"},
            "b": {"allOf": [{"$ref": "#/definitions/a"}], "properties": {"x": {"type": "string"}}},
            "root": {"$ref": "#"},
        }}


def schema_ref_fan_out(levels: int = 40) -> dict[str, Any]:
    """Each definition refers twice to the next: 2**levels leaves, no cycle at all.
    The reader stops at its field limit (50,000), after many seconds of work."""
    definitions: dict[str, Any] = {}
    for level in range(levels):
        nxt = {"$ref": f"#/definitions/fan{level + 1}"}
        definitions[f"fan{level}"] = {"type": "object", "properties": {"left": nxt, "right": nxt}}
    definitions[f"fan{levels}"] = {"type": "string", "title": "Leaf"}
    return {"type": "object", "title": "Fan-out", "definitions": definitions,
            "properties": {"tree": {"$ref": "#/definitions/fan0"}}}


def schema_many_fields(count: int = 100_000) -> str:
    properties = ", ".join(f'"field_{i}": {{"type": "string", "title": "Answer {i}"}}' for i in range(count))
    return f'{{"type": "object", "title": "Many fields", "properties": {{{properties}}}}}'


# --------------------------------------------------------------------------- HTML


def html_many_inputs(count: int = 100_000) -> str:
    rows = "\n".join(
        f'<label for="f{i}">Answer {i}</label><input id="f{i}" name="f{i}" type="text">' for i in range(count)
    )
    return f'<!doctype html><html lang="en"><head><title>Many</title></head><body><form>\n{rows}\n</form></body></html>'


def html_of_size(megabytes: float) -> str:
    paragraph = "<p>Please read the instructions before you fill in the form. You can apply online.</p>\n"
    head = '<!doctype html><html lang="en"><head><title>Big</title></head><body>\n'
    return head + paragraph * int(megabytes * MB // len(paragraph)) + "</body></html>\n"


# --------------------------------------------------------------------------- hostile labels in every format


def _pdf_string(text: str) -> bytes:
    """A PDF text string: UTF-16BE with BOM, as hex (any character survives)."""
    return b"<FEFF" + text.encode("utf-16-be", "surrogatepass").hex().upper().encode() + b">"


def hostile_pdf(strings: tuple[str, ...]) -> bytes:
    """Fields named with ``strings``, every other one with the string as its tooltip too
    (the others have none, so they are flagged by name); the title is the first string."""
    widgets, objects = [], {}
    for i, text in enumerate(strings):
        objid = 10 + i
        tooltip = b" /TU " + _pdf_string(text) if i % 2 else b""
        objects[objid] = (b"<< /Type /Annot /Subtype /Widget /FT /Tx /T " + _pdf_string(text) + tooltip
                          + b" /Rect [72 %d 300 %d] /P 3 0 R >>" % (700 - 20 * i, 716 - 20 * i))
        widgets.append(b"%d 0 R" % objid)
    refs = b" ".join(widgets)
    objects[6] = b"<< /Fields [" + refs + b"] >>"
    objects[7] = b"<< /Title " + _pdf_string(strings[0]) + b" >>"
    content = b"BT /F1 12 Tf 72 760 Td (" + strings[0].encode("latin-1", "replace").replace(b"(", b"").replace(
        b")", b"").replace(b"\\", b"") + b") Tj ET"
    data = one_page_pdf(content=content, extra_catalog=b"/AcroForm 6 0 R ", extra_objects=objects,
                        annots=b"/Annots [" + refs + b"] ")
    return data.replace(b"trailer\n<< ", b"trailer\n<< /Info 7 0 R ", 1)


def write_hostile_forms(folder: Path, strings: tuple[str, ...] | None = None) -> list[Path]:
    """One form per format whose labels, names, titles and prose are hostile strings."""
    import html as html_lib

    strings = strings or hostile_strings()
    folder.mkdir(parents=True, exist_ok=True)
    # Markdown, text and XML carry no NUL (the readers take NULs for binary data) and no
    # lone surrogate (not encodable); HTML (character references) and JSON (escapes)
    # spell every string exactly.
    printable = tuple("".join(c for c in s if c != "\x00" and not 0xD800 <= ord(c) <= 0xDFFF) for s in strings)
    paths = []
    rows = "\n".join(
        f'<p>{html_lib.escape(s)} ssn</p><label for="f{i}">{html_lib.escape(s)}</label>'
        f'<input id="f{i}" name="{html_lib.escape(s)}" title="{html_lib.escape(s)}" placeholder="{html_lib.escape(s)}">'
        f'<input name="{html_lib.escape(s)}" type="text">'
        for i, s in enumerate(strings)
    )
    page = folder / "hostile.html"
    markup = (f'<!doctype html><html lang="en"><head><title>{html_lib.escape(strings[0])}</title></head>'
              f"<body><h1>{html_lib.escape(strings[1])}</h1><form>{rows}</form></body></html>")
    page.write_bytes(markup.replace("\x00", "&#0;").encode("ascii", "xmlcharrefreplace"))
    paths.append(page)
    schema = {
        "type": "object", "title": strings[0], "description": strings[1],
        "properties": {s or f"empty{i}": {"type": "string", "title": s, "description": f"Please utilize {s}"}
                       for i, s in enumerate(strings)},
    }
    (folder / "hostile.schema.json").write_text(json.dumps(schema, ensure_ascii=True), encoding="utf-8")
    paths.append(folder / "hostile.schema.json")
    prose = "\n\n".join(f"Please utilize {s} and sign in ink. Your SSN is needed." for s in printable)
    for name in ("hostile.md", "hostile.txt"):
        (folder / name).write_text(f"# {printable[0]}\n\n{prose}\n", encoding="utf-8")
        paths.append(folder / name)
    # XML 1.0 forbids most control characters even as references: those strings are left out.
    xml_text = "".join(f"<p>Please utilize {html_lib.escape(s)} in every section of it.</p>" for s in printable
                       if all(ord(c) >= 0x20 or c in "\t\n\r" for c in s))
    (folder / "hostile.xml").write_text(f'<?xml version="1.0"?><doc><title>Rules</title>{xml_text}</doc>',
                                        encoding="utf-8")
    paths.append(folder / "hostile.xml")
    (folder / "hostile.pdf").write_bytes(hostile_pdf(strings))
    paths.append(folder / "hostile.pdf")
    return paths
