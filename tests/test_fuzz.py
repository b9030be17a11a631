"""Fuzzing every reader: hostile and broken input never gives a traceback.

For each format, hypothesis feeds (a) fixtures and small corpus files with bytes
flipped, inserted, deleted, duplicated, cut and spliced with the format's own syntax,
and (b) generated structure: random PDF object graphs (page trees with loops, fields
with odd values, broken streams), HTML tag soup, Markdown, text, JSON-schema trees
with $ref cycles, XML with entity declarations. Every case goes through the engine's
lint path, with every rule on and the deep tier; it must end in findings, a skip
with a reason, or one ``io/unreadable`` finding with a reason, and the reader itself
may raise nothing but UnreadableError or NotAFormError (FORMLINT_DEBUG makes the engine
re-raise anything else, so a bug shows as a failing example, shrunk by hypothesis).

At least 1,000 cases per reader, a fixed seed (``derandomize``), no example database,
and a per-case time guard. The whole module takes about two minutes on two cores.
"""

from __future__ import annotations

import json
import os
import signal
import zlib
from collections import Counter
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from functools import cache
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from formlint import engine
from formlint.config import Config
from formlint.engine import FileResult, Runtime, Target, lint_bytes
from formlint.model import Format, NotAFormError, UnreadableError
from formlint.reporters.json import file_dict
from formlint.reporters.text import format_finding
from tests.conftest import CORPUS, FIXTURES
from tests.helpers import builtin_rules
from tests.readers.test_pdf_reader import raw_pdf, stream

pytestmark = pytest.mark.fuzz

#: Cases per reader: mutated files + generated structure (at least 1,000 in all).
MUTATED, GENERATED = 520, 520
#: A case that takes longer than this is a hang, and fails the test.
CASE_SECONDS = 20

EXTENSION = {Format.PDF: ".pdf", Format.HTML: ".html", Format.MARKDOWN: ".md", Format.TEXT: ".txt",
             Format.JSONSCHEMA: ".schema.json", Format.XML: ".xml"}


def fuzz_settings(examples: int) -> Callable[[Any], Any]:
    return settings(
        max_examples=examples,
        derandomize=True,  # a fixed seed: the same cases on every run and every machine
        database=None,  # nothing written to .hypothesis/
        deadline=None,  # the time guard below bounds each case instead
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large, HealthCheck.large_base_example,
                               HealthCheck.filter_too_much],
    )


# --------------------------------------------------------------------------- the check of one case


@cache
def runtime() -> Runtime:
    every_pack = tuple(sorted({rule.id.split("/")[0] for rule in builtin_rules()}))
    return Runtime.create(Config(select=every_pack, deep=True))


class CaseTooSlow(Exception):
    pass


@contextmanager
def guarded() -> Iterator[list[BaseException]]:
    """Record what the reader raises, make the engine re-raise unexpected errors, and
    stop a case that runs past CASE_SECONDS."""
    real = engine.read_document
    raised: list[BaseException] = []

    def spy(*args: Any, **kwargs: Any) -> Any:
        try:
            return real(*args, **kwargs)
        except BaseException as error:
            raised.append(error)
            raise

    def too_slow(*_args: Any) -> None:
        raise CaseTooSlow(f"a case ran longer than {CASE_SECONDS} s")

    engine.read_document = spy  # type: ignore[assignment]
    previous = os.environ.get("FORMLINT_DEBUG")
    os.environ["FORMLINT_DEBUG"] = "1"
    alarm = hasattr(signal, "SIGALRM")  # POSIX only; elsewhere the cases run without the guard
    handler = signal.signal(signal.SIGALRM, too_slow) if alarm else None
    if alarm:
        signal.alarm(CASE_SECONDS)
    try:
        yield raised
    finally:
        if alarm:
            signal.alarm(0)
            signal.signal(signal.SIGALRM, handler)
        engine.read_document = real  # type: ignore[assignment]
        if previous is None:
            os.environ.pop("FORMLINT_DEBUG", None)
        else:
            os.environ["FORMLINT_DEBUG"] = previous


