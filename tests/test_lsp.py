"""`formlint lsp`: the language server, driven as an editor drives it.

Most tests run the server in a thread over pipes (the rules load once per test, no spaCy
unless a test needs it); one runs `python -m formlint lsp` as an editor starts it.
"""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
import threading
import time
from pathlib import Path
from typing import Any

import pytest

from formlint.lsp import jsonrpc
from formlint.lsp.diagnostics import FIX_ALL, QUICKFIX, code_description, fix_all, quick_fixes, to_diagnostic
from formlint.lsp.hover import hover_for
from formlint.lsp.positions import UTF8, UTF16, UTF32, LineIndex, apply_change, choose_encoding, offset
from formlint.lsp.server import LanguageServer, Settings
from formlint.lsp.suppressions import ignore_actions
from formlint.model import Finding, Fix, Format, Location, Severity
from tests.conftest import FIXTURES

ROOT = Path(__file__).resolve().parents[1]
GUIDE = "# Apply\n\nThe form is due prior to May 1. You can mail it.\n"


def frame(message: dict[str, Any]) -> bytes:
    body = json.dumps(message).encode("utf-8")
    return b"Content-Length: %d\r\n\r\n" % len(body) + body


# -- framing ---------------------------------------------------------------------------

def test_messages_round_trip_through_the_framing() -> None:
    out = io.BytesIO()
    writer = jsonrpc.Writer(out)
    writer.respond(7, {"ok": "é"})
    writer.notify("window/logMessage", {"message": "𝐀"})
    stream = io.BytesIO(out.getvalue())
    assert jsonrpc.read_message(stream) == {"jsonrpc": "2.0", "id": 7, "result": {"ok": "é"}}
    assert jsonrpc.read_message(stream)["params"] == {"message": "𝐀"}
    assert jsonrpc.read_message(stream) is None  # the end of the stream


def test_a_body_that_is_not_json_is_reported_and_the_stream_goes_on() -> None:
    stream = io.BytesIO(b"Content-Length: 5\r\n\r\n{oops" + frame({"method": "initialized"}))
    assert "_invalid" in jsonrpc.read_message(stream)
    assert jsonrpc.read_message(stream) == {"method": "initialized"}


@pytest.mark.parametrize("data, says", [
    (b"Content-Length: 10\r\n\r\n{}", "ended inside a message"),
    (b"Content-Type: x\r\n\r\n{}", "without a Content-Length"),
    (b"Content-Length: ten\r\n\r\n", "not a number"),
    (b"garbage\r\n\r\n", "not a message header"),
    (b"Content-Length: 999999999999\r\n\r\n", "over the"),
    (b"Content-Length: 2\r\n", "ended inside a message header"),
])
def test_a_broken_frame_stops_the_connection_with_a_reason(data: bytes, says: str) -> None:
    with pytest.raises(jsonrpc.ProtocolError, match=says):
        jsonrpc.read_message(io.BytesIO(data))


# -- positions -------------------------------------------------------------------------

def test_columns_count_in_the_agreed_unit_past_the_basic_plane() -> None:
    text = "a𝐀 prior to\nnext"
    # "prior" is formlint's column 4 (characters): 3 code points, 4 UTF-16 units, 6 UTF-8 bytes before it.
    assert LineIndex.of(text, UTF32).position(1, 4) == {"line": 0, "character": 3}
    assert LineIndex.of(text, UTF16).position(1, 4) == {"line": 0, "character": 4}
    assert LineIndex.of(text, UTF8).position(1, 4) == {"line": 0, "character": 6}


def test_choose_encoding_prefers_characters_and_falls_back_to_utf16() -> None:
    assert choose_encoding(["utf-16", "utf-32"]) == UTF32
    assert choose_encoding(["utf-8"]) == UTF8
    assert choose_encoding(None) == UTF16
    assert choose_encoding("utf-32") == UTF16  # not a list: the protocol's default


def test_ranges_for_a_line_a_document_and_a_position_past_the_end() -> None:
    lines = LineIndex.of("first line\r\nsecond\rthird\n")
    assert lines.lines == ["first line", "second", "third", ""]
    assert lines.span(None, None, None, None) == {"start": {"line": 0, "character": 0},
                                                  "end": {"line": 0, "character": 10}}
    assert lines.span(2, None, None, None)["end"] == {"line": 1, "character": 6}
    assert lines.span(40, 3, 40, 90) == {"start": {"line": 3, "character": 0}, "end": {"line": 3, "character": 0}}
    assert lines.span(1, 5, 1, 2)["end"] == {"line": 0, "character": 4}  # never ends before it starts


@pytest.mark.parametrize("encoding, character", [(UTF16, 4), (UTF32, 3), (UTF8, 6)])
def test_a_ranged_change_lands_where_the_editor_means_in_each_unit(encoding: str, character: int) -> None:
    text = "# T\r\na𝐀 prior to May\n"
    assert offset(text, {"line": 1, "character": character}, encoding) == 8
    change = {"range": {"start": {"line": 1, "character": character},
                        "end": {"line": 1, "character": character + len("prior to")}},
              "text": "before"}
    assert apply_change(text, change, encoding) == "# T\r\na𝐀 before May\n"


