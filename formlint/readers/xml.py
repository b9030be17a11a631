"""XML guidance (regulations in CFPB RegML, statutes and the Federal Register in USLM).

Any well-formed XML is read as prose: each element that holds text directly is a
block, inline elements (references, definitions, emphasis) join their parent's
block, and metadata containers are skipped. ``<!-- formlint-disable ... -->`` comments
suppress findings as in HTML (formlint.suppress). Parsing goes through expat with every
entity declaration refused and no external entity or DTD ever loaded, so
billion-laughs and XXE documents are rejected instead of expanded.
"""

from __future__ import annotations

import xml.parsers.expat
from dataclasses import dataclass, field

from formlint.model import Document, Format, Role, UnreadableError
from formlint.readers.base import ReadOptions, looks_binary
from formlint.readers.blockbuilder import BlockBuilder
from formlint.suppress import SuppressionCollector

HEADING_TAGS = frozenset(
    {"title", "heading", "subheading", "hd", "head", "caption", "subject", "h1", "h2", "h3", "h4", "h5", "h6"}
)
# Elements that only hold identifiers, dates and bookkeeping: never prose.
SKIP_TAGS = frozenset(
    {
        "meta", "fdsys", "preamble", "processedby", "processeddate", "documentnumber",
        "federalregisterurl", "effectivedate", "date", "num", "cfrtitlenum", "volume",
        "script", "style", "code", "pre", "marker", "billing",
    }
)
INLINE_TAGS = frozenset(
    {
        "ref", "def", "dfn", "em", "i", "b", "u", "strong", "span", "a", "sup", "sub", "e",
        "term", "inline", "shortTitle".lower(), "quotedtext", "citation", "fr", "su", "ai",
        "amendingaction",  # the Federal Register's "is <amendingAction>amended</amendingAction> by adding"
    }
)
# Dates are bookkeeping at block level (a document's date) but words inside a sentence: "(82
# FR 18981, <date>April 25, 2017</date>) amending ...". There they join the sentence, which
# otherwise broke in two around them.
INLINE_IN_TEXT = frozenset({"date"})
# A page marker inside a sentence ("as depicted on <page>131 STAT. 83</page>the map"): left
# out, and the sentence goes on across it.
SILENT_IN_TEXT = frozenset({"page"})
MIN_WORDS = 3  # shorter text nodes are labels and numbers, not sentences


class _Refused(Exception):
    pass


@dataclass
class _Frame:
    tag: str
    builder: BlockBuilder | None  # the block this element writes into (shared by inline elements)
    owns: bool
    skip: bool


@dataclass
class _XmlProse:
    doc: Document
    stack: list[_Frame] = field(default_factory=list)
    section: str | None = None
    lang: str | None = None

    def start(self, name: str, attrs: dict[str, str], line: int, column: int) -> None:
        tag = name.rsplit(":", 1)[-1].rsplit("}", 1)[-1].lower()
        if self.lang is None:
            self.lang = attrs.get("xml:lang") or attrs.get("lang")
        parent = self.stack[-1] if self.stack else None
        skip = tag in SKIP_TAGS or (parent is not None and parent.skip)
        text = parent.builder if parent is not None and not parent.skip else None  # the block it is in
        if text is not None and (tag in INLINE_TAGS or tag in INLINE_IN_TEXT and not text.empty):
            self.stack.append(_Frame(tag, text, owns=False, skip=False))
            return
        if text is not None and tag in SILENT_IN_TEXT:
            self.stack.append(_Frame(tag, None, owns=False, skip=True))
            return
        if parent is not None and parent.owns and parent.builder is not None and not parent.builder.empty:
            # A block element inside text: what came before is a block of its own.
            self._flush(parent.builder)
            parent.builder = BlockBuilder(self.doc.path, parent.builder.role, section=self.section)
        role = Role.HEADING if tag in HEADING_TAGS else Role.PARAGRAPH
        builder = None if skip else BlockBuilder(self.doc.path, role, section=self.section)
        self.stack.append(_Frame(tag, builder, owns=True, skip=skip))

    def end(self) -> None:
        frame = self.stack.pop()
        if frame.owns and frame.builder is not None:
            self._flush(frame.builder)

    def text(self, data: str, line: int, column: int) -> None:
        if not self.stack:
            return
        frame = self.stack[-1]
        if frame.skip or frame.builder is None:
            return
        frame.builder.add(data, line, column)

    def _flush(self, builder: BlockBuilder) -> None:
        block = builder.build()
        if block is None or len(block.text.split()) < MIN_WORDS and block.role is not Role.HEADING:
            return
        if block.role is Role.HEADING:
            self.section = block.text
            if self.doc.title is None:
                self.doc.title = block.text
        self.doc.blocks.append(block)


def read_xml(data: bytes, path: str, options: ReadOptions) -> Document:
    if looks_binary(data):
        raise UnreadableError("not an XML file: binary data")
    doc = Document(path=path, format=Format.XML)
    prose = _XmlProse(doc)
    parser = xml.parsers.expat.ParserCreate()
    parser.SetParamEntityParsing(xml.parsers.expat.XML_PARAM_ENTITY_PARSING_NEVER)

    def refuse_entity(*_args: object) -> None:
        raise _Refused("entity declarations are refused (possible entity-expansion attack)")

    def refuse_external(*_args: object) -> int:
        raise _Refused("external entities are refused")

    parser.EntityDeclHandler = refuse_entity
    parser.UnparsedEntityDeclHandler = refuse_entity
    parser.ExternalEntityRefHandler = refuse_external
    parser.StartElementHandler = lambda name, attrs: prose.start(
        name, attrs, parser.CurrentLineNumber, parser.CurrentColumnNumber + 1
    )
    parser.EndElementHandler = lambda name: prose.end()
    parser.CharacterDataHandler = lambda data: prose.text(
        data, parser.CurrentLineNumber, parser.CurrentColumnNumber + 1
    )
    suppressions = SuppressionCollector()
    parser.CommentHandler = lambda body: suppressions.comment(
        body, parser.CurrentLineNumber, parser.CurrentLineNumber + body.count("\n"))
    parser.buffer_text = False  # keep per-chunk positions exact
    try:
        parser.Parse(data, True)
    except _Refused as error:
        raise UnreadableError(f"unsafe XML: {error}") from None
    except xml.parsers.expat.ExpatError as error:
        raise UnreadableError(f"not well-formed XML: {xml.parsers.expat.ErrorString(error.code)} "
                              f"at line {error.lineno}, column {error.offset + 1}") from None
    except RecursionError:
        raise UnreadableError("XML nested too deeply") from None
    except (LookupError, UnicodeError, ValueError) as error:  # encoding="..." names no codec Python has
        raise UnreadableError(f"the XML declaration names an encoding that cannot be read ({error})") from None
    doc.language = prose.lang
    doc.suppressions = suppressions.finish()
    return doc