def check(data: bytes, fmt: Format) -> str:
    """Lint one case; return how it ended: "read", "skipped" or "unreadable"."""
    name = "fuzz" + EXTENSION[fmt]
    with guarded() as raised:
        result = lint_bytes(data, Target(Path(name), name, fmt), runtime())
    for error in raised:
        assert isinstance(error, (UnreadableError, NotAFormError)), f"the reader raised {error!r}"
    return outcome(result, name)


def outcome(result: FileResult, name: str) -> str:
    ids = {rule.id for rule in builtin_rules()}
    for finding in result.findings:
        assert finding.rule in ids and finding.message.strip() and finding.location.path == name
        format_finding(finding)  # renders
        assert "reader failed" not in finding.message and "failed on this file" not in finding.message
    json.dumps(file_dict(result))  # plain data all the way down
    if result.skipped is not None:
        assert result.skipped.strip() and not result.findings
        return "skipped"
    if "unreadable" in result.stats:
        reason = result.stats["unreadable"]
        assert isinstance(reason, str) and reason.strip()
        # One finding says the file was not checked: io/unreadable, or the accessibility
        # rule that names the reason exactly (a PDF that needs a password to open).
        [finding] = result.findings
        assert finding.rule in ("io/unreadable", "a11y/pdf-password-required")
        if finding.rule == "io/unreadable":
            assert finding.message == f"Cannot read this file: {reason}"
        return "unreadable"
    assert isinstance(result.stats.get("words"), int)
    assert "io/unreadable" not in {f.rule for f in result.findings}
    return "read"


# --------------------------------------------------------------------------- seeds and mutation


SEED_LIMIT = {Format.PDF: 75_000}  # bytes; larger files cost too much per case
CORPUS_SEEDS = 4  # the smallest files of each format in ../shared/corpus, when present
BUILTIN_SEEDS = {
    Format.XML: [
        b'<?xml version="1.0" encoding="UTF-8"?>\n<part xml:lang="en"><title>Part 1002 - Equal Credit Opportunity'
        b"</title><section><heading>Sec. 1002.1 Authority.</heading><p>The creditor <em>shall</em> utilize the "
        b'<ref target="x">model form</ref> and you must sign in ink.</p><meta><date>2017</date></meta></section>'
        b"<![CDATA[raw <text>]]><!-- comment --><?pi data?></part>\n",
        # Mostly running text, as in a Federal Register notice: a flipped byte in it leaves the
        # document well-formed, so without the corpus's seeds the cases still reach the reader.
        b'<?xml version="1.0"?>\n<notice><agency>Consumer Financial Protection Bureau</agency><summary>'
        b"The Bureau is amending Regulation B to require that creditors provide applicants with free copies "
        b"of all appraisals and other written valuations developed in connection with an application for "
        b"credit that is to be secured by a first lien on a dwelling. Applicants shall be notified in writing "
        b"of the right to receive a copy of each appraisal, and the copies must be provided promptly upon "
        b"completion or three business days prior to consummation, whichever is earlier.</summary>"
        b"<date>January 31, 2013</date></notice>\n",
    ],
}


@cache
def seeds(fmt: Format) -> tuple[bytes, ...]:
    suffix = EXTENSION[fmt].rsplit(".", 1)[-1]
    limit = SEED_LIMIT.get(fmt, 64_000)
    found = [p for p in sorted(FIXTURES.rglob(f"*.{suffix}")) if p.stat().st_size <= limit]
    if CORPUS.is_dir():
        corpus = sorted((p for p in CORPUS.rglob(f"*.{suffix}") if p.stat().st_size <= limit),
                        key=lambda p: (p.stat().st_size, p.name))
        found += corpus[:CORPUS_SEEDS]
    data = [p.read_bytes() for p in found] + BUILTIN_SEEDS.get(fmt, [])
    assert data, f"no seed files for {fmt.value}"
    return tuple(data)


