"""Markdown guidance through markdown-it-py (CommonMark with tables).

Prose is headings, paragraphs, list items and table cells. Code blocks, inline code,
front matter, HTML tags, link targets and template tags (Liquid/Jinja, common on
agency sites built with Jekyll) and Kramdown attribute lists never reach the checks. HTML comments are read for
suppression directives.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from markdown_it import MarkdownIt
from markdown_it.token import Token

from formlint.model import Document, Format, Role, TextBlock, UnreadableError
from formlint.readers.base import ReadOptions, decode_text, looks_binary
from formlint.readers.blockbuilder import BlockBuilder
from formlint.suppress import SuppressionCollector

FRONT_MATTER = re.compile(r"\A(?:---|\+\+\+)[ \t]*\r?\n.*?^(?:---|\+\+\+|\.\.\.)[ \t]*$", re.S | re.M)
TEMPLATE_TAG = re.compile(r"\{%.*?%\}|\{\{.*?\}\}|\{#.*?#\}", re.S)
# Kramdown (Jekyll's Markdown) attribute lists, extensions and header ids: "{: .class}",
# "{::nomarkdown}", "{:/}", "{#apply}". Markup, never prose.
KRAMDOWN_TAG = re.compile(r"\{:[^{}\n]*\}|\{::[a-z]+[^{}\n]*\}|\{:/[a-z]*\}|\{#[A-Za-z][\w-]*\}")
BLANKED = re.compile(r" {2,}")  # where a tag was blanked, or the author typed spaces
COMMENT = re.compile(r"<!--(.*?)-->", re.S)
FRONT_TITLE = re.compile(r"^title:\s*['\"]?(.*?)['\"]?\s*$", re.M)
# "lang: es" (Jekyll, Hugo "languageCode", Eleventy "locale"; YAML or TOML): the page's language.
FRONT_LANG = re.compile(r"^(?:lang|language|languageCode|locale)\s*[:=]\s*['\"]?([^'\"\s]+)['\"]?\s*$", re.M)

_PARSER = MarkdownIt("commonmark", {"html": True}).enable("table").enable("strikethrough")


def read_markdown(data: bytes, path: str, options: ReadOptions) -> Document:
    if looks_binary(data):
        raise UnreadableError("not a Markdown file: binary data")
    source = decode_text(data).replace("\r\n", "\n").replace("\r", "\n")
    doc = Document(path=path, format=Format.MARKDOWN)
    source, front_title, doc.language = _blank_front_matter(source)
    # Blank template tags with spaces so every other column stays where it was.
    source = TEMPLATE_TAG.sub(lambda m: _blank(m.group(0)), source)
    source = KRAMDOWN_TAG.sub(lambda m: _blank(m.group(0)), source)
    try:
        tokens = _PARSER.parse(source)
    except Exception as error:  # markdown-it is robust, but never let a parser bug escape
        raise UnreadableError(f"Markdown parser failed: {error}") from error
    walker = _Walker(doc, source.split("\n"))
    walker.walk(tokens)
    doc.suppressions = walker.suppressions.finish()
    first_heading = next((b for b in doc.blocks if b.role is Role.HEADING), None)
    doc.title = front_title or (first_heading.text if first_heading else None)
    return doc


def _blank(text: str) -> str:
    return re.sub(r"[^\n]", " ", text)


def _blank_front_matter(source: str) -> tuple[str, str | None, str | None]:
    """The source with its front matter blanked, and the title and language it gives."""
    match = FRONT_MATTER.match(source)
    if not match:
        return source, None, None
    title_match = FRONT_TITLE.search(match.group(0))
    title = title_match.group(1).strip() if title_match else None
    language = FRONT_LANG.search(match.group(0))
    return _blank(match.group(0)) + source[match.end():], title or None, language.group(1) if language else None


@dataclass
class _Walker:
    doc: Document
    lines: list[str]
    suppressions: SuppressionCollector = field(default_factory=SuppressionCollector)
    _section: str | None = None
    # Where the last inline run ended (line, column): the cells of a table row share their
    # line, and each must be looked for after the one before it, or a cell that repeats
    # the first cell's words would be placed on them.
    _resume: tuple[int, int] | None = None

    def walk(self, tokens: list[Token]) -> None:
        in_list = 0
        in_cell = False
        role_for_inline = Role.PARAGRAPH
        heading_level: int | None = None
        for token in tokens:
            kind = token.type
            if kind in ("bullet_list_open", "ordered_list_open"):
                in_list += 1
            elif kind in ("bullet_list_close", "ordered_list_close"):
                in_list -= 1
            elif kind in ("th_open", "td_open"):
                in_cell = True
            elif kind in ("th_close", "td_close"):
                in_cell = False
            elif kind == "heading_open":
                role_for_inline = Role.HEADING
                heading_level = int(token.tag[1:]) if token.tag[1:].isdigit() else None
            elif kind == "paragraph_open":
                role_for_inline = Role.PARAGRAPH
            elif kind == "html_block":
                self._html(token.content, token.map[0] + 1 if token.map else 1)
            elif kind == "inline":
                role = role_for_inline
                if role is Role.PARAGRAPH and in_cell:
                    role = Role.TABLE_CELL
                elif role is Role.PARAGRAPH and in_list:
                    role = Role.LIST_ITEM
                self._inline(token, role, heading_level if role is Role.HEADING else None)
                role_for_inline = Role.TABLE_CELL if in_cell else Role.PARAGRAPH

    def _html(self, content: str, first_line: int) -> None:
        for match in COMMENT.finditer(content):
            line = first_line + content.count("\n", 0, match.start())
            end_line = first_line + content.count("\n", 0, match.end())
            self.suppressions.comment(match.group(1), line, end_line)

    def _inline(self, token: Token, role: Role, level: int | None = None) -> None:
        if token.map is None:
            return
        start_line = token.map[0] + 1
        builder = BlockBuilder(self.doc.path, role, section=self._section)
        cursor = _Cursor(self.lines, start_line, token.map[1])
        if self._resume is not None and self._resume[0] == start_line:
            cursor.column = self._resume[1]
        skip_depth = 0  # inside an image: its alt text is not running prose
        for child in token.children or []:
            kind = child.type
            if kind == "image":
                continue
            if kind == "text" and not skip_depth:
                line, column = cursor.find(child.content)
                # A blanked template tag leaves a run of spaces: read it as one space,
                # keeping every word's column.
                position = 0
                for gap in BLANKED.finditer(child.content):
                    builder.add(child.content[position:gap.start()], line, column + position)
                    builder.space()
                    position = gap.end()
                builder.add(child.content[position:], line, column + position)
            elif kind in ("softbreak", "hardbreak"):
                builder.space()
                cursor.next_line()
            elif kind == "code_inline":
                # Code is not prose: keep a neutral word so the sentence still reads.
                line, column = cursor.find(child.content)
                builder.space()
                builder.add("code", line, column)
                builder.space()
            elif kind == "html_inline":
                comment = COMMENT.match(child.content)
                if comment:
                    line, _ = cursor.find(child.content)
                    self.suppressions.comment(comment.group(1), line)
                else:
                    builder.space()  # a removed tag may separate words
        self._resume = (cursor.line, cursor.column)
        block = builder.build()
        if block is None:
            return
        if role is Role.HEADING:
            self._section = block.text
            block.level = level
        self.doc.blocks.append(block)


@dataclass
class _Cursor:
    """Finds each inline text run in the source lines, moving forward only."""

    lines: list[str]
    line: int  # 1-based
    last_line: int  # exclusive, 0-based end from token.map == 1-based inclusive
    column: int = 0  # 0-based position in the current line

    def find(self, text: str) -> tuple[int, int]:
        needle = text.split("\n", 1)[0][:40]
        for line_no in range(self.line, min(self.last_line, len(self.lines)) + 1):
            haystack = self.lines[line_no - 1]
            start = self.column if line_no == self.line else 0
            index = haystack.find(needle, start) if needle else -1
            if index >= 0:
                self.line, self.column = line_no, index + len(needle)
                return line_no, index + 1
        # Escapes or entities changed the text: point at the cursor, the closest we know.
        return self.line, self.column + 1

    def next_line(self) -> None:
        if self.line < self.last_line:
            self.line += 1
            self.column = 0


def blocks_text(blocks: list[TextBlock]) -> str:
    """Debug helper: the prose as the checks see it."""
    return "\n\n".join(b.text for b in blocks)
