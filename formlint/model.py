"""The document model every reader produces and every check consumes.

Data flows one way: readers -> Document -> checks -> Finding -> reporters. These are
plain dataclasses so that a reader, a check and a reporter only share this module.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass, field
from enum import Enum, IntEnum
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # format-specific facts live beside their readers
    from formlint.language_guess import LanguageGuess
    from formlint.readers.html_tree import HtmlTree
    from formlint.readers.pdf_facts import PdfFacts
    from formlint.readers.schema_facts import SchemaFacts

BBox = tuple[float, float, float, float]
"""PDF box in points, top-based like pdfplumber: (x0, top, x1, bottom)."""


class Severity(IntEnum):
    """Ordered so that ``finding.severity >= fail_on`` reads naturally."""

    INFO = 1
    WARNING = 2
    ERROR = 3

    @property
    def label(self) -> str:
        return self.name.lower()

    @classmethod
    def parse(cls, value: str) -> Severity:
        try:
            return cls[value.strip().upper()]
        except KeyError:
            raise ValueError(f"unknown severity {value!r} (use error, warning or info)") from None


class Format(str, Enum):
    PDF = "pdf"
    HTML = "html"
    MARKDOWN = "markdown"
    TEXT = "text"
    JSONSCHEMA = "jsonschema"
    XML = "xml"


class Role(str, Enum):
    """What a TextBlock is. Checks choose blocks by role through ``applies-to``."""

    TITLE = "title"  # document or form title
    HEADING = "heading"
    PARAGRAPH = "paragraph"
    LIST_ITEM = "list-item"
    TABLE_CELL = "table-cell"
    NOTICE = "notice"  # PRA / Privacy Act statements and similar boilerplate
    LABEL = "label"  # a field's visible label or a fieldset legend
    HINT = "hint"  # help text tied to a field (aria-describedby, description, tooltip)
    OPTION = "option"  # the text of a choice in a select / radio group


PROSE_ROLES = frozenset(
    {Role.TITLE, Role.HEADING, Role.PARAGRAPH, Role.LIST_ITEM, Role.TABLE_CELL, Role.NOTICE}
)


@dataclass(frozen=True, slots=True)
class Location:
    """Where a finding points. Every field but ``path`` is optional.

    Lines and columns are 1-based; ``end_column`` is exclusive (the column after the last
    character), as in SARIF. ``page`` is 1-based. ``pointer`` is a JSON pointer.
    """

    path: str
    line: int | None = None
    column: int | None = None
    end_line: int | None = None
    end_column: int | None = None
    page: int | None = None
    bbox: BBox | None = None
    field: str | None = None
    pointer: str | None = None

    def with_(self, **changes: Any) -> Location:
        values = {name: getattr(self, name) for name in self.__slots__}
        values.update(changes)
        return Location(**values)


@dataclass(frozen=True, slots=True)
class Anchor:
    """Maps a character offset of a TextBlock back to the source.

    Characters from ``offset`` up to the next anchor come from one contiguous run of
    the source starting at (``line``, ``column``), so the column of a later character
    is ``column + (char_offset - offset)``. PDF blocks carry a page and a line box
    instead of a column.
    """

    offset: int
    line: int | None = None
    column: int | None = None
    page: int | None = None
    bbox: BBox | None = None


@dataclass(slots=True)
class TextBlock:
    """A unit of prose with its role and a map back to the source."""

    text: str
    role: Role
    location: Location
    anchors: list[Anchor] = field(default_factory=list)
    field_id: str | None = None  # set when the block is a label/hint/option of a Field
    section: str | None = None  # nearest heading, for per-section statistics
    language: str | None = None  # a language declared on the part of the page it is in (<section lang="es">)
    level: int | None = None  # a Markdown heading's level (1 for "#"), for the heading-order check

    def location_at(self, start: int, end: int | None = None) -> Location:
        """The Location of ``text[start:end]``."""
        if not self.anchors:
            return self.location
        first = self._anchor_for(start)
        line, column = first.line, _advance(first, start)
        end_line = end_column = None
        bbox = first.bbox
        if end is not None and end > start:
            last = self._anchor_for(end - 1)
            end_line = last.line
            last_col = _advance(last, end - 1)
            end_column = last_col + 1 if last_col is not None else None
            if last.bbox is not None and bbox is not None and last is not first:
                bbox = _union(bbox, last.bbox) if last.page == first.page else bbox
        return self.location.with_(
            line=line if line is not None else self.location.line,
            column=column if column is not None else self.location.column,
            end_line=end_line,
            end_column=end_column,
            page=first.page if first.page is not None else self.location.page,
            bbox=bbox if bbox is not None else self.location.bbox,
        )

    def _anchor_for(self, offset: int) -> Anchor:
        offsets = [a.offset for a in self.anchors]
        index = max(bisect.bisect_right(offsets, offset) - 1, 0)
        return self.anchors[index]


def _advance(anchor: Anchor, offset: int) -> int | None:
    if anchor.column is None:
        return None
    return anchor.column + max(offset - anchor.offset, 0)


def _union(a: BBox, b: BBox) -> BBox:
    return (min(a[0], b[0]), min(a[1], b[1]), max(a[2], b[2]), max(a[3], b[3]))


class FieldType(str, Enum):
    TEXT = "text"
    TEXTAREA = "textarea"
    NUMBER = "number"
    DATE = "date"
    EMAIL = "email"
    PHONE = "phone"
    CHECKBOX = "checkbox"
    RADIO = "radio"
    SELECT = "select"
    SIGNATURE = "signature"
    FILE = "file"
    PASSWORD = "password"
    BUTTON = "button"  # submit/reset/push buttons: not data the public supplies
    HIDDEN = "hidden"
    OTHER = "other"


@dataclass(frozen=True, slots=True)
class Widget:
    """One visible box of a PDF field (a radio group has one per choice)."""

    page: int
    bbox: BBox
    hidden: bool = False


@dataclass(slots=True)
class Field:
    """One thing the public must fill in.

    ``id`` is the PDF full field name, the HTML id (or name), or the JSON pointer.
    ``label`` is the visible label; ``accessible_name`` what assistive technology
    announces (PDF /TU, the HTML accessible-name computation, a schema title).
    """

    id: str
    type: FieldType
    location: Location
    label: str | None = None
    accessible_name: str | None = None
    required: bool = False
    read_only: bool = False
    options: list[str] = field(default_factory=list)
    group: str | None = None  # fieldset legend, parent object title, PDF name stem
    hint: str | None = None
    value: str | None = None
    attributes: dict[str, Any] = field(default_factory=dict)  # autocomplete, maxlength, flags, $ref ...
    widgets: list[Widget] = field(default_factory=list)

    @property
    def name(self) -> str:
        """The best human-facing name: accessible name, then label, then id."""
        return self.spoken_name or self.label or self.id

    @property
    def spoken_name(self) -> str | None:
        """The accessible name, unless it is an authoring tool's placeholder ("undefined")."""
        return None if is_placeholder_name(self.accessible_name) else self.accessible_name


