"""The PDF reader: fillable (AcroForm, also with XFA) and flat PDFs.

Two libraries, each for what it does fast:

* pdfminer.six reads the object model without laying out any character: catalog,
  encryption dictionary, /Info, XMP, /AcroForm and its field tree, XFA packets, page
  dictionaries and annotations (see :mod:`pdf_catalog`, :mod:`pdf_fields`,
  :mod:`pdf_meta`).
* pdfium (pypdfium2) gives the text layer with positions, the visible labels next to
  widgets and the image objects of each page (:mod:`pdf_text`), about 40 times faster
  than pdfminer's layout engine.

The result is a :class:`~formlint.model.Document` whose ``pdf`` attribute holds the
catalog facts as plain dataclasses (:mod:`pdf_facts`); both files are closed before
it is returned. ``read_pdf`` raises only :class:`~formlint.model.UnreadableError`.

Deep tier (``options.deep``): also collects, per page, the fonts used by text objects
and how many text objects are outside tagged marked content (see ``PdfPage.fonts``,
``PdfPage.untagged_text_objects``). Per-character facts (fonts per character, char
positions for visual-label matching) are the next hooks to add there, in
:func:`pdf_text.read_page` behind its ``deep`` flag.
"""

from __future__ import annotations

import re
import warnings
from dataclasses import dataclass
from typing import Any, NamedTuple

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c
from pdfminer.pdfdocument import PDFDocument, PDFEncryptionError, PDFPasswordIncorrect
from pdfminer.psparser import PSException

from formlint.model import (
    Anchor,
    BBox,
    Document,
    Field,
    FieldType,
    Format,
    Location,
    PasswordRequiredError,
    Role,
    TextBlock,
    UnreadableError,
    Widget,
)
from formlint.readers import pdf_objects as obj
from formlint.readers.base import ReadOptions
from formlint.readers.pdf_bombs import check_decoded_size
from formlint.readers.pdf_catalog import LETTER, RawPage, StructLookup, read_annotations, resource_fonts, walk_pages
from formlint.readers.pdf_facts import PdfFacts, PdfPage
from formlint.readers.pdf_fastparse import FastPDFDocument
from formlint.readers.pdf_fields import (
    FF_COMB,
    FF_COMBO,
    FF_EDIT,
    FF_FILE_SELECT,
    FF_MULTI_SELECT,
    FF_MULTILINE,
    FF_PASSWORD,
    FF_PUSHBUTTON,
    FF_RADIO,
    FF_READ_ONLY,
    FF_REQUIRED,
    ANNOT_HIDDEN,
    RawField,
    walk_fields,
)
from formlint.readers.pdf_headings import set_texts, texts_to_read
from formlint.readers.pdf_meta import XfaFacts, read_xfa, read_xmp
from formlint.readers.pdf_struct import walk_structure
from formlint.readers.pdf_text import (
    PageText,
    WidgetProbe,
    body_line_height,
    clean_text,
    is_list_item,
    join_lines,
    read_page,
)

#: A page whose text is missing and whose images cover more than this share of it is a scan.
IMAGE_ONLY_COVERAGE = 0.30
#: Labels are looked up per widget against its row neighbours; on pages with more
#: widgets than this the lookup is skipped (it grows with the square of the count).
MAX_LABEL_PROBES = 1500
HEADING_RATIO = 1.25

_VERSION = re.compile(rb"%PDF-(\d+\.\d+)")


def read_pdf(data: bytes, path: str, options: ReadOptions) -> Document:
    """Read a PDF into a Document (format PDF) with ``Document.pdf`` facts."""
    _check_bytes(data)
    if options.max_pdf_decoded_bytes:
        check_decoded_size(data, options.max_pdf_decoded_bytes)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        try:
            return _read(data, path, options)
        except UnreadableError:
            raise
        except RecursionError:
            raise UnreadableError("damaged PDF: its objects nest too deeply to read") from None
        except MemoryError:
            raise UnreadableError("PDF too large to read in memory") from None
        except Exception as exc:  # noqa: BLE001 - a reader raises nothing but UnreadableError
            raise UnreadableError(f"damaged PDF: {_describe(exc)}") from None


