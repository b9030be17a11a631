"""Code actions that switch a rule off where the author decided the finding is wrong.

HTML, XML and Markdown take formlint's comments (formlint.suppress), a JSON-schema form an
``x-formlint-ignore`` key in the object of the flagged node (formlint.readers.jsonschema). A Markdown comment on a
line of its own starts an HTML block, which would split a paragraph in two if it went
between the paragraph's lines; so a finding on a block's first line gets
``formlint-disable-next-line`` above it, and one further down gets ``formlint-disable``
before the block and ``formlint-enable`` after it. In HTML a comment may go between any
two lines that are not inside one tag; in XML too, but never above the first line (the
XML declaration must come first).
"""

from __future__ import annotations

from typing import Any

from formlint.lsp.diagnostics import QUICKFIX, ours
from formlint.lsp.positions import LineIndex
from formlint.model import Format, UnreadableError
from formlint.readers.jsonschema import IGNORE_KEY




def ignore_actions(uri: str, fmt: Format | None, index: LineIndex, newline: str,
                   diagnostics: list[Any]) -> list[dict[str, Any]]:
    """One "ignore" action per rule and line among the request's formlint diagnostics;
    ``newline`` is the document's line end, which the comments keep."""
    if fmt is Format.JSONSCHEMA:
        return _json_actions(uri, index, diagnostics)
    if fmt not in (Format.MARKDOWN, Format.HTML, Format.XML):
        return []
    lines = _Lines(index, newline)
    actions = []
    seen: set[tuple[str, int]] = set()
    for diagnostic in diagnostics:
        located = _located(diagnostic)
        if located is None or located in seen or located[1] >= len(index.lines):
            continue
        seen.add(located)
        rule, line = located
        if fmt is Format.MARKDOWN:
            action = _markdown(uri, rule, line, lines)
        else:
            action = None if fmt is Format.XML and line == 0 else _html(uri, rule, line, lines)
        if action is not None:
            action["diagnostics"] = [diagnostic]
            actions.append(action)
    return actions


def _located(diagnostic: Any) -> tuple[str, int] | None:
    """(rule, 0-based line) of a formlint diagnostic about a line (not the whole document)."""
    found = ours(diagnostic)
    if found is None or not found[1].get("line"):
        return None
    rule = found[0]
    try:
        line = int(diagnostic["range"]["start"]["line"])
    except (KeyError, TypeError, ValueError):
        return None
    return (rule, line) if line >= 0 else None


class _Lines(list[str]):
    """The document's lines, with what an inserted comment line needs to know."""

    def __init__(self, index: LineIndex, newline: str) -> None:
        super().__init__(index.lines)
        self.index = index
        self.newline = newline


def _markdown(uri: str, rule: str, line: int, lines: _Lines) -> dict[str, Any] | None:
    if line == 0 or not lines[line - 1].strip():
        return _action(uri, f"Ignore {rule} on this line", [_insert(line, lines, f"formlint-disable-next-line {rule}")])
    start = line
    while start > 0 and lines[start - 1].strip():
        start -= 1
    end = line
    while end + 1 < len(lines) and lines[end + 1].strip():
        end += 1
    closing = _insert(end + 1, lines, f"formlint-enable {rule}", indent_from=start)
    return _action(uri, f"Ignore {rule} in this paragraph",
                   [_insert(start, lines, f"formlint-disable {rule}"), closing])


def _html(uri: str, rule: str, line: int, lines: _Lines) -> dict[str, Any] | None:
    before = lines[line - 1].rstrip() if line > 0 else ""
    if before and not before.endswith(">"):
        return None  # the line above may leave a tag open: a comment there would break it
    return _action(uri, f"Ignore {rule} on this line", [_insert(line, lines, f"formlint-disable-next-line {rule}")])


def _insert(line: int, lines: _Lines, directive: str, indent_from: int | None = None) -> dict[str, Any]:
    """A comment line before ``line`` (or after the last line), indented as its neighbour."""
    source = lines[min(indent_from if indent_from is not None else line, len(lines) - 1)]
    indent = source[:len(source) - len(source.lstrip())]
    comment = f"{indent}<!-- {directive} -->"
    if line >= len(lines):  # after the last line, which has no line end
        position = lines.index.line_end(len(lines))
        return {"range": {"start": position, "end": position}, "newText": f"{lines.newline}{comment}"}
    position = {"line": line, "character": 0}
    return {"range": {"start": position, "end": position}, "newText": f"{comment}{lines.newline}"}


def _action(uri: str, title: str, edits: list[dict[str, Any]]) -> dict[str, Any]:
    return {"title": title, "kind": QUICKFIX, "edit": {"changes": {uri: edits}}}


def _json_actions(uri: str, index: LineIndex, diagnostics: list[Any]) -> list[dict[str, Any]]:
    """``"x-formlint-ignore": ["RULE"]`` first in the object the flagged pointer names (its
    parent object for a title or description string). Through a ``$ref`` the key goes in the
    object that holds the reference: a shared definition is left alone for its other uses."""
    from formlint.readers.json_positions import parse_json

    wanted = []
    for diagnostic in diagnostics:
        found = ours(diagnostic)
        if found is not None and isinstance(found[1].get("pointer"), str):
            wanted.append((diagnostic, found[0], found[1]["pointer"]))
    if not wanted:
        return []
    text = "\n".join(index.lines)  # the line ends do not move any offset the parser reports per line
    try:
        root, source = parse_json(text)
    except (UnreadableError, RecursionError, ValueError):
        return []  # the text does not parse as it stands: nothing safe to insert
    actions, seen = [], set()
    for diagnostic, rule, pointer in wanted:
        node = _object_of(root, pointer)
        if node is None or (rule, node) in seen or node + "/" + IGNORE_KEY in source.key_spans:
            continue
        seen.add((rule, node))
        offset = source.value_offsets.get(node)
        if offset is None or text[offset:offset + 1] != "{":
            continue
        line, column = source.line_col(offset + 1)
        empty = text[offset + 1:].lstrip().startswith("}")
        position = index.position(line, column)
        edit = {"range": {"start": position, "end": position},
                "newText": f'"{IGNORE_KEY}": ["{rule}"]' + ("" if empty else ", ")}
        action = _action(uri, f"Ignore {rule} in {node or 'the whole form'} ({IGNORE_KEY})", [edit])
        action["diagnostics"] = [diagnostic]
        actions.append(action)
    return actions


def _object_of(root: Any, pointer: str) -> str | None:
    """The pointer of the object to mark: ``pointer`` itself, or up to the object that holds it."""
    from formlint.readers.json_positions import escape_pointer_token, resolve_pointer, split_pointer

    tokens = split_pointer(pointer)
    if "$ref" in tokens:
        tokens = tokens[:tokens.index("$ref")]
    while True:
        node = "".join("/" + escape_pointer_token(t) for t in tokens)
        found, value = resolve_pointer(root, node)
        if found and isinstance(value, dict):
            return node
        if not tokens:
            return None
        tokens.pop()