def test_whole_text_changes_and_positions_past_the_end() -> None:
    assert apply_change("old", {"text": "new"}) == "new"
    assert offset("one\ntwo", {"line": 9, "character": 0}) == 7
    assert offset("one\ntwo", {"line": 0, "character": 99}) == 3  # clamped to the line, not into the next
    assert apply_change("abc", {"range": {"start": {"line": 0, "character": 2}, "end": {"line": 0, "character": 1}},
                                "text": "X"}) == "abXc"


# -- diagnostics -----------------------------------------------------------------------

def _finding(rule: str = "plain/simple-words", severity: Severity = Severity.INFO, line: int = 1, column: int = 5,
             end: int = 13, original: str | None = "prior to", replacement: str = "before",
             suggestions: list[str] | None = None) -> Finding:
    location = Location("guide.md", line=line, column=column, end_line=line, end_column=end)
    fix = Fix(location, original, replacement) if original is not None else None
    return Finding(rule, "plain-language", severity, f'Use "{replacement}" instead of "{original}".', location,
                   text=original, suggestions=suggestions or [replacement], fix=fix)


def test_a_finding_becomes_a_diagnostic_with_its_fix() -> None:
    lines = LineIndex.of("Due prior to May 1.")
    diagnostic = to_diagnostic(_finding(), lines)
    assert diagnostic["range"] == {"start": {"line": 0, "character": 4}, "end": {"line": 0, "character": 12}}
    assert (diagnostic["severity"], diagnostic["code"], diagnostic["source"]) == (3, "plain/simple-words", "formlint")
    assert diagnostic["message"] == 'Use "before" instead of "prior to".'  # the suggestion is in it already
    assert diagnostic["data"]["fix"] == {"range": diagnostic["range"], "newText": "before"}


def test_a_suggestion_the_message_does_not_hold_is_added_and_severities_map() -> None:
    finding = _finding("plain/passive-voice", Severity.WARNING, original=None,
                       suggestions=["You must sign the form."])
    diagnostic = to_diagnostic(finding, LineIndex.of("Due prior to May 1."))
    assert diagnostic["message"].endswith("\nSuggestion: You must sign the form.")
    assert diagnostic["severity"] == 2 and diagnostic["data"] == {"line": True}
    assert to_diagnostic(_finding(severity=Severity.ERROR), LineIndex.of("x"))["severity"] == 1


def test_no_fix_where_the_text_does_not_hold_the_flagged_words() -> None:
    assert "fix" not in to_diagnostic(_finding(), LineIndex.of("Due before May 1."))["data"]


def test_quick_fixes_come_only_from_formlint_diagnostics_with_a_well_formed_fix() -> None:
    lines = LineIndex.of("Due prior to May 1.")
    ours = to_diagnostic(_finding(), lines)
    other = dict(ours, source="cspell")
    broken = dict(ours, data={"fix": {"range": "nowhere", "newText": "x"}})
    actions = quick_fixes("file:///g.md", [ours, other, broken, "not a diagnostic"])
    assert len(actions) == 1
    assert actions[0]["kind"] == QUICKFIX
    assert actions[0]["title"] == "Replace \u201cprior to\u201d with \u201cbefore\u201d (plain/simple-words)"
    assert actions[0]["edit"] == {"changes": {"file:///g.md": [ours["data"]["fix"]]}}


def test_fix_all_takes_every_fix_once_and_skips_an_overlap() -> None:
    lines = LineIndex.of("Due prior to May 1 prior to")
    findings = [_finding(column=20, end=28), _finding(), _finding(column=11, end=13, original="to", replacement="by")]
    action = fix_all("file:///g.md", findings, lines)
    assert action is not None and action["kind"] == FIX_ALL
    edits = action["edit"]["changes"]["file:///g.md"]
    assert [e["range"]["start"]["character"] for e in edits] == [4, 19]
    assert action["title"] == "Apply formlint's 2 safe fixes"
    assert fix_all("file:///g.md", [], lines) is None


def test_hover_explains_each_rule_flagged_at_the_position_once() -> None:
    from formlint.rulepacks import load_rules

    ruleset = load_rules(())
    lines = LineIndex.of("Due prior to May 1.")
    passive = _finding("plain/passive-voice", Severity.WARNING, column=1, end=20, original=None)
    whole = Finding("plain/readability-grade", "plain-language", Severity.WARNING, "Grade 14.", Location("doc"))
    findings = [_finding(), _finding(), passive, whole]
    shown = hover_for(findings, {"line": 0, "character": 6}, lines, ruleset)
    assert shown is not None
    parts = shown["contents"]["value"].split("\n\n---\n\n")
    assert [p.split("**")[1] for p in parts] == ["plain/simple-words", "plain/passive-voice"]
    assert ruleset.get("plain/passive-voice").source.url in parts[1]
    assert hover_for(findings, {"line": 0, "character": 19}, lines, ruleset) is not None  # the passive's end
    assert hover_for([_finding(), whole], {"line": 0, "character": 14}, lines, ruleset) is None
    assert code_description("plain/simple-words", ruleset) == {"href": ruleset.get("plain/simple-words").source.url}
    assert code_description("plain/no-such-rule", ruleset) is None