def _check_bytes(data: bytes) -> None:
    if not data:
        raise UnreadableError("empty file: 0 bytes, not a PDF")
    if b"%PDF-" not in data[:1024]:
        head = data[:64].lstrip().lower()
        hint = " (it looks like HTML)" if head.startswith((b"<!doctype html", b"<html")) else ""
        raise UnreadableError(f"not a PDF: no %PDF- header at the start of the file{hint}")
    # Trailing NULs and whitespace are common padding; %%EOF must end what is left.
    tail = data[-1_048_576:].rstrip(b"\x00\x1a \t\r\n")[-4096:]
    if b"%%EOF" not in tail:
        raise UnreadableError("truncated PDF: the file does not end with %%EOF, so it was cut short")


def _describe(exc: BaseException) -> str:
    message = str(exc).strip() or (str(exc.args[0]) if exc.args else "")
    return f"{type(exc).__name__}: {message}"[:300] if message else type(exc).__name__


# --------------------------------------------------------------------------- opening


def _open_pdfium(data: bytes) -> pdfium.PdfDocument:
    try:
        return pdfium.PdfDocument(data)
    except pdfium.PdfiumError as exc:
        code = getattr(exc, "err_code", None)
        if code == pdfium_c.FPDF_ERR_PASSWORD:
            raise PasswordRequiredError("password-protected PDF: a user password is needed to open it") from None
        if code == pdfium_c.FPDF_ERR_SECURITY:
            raise UnreadableError("encrypted PDF with an unsupported security handler") from None
        raise UnreadableError(f"damaged PDF: pdfium cannot parse it ({exc})") from None


def _open_pdfminer(data: bytes) -> PDFDocument:
    try:
        return FastPDFDocument(data, password="")
    except PDFPasswordIncorrect:
        raise PasswordRequiredError("password-protected PDF: a user password is needed to open it") from None
    except PDFEncryptionError as exc:
        raise UnreadableError(f"encrypted PDF that cannot be decrypted: {_describe(exc)}") from None
    except (PSException, ValueError, KeyError, TypeError, AssertionError) as exc:
        raise UnreadableError(f"damaged PDF: its object structure cannot be read ({_describe(exc)})") from None


# --------------------------------------------------------------------------- reading


class _PlacedWidget(NamedTuple):
    page: int  # 1-based
    rect: tuple[float, float, float, float]  # bottom-up /Rect, for pdfium
    bbox: BBox  # top-based
    hidden: bool


@dataclass(slots=True)
class _Placed:
    """A terminal field with its widgets placed on pages."""

    raw: RawField
    widgets: list[_PlacedWidget]


