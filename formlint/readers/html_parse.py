"""Build the HtmlTree and the prose blocks of a page in one pass of ``html.parser`` events.

Why the stdlib event parser: it is the one HTML parser that gives the exact line and
column of every tag while staying linear on big pages (see reference/stack-notes.md §6;
BeautifulSoup on top of it is super-linear). It does no tree construction, so this
module does a small, forgiving version of it: void elements, the implicit end tags
of ``p``, ``li``, ``dt``/``dd``, ``option``, table rows and cells, stray end tags
(ignored when nothing matching is open in scope) and unclosed tags (closed at the end).

The parser runs with ``convert_charrefs=False`` so that entities arrive as separate
events at their own positions, which keeps the text anchors exact.
"""

from __future__ import annotations

import html
import re
from bisect import bisect_right
from html.parser import HTMLParser
from typing import NamedTuple

from formlint.model import Role
from formlint.readers.html_prose import ProseBuilder
from formlint.readers.html_template import ATTRIBUTE_MARKER, MARKER
from formlint.readers.html_tree import CONTROLS, VOID, Element, HtmlTree, hides, is_templated
from formlint.suppress import SuppressionCollector

# Elements that stay inside the current text block: text flows through them.
INLINE = frozenset(
    "a abbr acronym b bdi bdo big blink br cite code data del dfn em font i img ins kbd mark nobr q rp rt "
    "ruby s samp small span strike strong sub sup time tt u var wbr "
    # never prose, but they do not interrupt the sentence around them either
    "script style template noscript svg math".split()
)
# Elements whose content is never prose.
NEVER_PROSE = frozenset(
    "script style template noscript code pre xmp listing plaintext svg math textarea iframe".split()
)
RAW_TEXT = frozenset({"script", "style"})  # html.parser's CDATA elements: not text content
HEADINGS = frozenset({"h1", "h2", "h3", "h4", "h5", "h6"})
# A start tag of these closes an open <p> (HTML "close a p element in button scope").
P_CLOSERS = frozenset(
    "address article aside blockquote center details dialog dir div dl fieldset figcaption figure footer "
    "form h1 h2 h3 h4 h5 h6 header hgroup hr li listing main menu nav ol p pre section summary table ul "
    "dd dt xmp plaintext".split()
)
BUTTON_SCOPE = frozenset("applet caption html table td th marquee object template button".split())
DEFAULT_SCOPE = frozenset("applet caption html table td th marquee object template".split())
TABLE_SCOPE = frozenset({"table", "html", "template"})
LIST_SCOPE = DEFAULT_SCOPE | {"ul", "ol"}
DL_SCOPE = DEFAULT_SCOPE | {"dl"}
# For an end tag, where the search for its open element stops.
END_TAG_SCOPE: dict[str, frozenset[str]] = {
    "td": TABLE_SCOPE,
    "th": TABLE_SCOPE,
    "tr": TABLE_SCOPE,
    "tbody": TABLE_SCOPE,
    "thead": TABLE_SCOPE,
    "tfoot": TABLE_SCOPE,
    "caption": TABLE_SCOPE,
    "table": frozenset({"html", "template"}),
    "li": LIST_SCOPE,
    "dd": DL_SCOPE,
    "dt": DL_SCOPE,
}
# Start tags that may close open elements implicitly.
IMPLIES_END = P_CLOSERS | HEADINGS | {"li", "dd", "dt", "option", "optgroup", "td", "th", "tr", "tbody", "thead", "tfoot"}
# Tags that change the reading context whatever their attributes.
CONTEXT_TAGS = NEVER_PROSE | HEADINGS | {"li", "td", "th", "title", "label", "legend", "button", "option", "fieldset"}
# Tags the tree lists even without attributes.
REGISTERED = frozenset({"input", "select", "textarea", "button", "label", "fieldset", "form", "html", "title"})
_NEWLINE = re.compile("\n")
MAX_SEARCH = 1000  # levels of open elements an implied or explicit end tag looks through
IGNORED_END_TAGS = frozenset({"html", "body", "head"})  # browsers keep them open to the end