@pytest.mark.parametrize("only, quickfix, fix_all", [
    (None, True, True), ([], True, True), (["quickfix"], True, False), (["source"], False, True),
    (["source.fixAll"], False, True), (["source.fix"], False, False), (["quickfix.other"], False, False),
    (["refactor", "source.fixAll.formlint"], False, True),
])
def test_a_code_action_request_gets_the_kinds_it_asks_for(only: Any, quickfix: bool, fix_all: bool) -> None:
    from formlint.lsp.server import _wanted

    assert (_wanted(QUICKFIX, only), _wanted(FIX_ALL, only)) == (quickfix, fix_all)


# -- ignoring a finding ----------------------------------------------------------------

def _apply(text: str, edits: list[dict[str, Any]]) -> str:
    """The text after an editor applies ``edits`` (all positions in the original text)."""
    for edit in sorted(edits, key=lambda e: (e["range"]["start"]["line"], e["range"]["start"]["character"]),
                       reverse=True):
        start, end = offset(text, edit["range"]["start"]), offset(text, edit["range"]["end"])
        text = text[:start] + edit["newText"] + text[end:]
    return text


def _ignore(text: str, fmt: Format, rule: str = "plain/simple-words") -> tuple[list[dict[str, Any]], list[str]]:
    """The ignore actions for every finding of ``rule``, and the rules still found after each."""
    from formlint.config import Config
    from formlint.engine import Runtime, lint_text

    runtime = Runtime.create(Config(nlp=False, select=(rule,)))
    index = LineIndex.of(text)
    diagnostics = [to_diagnostic(f, index) for f in lint_text(text, fmt, runtime, "doc").findings]
    actions = ignore_actions("file:///doc", fmt, index, "\r\n" if "\r\n" in text else "\n", diagnostics)
    after = [_apply(text, a["edit"]["changes"]["file:///doc"]) for a in actions]
    return actions, [[f.location.line for f in lint_text(t, fmt, runtime, "doc").findings] for t in after]


MARKDOWN = "# Apply\n\nDue prior to May 1.\nMail it prior to June.\n\n- one item prior to a\n\nLast prior to b"


def test_a_markdown_finding_is_ignored_on_its_line_or_in_its_paragraph_without_splitting_it() -> None:
    actions, left = _ignore(MARKDOWN, Format.MARKDOWN)
    assert [a["title"] for a in actions] == ["Ignore plain/simple-words on this line",
                                             "Ignore plain/simple-words in this paragraph",
                                             "Ignore plain/simple-words on this line",
                                             "Ignore plain/simple-words on this line"]
    # Each action removes its own finding, the paragraph's both of the paragraph's and no other
    # (the lines below move down by the comments).
    assert left == [[5, 7, 9], [8, 10], [3, 4, 9], [3, 4, 6]]
    paragraph = _apply(MARKDOWN, actions[1]["edit"]["changes"]["file:///doc"])
    assert ("<!-- formlint-disable plain/simple-words -->\nDue prior to May 1.\nMail it prior to June.\n"
            "<!-- formlint-enable plain/simple-words -->\n") in paragraph
    last = _apply(MARKDOWN, actions[3]["edit"]["changes"]["file:///doc"])
    assert last.endswith("\n<!-- formlint-disable-next-line plain/simple-words -->\nLast prior to b")


def test_ignore_comments_keep_the_line_ends_and_the_indentation() -> None:
    text = "Intro.\r\n\r\n   Due prior to May 1.\r\n"
    actions, left = _ignore(text, Format.MARKDOWN)
    assert left == [[]]
    [edit] = actions[0]["edit"]["changes"]["file:///doc"]
    assert edit["newText"] == "   <!-- formlint-disable-next-line plain/simple-words -->\r\n"


def test_html_gets_a_comment_between_tags_but_never_inside_an_open_tag() -> None:
    text = "<main>\n<p>Due prior to May 1.</p>\n<p title='x'\n   >Mail it prior to June.</p>\n</main>\n"
    actions, left = _ignore(text, Format.HTML)
    assert [a["title"] for a in actions] == ["Ignore plain/simple-words on this line"]
    assert left == [[5]]


def test_xml_gets_a_comment_between_tags_but_never_above_the_declaration() -> None:
    text = ('<?xml version="1.0"?>\n<part>\n  <p>Due prior to May 1.</p>\n  <p>Mail it\n   prior to June.</p>\n'
            '</part>\n')
    actions, left = _ignore(text, Format.XML)
    # The second finding's line follows text, not a tag: no comment is offered there.
    assert [a["title"] for a in actions] == ["Ignore plain/simple-words on this line"]
    assert left == [[6]]  # the comment hides its line's finding; the other moved down a line
    [edit] = actions[0]["edit"]["changes"]["file:///doc"]
    assert edit["newText"] == "  <!-- formlint-disable-next-line plain/simple-words -->\n"
    first = '<p>Due prior to May 1.</p>'
    assert _ignore(first, Format.XML) == ([], [])  # nothing may precede the first line of an XML file