def _read(data: bytes, path: str, options: ReadOptions) -> Document:
    pdf = _open_pdfium(data)
    try:
        miner = _open_pdfminer(data)
        facts = _catalog_facts(miner, data)
        page_walk = walk_pages(miner.catalog)
        facts.warnings.extend(page_walk.warnings)
        page_count = len(pdf)
        if page_count == 0 and not page_walk.pages:
            raise UnreadableError("damaged PDF: no pages could be read")
        if len(page_walk.pages) != page_count:
            facts.warnings.append(
                f"pdfium sees {page_count} pages and the page tree lists {len(page_walk.pages)}; "
                "page facts follow pdfium"
            )
        boxes = [_page_box(pdf, i, page_walk.pages) for i in range(page_count)]
        acroform = obj.as_dict(miner.catalog.get("AcroForm"))
        placed, xfa = _fields(acroform, facts, page_walk.pages)
        _pages_and_annotations(miner, facts, page_walk.pages, boxes, placed)
        wanted = texts_to_read(facts.headings)
        texts = _texts(pdf, boxes, placed, options.deep, facts.warnings, wanted)
    finally:
        pdf.close()
    facts.page_count = page_count
    facts.deep = options.deep
    for page, text in zip(facts.pages, texts):
        page.char_count = text.char_count
        page.image_count = text.image_count
        page.image_coverage = text.image_coverage
        page.image_only = text.char_count == 0 and text.image_coverage > IMAGE_ONLY_COVERAGE
        page.unmapped_chars, page.unmapped_sample = text.unmapped_chars, text.unmapped_sample
        page.fonts = text.fonts
        page.text_objects, page.untagged_text_objects = text.text_objects, text.untagged_text_objects
    set_texts(facts.headings, {text.number: text.mcid_texts for text in texts if text.mcid_texts})
    fields = [_field(i, item, path, texts, xfa) for i, item in enumerate(placed)]
    facts.xfa_named_fields = sum(1 for f in fields if f.attributes.get("xfa_name"))
    blocks = _blocks(texts, path) + _tooltip_blocks(fields)
    return Document(
        path=path,
        format=Format.PDF,
        title=facts.xmp_title or facts.info_title,
        language=facts.lang or None,
        page_count=page_count,
        blocks=blocks,
        fields=fields,
        metadata={
            "tagged": facts.tagged,
            "encrypted": facts.encrypted,
            "image_only_pages": facts.image_only_pages,
            "has_text": facts.has_text,
            "fillable": bool(fields),
            "xfa": facts.xfa_present,
        },
        pdf=facts,
    )


def _page_box(pdf: pdfium.PdfDocument, index: int, raw_pages: list[RawPage]) -> tuple[float, float, float, float]:
    if index < len(raw_pages):
        return raw_pages[index].mediabox
    try:
        page = pdf[index]
    except pdfium.PdfiumError:
        return LETTER  # the page itself is damaged; _texts reports it
    try:
        x0, y0, x1, y1 = page.get_mediabox()
    finally:
        page.close()
    return (min(x0, x1), min(y0, y1), max(x0, x1), max(y0, y1))


def _catalog_facts(miner: PDFDocument, data: bytes) -> PdfFacts:
    catalog = miner.catalog
    facts = PdfFacts()
    header = _VERSION.search(data[:1024])
    facts.version = obj.name(catalog.get("Version")) or (header.group(1).decode() if header else None)
    if miner.encryption is not None:
        facts.encrypted = True
        params = obj.as_dict(miner.encryption[1])
        permissions = obj.integer(params.get("P"))
        facts.permissions = permissions & 0xFFFFFFFF if permissions is not None else None
        facts.encryption_revision = obj.integer(params.get("R"))
    mark_info = obj.as_dict(catalog.get("MarkInfo"))
    facts.tagged = obj.boolean(mark_info.get("Marked"))
    facts.suspects = obj.boolean(mark_info.get("Suspects"))
    facts.has_struct_tree = bool(obj.as_dict(catalog.get("StructTreeRoot")))
    lang = obj.text(catalog.get("Lang"))
    facts.lang = lang.strip() if lang is not None else None
    info = _info(miner)
    facts.info_title = clean_text(obj.text(info.get("Title")) or "") or None
    facts.producer = clean_text(obj.text(info.get("Producer")) or "") or None
    facts.creator = clean_text(obj.text(info.get("Creator")) or "") or None
    metadata = obj.resolve(catalog.get("Metadata"))
    if metadata is not None:
        facts.has_xmp = True
        raw = obj.stream_bytes(metadata)
        if raw:
            xmp = read_xmp(raw)
            facts.xmp_title, facts.pdfua_part = xmp.title, xmp.pdfua_part
            if xmp.error:
                facts.warnings.append(xmp.error)
    preferences = obj.as_dict(catalog.get("ViewerPreferences"))
    facts.display_doc_title = obj.boolean(preferences.get("DisplayDocTitle"))
    acroform = obj.as_dict(catalog.get("AcroForm"))
    facts.acroform_present = bool(acroform) or "AcroForm" in catalog
    facts.need_appearances = obj.boolean(acroform.get("NeedAppearances"))
    facts.acroform_fonts = resource_fonts(acroform.get("DR"))
    return facts