TOKENS = {
    Format.PDF: [b"<<", b">>", b"[", b"]", b"(", b")", b"\\", b"<FEFF00", b" obj ", b"endobj", b"stream\n",
                 b"endstream", b" 0 R", b"/Kids [1 0 R]", b"/Parent 2 0 R", b"/Filter /FlateDecode",
                 b"/Length 99999999", b"%%EOF", b"xref", b"trailer", b"startxref", b"/T (x)", b"/FT /Tx",
                 b"/Ff 4294967295", b"1e999", b"-0.", b"/Type /Page", b"/Count -1", b"\x00", b"\xff"],
    Format.HTML: [b"<", b">", b"</", b"<label for=\"a\">", b"<input id=\"a\">", b"<!--", b"-->", b"<script>",
                  b"</script>", b"<![CDATA[", b"&#x", b"&#0;", b"\"", b"'", b" aria-labelledby=\"a b\"",
                  b"<fieldset><legend>", b"{% if x %}", b"{{ x }}", b"<%= x %>", b"<select><option>",
                  b"<template>", b"<svg><title>", b"\x00", b"\xef\xbb\xbf", b"\xff\xfe"],
    Format.MARKDOWN: [b"```", b"~~~", b"\n# ", b"\n- ", b"\n1. ", b"|", b"\n|---|\n", b"<!--", b"-->",
                      b"<!-- formlint-disable plain -->", b"---\n", b"[", b"](", b"{% raw %}", b"*", b"_",
                      b"`", b"\\", b"\n    ", b"<div>", b"\x00", b"\r"],
    Format.TEXT: [b"\n\n", b"\n- ", b"\n* ", b"\x00", b"\xff\xfe", b"\xef\xbb\xbf", b"\r", b"\t", b"\xe2\x80\xae",
                  b"\xed\xa0\x80", b"\x1b[2J", b". ", b"U.S.C. ", b"e.g. "],
    Format.JSONSCHEMA: [b"{", b"}", b"[", b"]", b":", b",", b"\"", b"\"$ref\": \"#\"", b"\"$ref\": \"#/definitions/a\"",
                        b"\"properties\": {", b"\"allOf\": [", b"\"items\": ", b"\"\\ud800\"", b"1e999", b"null",
                        b"\"x-formlint-ignore\": true", b"\"title\": \"Please utilize\"", b"\\", b"\x00"],
    Format.XML: [b"<", b">", b"</", b"/>", b"<!DOCTYPE x [<!ENTITY a \"b\">]>", b"&a;", b"&#0;", b"<![CDATA[", b"]]>",
                 b"<?pi?>", b"<!--", b"-->", b" xmlns:x=\"u\"", b"<x:y>", b"<title>", b"<p>", b"</p>", b"\"",
                 b"encoding=\"utf-16\"", b"\x00", b"\xff"],
}


@st.composite
def mutated(draw: st.DrawFn, fmt: Format) -> bytes:
    data = bytearray(draw(st.sampled_from(seeds(fmt))))
    for _ in range(draw(st.integers(1, 6))):
        size = len(data)
        pos = draw(st.integers(0, size))
        op = draw(st.sampled_from(["flip", "byte", "insert", "token", "delete", "duplicate", "truncate", "swap"]))
        if op == "flip" and size:
            data[min(pos, size - 1)] ^= 1 << draw(st.integers(0, 7))
        elif op == "byte" and size:
            data[min(pos, size - 1)] = draw(st.integers(0, 255))
        elif op == "insert":
            data[pos:pos] = draw(st.binary(min_size=1, max_size=16))
        elif op == "token":
            data[pos:pos] = draw(st.sampled_from(TOKENS[fmt]))
        elif op == "delete":
            del data[pos:pos + draw(st.integers(1, 64))]
        elif op == "duplicate":
            length = draw(st.integers(1, 256))
            data[pos:pos] = data[pos:pos + length]
        elif op == "truncate":
            del data[pos:]
        elif op == "swap" and size > 2:
            other = draw(st.integers(0, size - 1))
            a, b = sorted((min(pos, size - 1), other))
            length = min(draw(st.integers(1, 64)), b - a)
            data[a:a + length], data[b:b + length] = data[b:b + length], data[a:a + length]
    return bytes(data)