def _schema_ignores(text: str, rule: str) -> tuple[list[dict[str, Any]], list[list[str | None]]]:
    """The ignore actions for ``rule``'s findings in a schema, and its findings' pointers after each."""
    from formlint.config import Config
    from formlint.engine import Runtime, lint_text

    runtime = Runtime.create(Config(nlp=False, select=(rule,)))
    index = LineIndex.of(text)
    diagnostics = [to_diagnostic(f, index) for f in lint_text(text, Format.JSONSCHEMA, runtime, "doc").findings]
    actions = ignore_actions("file:///doc", Format.JSONSCHEMA, index, "\n", diagnostics)
    after = []
    for action in actions:
        edited = _apply(text, action["edit"]["changes"]["file:///doc"])
        json.loads(edited)  # still JSON
        after.append([f.location.pointer for f in lint_text(edited, Format.JSONSCHEMA, runtime, "doc").findings])
    return actions, after


def test_a_schema_finding_is_ignored_with_x_formlint_ignore_in_its_object() -> None:
    text = (FIXTURES / "jsonschema" / "benefit-application-bad.schema.json").read_text()
    actions, after = _schema_ignores(text, "a11y/schema-no-title")
    assert [a["title"] for a in actions] == [
        f"Ignore a11y/schema-no-title in /properties/{name} (x-formlint-ignore)" for name in ("fld1", "fld2", "q7")]
    assert after[0] == ["/properties/fld2", "/properties/q7"]  # only fld1's finding goes
    # A finding on the form's description: the key goes in the root object.
    actions, after = _schema_ignores(text, "plain/simple-words")
    assert [a["title"] for a in actions] == ["Ignore plain/simple-words in the whole form (x-formlint-ignore)"]
    assert after == [[]]
    # Through a $ref: in the object that holds the reference, not the shared definition.
    actions, after = _schema_ignores(text, "burden/unnecessary-required-field")
    assert [a["title"] for a in actions] == [
        "Ignore burden/unnecessary-required-field in /properties/applicantFullName (x-formlint-ignore)"]
    assert after == [[]] and '"definitions"' in text


def test_a_schema_ignore_in_an_empty_object_and_none_where_one_is_already() -> None:
    empty = '{"type": "object", "properties": {"fld1": {}, "fld2": {"x-formlint-ignore": "plain"}}}'
    actions, after = _schema_ignores(empty, "a11y/schema-no-title")
    [edit] = actions[0]["edit"]["changes"]["file:///doc"]
    assert edit["newText"] == '"x-formlint-ignore": ["a11y/schema-no-title"]'  # no comma before "}"
    # fld2 already holds the key (for other rules): no second key in one object.
    assert len(actions) == 1 and after == [["/properties/fld2"]]


def test_no_ignore_action_for_text_files_or_findings_about_the_whole_document() -> None:
    assert _ignore("Due prior to May 1.\n", Format.TEXT)[0] == []
    whole = to_diagnostic(Finding("plain/readability-grade", "plain-language", Severity.WARNING, "Grade 14.",
                                  Location("doc")), LineIndex.of("x"))
    assert ignore_actions("file:///doc", Format.MARKDOWN, LineIndex.of("x"), "\n", [whole]) == []


# -- the server, as an editor drives it -----------------------------------------------

class Editor:
    """The editor's end of the pipes to a server running in a thread."""

    def __init__(self, settings: Settings, delay: float = 0.05) -> None:
        self.logged: list[str] = []
        to_server_r, self._to_server = os.pipe()
        self._from_server, from_server_w = os.pipe()
        self.server = LanguageServer(settings, os.fdopen(to_server_r, "rb"), os.fdopen(from_server_w, "wb"),
                                     delay=delay, log=self.logged.append)
        self.exit_code: int | None = None
        self.thread = threading.Thread(target=self._serve, daemon=True)
        self.thread.start()
        self.stream = os.fdopen(self._from_server, "rb")
        self.inbox: list[dict[str, Any]] = []
        self._reader = threading.Thread(target=self._read, daemon=True)
        self._reader.start()

    def _serve(self) -> None:
        self.exit_code = self.server.run()
        self.server.out.stream.close()

    def _read(self) -> None:
        while (message := jsonrpc.read_message(self.stream)) is not None:
            self.inbox.append(message)

    def send(self, message: dict[str, Any]) -> None:
        os.write(self._to_server, frame(message))

    def wait_for(self, test: Any, timeout: float = 60.0) -> dict[str, Any]:
        end = time.monotonic() + timeout
        while time.monotonic() < end:
            for message in self.inbox:
                if test(message):
                    self.inbox.remove(message)
                    return message
            time.sleep(0.01)
        raise AssertionError(f"no such message in {timeout} s; got {self.inbox}")

    def answer(self, request_id: int) -> dict[str, Any]:
        return self.wait_for(lambda m: m.get("id") == request_id and "method" not in m)

    def diagnostics(self, uri: str) -> dict[str, Any]:
        return self.wait_for(lambda m: m.get("method") == "textDocument/publishDiagnostics"
                             and m["params"]["uri"] == uri)["params"]

    def start(self, capabilities: dict[str, Any] | None = None) -> dict[str, Any]:
        self.send({"jsonrpc": "2.0", "id": 1, "method": "initialize",
                   "params": {"capabilities": capabilities or {}}})
        result = self.answer(1)["result"]
        self.send({"jsonrpc": "2.0", "method": "initialized", "params": {}})
        return result

    def open(self, uri: str, text: str, language: str = "markdown", version: int = 1) -> None:
        self.send({"jsonrpc": "2.0", "method": "textDocument/didOpen",
                   "params": {"textDocument": {"uri": uri, "languageId": language, "version": version,
                                               "text": text}}})

    def stop(self) -> int | None:
        self.send({"jsonrpc": "2.0", "id": 99, "method": "shutdown"})
        self.answer(99)
        self.send({"jsonrpc": "2.0", "method": "exit"})
        self.thread.join(30)
        return self.exit_code


