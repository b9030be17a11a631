"""PDF facts for the accessibility checks: plain dataclasses hung on ``Document.pdf``.

The PDF reader (:mod:`formlint.readers.pdf`) fills these from the file's object model
(catalog, encryption dictionary, AcroForm, page dictionaries, annotations, XMP, XFA)
and from pdfium's view of each page (text and image objects). Nothing here holds a
pdfminer or pypdfium2 object: the file is closed before the Document is returned, so a
check can keep, pickle or cache the facts freely.

Conventions:

* Page numbers are 1-based.
* Boxes are PDF points, top-based like pdfplumber: ``(x0, top, x1, bottom)`` measured
  from the top-left corner of the page's MediaBox, in unrotated page space.
* A value that the file does not state is ``None`` (not ``False`` or ``""``), so a check
  can tell "absent" from "present but false/empty" where that matters.

Deep tier (``ReadOptions.deep``): the fast tier never interprets content streams with
pdfminer. With ``deep=True`` the reader also fills :attr:`PdfPage.fonts` (fonts used
by text on the page, with their embedding state) and the marked-content counts
(:attr:`PdfPage.text_objects`, :attr:`PdfPage.untagged_text_objects`), from pdfium's
page objects. Later deep facts (per-character fonts, structure-tree walk) belong here
too; add them as new optional attributes defaulting to ``None`` so the fast tier stays
cheap and existing checks keep working.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from formlint.model import BBox

#: /P bit 10 (value 512): "extract text and graphics in support of accessibility".
PERMISSION_ACCESSIBILITY = 1 << 9

STANDARD_14_FONTS = frozenset(
    """Courier Courier-Bold Courier-Oblique Courier-BoldOblique Helvetica Helvetica-Bold
    Helvetica-Oblique Helvetica-BoldOblique Times-Roman Times-Bold Times-Italic
    Times-BoldItalic Symbol ZapfDingbats""".split()
)
_SUBSET_PREFIX = re.compile(r"^[A-Z]{6}\+")


def is_standard_14(font_name: str) -> bool:
    """One of the 14 standard fonts (a subset prefix such as ``ABCDEF+`` is ignored)."""
    return _SUBSET_PREFIX.sub("", font_name) in STANDARD_14_FONTS


@dataclass(slots=True)
class PdfAnnotation:
    """One annotation from a page's /Annots array.

    Attributes:
        page: 1-based page the annotation is listed on.
        subtype: the /Subtype name ("Widget", "Link", "Popup", ...), or None if absent.
        objid: the object number of the annotation dictionary (None for a direct object).
        bbox: /Rect as a top-based box, or None if /Rect is missing or malformed.
        flags: the annotation flags /F (0 when absent).
        hidden: annotation flag bit 2 (Hidden) is set. veraPDF skips such widgets.
        contents: decoded /Contents (None if absent; "" if present but empty).
        struct_parent: the /StructParent key into the structure tree's ParentTree, or None.
        struct_type: when the document has a structure tree, the standard structure
            type (after /RoleMap) of the element that owns the annotation: found through
            its /StructParent and the ParentTree, else through an OBJR kid that points at
            it (e.g. "Form", "Link", "P"); otherwise None.
        struct_alt: the /Alt text of that structure element, if any.
        is_widget: /Subtype is Widget.
        field_name: full name of the AcroForm field this widget belongs to, when the
            widget is reachable from /AcroForm /Fields. For an orphan widget, the name
            built from its own /T and /Parent chain, if any.
        uri: for a Link annotation with a URI action, the URI.
    """

    page: int
    subtype: str | None
    objid: int | None
    bbox: BBox | None
    flags: int = 0
    hidden: bool = False
    contents: str | None = None
    struct_parent: int | None = None
    struct_type: str | None = None
    struct_alt: str | None = None
    is_widget: bool = False
    field_name: str | None = None
    uri: str | None = None

    @property
    def has_struct_parent(self) -> bool:
        """The annotation carries a /StructParent entry (it claims a place in the tags)."""
        return self.struct_parent is not None


@dataclass(slots=True)
class PdfFigure:
    """A structure element whose standard type (after /RoleMap) is Figure.

    Attributes:
        index: 1-based position among the document's figures, in tree order.
        page: 1-based page from the element's /Pg (or the nearest ancestor's), or None.
        struct_type: the type as written (/S), e.g. "Figure" or Word's "InlineShape".
        alt: decoded /Alt (None when absent, "" when empty).
        actual_text: decoded /ActualText (None when absent).
        bbox: the /A attribute's /BBox as a top-based box, when given.
    """

    index: int
    page: int | None
    struct_type: str
    alt: str | None = None
    actual_text: str | None = None
    bbox: BBox | None = None


@dataclass(slots=True)
class PdfHeading:
    """A structure element whose standard type (after /RoleMap) is H or H1-H6.

    Attributes:
        index: 1-based position among the document's headings, in tree (reading) order.
        level: 1-6 for a numbered heading (H1-H6), None for an unnumbered <H>.
        page: 1-based page from the element's /Pg (or the nearest ancestor's), or None.
        struct_type: the type as written (/S), e.g. "H2" or Word's "Heading 2".
        text: what the heading says: its /ActualText, /Alt or /T, else (only for the
            headings a check reports, see :mod:`formlint.readers.pdf_headings`) the text
            of its marked content on its page; None when unknown.
        mcids: the marked-content ids of the element and its descendants on ``page``
            (the reader's way to find ``text``; the checks do not read them).
    """

    index: int
    level: int | None
    page: int | None
    struct_type: str
    text: str | None = None
    mcids: tuple[int, ...] = ()


@dataclass(slots=True)
class PdfTable:
    """A structure element whose standard type is Table, with what its cells say about
    their headers (PDF/UA-1 7.5: a header cell's Scope, or Headers on the data cells).

    Attributes:
        index: 1-based position among the document's tables, in tree order.
        page: 1-based page from the element's /Pg (or the nearest ancestor's), or None.
        header_cells: its <TH> cells (not those of a table nested in it).
        headers_without_scope: <TH> cells with no Scope attribute, in /A or through /C
            and the ClassMap.
        cells_with_headers: <TD> or <TH> cells with a Headers attribute (the table is
            then "organized with Headers attributes and IDs").
    """

    index: int
    page: int | None
    header_cells: int = 0
    headers_without_scope: int = 0
    cells_with_headers: int = 0


@dataclass(slots=True)
class PdfFont:
    """A font: from the AcroForm /DR resources, or (deep tier) used by text on a page.

    Attributes:
        name: the /BaseFont name (subset prefix kept), or the resource name if no
            /BaseFont is given.
        subtype: /Subtype ("Type1", "TrueType", "Type0", "Type3"...), if known.
        embedded: a font program is embedded (FontFile, FontFile2 or FontFile3; for
            Type0 fonts, in the descendant font). Type3 fonts count as embedded.
        standard14: the name is one of the 14 standard fonts (Helvetica, Times-Roman...)
            that viewers may supply without embedding; PDF/UA still requires embedding.
        chars: deep tier, page fonts only: characters drawn in this font on the page
            in a visible text rendering mode (mode 3, invisible text such as an OCR
            layer, is not counted: PDF/UA does not require its font to be embedded).
            A font listed with 0 chars is used only for spaces or invisible text.
    """

    name: str
    subtype: str | None = None
    embedded: bool = False
    standard14: bool = False
    chars: int = 0


@dataclass(slots=True)
class PdfPage:
    """Per-page facts.

    Attributes:
        number: 1-based page number.
        width, height: size of the MediaBox in points (unrotated).
        rotation: /Rotate in degrees (0, 90, 180, 270).
        tabs: the /Tabs name ("S", "R", "C", ...) or None when the page has none.
            /Tabs is not inheritable, so this is the page's own entry.
        char_count: non-whitespace characters in pdfium's text layer of the page.
        image_count: image objects drawn on the page (including inside form XObjects).
        image_coverage: fraction (0..1) of the page area covered by image objects
            (sum of their clipped boxes, capped at 1).
        image_only: no text and images cover more than 30% of the page (a scan without
            OCR; WCAG PDF7).
        unmapped_chars: characters of pdfium's text layer that the file maps to U+FFFD
            (a ToUnicode CMap's "no Unicode value"): what assistive technology cannot read.
        unmapped_sample: the words around the first of them (None when there are none).
        annotations: every annotation in /Annots, in file order.
        widget_count: annotations with /Subtype Widget.
        fonts: deep tier only (None otherwise): fonts used by text objects on the page.
        text_objects: deep tier only: number of text objects on the page.
        untagged_text_objects: deep tier only: text objects inside no marked-content
            sequence with an MCID and not inside an /Artifact sequence (untagged content
            in a tagged PDF).
    """

    number: int
    width: float
    height: float
    rotation: int = 0
    tabs: str | None = None
    char_count: int = 0
    image_count: int = 0
    image_coverage: float = 0.0
    image_only: bool = False
    unmapped_chars: int = 0
    unmapped_sample: str | None = None
    annotations: list[PdfAnnotation] = field(default_factory=list)
    fonts: list[PdfFont] | None = None
    text_objects: int | None = None
    untagged_text_objects: int | None = None

    @property
    def widget_count(self) -> int:
        return sum(1 for a in self.annotations if a.is_widget)

    @property
    def has_text(self) -> bool:
        return self.char_count > 0


@dataclass(slots=True)
class PdfFacts:
    """Catalog-level facts of one PDF (see the module docstring for conventions).

    Attributes:
        version: the header version ("1.7", "2.0"...) or None if unreadable; a
            catalog /Version, when present, overrides the header.
        encrypted: the file has an /Encrypt dictionary. The reader only gets here for
            files that open without a user password (owner-password-only encryption).
        permissions: the /P value masked with 0xFFFFFFFF (None when not encrypted).
            Bit 10 (value 512, :data:`PERMISSION_ACCESSIBILITY`) allows assistive
            technology to extract content; see :attr:`accessibility_extraction_allowed`.
        encryption_revision: /R of the standard security handler, if encrypted.
        tagged: catalog /MarkInfo /Marked is true.
        suspects: /MarkInfo /Suspects is true (the tags may be unreliable).
        has_struct_tree: the catalog has a /StructTreeRoot.
        lang: catalog /Lang, decoded and stripped; None when absent, "" when empty.
        info_title: /Info /Title, decoded and stripped (None when absent).
        xmp_title: XMP dc:title (the x-default entry, else the first), or None.
        has_xmp: the catalog has a /Metadata stream.
        pdfua_part: pdfuaid:part from the XMP (1 for PDF/UA-1), or None.
        display_doc_title: /ViewerPreferences /DisplayDocTitle is true.
        producer, creator: /Info /Producer and /Creator (for reports only).
        acroform_present: the catalog has an /AcroForm dictionary.
        need_appearances: /AcroForm /NeedAppearances is true.
        field_count: terminal fields found by walking /AcroForm /Fields.
        xfa_present: /AcroForm /XFA exists (static or dynamic XFA).
        xfa_dynamic: the XFA config packet says <dynamicRender>required</dynamicRender>
            (dynamic XFA: only Adobe renders it; fails PDF/UA 7.15).
        xfa_named_fields: how many terminal fields got an accessible name from the
            XFA template (<assist><speak> or <toolTip>).
        acroform_fonts: fonts in /AcroForm /DR /Font (used to draw what people type).
        page_count: number of pages.
        pages: one :class:`PdfPage` per page, in order.
        orphan_widgets: widget annotations listed on pages but not reachable from
            /AcroForm /Fields (WCAG PDF12: a viewer may not treat them as fields).
        unplaced_widgets: widgets of known fields that are on no page's /Annots and
            have no usable /P (they cannot be seen or reached).
        struct_elements: structure elements found by walking StructTreeRoot /K.
        figures: the Figure elements of the structure tree (see :class:`PdfFigure`).
        headings: the heading elements (H, H1-H6) of the structure tree, in reading
            order (see :class:`PdfHeading`).
        tables: the Table elements of the structure tree (see :class:`PdfTable`).
        form_elements: how many structure elements are Form after /RoleMap.
        struct_truncated: the walk stopped at its element limit.
        deep: the deep tier ran (page fonts and marked-content counts are filled).
        warnings: non-fatal problems met while reading (a page-tree loop, an XFA
            packet that is not well-formed XML...), one short sentence each.
    """

    version: str | None = None
    encrypted: bool = False
    permissions: int | None = None
    encryption_revision: int | None = None
    tagged: bool = False
    suspects: bool = False
    has_struct_tree: bool = False
    lang: str | None = None
    info_title: str | None = None
    xmp_title: str | None = None
    has_xmp: bool = False
    pdfua_part: int | None = None
    display_doc_title: bool = False
    producer: str | None = None
    creator: str | None = None
    acroform_present: bool = False
    need_appearances: bool = False
    field_count: int = 0
    xfa_present: bool = False
    xfa_dynamic: bool = False
    xfa_named_fields: int = 0
    acroform_fonts: list[PdfFont] = field(default_factory=list)
    page_count: int = 0
    pages: list[PdfPage] = field(default_factory=list)
    orphan_widgets: list[PdfAnnotation] = field(default_factory=list)
    unplaced_widgets: int = 0
    struct_elements: int = 0
    figures: list[PdfFigure] = field(default_factory=list)
    headings: list[PdfHeading] = field(default_factory=list)
    tables: list[PdfTable] = field(default_factory=list)
    form_elements: int = 0
    struct_truncated: bool = False
    deep: bool = False
    warnings: list[str] = field(default_factory=list)

    @property
    def accessibility_extraction_allowed(self) -> bool:
        """False only when the file is encrypted and /P clears bit 10 (or /P is missing)."""
        if not self.encrypted:
            return True
        if self.permissions is None:
            return False
        return bool(self.permissions & PERMISSION_ACCESSIBILITY)

    @property
    def image_only_pages(self) -> list[int]:
        return [p.number for p in self.pages if p.image_only]

    @property
    def has_text(self) -> bool:
        return any(p.char_count for p in self.pages)

    def page(self, number: int) -> PdfPage | None:
        """The page with this 1-based number, or None."""
        if 1 <= number <= len(self.pages):
            return self.pages[number - 1]
        return None