@st.composite
def mutated_tree(draw: st.DrawFn) -> bytes:
    """A JSON seed with nodes of its parsed tree replaced by random schema-like values:
    byte flips mostly break the syntax, this reaches the schema walker."""
    candidates = []
    for seed in seeds(Format.JSONSCHEMA):
        try:
            candidates.append(json.loads(seed))
        except ValueError:
            continue
    value = json.loads(json.dumps(draw(st.sampled_from(candidates))))  # a fresh copy
    for _ in range(draw(st.integers(1, 4))):
        nodes: list[tuple[Any, Any]] = []
        stack = [value]
        while stack:
            node = stack.pop()
            children = list(node.items()) if isinstance(node, dict) else list(enumerate(node)) if isinstance(
                node, list) else []
            for key, child in children:
                nodes.append((node, key))
                stack.append(child)
        if not nodes:
            break
        parent, key = draw(st.sampled_from(nodes))
        parent[key] = draw(schema_like)
    return json.dumps(value, indent=draw(st.sampled_from([None, 2])), ensure_ascii=True).encode()


def mutations(fmt: Format) -> st.SearchStrategy[bytes]:
    return mutated(fmt) | mutated_tree() if fmt is Format.JSONSCHEMA else mutated(fmt)


# --------------------------------------------------------------------------- generated PDF


PDF_NAMES = ["Type", "Page", "Pages", "Kids", "Parent", "Count", "MediaBox", "Contents", "Resources", "Font",
             "Annots", "Subtype", "Widget", "FT", "Tx", "Btn", "Ch", "Sig", "T", "TU", "TM", "Ff", "V", "DV", "Opt",
             "MaxLen", "Rect", "P", "AP", "N", "AcroForm", "Fields", "XFA", "Metadata", "StructTreeRoot",
             "ParentTree", "Nums", "StructParent", "S", "Alt", "RoleMap", "MarkInfo", "Marked", "Lang", "Title",
             "Rotate", "Filter", "FlateDecode", "Length", "DR", "BaseFont", "FontDescriptor", "Tabs", "F", "A",
             "URI", "XObject", "Form", "Image", "NeedAppearances", "Off", "Yes", "#20odd#", "Helvetica"]
OBJECTS = 12  # objects 1..12; references may point anywhere in 0..14 (some dangle)


def pdf_scalar() -> st.SearchStrategy[bytes]:
    return st.one_of(
        st.integers(-2**40, 2**40).map(lambda n: b"%d" % n),
        st.sampled_from([b"0", b"1", b"-1", b"612", b"792", b"1e999", b"-.5", b"3.", b"99999999999999999999"]),
        st.sampled_from(PDF_NAMES).map(lambda n: b"/" + n.encode()),
        st.text(max_size=20).map(lambda t: b"<FEFF" + t.encode("utf-16-be").hex().encode() + b">"),
        st.binary(max_size=20).map(lambda b: b"(" + b.replace(b"\\", b"\\\\").replace(b"(", b"\\(")
                                   .replace(b")", b"\\)") + b")"),
        st.integers(0, OBJECTS + 2).map(lambda n: b"%d 0 R" % n),
        st.sampled_from([b"true", b"false", b"null"]),
    )


def pdf_value() -> st.SearchStrategy[bytes]:
    return st.recursive(
        pdf_scalar(),
        lambda inner: st.one_of(
            st.lists(inner, max_size=6).map(lambda items: b"[" + b" ".join(items) + b"]"),
            st.lists(st.tuples(st.sampled_from(PDF_NAMES), inner), max_size=6).map(
                lambda pairs: b"<< " + b" ".join(b"/" + k.encode() + b" " + v for k, v in pairs) + b" >>"),
        ),
        max_leaves=12,
    )


# Strategies are built once: building them inside a composite on every draw costs
# hypothesis far more time than the readers spend on the case.
PDF_VALUE = pdf_value()
PDF_PAIRS = st.lists(st.tuples(st.sampled_from(PDF_NAMES), PDF_VALUE), max_size=8)
OBJECT_REFS = st.lists(st.integers(0, OBJECTS + 2), max_size=5)


def pdf_dict(draw: st.DrawFn, required: bytes = b"") -> bytes:
    pairs = draw(PDF_PAIRS)
    return b"<< " + required + b" ".join(b"/" + k.encode() + b" " + v for k, v in pairs) + b" >>"