def _info(miner: PDFDocument) -> dict[str, Any]:
    """The newest /Info dictionary (pdfminer lists the last trailer first)."""
    for info in miner.info:
        info_dict = obj.as_dict(info)
        if info_dict:
            return info_dict
    return {}


def _fields(
    acroform: dict[str, Any], facts: PdfFacts, raw_pages: list[RawPage]
) -> tuple[list[_Placed], XfaFacts]:
    if not acroform:
        return [], XfaFacts()
    walk = walk_fields(acroform)
    facts.warnings.extend(walk.warnings)
    facts.field_count = len(walk.fields)
    xfa = read_xfa(acroform.get("XFA"))
    facts.xfa_present, facts.xfa_dynamic = xfa.present, xfa.dynamic
    facts.warnings.extend(xfa.warnings)
    # Widget -> page: the page whose /Annots lists it, else the page its /P names.
    by_annot: dict[int, int] = {}
    by_page_id: dict[int, int] = {}
    for index, page in enumerate(raw_pages):
        if page.objid is not None:
            by_page_id[page.objid] = index
        for ref in obj.as_list(page.attrs.get("Annots")):
            annot_id = obj.objid(ref)
            if annot_id is not None:
                by_annot.setdefault(annot_id, index)
    placed: list[_Placed] = []
    for raw in walk.fields:
        widgets = []
        for widget in raw.widgets:
            index = by_annot.get(widget.objid) if widget.objid is not None else None
            if index is None and widget.page_objid is not None:
                index = by_page_id.get(widget.page_objid)
            if index is None or widget.rect is None:
                facts.unplaced_widgets += 1
                continue
            bbox = obj.top_based(widget.rect, raw_pages[index].mediabox)
            widgets.append(_PlacedWidget(index + 1, widget.rect, bbox, bool(widget.flags & ANNOT_HIDDEN)))
        placed.append(_Placed(raw, widgets))
    return placed, xfa


def _pages_and_annotations(
    miner: PDFDocument,
    facts: PdfFacts,
    raw_pages: list[RawPage],
    boxes: list[tuple[float, float, float, float]],
    placed: list[_Placed],
) -> None:
    widget_names: dict[int, str] = {}
    for item in placed:
        for widget in item.raw.widgets:
            if widget.objid is not None:
                widget_names[widget.objid] = item.raw.full_name
    struct_root = obj.as_dict(miner.catalog.get("StructTreeRoot"))
    struct = StructLookup(struct_root) if struct_root else None
    owners: dict[int, tuple[str | None, str | None]] = {}
    if struct is not None:
        walk = walk_structure(
            struct_root,
            struct.standard_type,
            {p.objid: i + 1 for i, p in enumerate(raw_pages) if p.objid is not None},
            {i + 1: p.mediabox for i, p in enumerate(raw_pages)},
        )
        facts.struct_elements, facts.figures, facts.headings = walk.element_count, walk.figures, walk.headings
        facts.tables = walk.tables
        facts.form_elements, facts.struct_truncated = walk.form_elements, walk.truncated
        owners = walk.objr_owners
    for index, box in enumerate(boxes):
        raw = raw_pages[index] if index < len(raw_pages) else None
        page = PdfPage(number=index + 1, width=round(box[2] - box[0], 2), height=round(box[3] - box[1], 2))
        if raw is not None:
            page.rotation = raw.rotation
            page.tabs = obj.name(raw.attrs.get("Tabs"))
            page.annotations = read_annotations(raw, widget_names, struct)
            for annotation in page.annotations:
                if annotation.struct_type is None and annotation.objid in owners:
                    annotation.struct_type, annotation.struct_alt = owners[annotation.objid]
            facts.orphan_widgets.extend(
                a for a in page.annotations if a.is_widget and (a.objid is None or a.objid not in widget_names)
            )
        facts.pages.append(page)