#: Accessible names that authoring tools write when the author gives none: a screen
#: reader says "undefined" (22 fields of the DS-11 in the corpus).
PLACEHOLDER_NAMES = frozenset({"undefined", "null", "untitled"})


def is_placeholder_name(text: str | None) -> bool:
    return text is not None and text.strip().lower() in PLACEHOLDER_NAMES


@dataclass(frozen=True, slots=True)
class Suppression:
    """An inline suppression read from the source.

    ``rules`` empty means every rule. A line range applies to text formats; a pointer
    prefix to JSON-schema nodes (``x-formlint-ignore``).
    """

    rules: frozenset[str]
    start_line: int | None = None
    end_line: int | None = None  # inclusive; None = to the end of the file
    pointer: str | None = None

    def covers(self, rule_id: str, location: Location) -> bool:
        if self.rules and not any(_selector_matches(sel, rule_id) for sel in self.rules):
            return False
        if self.pointer is not None:
            ptr = location.pointer or location.field
            return ptr is not None and (ptr == self.pointer or ptr.startswith(self.pointer + "/"))
        if self.start_line is None or location.line is None:
            return False
        if location.line < self.start_line:
            return False
        return self.end_line is None or location.line <= self.end_line


def _selector_matches(selector: str, rule_id: str) -> bool:
    return rule_id == selector or rule_id.startswith(selector)