CONTENT_OPS = [b"BT", b"ET", b"/F1 12 Tf", b"72 700 Td", b"(You can apply online.) Tj", b"(Please utilize) Tj",
               b"[(Sign) -250 (in ink)] TJ", b"T*", b"0 0 612 792 re", b"f", b"q", b"Q", b"1 0 0 1 0 0 cm",
               b"/Im1 Do", b"/P <</MCID 0>> BDC", b"EMC", b"(unbalanced", b")", b"9999999 Tz", b"<00410042> Tj"]


CATALOG_EXTRAS = st.sampled_from(
    [b"", b"/AcroForm 3 0 R ", b"/Metadata 4 0 R ", b"/AcroForm 3 0 R /StructTreeRoot 5 0 R "])
OBJECT_KINDS = st.sampled_from(["page", "widget", "stream", "flate", "xml", "any"])
CONTENT = st.lists(st.sampled_from(CONTENT_OPS), max_size=20)


@st.composite
def generated_pdf(draw: st.DrawFn) -> bytes:
    objects: dict[int, bytes] = {}
    objects[1] = pdf_dict(draw, b"/Type /Catalog /Pages 2 0 R " + draw(CATALOG_EXTRAS))
    kids = draw(OBJECT_REFS)
    objects[2] = b"<< /Type /Pages /Kids [" + b" ".join(b"%d 0 R" % k for k in kids) + b"] /Count %d >>" % draw(
        st.integers(-1, 10))
    objects[3] = b"<< /Fields [" + b" ".join(b"%d 0 R" % k for k in draw(OBJECT_REFS)) + b"] /XFA " + draw(
        PDF_VALUE) + b" >>"
    for objid in range(4, OBJECTS + 1):
        kind = draw(OBJECT_KINDS)
        if kind == "page":
            objects[objid] = pdf_dict(draw, b"/Type /Page /Parent 2 0 R /Contents %d 0 R /Annots [%d 0 R] "
                                      % (draw(st.integers(1, OBJECTS)), draw(st.integers(1, OBJECTS))))
        elif kind == "widget":
            objects[objid] = pdf_dict(draw, b"/Subtype /Widget /FT /Tx /T (f%d) /Rect [72 600 300 620] " % objid)
        elif kind in ("stream", "flate"):
            content = b"\n".join(draw(CONTENT))
            if kind == "flate":
                packed = zlib.compress(content) if draw(st.booleans()) else draw(st.binary(max_size=40))
                objects[objid] = stream(packed, b"/Filter /FlateDecode ")
            else:
                objects[objid] = stream(content)
        elif kind == "xml":
            objects[objid] = stream(draw(XML_DOCUMENT), b"/Type /Metadata /Subtype /XML ")
        else:
            objects[objid] = draw(PDF_VALUE)
    data = raw_pdf(objects)
    if draw(st.booleans()):  # damage the cross-reference table now and then
        cut = draw(st.integers(0, len(data)))
        data = data[:cut] + draw(st.binary(max_size=8)) + data[cut + draw(st.integers(0, 20)):]
    return data


# --------------------------------------------------------------------------- generated HTML, Markdown, text


WORDS = ["Please", "utilize", "the", "form", "You", "must", "sign", "in", "ink", "SSN", "Social", "Security",
         "number", "shall", "notarized", "apply", "online", "U.S.", "e.g.", "\u202e", "\x1b[1m", "\u00e9", "\U0001f600"]
prose = st.lists(st.sampled_from(WORDS) | st.text(max_size=8), max_size=25).map(" ".join)

HTML_TAGS = ["p", "h1", "h2", "label", "input", "select", "option", "textarea", "button", "fieldset", "legend",
             "form", "div", "span", "ul", "li", "table", "tr", "td", "th", "script", "style", "template", "a",
             "html", "head", "title", "body", "br", "img", "svg", "noscript", "pre", "code"]
HTML_ATTRS = ["id", "for", "name", "type", "aria-label", "aria-labelledby", "aria-describedby", "title",
              "placeholder", "hidden", "lang", "value", "required", "autocomplete", "role", "href", "alt", "class"]


HTML_COMMENTS = st.sampled_from(["<!-- ", "<!-- formlint-disable -->", "<!-- formlint-enable -->",
                                 "<!-- formlint-disable-next-line plain -->", "-->", "<!", "<!DOCTYPE html>"])