def _texts(
    pdf: pdfium.PdfDocument,
    boxes: list[tuple[float, float, float, float]],
    placed: list[_Placed],
    deep: bool,
    problems: list[str],
    wanted_mcids: dict[int, dict[int, int]],
) -> list[PageText]:
    probes: dict[int, list[WidgetProbe]] = {}
    for field_index, item in enumerate(placed):
        toggle = item.raw.field_type == "Btn" and not item.raw.flags & FF_PUSHBUTTON
        for widget_index, widget in enumerate(item.widgets):
            probes.setdefault(widget.page, []).append(WidgetProbe((field_index, widget_index), widget.rect, toggle))
    texts = []
    for index, box in enumerate(boxes):
        page_probes = probes.get(index + 1, [])
        if len(page_probes) > MAX_LABEL_PROBES:
            page_probes = []
        try:
            texts.append(read_page(pdf, index, box, page_probes, deep, wanted_mcids.get(index + 1, {}).keys()))
        except pdfium.PdfiumError:
            problems.append(f"page {index + 1} cannot be loaded (damaged page object); its text was not read")
            texts.append(PageText(number=index + 1))
    return texts


# --------------------------------------------------------------------------- fields


def field_type(pdf_type: str | None, flags: int) -> FieldType:
    """The model type of a PDF field from /FT and /Ff."""
    if pdf_type == "Tx":
        if flags & FF_FILE_SELECT:
            return FieldType.FILE
        if flags & FF_PASSWORD:
            return FieldType.PASSWORD
        return FieldType.TEXTAREA if flags & FF_MULTILINE else FieldType.TEXT
    if pdf_type == "Btn":
        if flags & FF_PUSHBUTTON:
            return FieldType.BUTTON
        return FieldType.RADIO if flags & FF_RADIO else FieldType.CHECKBOX
    if pdf_type == "Ch":
        return FieldType.SELECT
    if pdf_type == "Sig":
        return FieldType.SIGNATURE
    return FieldType.OTHER


def _field(field_index: int, item: _Placed, path: str, texts: list[PageText], xfa: XfaFacts) -> Field:
    raw = item.raw
    flags = raw.flags
    kind = field_type(raw.field_type, flags)
    is_text = raw.field_type == "Tx"
    first = item.widgets[0] if item.widgets else None
    export_values = _unique(state for w in raw.widgets for state in w.on_states)
    xfa_entry = xfa.lookup(raw.full_name) if xfa.names else None
    labels = _widget_labels(field_index, item, texts)
    attributes: dict[str, Any] = {
        "pdf_type": raw.field_type,
        "flags": flags,
        "comb": bool(is_text and flags & FF_COMB),
        "multiline": bool(is_text and flags & FF_MULTILINE),
        "maxlen": raw.max_len,
        "partial_name": raw.partial_name,
        "xfa_name": xfa_entry.accessible_name if xfa_entry else None,
        "xfa_caption": xfa_entry.caption if xfa_entry else None,
        "tooltip_raw": raw.tooltip,
        "mapping_name": raw.mapping_name,
        "default_value": raw.default_value,
        "export_values": export_values,
        "widget_labels": labels,
        "hidden": bool(item.widgets) and all(w.hidden for w in item.widgets),
    }
    if raw.field_type == "Ch":
        attributes.update(
            combo=bool(flags & FF_COMBO),
            editable=bool(flags & FF_EDIT),
            multi_select=bool(flags & FF_MULTI_SELECT),
            option_exports=raw.option_exports,
        )
    options: list[str] = []
    if kind is FieldType.SELECT:
        options = list(raw.options)
    elif kind is FieldType.RADIO:
        options = list(raw.options) if raw.options else export_values
    label = None
    if kind is not FieldType.RADIO and labels:
        label = labels[0]
    location = Location(
        path=path,
        page=first.page if first else None,
        bbox=first.bbox if first else None,
        field=raw.full_name,
    )
    return Field(
        id=raw.full_name,
        type=kind,
        location=location,
        label=label,
        accessible_name=clean_text(raw.tooltip or "") or None,
        required=bool(flags & FF_REQUIRED),
        read_only=bool(flags & FF_READ_ONLY),
        options=options,
        group=raw.parent_name,
        value=raw.value,
        attributes=attributes,
        widgets=[Widget(page=w.page, bbox=w.bbox, hidden=w.hidden) for w in item.widgets],
    )