class Context(NamedTuple):
    """How the content of an open element is read. Shared (not copied) by descendants
    that change nothing, which keeps the per-tag cost low on big pages."""

    role: Role
    owner: Element  # the element that gave the role (a new owner starts a new block)
    strong: bool  # label, legend, option, button, hint, title: descendants keep the role
    silent: bool  # never prose (script, code, hidden ...)
    foreign: bool  # inside svg or math
    inert: bool  # inside <template>: not rendered
    hidden: bool  # inside a hidden element
    fieldset: Element | None  # the nearest open <fieldset>
    group: Element | None  # the nearest open role=group|radiogroup element
    language: str | None = None  # a lang on a block-level element below <html> (<section lang="es">)


class TreeParser(HTMLParser):
    """Feed it the (template-neutralised) source once; then call ``finish``."""

    def __init__(self, source: str, path: str, describedby: set[str], templated: bool = False) -> None:
        super().__init__(convert_charrefs=False)
        self.source = source
        self.describedby = describedby
        self.templated = templated
        self.prose = ProseBuilder(path)
        self.suppressions = SuppressionCollector()
        self.runs: list[str] = []
        self.root = Element("#document", {}, 1, 1, runs=self.runs)
        self.stack: list[Element] = [self.root]
        self.contexts: list[Context] = [
            Context(Role.PARAGRAPH, self.root, False, False, False, False, False, None, None)
        ]
        self.open_counts: dict[str, int] = {}  # open elements per tag: skips hopeless searches
        self.by_id: dict[str, list[Element]] = {}
        self.templated_ids: dict[str, list[Element]] = {}
        self.controls: list[Element] = []
        self.labels: list[Element] = []
        self.fieldsets: list[Element] = []
        self.forms: list[Element] = []
        self.html_element: Element | None = None
        self.title_element: Element | None = None
        self.start_tag_ends: dict[Element, tuple[int, int]] = {}  # controls only
        self.control_contexts: dict[Element, Context] = {}  # the context a control sits in
        self.stray_end_tags = 0
        self.element_count = 0
        self._line_starts = [0]
        self._line_starts.extend(match.end() for match in _NEWLINE.finditer(source))

    # --- positions -----------------------------------------------------------------

    def _offset(self, line: int, column0: int) -> int:
        return self._line_starts[line - 1] + column0

    def _position(self, offset: int) -> tuple[int, int]:
        """1-based (line, column) of a source offset."""
        line = bisect_right(self._line_starts, offset)
        return line, offset - self._line_starts[line - 1] + 1

    @staticmethod
    def _after(line: int, column0: int, text: str) -> tuple[int, int]:
        """Position just after ``text`` written at (line, column0 0-based)."""
        newlines = text.count("\n")
        if not newlines:
            return line, column0 + len(text) + 1
        return line + newlines, len(text) - text.rfind("\n")

    # --- start tags ----------------------------------------------------------------

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._start(tag, attrs, False)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        # "<x/>": honoured for every element (browsers ignore the slash on non-void
        # HTML elements, but an author who writes <span/> means an empty span, and
        # honouring it keeps a stray <textarea/> from swallowing the page).
        self._start(tag, attrs, True)

    def _start(self, tag: str, raw_attrs: list[tuple[str, str | None]], self_closing: bool) -> None:
        line, column0 = self.lineno, self.offset  # getpos(), without the call
        attrs = _attributes(raw_attrs) if raw_attrs else {}
        if tag in IMPLIES_END:
            self._close_implied(tag, line, column0 + 1)
        parent = self.stack[-1]
        runs = self.runs
        if tag not in INLINE or tag == "br":
            runs.append(" ")  # block boundaries separate words in text(), as they do on screen
        element = Element(tag, attrs, line, column0 + 1, parent, [], None, None, runs, len(runs))
        parent.children.append(element)
        self.element_count += 1
        parent_context = self.contexts[-1]
        context = self._context(element, parent_context)
        if attrs or tag in REGISTERED:
            self._register(element, context)
        if tag not in INLINE and not parent_context.silent:  # inside svg, code … nothing shows
            if not context.strong or context.owner is element:
                self.prose.flush()
        elif tag == "br":
            self.prose.space()
        if tag in CONTROLS or tag in VOID or self_closing:
            end = self._after(line, column0, self.get_starttag_text() or "")
            if tag in CONTROLS and not context.inert:
                self.start_tag_ends[element] = end
                self.control_contexts[element] = parent_context
            if tag in VOID or self_closing:
                element.end_line, element.end_column = end
                element.text_end = len(runs)
                return
        self.stack.append(element)
        self.contexts.append(context)
        self.open_counts[tag] = self.open_counts.get(tag, 0) + 1

    def _context(self, element: Element, parent: Context) -> Context:
        tag, attrs = element.tag, element.attrs
        if tag not in CONTEXT_TAGS and not (attrs and self._special(attrs)):
            # The common case (<div>, <span class=…>, <a href=…>): nothing changes.
            # Blocks still end at block-level tags because the builder flushes there.
            return parent
        hidden = parent.hidden or (bool(attrs) and hides(attrs))
        foreign = parent.foreign or tag in ("svg", "math")
        inert = parent.inert or tag == "template"
        fieldset = element if tag == "fieldset" else parent.fieldset
        group = parent.group
        if attrs.get("role", "").strip().lower() in ("group", "radiogroup"):
            group = element
        language = parent.language
        declared = attrs.get("lang", attrs.get("xml:lang"))
        # A word in another language inside a sentence (<i lang="fr">déjà vu</i>) stays part
        # of the sentence; <html lang> is the document's language (Document.language).
        if declared is not None and declared.strip() and not is_templated(declared) and tag not in INLINE \
                and tag != "html":
            language = declared.strip()
        if parent.silent or hidden or tag in NEVER_PROSE:
            return Context(parent.role, parent.owner, parent.strong, True, foreign, inert, hidden, fieldset, group,
                           language)
        strong_role = _strong_role(tag, attrs, foreign, self.describedby)
        if strong_role is not None:
            return Context(strong_role, element, True, False, foreign, inert, hidden, fieldset, group, language)
        if parent.strong or tag in INLINE:
            role, owner = parent.role, parent.owner
        elif tag in HEADINGS or attrs.get("role") == "heading":
            role, owner = Role.HEADING, element
        elif tag == "li":
            role, owner = Role.LIST_ITEM, element
        elif tag in ("td", "th"):
            role, owner = Role.TABLE_CELL, element
        else:
            role, owner = parent.role, parent.owner
        return Context(role, owner, parent.strong, False, foreign, inert, hidden, fieldset, group, language)

    def _special(self, attrs: dict[str, str]) -> bool:
        """Attributes that change how the content is read."""
        return (
            "hidden" in attrs
            or "lang" in attrs
            or "xml:lang" in attrs
            or "aria-hidden" in attrs
            or "style" in attrs
            or "role" in attrs
            or attrs.get("id") in self.describedby
        )

    def _register(self, element: Element, context: Context) -> None:
        tag, element_id = element.tag, element.attrs.get("id")
        if element_id and element_id.strip():
            if ATTRIBUTE_MARKER in element_id:  # id="row-{{ i }}": many ids in one
                self.templated_ids.setdefault(element_id, []).append(element)
            else:
                self.by_id.setdefault(element_id, []).append(element)
        if context.inert:
            return  # a <template>'s content is not part of the page until a script uses it
        if tag in CONTROLS:
            self.controls.append(element)
        elif tag == "label":
            self.labels.append(element)
        elif tag == "fieldset":
            self.fieldsets.append(element)
        elif tag == "form":
            self.forms.append(element)
        elif tag == "html" and self.html_element is None:
            self.html_element = element
        elif tag == "title" and self.title_element is None and not context.foreign:
            self.title_element = element

    def _close_implied(self, tag: str, line: int, column: int) -> None:
        """The implicit end tags a start tag causes (the HTML tree-construction basics)."""
        counts = self.open_counts
        if tag in P_CLOSERS and counts.get("p"):
            self._close_in_scope(("p",), BUTTON_SCOPE, line, column)
        if tag == "li":
            if counts.get("li"):
                self._close_in_scope(("li",), LIST_SCOPE, line, column)
        elif tag in ("dd", "dt"):
            if counts.get("dd") or counts.get("dt"):
                self._close_in_scope(("dd", "dt"), DL_SCOPE, line, column)
        elif tag in HEADINGS:
            if self.stack[-1].tag in HEADINGS:
                self._pop_to(len(self.stack) - 1, line, column)
        elif tag in ("option", "optgroup"):
            if self.stack[-1].tag == "option":
                self._pop_to(len(self.stack) - 1, line, column)
            if tag == "optgroup" and self.stack[-1].tag == "optgroup":
                self._pop_to(len(self.stack) - 1, line, column)
        elif counts.get("table"):
            if tag in ("td", "th"):
                self._close_above(("tr", "tbody", "thead", "tfoot", "table"), line, column)
            elif tag == "tr":
                self._close_above(("tbody", "thead", "tfoot", "table"), line, column)
            elif tag in ("tbody", "thead", "tfoot"):
                self._close_above(("table",), line, column)

    def _search_floor(self) -> int:
        """How far down the stack a search for an open element goes. Real pages nest a
        few dozen levels; a crafted one with 100,000 open inline elements would make
        every search walk them all (quadratic), so searches stop MAX_SEARCH levels down."""
        return max(0, len(self.stack) - 1 - MAX_SEARCH)

    def _close_in_scope(self, tags: tuple[str, ...], scope: frozenset[str], line: int, column: int) -> None:
        for index in range(len(self.stack) - 1, self._search_floor(), -1):
            node = self.stack[index].tag
            if node in tags:
                self._pop_to(index, line, column)
                return
            if node in scope:
                return

    def _close_above(self, tags: tuple[str, ...], line: int, column: int) -> None:
        """Close everything above the nearest open element in ``tags`` (a table context)."""
        for index in range(len(self.stack) - 1, self._search_floor(), -1):
            node = self.stack[index].tag
            if node in tags:
                self._pop_to(index + 1, line, column)
                return
            if node == "template":
                return

    # --- end tags ------------------------------------------------------------------

    def handle_endtag(self, tag: str) -> None:
        if tag == "br":  # </br> reads as <br>
            self.prose.space()
            return
        if tag in IGNORED_END_TAGS:
            return
        index = self._open_index(tag) if self.open_counts.get(tag) else None
        if index is None:
            self.stray_end_tags += 1
            return
        line, column0 = self.lineno, self.offset
        if index < len(self.stack) - 1:
            self._pop_to(index + 1, line, column0 + 1)  # elements left open inside it
        offset = self._line_starts[line - 1] + column0
        close = offset + 2 + len(tag)
        if self.source.startswith(">", close):  # the usual "</tag>"
            self._pop_to(index, line, column0 + len(tag) + 4)
            return
        close = self.source.find(">", offset)
        end = self._position(close + 1) if close != -1 else (line, column0 + 1)
        self._pop_to(index, *end)

    def _open_index(self, tag: str) -> int | None:
        if self.stack[-1].tag == tag:
            return len(self.stack) - 1
        scope = END_TAG_SCOPE.get(tag, DEFAULT_SCOPE)
        for index in range(len(self.stack) - 1, self._search_floor(), -1):
            node = self.stack[index].tag
            if node == tag:
                return index
            if node in scope:
                return None
        return None

    def _pop_to(self, index: int, line: int, column: int) -> None:
        """Close every open element from the top of the stack down to ``index``."""
        stack, contexts, counts, runs = self.stack, self.contexts, self.open_counts, self.runs
        while len(stack) > index:
            element = stack.pop()
            context = contexts.pop()
            counts[element.tag] -= 1
            element.end_line = line
            element.end_column = column
            element.text_end = len(runs)
            if element.tag not in INLINE:
                runs.append(" ")
            if contexts[-1].silent:
                continue
            if element.tag not in INLINE:
                if not context.strong or contexts[-1].owner is not context.owner:
                    self.prose.flush()
            elif context.silent:
                self.prose.space()  # <code>x</code> between words reads as a gap

    # --- text ----------------------------------------------------------------------

    def handle_data(self, data: str) -> None:
        if self.stack[-1].tag in RAW_TEXT:
            return
        context = self.contexts[-1]
        if data.isspace():
            self.runs.append(" ")
            if not context.silent:
                self.prose.space()
            return
        self.runs.append(data)
        if context.silent:
            return
        self.prose.text(data, self.lineno, self.offset + 1, context.role, context.owner, context.language)

    def handle_entityref(self, name: str) -> None:
        line, column0 = self.getpos()
        offset = self._offset(line, column0)
        terminated = self.source.startswith(";", offset + 1 + len(name))
        raw = f"&{name};" if terminated else f"&{name}"
        text = html.unescape(raw)
        # html.parser takes "&lt-;" as one reference named "lt-"; unescape decodes "&lt"
        # and keeps "-;" as written. Those literal characters point at themselves.
        literal = next((raw[k:] for k in range(2, len(raw)) if len(text) > 1 and text == text[:1] + raw[k:]
                        and html.unescape(raw[:k]) == text[:1]), "")
        if literal:
            self._char(text[:1], line, column0)
            self._char(literal, line, column0 + len(raw) - len(literal))
            return
        self._char(text, line, column0)

    def handle_charref(self, name: str) -> None:
        line, column0 = self.getpos()
        self._char(html.unescape(f"&#{name};"), line, column0)

    def _char(self, text: str, line: int, column0: int) -> None:
        if self.stack[-1].tag in RAW_TEXT:
            return
        self.runs.append(text)
        context = self.contexts[-1]
        if not context.silent:
            self.prose.char(text, line, column0 + 1, context.role, context.owner, context.language)

    def handle_comment(self, data: str) -> None:
        line, _ = self.getpos()
        self.suppressions.comment(data, line, line + data.count("\n"))

    def parse_marked_section(self, i: int, report: int = 1) -> int:
        """``<![x[ … ]]>`` with an unknown keyword makes the stdlib raise AssertionError;
        browsers read it as a bogus comment, and so do we (up to the next ">")."""
        saved = self.lineno, self.offset
        try:
            return super().parse_marked_section(i, report)
        except AssertionError:
            self.lineno, self.offset = saved  # the stdlib moved them before raising
            close = self.rawdata.find(">", i + 3)
            return close + 1 if close != -1 else -1

    # --- result --------------------------------------------------------------------

    def finish(self) -> HtmlTree:
        """Close the parser and everything left open; return the tree."""
        self.close()
        end = self._position(len(self.source))
        self._pop_to(1, *end)
        self.prose.flush()
        self.root.end_line, self.root.end_column = end
        self.root.text_end = len(self.runs)
        return HtmlTree(
            root=self.root,
            by_id=self.by_id,
            templated_ids=self.templated_ids,
            controls=self.controls,
            labels=self.labels,
            fieldsets=self.fieldsets,
            forms=self.forms,
            html_element=self.html_element,
            title_element=self.title_element,
            templated=self.templated,
            stray_end_tags=self.stray_end_tags,
            element_count=self.element_count,
        )


def _strong_role(tag: str, attrs: dict[str, str], foreign: bool, describedby: set[str]) -> Role | None:
    if tag == "title" and not foreign:
        return Role.TITLE
    if tag in ("label", "legend", "button"):
        return Role.LABEL
    if tag == "option":
        return Role.OPTION
    element_id = attrs.get("id")
    if element_id and element_id in describedby:
        return Role.HINT
    return None


def _attributes(raw: list[tuple[str, str | None]]) -> dict[str, str]:
    """Lower-case names (html.parser does that), first value of a duplicate, "" for a
    valueless attribute, template expressions shown as {{…}}, template debris dropped."""
    attrs: dict[str, str] = {}
    for name, value in raw:
        if name in attrs or name[:1] in ("{", "}", "%"):
            continue
        text = "" if value is None else value
        if "{{" in text:
            text = MARKER.sub(ATTRIBUTE_MARKER, text)
        attrs[name] = text
    return attrs