HTML_ATTR_LISTS = st.lists(st.tuples(st.sampled_from(HTML_ATTRS), st.sampled_from(["a", "b", "x y", ""]) | prose),
                           max_size=4)


@st.composite
def generated_html(draw: st.DrawFn) -> bytes:
    parts = []
    for _ in range(draw(st.integers(0, 40))):
        kind = draw(st.sampled_from(["open", "close", "text", "comment", "template", "entity", "raw"]))
        tag = draw(st.sampled_from(HTML_TAGS))
        if kind == "open":
            attrs = draw(HTML_ATTR_LISTS)
            quote = draw(st.sampled_from(['"', "'", ""]))
            parts.append(f"<{tag}" + "".join(f" {k}={quote}{v}{quote}" for k, v in attrs) + draw(
                st.sampled_from([">", "/>", ""])))
        elif kind == "close":
            parts.append(f"</{tag}>")
        elif kind == "text":
            parts.append(draw(prose))
        elif kind == "comment":
            parts.append(draw(HTML_COMMENTS))
        elif kind == "template":
            parts.append(draw(st.sampled_from(["{% if x %}", "{% endif %}", "{{ x }}", "<%= x %>", "{# c #}", "{%"])))
        elif kind == "entity":
            parts.append(draw(st.sampled_from(["&amp;", "&#0;", "&#xD800;", "&#x110000;", "&nbsp", "&", "&#;"])))
        else:
            parts.append(draw(st.text(max_size=10)))
    encoding = draw(st.sampled_from(["utf-8", "utf-16", "cp1252"]))
    return "".join(parts).encode(encoding, "replace")


MD_LINES = ["# Apply", "## Who can apply", "- item", "1. step", "> quote", "```", "~~~", "    code", "| a | b |",
            "|---|---|", "---", "title: x", "<!-- formlint-disable plain/simple-words -->", "<!-- formlint-enable -->",
            "<!-- formlint-disable-next-line -->", "{% include x %}", "[link](javascript:x)", "![img](x.png)",
            "<div>", "</div>", "***", "Setext", "===", "", "\\", "<!--", "-->", "[^1]: note", "- [ ] task"]


@st.composite
def generated_markdown(draw: st.DrawFn) -> bytes:
    lines = draw(st.lists(st.sampled_from(MD_LINES) | prose, max_size=40))
    return draw(st.sampled_from(["\n", "\r\n", "\r"])).join(lines).encode("utf-8", "surrogatepass")


@st.composite
def generated_text(draw: st.DrawFn) -> bytes:
    if draw(st.integers(0, 4)) == 0:
        return draw(st.binary(max_size=400))
    paragraphs = draw(st.lists(prose | st.text(max_size=60), max_size=20))
    separator = draw(st.sampled_from(["\n\n", "\n", "\n- ", "\r\n\r\n"]))
    encoding = draw(st.sampled_from(["utf-8", "utf-8-sig", "utf-16", "cp1252"]))
    return separator.join(paragraphs).encode(encoding, "replace")


# --------------------------------------------------------------------------- generated JSON schema


SCHEMA_KEYS = ["type", "title", "description", "properties", "items", "$ref", "allOf", "oneOf", "anyOf",
               "definitions", "$defs", "required", "enum", "const", "format", "ui:widget", "ui:title", "ui:help",
               "x-formlint-ignore", "additionalProperties", "dependencies", "if", "then", "else", "not", "default",
               "examples", "routes", "fields", "id", "label", "hint", "props", "choices", "children", "content",
               "uiSchema", "schema", "enumNames", "maxLength", "pattern", "$schema"]
REFS = ["#", "#/definitions/a", "#/definitions/b", "#/properties", "#/definitions/a/properties/b", "other.json#/x",
        "#/$defs/%7e0~1", "#/definitions/../", "#/properties/a/items", "", "#/items/0"]
json_text = st.text(st.characters(blacklist_categories=()), max_size=20) | st.sampled_from(
    ["object", "string", "array", "number", "boolean", "date", "ssn", "Please utilize", "Social Security number"])
json_scalar = st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False, allow_infinity=False) | json_text
schema_like = st.recursive(
    json_scalar | st.sampled_from(REFS).map(lambda r: {"$ref": r}),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.sampled_from(SCHEMA_KEYS) | json_text, inner,
                                                                max_size=5),
    max_leaves=25,
)