def _widget_labels(field_index: int, item: _Placed, texts: list[PageText]) -> list[str | None]:
    """The visible label found next to each widget (empty when none was found)."""
    labels: list[str | None] = []
    for widget_index, widget in enumerate(item.widgets):
        text = texts[widget.page - 1] if 0 < widget.page <= len(texts) else None
        labels.append(text.labels.get((field_index, widget_index)) if text else None)
    return labels if any(labels) else []


def _unique(values: Any) -> list[str]:
    seen: dict[str, None] = {}
    for value in values:
        seen.setdefault(value, None)
    return list(seen)


# --------------------------------------------------------------------------- blocks


def _blocks(texts: list[PageText], path: str) -> list[TextBlock]:
    body = body_line_height(texts)
    blocks: list[TextBlock] = []
    section: str | None = None
    for page in texts:
        for paragraph in page.paragraphs:
            text, offsets = join_lines(paragraph)
            if not text:
                continue
            role = Role.PARAGRAPH
            if _is_heading(text, paragraph, body):
                role = Role.HEADING
            elif is_list_item(text):
                role = Role.LIST_ITEM
            anchors = [Anchor(offset=o, page=page.number, bbox=line.bbox) for o, line in zip(offsets, paragraph)]
            bbox = _union([line.bbox for line in paragraph])
            if role is Role.HEADING:
                section = text
            blocks.append(
                TextBlock(
                    text=text,
                    role=role,
                    location=Location(path=path, page=page.number, bbox=bbox),
                    anchors=anchors,
                    section=section if role is not Role.HEADING else text,
                )
            )
    return blocks


def _is_heading(text: str, paragraph: list[Any], body: float | None) -> bool:
    """Short, unpunctuated and set clearly larger than the body text."""
    if body is None or len(paragraph) > 2 or len(text.split()) > 12:
        return False
    if text.rstrip().endswith((".", ",", ";")) or not any(ch.isalpha() for ch in text):
        return False
    height = sum(line.height for line in paragraph) / len(paragraph)
    return height >= HEADING_RATIO * body


def _tooltip_blocks(fields: list[Field]) -> list[TextBlock]:
    """One LABEL block per field with a /TU, so prose rules also read the tooltips.

    The boxes of one question (a Yes box "Pt1Line17_YN[0]" and a No box "...[1]") often
    carry the question's whole tooltip each: it is read once, or every finding in it
    would be reported once per box."""
    blocks = []
    seen: set[tuple[int | None, str, str]] = set()
    for item in fields:
        if not item.accessible_name:
            continue
        question = (item.location.page, re.sub(r"\[\d+\]$", "", item.id), item.accessible_name)
        if question in seen:
            continue
        seen.add(question)
        loc = item.location
        anchors = [Anchor(offset=0, page=loc.page, bbox=loc.bbox)] if loc.page is not None else []
        blocks.append(
            TextBlock(text=item.accessible_name, role=Role.LABEL, location=loc, anchors=anchors, field_id=item.id)
        )
    return blocks


def _union(boxes: list[BBox]) -> BBox:
    return (
        min(b[0] for b in boxes),
        min(b[1] for b in boxes),
        max(b[2] for b in boxes),
        max(b[3] for b in boxes),
    )