def _settings(**overrides: Any) -> Settings:
    return Settings(adjust=lambda config: config.with_overrides(nlp=False, **overrides))


def _uri(path: Path) -> str:
    return path.resolve().as_uri()


def _codes(params: dict[str, Any]) -> list[str]:
    return [d["code"] for d in params["diagnostics"]]


def test_a_session_opens_checks_fixes_and_exits_cleanly(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    guide = tmp_path / "guide.md"
    guide.write_text("saved text, not the editor's\n")
    editor = Editor(_settings())
    result = editor.start()
    assert result["capabilities"]["textDocumentSync"]["change"] == 2  # incremental
    assert result["capabilities"]["positionEncoding"] == "utf-16"
    editor.open(_uri(guide), GUIDE)
    published = editor.diagnostics(_uri(guide))
    assert published["version"] == 1
    simple = next(d for d in published["diagnostics"] if d["code"] == "plain/simple-words")
    assert simple["range"]["start"] == {"line": 2, "character": 16}  # the editor's text, not the file's
    editor.send({"jsonrpc": "2.0", "id": 2, "method": "textDocument/codeAction",
                 "params": {"textDocument": {"uri": _uri(guide)}, "range": simple["range"],
                            "context": {"diagnostics": published["diagnostics"]}}})
    actions = editor.answer(2)["result"]
    quick = next(a for a in actions if a["kind"] == QUICKFIX)
    [edit] = quick["edit"]["changes"][_uri(guide)]
    line = GUIDE.split("\n")[2]
    start, end = edit["range"]["start"]["character"], edit["range"]["end"]["character"]
    assert line[:start] + edit["newText"] + line[end:] == "The form is due before May 1. You can mail it."
    assert simple["codeDescription"]["href"].startswith("https://")  # the rule's source
    editor.send({"jsonrpc": "2.0", "id": 3, "method": "textDocument/hover",
                 "params": {"textDocument": {"uri": _uri(guide)}, "position": {"line": 2, "character": 20}}})
    shown = editor.answer(3)["result"]["contents"]
    assert shown["kind"] == "markdown" and shown["value"].startswith("**plain/simple-words** (info): ")
    assert "How to fix it" in shown["value"] and simple["codeDescription"]["href"] in shown["value"]
    editor.send({"jsonrpc": "2.0", "id": 4, "method": "textDocument/hover",
                 "params": {"textDocument": {"uri": _uri(guide)}, "position": {"line": 0, "character": 2}}})
    assert editor.answer(4)["result"] is None  # nothing flagged there
    assert any(a["kind"] == FIX_ALL for a in actions)
    assert "Ignore plain/simple-words on this line" in [a["title"] for a in actions]
    assert guide.read_text() == "saved text, not the editor's\n"  # a server never writes a file
    editor.send({"jsonrpc": "2.0", "method": "textDocument/didClose",
                 "params": {"textDocument": {"uri": _uri(guide)}}})
    assert editor.diagnostics(_uri(guide))["diagnostics"] == []
    assert editor.stop() == 0


def test_typing_is_checked_once_after_a_pause_and_for_the_last_version(tmp_path: Path,
                                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    uri = _uri(tmp_path / "guide.md")
    editor = Editor(_settings(), delay=1.0)  # far above the gaps between keystrokes, even on a busy machine
    editor.start()
    editor.open(uri, "Plain text.\n")
    assert editor.diagnostics(uri)["diagnostics"] == []
    keystrokes: list[dict[str, Any]] = [{"text": "Due prior"}, {"text": "Due prior to"},
                                        {"range": {"start": {"line": 0, "character": 12},
                                                   "end": {"line": 0, "character": 12}}, "text": " May 1.\n"}]
    for version, change in enumerate(keystrokes, start=2):
        editor.send({"jsonrpc": "2.0", "method": "textDocument/didChange",
                     "params": {"textDocument": {"uri": uri, "version": version}, "contentChanges": [change]}})
        time.sleep(0.05)  # keystrokes closer together than the delay
    published = editor.diagnostics(uri)
    assert published["version"] == 4 and "plain/simple-words" in _codes(published)
    assert editor.server.documents[uri].text == "Due prior to May 1.\n"
    time.sleep(0.6)
    assert not [m for m in editor.inbox if m.get("method") == "textDocument/publishDiagnostics"]
    assert editor.stop() == 0


def test_each_document_follows_its_nearest_configuration_and_a_saved_change_to_it(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    strict, relaxed = tmp_path / "strict", tmp_path / "relaxed"
    strict.mkdir()
    relaxed.mkdir()
    config = relaxed / ".formlint.toml"
    config.write_text('ignore = ["plain/simple-words"]\nexclude = ["drafts/*"]\n')
    editor = Editor(_settings())
    editor.start()
    editor.open(_uri(strict / "a.md"), GUIDE)
    editor.open(_uri(relaxed / "b.md"), GUIDE)
    editor.open(_uri(relaxed / "drafts" / "c.md"), GUIDE)
    assert "plain/simple-words" in _codes(editor.diagnostics(_uri(strict / "a.md")))
    assert "plain/simple-words" not in _codes(editor.diagnostics(_uri(relaxed / "b.md")))
    assert editor.diagnostics(_uri(relaxed / "drafts" / "c.md"))["diagnostics"] == []  # excluded
    config.write_text("ignore = []\n")
    os.utime(config, ns=(time.time_ns() + 10**9, time.time_ns() + 10**9))
    editor.send({"jsonrpc": "2.0", "method": "textDocument/didSave", "params": {"textDocument": {"uri": _uri(config)}}})
    assert "plain/simple-words" in _codes(editor.diagnostics(_uri(relaxed / "b.md")))
    assert editor.stop() == 0


def test_a_broken_configuration_is_shown_once_and_the_server_keeps_answering(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / ".formlint.toml").write_text('select = ["plain/no-such-rule"]\n')
    editor = Editor(_settings())
    editor.start()
    editor.open(_uri(tmp_path / "a.md"), GUIDE)
    shown = editor.wait_for(lambda m: m.get("method") == "window/showMessage")
    assert shown["params"]["type"] == 1 and "plain/no-such-rule" in shown["params"]["message"]
    editor.open(_uri(tmp_path / "b.md"), GUIDE)
    editor.send({"jsonrpc": "2.0", "id": 5, "method": "textDocument/codeAction",
                 "params": {"textDocument": {"uri": _uri(tmp_path / "b.md")}, "context": {"diagnostics": []}}})
    assert editor.answer(5)["result"] == []
    end = time.monotonic() + 30
    while sum("plain/no-such-rule" in line for line in editor.logged) < 2 and time.monotonic() < end:
        time.sleep(0.01)  # b.md is checked after the answer
    assert sum("plain/no-such-rule" in line for line in editor.logged) == 2  # the log has each time
    assert not [m for m in editor.inbox if m.get("method") == "window/showMessage"]  # shown once, not per document
    assert editor.stop() == 0


def test_documents_without_a_file_name_formats_formlint_does_not_read_and_the_size_limit(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / ".formlint.toml").write_text("max-file-size-mb = 0.0001\n")
    editor = Editor(_settings())
    editor.start()
    editor.open(_uri(tmp_path / "script.py"), "x = 'prior to'\n", language="python")
    editor.open("untitled:Untitled-1", GUIDE, language="markdown")
    assert "plain/simple-words" in _codes(editor.diagnostics("untitled:Untitled-1"))
    editor.open(_uri(tmp_path / "big.md"), GUIDE * 10)
    [too_big] = editor.diagnostics(_uri(tmp_path / "big.md"))["diagnostics"]
    assert too_big["code"] == "io/unreadable" and "max-file-size-mb" in too_big["message"]
    assert not [m for m in editor.inbox if m.get("params", {}).get("uri", "").endswith("script.py")]
    assert editor.stop() == 0


def test_hostile_documents_each_get_an_answer_and_the_server_goes_on(tmp_path: Path,
                                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    from tests.hostile import hostile_strings, html_many_inputs, schema_deeply_nested, schema_ref_cycles

    monkeypatch.chdir(tmp_path)
    prose = "\n\n".join(f"Due prior to May 1. {text}" for text in hostile_strings())
    documents = {
        "strings.md": prose,
        "strings.html": f"<html><body><p>{prose}</p></body></html>",
        "nested.json": schema_deeply_nested(),
        "cycles.json": json.dumps(schema_ref_cycles()),
        "inputs.html": html_many_inputs(20_000),
        "surrogate.md": "Due prior to May 1. \ud800 lone half of a pair.\n",
        "laughs.xml": '<?xml version="1.0"?><!DOCTYPE l [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;">]>'
                      "<l>&b;&b;&b;</l>",
    }
    editor = Editor(_settings())
    editor.start()
    for name, text in documents.items():
        editor.open(_uri(tmp_path / name), text, language="")
    codes = {name: _codes(editor.diagnostics(_uri(tmp_path / name))) for name in documents}
    # The strings hold NUL and other control characters: binary data, as `check` reads them.
    assert codes["strings.md"] == codes["strings.html"] == ["io/unreadable"]
    assert codes["surrogate.md"] == ["plain/simple-words"]  # a lone surrogate reads as U+FFFD
    editor.send({"jsonrpc": "2.0", "id": 7, "method": "textDocument/hover",
                 "params": {"textDocument": {"uri": _uri(tmp_path / "surrogate.md")},
                            "position": {"line": 0, "character": 6}}})
    assert "plain/simple-words" in editor.answer(7)["result"]["contents"]["value"]
    assert not [line for line in editor.logged if "internal error" in line]
    assert editor.stop() == 0


def test_an_editor_that_stops_listening_ends_the_server_quietly(tmp_path: Path,
                                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    to_server_r, to_server_w = os.pipe()
    from_server_r, from_server_w = os.pipe()
    os.close(from_server_r)  # nobody reads what the server writes
    messages = [{"jsonrpc": "2.0", "id": 1, "method": "initialize", "params": {"capabilities": {}}},
                {"jsonrpc": "2.0", "method": "textDocument/didOpen", "params": {"textDocument": {
                    "uri": _uri(tmp_path / "a.md"), "languageId": "markdown", "version": 1, "text": GUIDE}}}]
    os.write(to_server_w, b"".join(frame(m) for m in messages))  # the pipe stays open: no end of input
    logged: list[str] = []
    server = LanguageServer(_settings(), os.fdopen(to_server_r, "rb"), os.fdopen(from_server_w, "wb"), delay=0.0,
                            log=logged.append)
    done: list[int] = []
    thread = threading.Thread(target=lambda: done.append(server.run()), daemon=True)
    thread.start()
    thread.join(60)
    os.close(to_server_w)
    assert done == [1] and server.out.broken


def test_protocol_errors_get_their_codes(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    editor = Editor(_settings())
    editor.send({"jsonrpc": "2.0", "id": 3, "method": "textDocument/codeAction", "params": {}})
    assert editor.answer(3)["error"]["code"] == jsonrpc.SERVER_NOT_INITIALIZED
    assert editor.start({"general": {"positionEncodings": ["utf-8", "utf-32"]}})["capabilities"][
        "positionEncoding"] == "utf-32"
    editor.send({"jsonrpc": "2.0", "id": 4, "method": "textDocument/completion", "params": {}})
    assert editor.answer(4)["error"]["code"] == jsonrpc.METHOD_NOT_FOUND
    editor.send({"jsonrpc": "2.0", "id": 6, "method": "textDocument/codeAction", "params": {"context": {}}})
    assert editor.answer(6)["error"]["code"] == jsonrpc.INVALID_PARAMS
    os.write(editor._to_server, b"Content-Length: 3\r\n\r\n{x}")
    assert editor.wait_for(lambda m: "error" in m)["error"]["code"] == jsonrpc.PARSE_ERROR
    editor.send({"jsonrpc": "2.0", "method": "$/cancelRequest", "params": {"id": 1}})  # ignored, no answer
    assert editor.stop() == 0
    assert editor.inbox == []


def test_the_command_serves_an_editor_over_stdio_and_exits_with_the_protocols_codes(tmp_path: Path) -> None:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    guide = tmp_path / "guide.md"
    messages = [
        {"jsonrpc": "2.0", "id": 1, "method": "initialize", "params": {"capabilities": {}}},
        {"jsonrpc": "2.0", "method": "initialized", "params": {}},
        {"jsonrpc": "2.0", "method": "textDocument/didOpen",
         "params": {"textDocument": {"uri": _uri(guide), "languageId": "markdown", "version": 1, "text": GUIDE}}},
    ]
    process = subprocess.Popen([sys.executable, "-m", "formlint", "lsp", "--stdio", "--no-nlp"], cwd=tmp_path,
                               env=env, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    assert process.stdin is not None and process.stdout is not None
    try:
        process.stdin.write(b"".join(frame(m) for m in messages))
        process.stdin.flush()
        assert jsonrpc.read_message(process.stdout)["result"]["serverInfo"]["name"] == "formlint"
        logged = jsonrpc.read_message(process.stdout)  # the server logs through the protocol
        assert logged["method"] == "window/logMessage" and "ready" in logged["params"]["message"]
        published = jsonrpc.read_message(process.stdout)
        assert published["method"] == "textDocument/publishDiagnostics"
        assert "plain/simple-words" in _codes(published["params"])
        process.stdin.write(frame({"jsonrpc": "2.0", "method": "exit"}))  # exit without shutdown: code 1
        process.stdin.close()
        assert process.wait(60) == 1
    finally:
        process.kill()
    assert process.stderr.read() == b""  # the editor would log every line there as an error


def test_a_check_over_the_time_limit_is_stopped_and_reported(tmp_path: Path) -> None:
    (tmp_path / ".formlint.toml").write_text("timeout = 0.001\n")
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    uri = _uri(tmp_path / "guide.md")
    opening = [
        {"jsonrpc": "2.0", "id": 1, "method": "initialize", "params": {"capabilities": {}}},
        {"jsonrpc": "2.0", "method": "textDocument/didOpen",
         "params": {"textDocument": {"uri": uri, "languageId": "markdown", "version": 1, "text": GUIDE * 400}}},
    ]
    process = subprocess.Popen([sys.executable, "-m", "formlint", "lsp", "--no-nlp"], cwd=tmp_path, env=env,
                               stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    assert process.stdin is not None and process.stdout is not None and process.stderr is not None
    try:
        process.stdin.write(b"".join(frame(m) for m in opening))
        process.stdin.flush()
        while (message := jsonrpc.read_message(process.stdout)) is not None:
            if message.get("method") == "textDocument/publishDiagnostics":
                break
        assert message is not None
        [stopped] = message["params"]["diagnostics"]
        assert stopped["code"] == "io/timeout" and "0.001 s limit" in stopped["message"], stopped
        process.stdin.write(frame({"jsonrpc": "2.0", "id": 2, "method": "shutdown"})
                            + frame({"jsonrpc": "2.0", "method": "exit"}))
        process.stdin.close()
        assert process.wait(60) == 0
    finally:
        process.kill()
    assert process.stderr.read() == b""


def _data_limit_mb(pid: int) -> float | None:
    """The soft "Max data size" of a running process, in MB (None: unlimited)."""
    for line in Path(f"/proc/{pid}/limits").read_text().splitlines():
        if line.startswith("Max data size"):
            soft = line.split()[3]
            return None if soft == "unlimited" else int(soft) / 1_048_576
    raise AssertionError("no data size limit line")


@pytest.mark.skipif(not Path("/proc/self/limits").exists(), reason="reads the limit from Linux's /proc")
def test_the_server_caps_its_memory_as_check_caps_a_worker(tmp_path: Path) -> None:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    limits = {}
    settings = (("max-memory-mb = 700\n", 700), ("max-memory-mb = 0\n", None), ("max-memory-mb = [\n", 2048))
    for setting, expected in settings:
        (tmp_path / ".formlint.toml").write_text(setting)  # the last one is broken: the default applies
        process = subprocess.Popen([sys.executable, "-m", "formlint", "lsp", "--no-nlp"], cwd=tmp_path, env=env,
                                   stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        assert process.stdin is not None and process.stdout is not None
        try:
            process.stdin.write(frame({"jsonrpc": "2.0", "id": 1, "method": "initialize",
                                       "params": {"capabilities": {}}}))
            process.stdin.flush()
            assert jsonrpc.read_message(process.stdout)["id"] == 1  # running, past start-up
            limits[expected] = _data_limit_mb(process.pid)
        finally:
            process.kill()
            process.wait(60)
    # The cap is what the server may allocate on top of what it had at start (as for a worker).
    assert limits[None] is None
    assert 700 < (limits[700] or 0) < 700 + 400
    assert 2048 < (limits[2048] or 0) < 2048 + 400


def test_time_limit_interrupts_python_code_in_the_main_thread_only() -> None:
    import signal

    from formlint.lsp.deadline import OutOfTime, time_limit

    before = signal.getsignal(signal.SIGALRM)
    with pytest.raises(OutOfTime):
        with time_limit(0.05):
            while True:
                pass
    assert signal.getsignal(signal.SIGALRM) is before
    with time_limit(0) as limited:
        assert limited is False
    seen: list[bool] = []

    def in_thread() -> None:
        with time_limit(0.05) as limited:
            seen.append(limited)

    thread = threading.Thread(target=in_thread)
    thread.start()
    thread.join()
    assert seen == [False]


def test_an_unknown_rule_on_the_command_line_is_an_error_at_start() -> None:
    done = subprocess.run([sys.executable, "-m", "formlint", "lsp", "--ignore", "plain/nope"], cwd=ROOT,
                          capture_output=True, text=True, stdin=subprocess.DEVNULL, timeout=120)
    assert done.returncode == 2
    assert done.stderr.strip() == "formlint: error: unknown rule id or prefix 'plain/nope' in 'ignore'"


def test_an_edit_parses_only_the_changed_sentence_and_closing_forgets_the_parses(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, parsed: list[list[str]]) -> None:
    monkeypatch.chdir(tmp_path)
    batches = parsed
    settings = Settings()
    if not settings.runtime_for(None).nlp.available:
        pytest.skip("no spaCy model")
    uri = _uri(tmp_path / "guide.md")
    first = "# Apply\n\nYour form must be submitted by May 1.\n\nThe decision letter is mailed to you.\n"
    edited = first.replace("The decision letter is mailed", "The letter was signed by the applicant and mailed")
    editor = Editor(settings)
    editor.start()
    editor.open(uri, first)
    passive = next(d for d in editor.diagnostics(uri)["diagnostics"] if d["code"] == "plain/passive-voice")
    assert passive["message"].endswith("Suggestion: You must submit your form by May 1.")
    parsed_first = {text for batch in batches for text in batch}
    assert "Your form must be submitted by May 1." in parsed_first
    batches.clear()
    editor.send({"jsonrpc": "2.0", "method": "textDocument/didChange",
                 "params": {"textDocument": {"uri": uri, "version": 2}, "contentChanges": [{"text": edited}]}})
    assert editor.diagnostics(uri)["version"] == 2
    assert {text for batch in batches for text in batch} == {
        "The letter was signed by the applicant and mailed to you."}
    assert editor.server.parses.kept["guide.md"]
    editor.send({"jsonrpc": "2.0", "method": "textDocument/didClose", "params": {"textDocument": {"uri": uri}}})
    editor.diagnostics(uri)
    assert "guide.md" not in editor.server.parses.kept
    assert editor.stop() == 0
