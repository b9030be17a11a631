"""A light HTML element tree for the HTML form checks (``Document.html``).

Built by ``formlint.readers.html_parse`` from the stdlib ``html.parser`` events, which
give the exact line and column of every tag. Only elements are nodes; the text of the
page is kept once, as a flat list of runs in document order, and every element knows
the slice of runs it spans, so ``Element.text()`` costs nothing until it is asked for.

Positions are 1-based. ``line``/``column`` is the ``<`` of the start tag; ``end_line``/
``end_column`` is just after the element (after its end tag's ``>``, after the start
tag of a void element, or where an implicitly closed element was closed).

Template pages: ids that contain a template expression (``id="row-{{ i }}"``, shown as
``row-{{…}}``) stand for many ids, so they are kept apart in ``templated_ids`` (a loop
must not read as duplicate ids), a ``for`` with the same templated value is tied to the
nearest such element, and templated idrefs are never reported as missing.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field

from formlint.readers.html_template import ATTRIBUTE_MARKER, MARKER

VOID = frozenset(
    "area base br col embed hr img input keygen link meta param source track wbr frame basefont".split()
)
CONTROLS = frozenset({"input", "select", "textarea", "button"})
LABELABLE = frozenset({"button", "input", "meter", "output", "progress", "select", "textarea"})
INPUT_BUTTON_TYPES = frozenset({"submit", "reset", "button", "image"})
IDREF_ATTRIBUTES = ("for", "aria-labelledby", "aria-describedby", "aria-errormessage")

_DISPLAY_NONE = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.IGNORECASE)


def is_templated(value: str | None) -> bool:
    return value is not None and ATTRIBUTE_MARKER in value


def idrefs(value: str | None) -> list[str]:
    """The ids of an IDREFS attribute (``aria-describedby="a b"``), template parts left out."""
    if not value:
        return []
    return [token for token in value.split() if "{{" not in token and "}}" not in token]


def hides(attrs: dict[str, str]) -> bool:
    """Whether these attributes hide the element from everyone (``hidden``,
    ``aria-hidden="true"``, an inline ``display: none``)."""
    if "hidden" in attrs:
        return True
    if attrs.get("aria-hidden", "").strip().lower() == "true":
        return True
    style = attrs.get("style")
    return bool(style) and _DISPLAY_NONE.search(style) is not None


@dataclass(eq=False, repr=False, slots=True)
class Element:
    """One element. Compared by identity, so it can key a dict."""

    tag: str  # lower case
    attrs: dict[str, str]  # lower-case names; first of duplicates; valueless -> ""
    line: int
    column: int
    parent: Element | None = None
    children: list[Element] = field(default_factory=list)
    end_line: int | None = None
    end_column: int | None = None
    runs: list[str] = field(default_factory=list)  # shared by the whole tree
    text_start: int = 0  # this element's slice of ``runs``
    text_end: int = 0

    def __repr__(self) -> str:
        ident = f"#{self.attrs['id']}" if self.attrs.get("id") else ""
        return f"<{self.tag}{ident} at {self.line}:{self.column}>"

    def get(self, name: str, default: str | None = None) -> str | None:
        return self.attrs.get(name, default)

    @property
    def id(self) -> str | None:
        value = self.attrs.get("id")
        return value if value and value.strip() and not is_templated(value) else None

    @property
    def input_type(self) -> str:
        """The ``type`` of an input, lower-cased; ``text`` when missing (as browsers do)."""
        return (self.attrs.get("type") or "text").strip().lower() or "text"

    @property
    def hidden(self) -> bool:
        """Hidden by its own attributes (an ``<input type=hidden>`` included)."""
        if self.tag == "input" and self.input_type == "hidden":
            return True
        return hides(self.attrs)

    def in_hidden(self) -> bool:
        """Hidden by itself or by an ancestor."""
        node: Element | None = self
        while node is not None:
            if node.hidden:
                return True
            node = node.parent
        return False

    def ancestors(self) -> Iterator[Element]:
        node = self.parent
        while node is not None:
            yield node
            node = node.parent

    def closest(self, *tags: str) -> Element | None:
        """The nearest ancestor (not self) with one of ``tags``."""
        for node in self.ancestors():
            if node.tag in tags:
                return node
        return None

    def iter(self, *tags: str) -> Iterator[Element]:
        """Descendants in document order (not self), optionally only these tags.

        Iterative, so a page of 100,000 unclosed ``<div>``s cannot overflow the stack.
        """
        stack = list(reversed(self.children))
        while stack:
            node = stack.pop()
            if not tags or node.tag in tags:
                yield node
            stack.extend(reversed(node.children))

    def text(self, *, skip_hidden: bool = False, skip_controls: bool = False, templates: bool = True) -> str:
        """The text content, whitespace collapsed.

        ``skip_hidden`` leaves out hidden descendants and ``skip_controls`` the inside
        of embedded select/textarea/button elements, as the accessible-name
        computation does. A template expression reads as ``{{…}}`` (a label that is
        only ``{{ field.label }}`` is a label), or is dropped with ``templates=False``.
        Script and style content is never part of it.
        """
        if not skip_hidden and not skip_controls:
            return _clean("".join(self.runs[self.text_start : self.text_end]), templates)
        pieces: list[str] = []
        position = self.text_start
        for start, end in self._excluded(skip_hidden, skip_controls):
            pieces.extend(self.runs[position:start])
            pieces.append(" ")
            position = max(position, end)
        pieces.extend(self.runs[position : self.text_end])
        return _clean("".join(pieces), templates)

    def _excluded(self, skip_hidden: bool, skip_controls: bool) -> list[tuple[int, int]]:
        ranges: list[tuple[int, int]] = []
        stack = list(reversed(self.children))
        while stack:
            node = stack.pop()
            if (skip_hidden and node.hidden) or (skip_controls and node.tag in CONTROLS):
                ranges.append((node.text_start, node.text_end))
                continue
            stack.extend(reversed(node.children))
        return ranges


def _clean(text: str, templates: bool) -> str:
    if "{{" in text:
        text = MARKER.sub(f" {ATTRIBUTE_MARKER} " if templates else " ", text)
    return " ".join(text.split())


@dataclass(frozen=True, slots=True)
class IdRef:
    """A reference to an id that no element has (``for``, ``aria-*``)."""

    element: Element
    attribute: str
    id: str


@dataclass(eq=False, repr=False)
class HtmlTree:
    """The parsed page. ``Document.html`` of every HTML document."""

    root: Element  # tag "#document"; holds <html> or, for a fragment, the top elements
    by_id: dict[str, list[Element]]  # every element per id; len > 1 = duplicate id
    controls: list[Element]  # input, select, textarea, button (not inside <template>)
    labels: list[Element]
    fieldsets: list[Element]
    forms: list[Element]
    templated_ids: dict[str, list[Element]] = field(default_factory=dict)  # id="x-{{…}}"
    html_element: Element | None = None
    title_element: Element | None = None  # the first <title> outside svg/math
    templated: bool = False  # template tags were found (and neutralised)
    stray_end_tags: int = 0  # end tags with no open element to close
    element_count: int = 0
    _label_target: dict[Element, Element | None] = field(default_factory=dict)
    _labels_of: dict[Element, list[Element]] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self._associate_labels()

    # --- ids -----------------------------------------------------------------------

    def get(self, element_id: str) -> Element | None:
        """The element ``getElementById`` would return: the first with that id."""
        found = self.by_id.get(element_id)
        return found[0] if found else None

    def duplicate_ids(self) -> dict[str, list[Element]]:
        return {key: found for key, found in self.by_id.items() if len(found) > 1}

    def refs(self, element: Element, attribute: str) -> list[Element]:
        """The elements an IDREFS attribute points at, in order; missing ids skipped."""
        found = (self.get(token) for token in idrefs(element.attrs.get(attribute)))
        return [target for target in found if target is not None]

    def missing_idrefs(self, element: Element, attributes: tuple[str, ...] = IDREF_ATTRIBUTES) -> list[str]:
        """Ids that ``element`` references (through ``attributes``) but no element has."""
        missing: list[str] = []
        for attribute in attributes:
            for token in idrefs(element.attrs.get(attribute)):
                if token not in self.by_id and token not in missing:
                    missing.append(token)
        return missing

    def broken_refs(self) -> list[IdRef]:
        """Every reference to a missing id in the page, in document order."""
        broken: list[IdRef] = []
        for element in self.root.iter():
            for attribute in IDREF_ATTRIBUTES:
                if attribute in element.attrs:
                    for token in self.missing_idrefs(element, (attribute,)):
                        broken.append(IdRef(element, attribute, token))
        return broken

    # --- labels --------------------------------------------------------------------

    def _associate_labels(self) -> None:
        for label in self.labels:
            control = self._resolve_label(label)
            self._label_target[label] = control
            if control is not None:
                self._labels_of.setdefault(control, []).append(label)

    def _resolve_label(self, label: Element) -> Element | None:
        # HTML: with a for attribute, the labelable element with that id; without
        # one, the first labelable descendant.
        if "for" in label.attrs:
            wanted = label.attrs["for"]
            if is_templated(wanted):
                target = self._templated_target(label, wanted)
            else:
                target = self.get(wanted)
            return target if target is not None and is_labelable(target) else None
        return next((node for node in label.iter() if is_labelable(node)), None)

    def _templated_target(self, label: Element, wanted: str) -> Element | None:
        """for="x-{{ i }}" inside a template loop: the element with the same templated
        id that comes next after the label (or, failing that, the last one before it)."""
        candidates = self.templated_ids.get(wanted, [])
        before = None
        for candidate in candidates:
            if (candidate.line, candidate.column) > (label.line, label.column):
                return candidate
            before = candidate
        return before

    def control_of(self, label: Element) -> Element | None:
        """The control a <label> labels, or None."""
        return self._label_target.get(label)

    def labels_of(self, control: Element) -> list[Element]:
        """The <label> elements associated with a control (for= or wrapping), in order."""
        return self._labels_of.get(control, [])

    # --- names ---------------------------------------------------------------------

    def accessible_name(self, element: Element) -> tuple[str | None, str | None]:
        """(name, source) in the usual order of the accessible-name computation.

        source is "aria-labelledby", "aria-label", "label", "content" (button text),
        "value" / "default" (input buttons), "alt" (image input), "title",
        "placeholder", or None when the element has no name.
        """
        labelled = " ".join(
            filter(None, (target.text(skip_hidden=True) for target in self.refs(element, "aria-labelledby")))
        )
        if labelled:
            return labelled, "aria-labelledby"
        aria_label = element.attrs.get("aria-label", "").strip()
        if aria_label:
            return aria_label, "aria-label"
        for candidate in self._name_candidates(element):
            if candidate[0]:
                return candidate
        return None, None

    def _name_candidates(self, element: Element) -> Iterator[tuple[str | None, str]]:
        tag, kind = element.tag, element.input_type if element.tag == "input" else ""
        if tag == "input" and kind in ("submit", "reset", "button"):
            yield element.attrs.get("value", "").strip() or None, "value"
            if kind != "button" and "value" not in element.attrs:
                yield kind.capitalize(), "default"  # browsers say "Submit" / "Reset"
        elif tag == "input" and kind == "image":
            yield element.attrs.get("alt", "").strip() or None, "alt"
        else:
            yield self.label_text(element), "label"
            if tag == "button":
                yield element.text(skip_hidden=True) or None, "content"
        yield element.attrs.get("title", "").strip() or None, "title"
        if tag == "textarea" or (tag == "input" and kind not in INPUT_BUTTON_TYPES):
            yield element.attrs.get("placeholder", "").strip() or None, "placeholder"

    def label_text(self, control: Element) -> str | None:
        """The visible text of the control's <label>s, joined, or None."""
        texts = [label.text(skip_hidden=True, skip_controls=True) for label in self.labels_of(control)]
        joined = " ".join(text for text in texts if text)
        return joined or None

    def legend_of(self, fieldset: Element) -> Element | None:
        """The fieldset's legend: its first <legend> child."""
        return next((child for child in fieldset.children if child.tag == "legend"), None)

    # --- walking -------------------------------------------------------------------

    def iter(self, *tags: str) -> Iterator[Element]:
        """Every element in document order, optionally only these tags."""
        return self.root.iter(*tags)


def is_labelable(element: Element) -> bool:
    if element.tag == "input":
        return element.input_type != "hidden"
    return element.tag in LABELABLE