@dataclass(slots=True)
class Document:
    """Everything a check may look at, whatever the input format."""

    path: str
    format: Format
    title: str | None = None
    language: str | None = None
    page_count: int | None = None
    blocks: list[TextBlock] = field(default_factory=list)
    fields: list[Field] = field(default_factory=list)
    metadata: dict[str, Any] = field(default_factory=dict)
    suppressions: list[Suppression] = field(default_factory=list)
    # Format-specific facts: only the checks for that format touch them.
    pdf: PdfFacts | None = None
    html: HtmlTree | None = None
    schema: SchemaFacts | None = None
    #: The language the text is clearly in (formlint.language_guess), set before the rules run.
    text_language: LanguageGuess | None = None

    def prose(self) -> list[TextBlock]:
        return [b for b in self.blocks if b.role in PROSE_ROLES]

    def word_count(self) -> int:
        return sum(len(b.text.split()) for b in self.blocks if b.role in PROSE_ROLES)


@dataclass(frozen=True, slots=True)
class Fix:
    """A mechanical edit: replace the text at ``location`` (an exact span) by ``replacement``."""

    location: Location
    original: str
    replacement: str

    def region(self) -> tuple[int, int, int, int] | None:
        """(line, column, end line, end column), 1-based with the end column exclusive, when
        the fix names an exact text region; the JSON, SARIF and ``--fix`` edits need one."""
        loc = self.location
        if loc.line is None or loc.column is None or loc.end_column is None:
            return None
        return loc.line, loc.column, loc.end_line or loc.line, loc.end_column


@dataclass(slots=True)
class Finding:
    rule: str
    category: str
    severity: Severity
    message: str
    location: Location
    text: str | None = None  # the matched span, sentence, or field name
    suggestions: list[str] = field(default_factory=list)
    fix: Fix | None = None
    context: str | None = None  # the sentence or label around ``text``, for reports
    context_span: tuple[int, int] | None = None  # where ``text`` sits in ``context`` (start, end)
    fingerprint_text: str | None = None  # what identifies the finding across line moves
    #: Where ``text`` sits in the document while it is checked: (id of its block, start,
    #: end) in the block's text. Never stored or reported (formlint.overlaps reads it).
    block_span: tuple[int, int, int] | None = field(default=None, compare=False, repr=False)

    def sort_key(self) -> tuple[Any, ...]:
        loc = self.location
        return (
            loc.path,
            loc.page or 0,
            loc.line or 0,
            loc.column or 0,
            loc.bbox[1] if loc.bbox else 0.0,
            loc.bbox[0] if loc.bbox else 0.0,
            loc.pointer or "",
            loc.field or "",
            self.rule,
            self.message,
        )


class UnreadableError(Exception):
    """Raised by a reader when a file cannot be read; becomes an ``io/unreadable`` finding.

    A subclass may name a more specific rule in ``rule_id`` (a password-protected PDF is
    also an accessibility failure): the engine reports that rule instead of
    ``io/unreadable`` when it is enabled for the file, and ``io/unreadable`` otherwise,
    so "this file was not checked" is always said exactly once.
    """

    rule_id: str | None = None


class PasswordRequiredError(UnreadableError):
    """A PDF that cannot be opened without a user password (PDF/UA-1 7.16)."""

    rule_id = "a11y/pdf-password-required"


class NotAFormError(Exception):
    """Raised by a reader for a file it recognises as outside its scope (e.g. JSON that is
    not a form schema). The file is skipped with the message, not reported as an error."""
