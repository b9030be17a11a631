"""``pdf-accessibility``: PDF/UA and WCAG checks on the facts of the PDF reader.

One kind serves every ``a11y/pdf-*`` rule; the rule's ``check`` parameter names the
function below that does the work. Each function reads only ``Document.pdf``
(:class:`~formlint.readers.pdf_facts.PdfFacts`) and ``Document.fields`` and yields
findings through the Check, so a rule file is all a new PDF rule needs once its
function exists.

Tiers: everything here reads PDF objects and pdfium's text layer (the fast tier),
except ``font-not-embedded`` and ``untagged-content``, which need the deep tier's facts
(fonts per character, marked content per text object); their rules say ``tier: deep``
and the functions stay silent if the facts were not collected.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator

from formlint.checks.base import Check, Param, register
from formlint.checks.dispatch import CheckTable
from formlint.context import CheckContext
from formlint.language_guess import text_language_tag
from formlint.languages import LANG_TAG
from formlint.model import Document, Field, FieldType, Finding, Format, Location, is_placeholder_name
from formlint.readers.pdf_facts import PdfAnnotation, PdfFacts, PdfHeading, is_standard_14
from formlint.readers.pdf_headings import HEADING_LEVELS, outline_problems

#: Titles that authoring tools write when nobody set one.
PLACEHOLDER_TITLE = re.compile(
    r"^(?:untitled(?:\s*\d+)?|document\s*\d*|new document|title|no title|\(?anonymous\)?"
    r"|(?:microsoft\s+)?(?:word|excel|powerpoint)\s*-\s*.*"
    r"|.*\.(?:pdf|docx?|xlsx?|pptx?|indd|rtf|txt|odt|html?)"
    r"|[\s_.\-]*)$",
    re.IGNORECASE,
)
#: An accessible name that is an internal identifier: one "word" with an underscore,
#: a bracket, camelCase, or letters run into digits (Text2, f1_01[0], RadioButtonGroup).
GENERIC_NAME = re.compile(
    r"^(?=\S+$)(?:.*[_\[\]].*|.*[a-z][A-Z].*|[A-Za-z]+\d+[a-z]?|\d+)$"
)
#: A visible or spoken "this is required" mark. "if required" and "required by law" are
#: not marks, so the words count only inside brackets or after a separator at the end.
REQUIRED_MARK = re.compile(
    r"(?:^|\s)\*+\s*(?:$|[:.])|^\s*\*|[(\[]\s*(?:required|mandatory)\s*[)\]]|[-\u2013\u2014:,]\s*(?:required|mandatory)\s*$",
    re.IGNORECASE,
)
MENTIONS_REQUIRED = re.compile(r"\b(?:required|mandatory|must)\b|\*", re.IGNORECASE)
#: Alt text that is a file name, a path or a URL instead of a description.
FILENAME_ALT = re.compile(
    r"^(?:[a-z]:\\|\\\\|/|~/|file:|https?://).*$"
    r"|^\S*\.(?:jpe?g|png|gif|bmp|tiff?|emf|wmf|svg|eps|ai|psd|pdf|webp|heic)$"
    r"|^(?:img|dsc|dscn|image|pic|scan)[_\-\s]?\d+$",
    re.IGNORECASE,
)
#: Split-field groups: the stem is the name without its trailing index or counter.
_STEM = re.compile(r"(?:\[\d+\]|[_\-.\s]*\d+[a-z]?)+$", re.IGNORECASE)
_DATE_PART = re.compile(r"\b(?:mm|dd|yy|yyyy|month|day|year|date|dob|birth)\b|(?:month|day|year|date)", re.IGNORECASE)
_TRAILING_MARK = re.compile(r"\s*(?:\*+|:)\s*$")
#: Annotations annot-no-desc leaves alone: described another way, or (TrapNet) not
#: allowed at all, which the trapnet rule says.
NOT_DESCRIBED_SUBTYPES = frozenset({"Widget", "Link", "Popup", "PrinterMark", "TrapNet"})


@register
class PdfAccessibilityCheck(Check):
    kind = "pdf-accessibility"
    params = {
        # "check": added by CHECKS.seal at the end of the module
        "max-split-length": Param(int, 4, help="split-field: the longest /MaxLen that counts as a box"),
    }

    def setup(self) -> None:
        self._run = CHECKS[self.options["check"]]

    def run(self, doc: Document, ctx: CheckContext) -> Iterator[Finding]:
        if doc.format is not Format.PDF or doc.pdf is None:
            return iter(())
        return self._run(self, doc, doc.pdf)

    # helpers ---------------------------------------------------------------------------

    def at_document(self, doc: Document, **kwargs: object) -> Finding:
        return self.finding(Location(doc.path), **kwargs)  # type: ignore[arg-type]

    def at_page(self, doc: Document, page: int, **kwargs: object) -> Finding:
        return self.finding(Location(doc.path, page=page), **kwargs)  # type: ignore[arg-type]

    def at_annotation(self, doc: Document, annot: PdfAnnotation, **kwargs: object) -> Finding:
        location = Location(doc.path, page=annot.page, bbox=annot.bbox, field=annot.field_name)
        return self.finding(location, **kwargs)  # type: ignore[arg-type]


CheckFunction = Callable[[PdfAccessibilityCheck, Document, PdfFacts], Iterator[Finding]]
CHECKS: CheckTable[CheckFunction] = CheckTable()
check = CHECKS  # @check("name") registers a function


# --------------------------------------------------------------------------- document


@check("password-required")
def _password_required(c: PdfAccessibilityCheck, doc: Document, facts: PdfFacts) -> Iterator[Finding]:
    # A locked file never becomes a Document: the reader raises PasswordRequiredError
    # and the engine reports this rule in place of io/unreadable.
    return iter(())


@check("encryption-blocks-at")
def _encryption(c: PdfAccessibilityCheck, doc: Document, facts: PdfFacts) -> Iterator[Finding]:
    if facts.encrypted and not facts.accessibility_extraction_allowed:
        if facts.permissions is None:
            detail = "its encryption dictionary has no /P permissions"
        else:
            signed = facts.permissions - (1 << 32) if facts.permissions >= 1 << 31 else facts.permissions
            detail = f"its permissions (/P {signed}) clear bit 10, \"extract for accessibility\""
        yield c.at_document(doc, detail=detail, fingerprint="encryption")


@check("not-marked")
def _not_marked(c: PdfAccessibilityCheck, doc: Document, facts: PdfFacts) -> Iterator[Finding]:
    # Without a structure tree the file is simply untagged (no-structure-tree says so);
    # this rule is for tags that exist but are not declared.
    if facts.has_struct_tree and not facts.tagged:
        yield c.at_document(doc, fingerprint="marked")


@check("no-structure-tree")
def _no_struct_tree(c: PdfAccessibilityCheck, doc: Document, facts: PdfFacts) -> Iterator[Finding]:
    if not facts.has_struct_tree:
        marked = "it claims to be tagged (/MarkInfo /Marked true) but " if facts.tagged else ""
        yield c.at_document(doc, marked=marked, fingerprint="structure")


@check("suspects")
def _suspects(c: PdfAccessibilityCheck, doc: Document, facts: PdfFacts) -> Iterator[Finding]:
    if facts.suspects:
        yield c.at_document(doc, fingerprint="suspects")


@check("no-lang")
def _no_lang(c: PdfAccessibilityCheck, doc: Document, facts: PdfFacts) -> Iterator[Finding]:
    if not facts.lang:
        yield c.at_document(doc, suggestions=[text_language_tag(doc, "en-US")], fingerprint="lang")


@check("bad-lang")
def _bad_lang(c: PdfAccessibilityCheck, doc: Document, facts: PdfFacts) -> Iterator[Finding]:
    if facts.lang and not LANG_TAG.match(facts.lang):
        suggestion = _guess_lang(facts.lang)
        yield c.at_document(doc, text=facts.lang, suggestions=[suggestion] if suggestion else [], fingerprint="lang")


_LANG_NAMES = {"english": "en-US", "spanish": "es", "espanol": "es", "español": "es", "french": "fr", "chinese": "zh"}


def _guess_lang(value: str) -> str | None:
    lowered = value.strip().lower()
    if lowered in _LANG_NAMES:
        return _LANG_NAMES[lowered]
    candidate = re.sub(r"[_\s]+", "-", value.strip())
    return candidate if LANG_TAG.match(candidate) else None


@check("no-title")
def _no_title(c: PdfAccessibilityCheck, doc: Document, facts: PdfFacts) -> Iterator[Finding]:
    title = facts.xmp_title or facts.info_title
    if not title:
        yield c.at_document(doc, problem="has no title", fingerprint="title")
    elif PLACEHOLDER_TITLE.match(title.strip()):
        yield c.at_document(doc, text=title, problem=f'has the placeholder title "{title}"', fingerprint="title")


@check("no-xmp-title")
def _no_xmp_title(c: PdfAccessibilityCheck, doc: Document, facts: PdfFacts) -> Iterator[Finding]:
    # Only a real /Info title left out of the XMP: no title, or a placeholder, is
    # no-title's finding, and its fix (set the title in the authoring tool) writes both.
    title = facts.info_title
    if facts.xmp_title or not title or PLACEHOLDER_TITLE.match(title.strip()):
        return
    where = "has no XMP metadata stream" if not facts.has_xmp else "has XMP metadata without dc:title"
    yield c.at_document(doc, text=title, title=title, where=where, fingerprint="xmp-title")


@check("no-pdfua-id")
def _no_pdfua_id(c: PdfAccessibilityCheck, doc: Document, facts: PdfFacts) -> Iterator[Finding]:
    # Only tagged files: an untagged one is far from PDF/UA, and no-structure-tree says so.
    if facts.has_struct_tree and facts.pdfua_part is None:
        yield c.at_document(doc, fingerprint="pdfua-id")


@check("title-not-displayed")
def _title_not_displayed(c: PdfAccessibilityCheck, doc: Document, facts: PdfFacts) -> Iterator[Finding]:
    if not facts.display_doc_title:
        yield c.at_document(doc, fingerprint="display-title")


@check("xfa-dynamic")
def _xfa_dynamic(c: PdfAccessibilityCheck, doc: Document, facts: PdfFacts) -> Iterator[Finding]:
    if facts.xfa_dynamic:
        yield c.at_document(doc, fingerprint="xfa")


@check("xfa-present")
def _xfa_static(c: PdfAccessibilityCheck, doc: Document, facts: PdfFacts) -> Iterator[Finding]:
    if facts.xfa_present and not facts.xfa_dynamic:  # dynamic XFA has its own, harder rule
        yield c.at_document(doc, fields=facts.field_count, fingerprint="xfa")


@check("no-text")
def _no_text(c: PdfAccessibilityCheck, doc: Document, facts: PdfFacts) -> Iterator[Finding]:
    if facts.pages and not facts.has_text:
        scans = len(facts.image_only_pages)
        detail = f"{scans} of its {len(facts.pages)} pages are images only (scans)" if scans else "it has no text layer"
        yield c.at_document(doc, detail=detail, fingerprint="no-text")


@check("image-only-page")
def _image_only(c: PdfAccessibilityCheck, doc: Document, facts: PdfFacts) -> Iterator[Finding]:
    if not facts.has_text:
        return  # the whole file is a scan: no-text says it once
    for number in facts.image_only_pages:
        page = facts.page(number)
        cover = round((page.image_coverage if page else 0) * 100)
        yield c.at_page(doc, number, cover=cover, fingerprint=f"page-{number}")


@check("unmapped-chars")
def _unmapped(c: PdfAccessibilityCheck, doc: Document, facts: PdfFacts) -> Iterator[Finding]:
    for page in facts.pages:
        if page.unmapped_chars:
            count = page.unmapped_chars
            chars = f"{count} character" + ("s" if count != 1 else "")
            yield c.at_page(doc, page.number, text=page.unmapped_sample, chars=chars,
                            sample=page.unmapped_sample or "", fingerprint=f"page-{page.number}")


@check("font-not-embedded")
def _fonts(c: PdfAccessibilityCheck, doc: Document, facts: PdfFacts) -> Iterator[Finding]:
    if not facts.deep:
        return
    pages_of: dict[str, list[int]] = {}
    chars_of: dict[str, int] = {}
    for page in facts.pages:
        for font in page.fonts or []:
            if font.embedded or font.chars <= 0:
                continue
            pages_of.setdefault(font.name, []).append(page.number)
            chars_of[font.name] = chars_of.get(font.name, 0) + font.chars
    for name, pages in pages_of.items():
        standard = " (one of the 14 standard fonts, which PDF/UA still requires to be embedded)" if is_standard_14(name) else ""
        yield c.at_page(doc, pages[0], text=name, font=name, standard=standard, chars=chars_of[name],
                        pages=_page_list(pages), fingerprint=f"font-{name}")


@check("untagged-content")
def _untagged(c: PdfAccessibilityCheck, doc: Document, facts: PdfFacts) -> Iterator[Finding]:
    if not facts.deep or not facts.has_struct_tree:
        return  # an untagged file is reported once, by no-structure-tree
    for page in facts.pages:
        if page.untagged_text_objects:
            yield c.at_page(doc, page.number, count=page.untagged_text_objects, total=page.text_objects or 0,
                            fingerprint=f"page-{page.number}")


# --------------------------------------------------------------------------- headings


def _heading_name(heading: PdfHeading) -> str:
    # Without text (a tag that states none, content on a page the file lacks), the
    # heading's place in the tree is all a reader can look for.
    return f'"{heading.text}"' if heading.text else f"heading {heading.index} of the tag tree"


def _at_heading(c: PdfAccessibilityCheck, doc: Document, heading: PdfHeading, **kwargs: object) -> Finding:
    tag = heading.struct_type if heading.struct_type in HEADING_LEVELS \
        else f"{heading.struct_type}, mapped to {'H' if heading.level is None else f'H{heading.level}'}"
    location = Location(doc.path, page=heading.page)
    return c.finding(location, text=heading.text or heading.struct_type,  # type: ignore[arg-type]
                     heading=_heading_name(heading), tag=tag, **kwargs)


@check("first-heading-not-h1")
def _first_heading(c: PdfAccessibilityCheck, doc: Document, facts: PdfFacts) -> Iterator[Finding]:
    for problem in outline_problems(facts.headings):
        if problem.kind == "first-not-h1":
            yield _at_heading(c, doc, problem.heading, fingerprint="first-heading")


@check("heading-skipped")
def _heading_skipped(c: PdfAccessibilityCheck, doc: Document, facts: PdfFacts) -> Iterator[Finding]:
    for problem in outline_problems(facts.headings):
        if problem.kind == "skipped" and problem.previous is not None:
            previous, heading = problem.previous, problem.heading
            expected = f"H{(previous.level or 0) + 1}"
            yield _at_heading(c, doc, heading, previous=_heading_name(previous), previous_tag=f"H{previous.level}",
                              expected=expected, suggestions=[expected],
                              fingerprint=f"skip-H{previous.level}-H{heading.level}-{heading.text or heading.index}")


@check("heading-h-and-hn")
def _heading_mixed(c: PdfAccessibilityCheck, doc: Document, facts: PdfFacts) -> Iterator[Finding]:
    for problem in outline_problems(facts.headings):
        if problem.kind == "mixed" and problem.previous is not None:
            more = sum(1 for h in facts.headings if h.level is None) - 1
            others = f" (like {more} other heading{'s' if more > 1 else ''})" if more else ""
            yield _at_heading(c, doc, problem.heading, others=others, numbered=_heading_name(problem.previous),
                              numbered_tag=f"H{problem.previous.level}", fingerprint="h-and-hn")


# --------------------------------------------------------------------------- fields


def _visible_widgets(page_annotations: list[PdfAnnotation]) -> list[PdfAnnotation]:
    return [a for a in page_annotations if a.is_widget and not a.hidden]


@check("field-generic-name")
def _generic_name(c: PdfAccessibilityCheck, doc: Document, facts: PdfFacts) -> Iterator[Finding]:
    for fld in _named_fields(doc):
        if fld.read_only:
            continue  # filled by the form itself (a barcode, a total): not a question
        name = fld.accessible_name or ""
        if GENERIC_NAME.match(name) or is_placeholder_name(name):
            yield c.field_finding(fld, text=name, field=fld.id, suggestions=_name_candidates(fld, exclude=name))


@check("required-not-flagged")
def _required_not_flagged(c: PdfAccessibilityCheck, doc: Document, facts: PdfFacts) -> Iterator[Finding]:
    for fld in _data_fields(doc):
        if fld.required or fld.read_only:
            continue
        for source, text in _field_texts(fld):
            if REQUIRED_MARK.search(text):
                yield c.field_finding(fld, text=text, field=fld.id, source=source)
                break


#: A sentence saying every field is required unless marked optional (the GOV.UK way):
#: then a required field need not say so itself.
ALL_REQUIRED = re.compile(
    r"\b(?:all|every)\b[^.]{0,40}\b(?:fields?|questions?|boxes|items?)\b[^.]{0,40}\b(?:required|must)\b"
    r"|\bunless\b[^.]{0,40}\boptional\b",
    re.IGNORECASE,
)


@check("required-not-indicated")
def _required_not_indicated(c: PdfAccessibilityCheck, doc: Document, facts: PdfFacts) -> Iterator[Finding]:
    if any(ALL_REQUIRED.search(block.text) for block in doc.prose()):
        return
    for fld in _data_fields(doc):
        if not fld.required or fld.read_only:
            continue
        if any(MENTIONS_REQUIRED.search(text) for _source, text in _field_texts(fld)):
            continue
        name = fld.name
        yield c.field_finding(fld, field=fld.id, suggestions=[f"{name} (required)"])


@check("split-field")
def _split(c: PdfAccessibilityCheck, doc: Document, facts: PdfFacts) -> Iterator[Finding]:
    limit = c.options["max-split-length"]
    boxes = [
        f for f in doc.fields
        if f.type is FieldType.TEXT and f.widgets and not f.attributes.get("comb")
        and isinstance(f.attributes.get("maxlen"), int) and 0 < f.attributes["maxlen"] <= limit
    ]
    groups: dict[tuple[int, str], list[Field]] = {}
    for fld in boxes:
        stem = _STEM.sub("", fld.attributes.get("partial_name") or fld.id) or fld.id
        groups.setdefault((fld.widgets[0].page, f"{fld.group or ''}.{stem}".lower()), []).append(fld)
    for members in groups.values():
        for row in _rows(members):
            if len(row) < 2:
                continue
            words = " ".join(filter(None, [f.id for f in row] + [
                str(f.accessible_name or f.attributes.get("xfa_name") or f.label or "") for f in row]))
            # "M M." / "Y Y Y Y." (IRS tooltips spell the boxes out) read as MM / YYYY.
            if _DATE_PART.search(words) or _DATE_PART.search(re.sub(r"(?<=\b\w)[\s.]+(?=\w\b)", "", words)):
                continue  # day / month / year boxes are the memorable-date pattern
            first = row[0]
            names = ", ".join(f.id for f in row)
            total = sum(f.attributes["maxlen"] for f in row)
            yield c.field_finding(first, text=names, field=first.id, count=len(row), names=names, total=total,
                                  fingerprint=names)


def _rows(fields: list[Field]) -> list[list[Field]]:
    """Fields whose first widgets share a row (their vertical spans overlap), left to right."""
    rows: list[list[Field]] = []
    for fld in sorted(fields, key=lambda f: (f.widgets[0].bbox[1], f.widgets[0].bbox[0])):
        box = fld.widgets[0].bbox
        for row in rows:
            other = row[-1].widgets[0].bbox
            if box[1] < other[3] and other[1] < box[3]:
                row.append(fld)
                break
        else:
            rows.append([fld])
    return [sorted(row, key=lambda f: f.widgets[0].bbox[0]) for row in rows]


@check("tab-order")
def _tab_order(c: PdfAccessibilityCheck, doc: Document, facts: PdfFacts) -> Iterator[Finding]:
    for page in facts.pages:
        widgets = _visible_widgets(page.annotations)
        if widgets and page.tabs != "S":
            tabs = "has no /Tabs entry" if page.tabs is None else f"has /Tabs /{page.tabs}"
            fields = f"{len(widgets)} form field" + ("s" if len(widgets) != 1 else "")
            yield c.at_page(doc, page.number, count=len(widgets), fields=fields, tabs=tabs,
                            fingerprint=f"page-{page.number}")


@check("widget-not-in-form-tag")
def _widget_tag(c: PdfAccessibilityCheck, doc: Document, facts: PdfFacts) -> Iterator[Finding]:
    if not facts.has_struct_tree:
        return  # untagged: no-structure-tree covers every widget at once
    for page in facts.pages:
        for annot in _visible_widgets(page.annotations):
            if annot.struct_type == "Form":
                continue
            where = (f"is tagged <{annot.struct_type}> instead of <Form>" if annot.struct_type
                     else "has no <Form> tag (it is not in the structure tree)")
            name = annot.field_name or f"widget {annot.objid}"
            yield c.at_annotation(doc, annot, text=name, widget=name, where=where,
                                  fingerprint=f"{name}-{annot.objid}")


@check("orphan-widget")
def _orphans(c: PdfAccessibilityCheck, doc: Document, facts: PdfFacts) -> Iterator[Finding]:
    for annot in facts.orphan_widgets:
        name = annot.field_name or f"object {annot.objid}"
        yield c.at_annotation(doc, annot, text=name, widget=name, fingerprint=f"orphan-{name}-{annot.objid}")


# --------------------------------------------------------------------------- annotations


@check("link-no-contents")
def _link_contents(c: PdfAccessibilityCheck, doc: Document, facts: PdfFacts) -> Iterator[Finding]:
    for page in facts.pages:
        for annot in page.annotations:
            if annot.subtype == "Link" and not annot.hidden and not (annot.contents or "").strip():
                target = annot.uri or "its destination"
                yield c.at_annotation(doc, annot, text=annot.uri, target=target,
                                      fingerprint=f"link-{page.number}-{annot.uri or annot.objid}")


@check("link-not-tagged")
def _link_tag(c: PdfAccessibilityCheck, doc: Document, facts: PdfFacts) -> Iterator[Finding]:
    if not facts.has_struct_tree:
        return
    for page in facts.pages:
        for annot in page.annotations:
            if annot.subtype == "Link" and not annot.hidden and annot.struct_type != "Link":
                where = (f"is tagged <{annot.struct_type}> instead of <Link>" if annot.struct_type
                         else "has no <Link> tag (it is not in the structure tree)")
                target = annot.uri or "its destination"
                yield c.at_annotation(doc, annot, text=annot.uri, target=target, where=where,
                                      fingerprint=f"link-{page.number}-{annot.uri or annot.objid}")


@check("annot-no-desc")
def _annot_desc(c: PdfAccessibilityCheck, doc: Document, facts: PdfFacts) -> Iterator[Finding]:
    for page in facts.pages:
        for annot in page.annotations:
            if annot.subtype in NOT_DESCRIBED_SUBTYPES or annot.subtype is None or annot.hidden:
                continue
            if (annot.contents or "").strip() or (annot.struct_alt or "").strip():
                continue
            yield c.at_annotation(doc, annot, text=annot.subtype, subtype=annot.subtype,
                                  fingerprint=f"annot-{page.number}-{annot.objid}")


@check("th-no-scope")
def _th_no_scope(c: PdfAccessibilityCheck, doc: Document, facts: PdfFacts) -> Iterator[Finding]:
    # A table whose cells point at their headers (Headers and IDs) needs no Scope.
    tables = [t for t in facts.tables if t.headers_without_scope and not t.cells_with_headers]
    if not tables:
        return
    cells = sum(t.headers_without_scope for t in tables)
    pages = sorted({t.page for t in tables if t.page is not None})
    where = f" ({_page_list(pages)})" if pages else ""
    count = f"{len(tables)} table" + ("s" if len(tables) != 1 else "")
    header_cells = f"{cells} header cell" + ("s" if cells != 1 else "")
    location = Location(doc.path, page=pages[0] if pages else None)
    yield c.finding(location, text=f"{cells} <TH>", cells=header_cells, tables=count, where=where,
                    have="has" if cells == 1 else "have",
                    which="that table" if len(tables) == 1 else "those tables", fingerprint="th-scope")


@check("trapnet")
def _trapnet(c: PdfAccessibilityCheck, doc: Document, facts: PdfFacts) -> Iterator[Finding]:
    for page in facts.pages:
        for annot in page.annotations:
            if annot.subtype == "TrapNet":
                yield c.at_annotation(doc, annot, text="TrapNet", fingerprint=f"trapnet-{page.number}-{annot.objid}")


@check("figure-no-alt")
def _figure_alt(c: PdfAccessibilityCheck, doc: Document, facts: PdfFacts) -> Iterator[Finding]:
    for figure in facts.figures:
        if (figure.alt or "").strip() or (figure.actual_text or "").strip():
            continue
        mapped = "" if figure.struct_type == "Figure" else f" (tagged <{figure.struct_type}>, mapped to Figure)"
        location = Location(doc.path, page=figure.page, bbox=figure.bbox)
        yield c.finding(location, text=f"figure {figure.index}", index=figure.index, mapped=mapped,
                        fingerprint=f"figure-{figure.index}")


@check("alt-looks-like-filename")
def _alt_filename(c: PdfAccessibilityCheck, doc: Document, facts: PdfFacts) -> Iterator[Finding]:
    for figure in facts.figures:
        alt = (figure.alt or "").strip()
        if alt and FILENAME_ALT.match(alt):
            location = Location(doc.path, page=figure.page, bbox=figure.bbox)
            yield c.finding(location, text=alt, index=figure.index, fingerprint=f"figure-{figure.index}")


# --------------------------------------------------------------------------- helpers


def _data_fields(doc: Document) -> Iterator[Field]:
    for fld in doc.fields:
        if fld.type in (FieldType.BUTTON, FieldType.HIDDEN) or fld.attributes.get("hidden"):
            continue
        yield fld


def _named_fields(doc: Document) -> Iterator[Field]:
    for fld in _data_fields(doc):
        if fld.accessible_name:
            yield fld


def _field_texts(fld: Field) -> list[tuple[str, str]]:
    """What a person sees or hears for a field: its tooltip, visible label, XFA caption."""
    texts = []
    if fld.accessible_name:
        texts.append(("tooltip", fld.accessible_name))
    if fld.label:
        texts.append(("visible label", fld.label))
    caption = fld.attributes.get("xfa_caption")
    if caption:
        texts.append(("XFA caption", str(caption)))
    return texts


def _name_candidates(fld: Field, exclude: str = "") -> list[str]:
    """Better names for a field: the XFA name, its visible label, the XFA caption."""
    found: list[str] = []
    for value in (fld.attributes.get("xfa_name"), fld.label, fld.attributes.get("xfa_caption")):
        text = _TRAILING_MARK.sub("", " ".join(str(value).split())) if value else ""
        if text and text != exclude and text not in found and not GENERIC_NAME.match(text):
            found.append(text)
    return found[:2]


def _page_list(pages: list[int]) -> str:
    if len(pages) == 1:
        return f"page {pages[0]}"
    if pages == list(range(pages[0], pages[-1] + 1)):
        return f"pages {pages[0]}-{pages[-1]}"
    return "pages " + ", ".join(str(p) for p in pages[:12]) + ("…" if len(pages) > 12 else "")


CHECKS.seal(PdfAccessibilityCheck, "which PDF accessibility check this rule runs")  # every function above is registered now