@st.composite
def generated_schema(draw: st.DrawFn) -> bytes:
    if draw(st.integers(0, 3)) == 0:
        value: Any = draw(schema_like)
    else:
        value = {"type": "object", "properties": draw(st.dictionaries(json_text, schema_like, max_size=6))}
        for key in draw(st.lists(st.sampled_from(["definitions", "title", "uiSchema", "allOf", "required"]),
                                 max_size=3, unique=True)):
            value[key] = draw(st.dictionaries(st.sampled_from(["a", "b", "c"]), schema_like, max_size=3))
    indent = draw(st.sampled_from([None, 0, 2, "\t"]))
    return json.dumps(value, indent=indent, ensure_ascii=True).encode("utf-8")


# --------------------------------------------------------------------------- generated XML


XML_TAGS = ["part", "section", "title", "heading", "hd", "p", "ref", "def", "em", "meta", "date", "script",
            "fdsys", "num", "content", "x:item", "doc"]


def xml_element() -> st.SearchStrategy[str]:
    def element(children: st.SearchStrategy[list[str]]) -> st.SearchStrategy[str]:
        return st.tuples(st.sampled_from(XML_TAGS), st.sampled_from(["", ' xml:lang="en"', ' id="a"', ' x:a="1"']),
                         children).map(lambda t: f"<{t[0]}{t[1]}>{''.join(t[2])}</{t[0]}>")

    text = prose.map(lambda s: s.replace("&", "&amp;").replace("<", "&lt;"))
    return st.recursive(text, lambda inner: element(st.lists(inner, max_size=4)), max_leaves=15)


XML_ELEMENT = xml_element()


@st.composite
def xml_document(draw: st.DrawFn) -> bytes:
    prolog = draw(st.sampled_from([
        "", '<?xml version="1.0"?>', '<?xml version="1.0" encoding="ISO-8859-1"?>',
        '<!DOCTYPE doc [<!ENTITY a "aaaa"><!ENTITY b "&a;&a;&a;">]>', '<!DOCTYPE doc SYSTEM "http://192.0.2.1/x.dtd">',
        '<!DOCTYPE doc [<!ENTITY x SYSTEM "file:///etc/passwd">]>', "<!-- c -->", "<?pi x?>"]))
    body = draw(XML_ELEMENT)
    tail = draw(st.sampled_from(["", "&a;", "&x;", "<![CDATA[<p>]]>", "trailing", "<unclosed>"]))
    root = f'<doc xmlns:x="urn:x">{body}{tail}</doc>' if draw(st.booleans()) else body + tail
    return (prolog + root).encode("utf-8", "surrogatepass")


XML_DOCUMENT = xml_document()

# --------------------------------------------------------------------------- the tests

GENERATORS: dict[Format, Callable[[], st.SearchStrategy[bytes]]] = {
    Format.PDF: generated_pdf,
    Format.HTML: generated_html,
    Format.MARKDOWN: generated_markdown,
    Format.TEXT: generated_text,
    Format.JSONSCHEMA: generated_schema,
    Format.XML: xml_document,
}


@pytest.mark.parametrize("fmt", list(GENERATORS), ids=lambda f: f.value)
def test_no_input_crashes_a_reader(fmt: Format) -> None:
    ends: Counter[str] = Counter()

    @fuzz_settings(MUTATED)
    @given(mutations(fmt))
    def mutated_files(data: bytes) -> None:
        ends["mutated " + check(data, fmt)] += 1

    @fuzz_settings(GENERATED)
    @given(GENERATORS[fmt]())
    def generated_structure(data: bytes) -> None:
        ends["generated " + check(data, fmt)] += 1

    mutated_files()
    generated_structure()
    assert sum(ends.values()) >= 1000, ends
    # The cases reach past the readers' first checks: some are read, not all refused
    # (a single flipped byte makes most XML ill-formed, so the bar is low).
    assert ends["mutated read"] + ends["mutated skipped"] >= MUTATED // 25, ends
    assert ends["generated read"] + ends["generated skipped"] >= GENERATED // 10, ends
