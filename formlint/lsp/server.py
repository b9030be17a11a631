"""The language server: the documents the editor holds, their settings, the message loop.

The editor sends each document's text when it opens it, then each change (a range
replaced, or the whole text); formlint checks the text in this process, with the rules
and the spaCy model loaded once, and publishes the findings as diagnostics, each linked
to its rule's source; hovering over a flagged span shows the rule's reason and fix. A
change waits for a pause in typing (``delay``) so that a burst of keystrokes costs one
check; opening and saving check at once. A message that
arrives while a document is being checked waits for it: the loop reads the next messages
before it checks again, so a check never reports an old version as the current one.

Settings come from the configuration nearest to each document (as ``formlint check``
finds it from that folder), or from ``--config`` and the command line for every
document. A configuration file that changes is read again at the next check.
"""

from __future__ import annotations

import queue
import re
import threading
import time
import traceback
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, BinaryIO
from urllib.parse import urlparse
from urllib.request import url2pathname

from formlint import __version__
from formlint.config import Config, ConfigError, find_config, load_config
from formlint.discovery import Target, display_path, is_excluded
from formlint.errors import KindLoadError, RuleError, UsageError
from formlint.lsp import jsonrpc
from formlint.lsp.deadline import OutOfTime, time_limit
from formlint.lsp.diagnostics import FIX_ALL, QUICKFIX, fix_all, quick_fixes, to_diagnostic
from formlint.lsp.hover import hover_for
from formlint.lsp.jsonrpc import ProtocolError, Writer
from formlint.lsp.positions import LineIndex, apply_change, choose_encoding
from formlint.lsp.suppressions import ignore_actions
from formlint.model import Finding, Format
from formlint.nlp import NlpUnavailable
from formlint.parse_store import ParseStore
from formlint.readers import format_for

if TYPE_CHECKING:
    from formlint.engine import Runtime
    from formlint.rulepacks import RuleSet

DEFAULT_DELAY_S = 0.4
# The editor's language ids for documents that have no file name yet ("untitled:").
LANGUAGE_FORMATS = {"markdown": Format.MARKDOWN, "html": Format.HTML, "plaintext": Format.TEXT,
                    "json": Format.JSONSCHEMA, "xml": Format.XML}
CONFIG_NAMES = (".formlint.toml", "pyproject.toml", "setup.cfg")
SETTINGS_ERRORS = (ConfigError, RuleError, UsageError, NlpUnavailable, KindLoadError)
# LSP MessageType
ERROR, WARNING, INFO, LOG = 1, 2, 3, 4
_STOP = object()  # the reader thread's last item: the stream ended or broke


@dataclass
class OpenDocument:
    uri: str
    text: str
    version: int | None
    language: str
    due: float | None = None  # when to check it (monotonic seconds); None: checked
    findings: list[Finding] = field(default_factory=list)
    checked_version: int | None = None
    display: str = ""  # the name it was checked under (its parses are kept under it)
    ruleset: RuleSet | None = None  # the rules it was checked with (for hover text and links)

    @property
    def path(self) -> Path | None:
        parsed = urlparse(self.uri)
        return Path(url2pathname(parsed.path)) if parsed.scheme == "file" else None  # "file:///C:/x" too

    @property
    def format(self) -> Format | None:
        path = self.path
        fmt = format_for(path) if path is not None else None
        return fmt or LANGUAGE_FORMATS.get(self.language)


@dataclass
class KeptParses(ParseStore):
    """The spaCy parses of each open document's last check, kept in memory: a check after
    an edit parses only the sentences that changed (see formlint.parse_store)."""

    kept: dict[str, list[Any]] = field(default_factory=dict)

    def load(self, display: str, vocab: Any) -> dict[str, Any]:
        return {doc.text: doc for doc in self.kept.get(display, ())}

    def save(self, display: str, docs: Any) -> None:
        self.kept[display] = list(docs)


def _load_rules(config: Config) -> Runtime:
    """The rules and checks for ``config``, as `formlint check` loads them (its errors raised)."""
    from formlint.cli import prepare_and_warn

    return prepare_and_warn(config, quiet=True)[1]


def _as_is(config: Config) -> Config:
    return config


@dataclass
class Settings:
    """The configuration and loaded rules for each document, built once per configuration
    file and again when the file changes (its modification time is part of the key, so
    a configuration edited in any program is read at the next check)."""

    config_path: Path | None = None  # --config: one configuration for every document
    adjust: Callable[[Config], Config] = _as_is  # the command line's options on top
    prepare: Callable[[Config], Runtime] = _load_rules
    _runtimes: dict[tuple[str, int], Runtime] = field(default_factory=dict)

    def config_for(self, path: Path | None) -> Config:
        source = self.config_path
        if source is None:
            source = find_config(path.parent if path is not None else None)
        return self.adjust(load_config(source, discover=False) if source is not None else Config())

    def runtime_for(self, path: Path | None) -> Runtime:
        config = self.config_for(path)
        key = (str(config.source), _mtime(config.source))
        if key not in self._runtimes:
            self._runtimes = {k: v for k, v in self._runtimes.items() if k[0] != key[0]}  # an old version
            self._runtimes[key] = self.prepare(config)
        return self._runtimes[key]


_LONE_SURROGATE = re.compile("[\ud800-\udfff]")


def _encodable(text: str) -> str:
    """The text with each lone surrogate (half of a UTF-16 pair, which an editor's buffer can
    hold and UTF-8 cannot) as U+FFFD: one character for one, so no position moves."""
    return _LONE_SURROGATE.sub("\ufffd", text)


def _wanted(kind: str, only: Any) -> bool:
    """Whether a code action request's ``only`` asks for ``kind``: the kind itself or one it
    belongs to ("source" asks for "source.fixAll.formlint"); no ``only`` asks for every kind."""
    if not isinstance(only, list) or not only:
        return True
    return any(isinstance(k, str) and (kind == k or kind.startswith(k + ".")) for k in only)


def _mtime(path: Path | None) -> int:
    try:
        return path.stat().st_mtime_ns if path is not None else 0
    except OSError:
        return -1


class LanguageServer:
    def __init__(self, settings: Settings, reader: BinaryIO, writer: BinaryIO, delay: float = DEFAULT_DELAY_S,
                 log: Callable[[str], None] | None = None) -> None:
        self.settings = settings
        self.reader = reader
        self.out = Writer(writer)
        self.delay = delay
        # The protocol's log, which the editor keeps with the server's name (an editor logs
        # every line on standard error as an error).
        self.log = log or (lambda line: self.out.notify("window/logMessage", {"type": LOG, "message": line}))
        self.documents: dict[str, OpenDocument] = {}
        self.encoding = "utf-16"
        self.initialized = False
        self.shutting_down = False
        self.told: set[str] = set()  # messages already shown to the user (once each)
        self.parses = KeptParses(folder=Path())
        self._inbox: queue.Queue[Any] = queue.Queue()

    # -- the loop ---------------------------------------------------------------

    def run(self) -> int:
        """Serve until ``exit``; the exit code is 0 after a ``shutdown``, 1 otherwise (LSP),
        and 1 when the editor stops listening."""
        threading.Thread(target=self._read_all, name="formlint-lsp-reader", daemon=True).start()
        while not self.out.broken:
            try:
                message = self._inbox.get(timeout=self._wait())
            except queue.Empty:
                self._check_due()
                continue
            if message is _STOP:
                return 0 if self.shutting_down else 1
            if message.get("method") == "exit":
                return 0 if self.shutting_down else 1
            self._dispatch(message)
            if self._inbox.empty():
                self._check_due()
        return 1

    def _read_all(self) -> None:
        try:
            while (message := jsonrpc.read_message(self.reader)) is not None:
                self._inbox.put(message)
        except ProtocolError as error:
            self.log(f"stopping: {error}")
        except (OSError, ValueError) as error:
            self.log(f"stopping: cannot read from the editor: {error}")
        self._inbox.put(_STOP)

    def _wait(self) -> float | None:
        due = [d.due for d in self.documents.values() if d.due is not None]
        return max(0.0, min(due) - time.monotonic()) if due else None

    def _dispatch(self, message: dict[str, Any]) -> None:
        if "_invalid" in message:
            self.out.error(None, jsonrpc.PARSE_ERROR, message["_invalid"])
            return
        method = message.get("method")
        request_id = message.get("id")
        is_request = "id" in message
        if not isinstance(method, str):
            if is_request and "result" not in message and "error" not in message:
                self.out.error(request_id, jsonrpc.INVALID_REQUEST, "a request without a method")
            return  # a response to something we never ask: nothing to do
        params = message.get("params") if isinstance(message.get("params"), dict) else {}
        if not self.initialized and method != "initialize":
            if is_request:
                self.out.error(request_id, jsonrpc.SERVER_NOT_INITIALIZED, "the server is not initialized yet")
            return
        handler = self.REQUESTS.get(method) if is_request else self.NOTIFICATIONS.get(method)
        if handler is None:
            if is_request:
                self.out.error(request_id, jsonrpc.METHOD_NOT_FOUND, f"formlint does not handle {method}")
            return  # notifications the server does not use ($/cancelRequest, $/setTrace, ...)
        try:
            result = handler(self, params)
        except (KeyError, TypeError, ValueError, AttributeError) as error:
            self.log(f"{method}: malformed parameters: {type(error).__name__}: {error}")
            if is_request:
                self.out.error(request_id, jsonrpc.INVALID_PARAMS, f"malformed parameters: {error}")
            return
        except Exception as error:  # a bug: answer, say so once, and keep serving
            self._internal_error(f"handling {method}", error)
            if is_request:
                self.out.error(request_id, jsonrpc.INTERNAL_ERROR, f"{type(error).__name__}: {error}")
            return
        if is_request:
            self.out.respond(request_id, result)

    # -- requests ---------------------------------------------------------------

    def initialize(self, params: dict[str, Any]) -> dict[str, Any]:
        general = (params.get("capabilities") or {}).get("general") or {}
        self.encoding = choose_encoding(general.get("positionEncodings"))
        self.initialized = True
        return {
            "capabilities": {
                "positionEncoding": self.encoding,
                "textDocumentSync": {"openClose": True, "change": 2, "save": {"includeText": False}},
                "codeActionProvider": {"codeActionKinds": [QUICKFIX, FIX_ALL]},
                "hoverProvider": True,
            },
            "serverInfo": {"name": "formlint", "version": __version__},
        }

    def shutdown(self, params: dict[str, Any]) -> None:
        self.shutting_down = True

    def code_action(self, params: dict[str, Any]) -> list[dict[str, Any]]:
        uri = params["textDocument"]["uri"]
        context = params.get("context") or {}
        only = context.get("only")
        actions: list[dict[str, Any]] = []
        document = self.documents.get(uri)
        if _wanted(QUICKFIX, only):
            diagnostics = context.get("diagnostics") or []
            actions += quick_fixes(uri, diagnostics)
            if document is not None:
                newline = "\r\n" if "\r\n" in document.text else "\n"
                actions += ignore_actions(uri, document.format, LineIndex.of(document.text, self.encoding), newline,
                                          diagnostics)
        if document is not None and _wanted(FIX_ALL, only) and document.checked_version == document.version:
            action = fix_all(uri, document.findings, LineIndex.of(document.text, self.encoding))
            if action is not None:
                actions.append(action)
        return actions

    def hover(self, params: dict[str, Any]) -> dict[str, Any] | None:
        document = self.documents.get(params["textDocument"]["uri"])
        if document is None or document.checked_version != document.version or document.ruleset is None:
            return None  # not checked as it stands: its spans may have moved
        position = {"line": int(params["position"]["line"]), "character": int(params["position"]["character"])}
        return hover_for(document.findings, position, LineIndex.of(document.text, self.encoding), document.ruleset)

    # -- notifications ----------------------------------------------------------

    def initialized_notification(self, params: dict[str, Any]) -> None:
        self.log(f"formlint {__version__} ready")

    def did_open(self, params: dict[str, Any]) -> None:
        item = params["textDocument"]
        document = OpenDocument(item["uri"], str(item["text"]), item.get("version"), str(item.get("languageId", "")))
        self.documents[document.uri] = document
        document.due = time.monotonic()

    def did_change(self, params: dict[str, Any]) -> None:
        document = self.documents.get(params["textDocument"]["uri"])
        changes = params["contentChanges"]
        if document is None or not changes:
            return
        for change in changes:  # in order: each range is in the text the previous change left
            document.text = apply_change(document.text, change, self.encoding)
        document.version = params["textDocument"].get("version")
        document.due = time.monotonic() + self.delay

    def did_save(self, params: dict[str, Any]) -> None:
        uri = params["textDocument"]["uri"]
        if urlparse(uri).path.rsplit("/", 1)[-1] in CONFIG_NAMES:
            self._recheck_all()  # new settings: every open document may read differently now
        document = self.documents.get(uri)
        if document is not None:
            document.due = time.monotonic()

    def did_close(self, params: dict[str, Any]) -> None:
        document = self.documents.pop(params["textDocument"]["uri"], None)
        if document is not None:
            self.parses.kept.pop(document.display, None)
            self._publish(document.uri, None, [])

    def did_change_watched_files(self, params: dict[str, Any]) -> None:
        self._recheck_all()

    def _recheck_all(self) -> None:
        """Check every open document again (the settings follow the files' times)."""
        now = time.monotonic()
        for document in self.documents.values():
            document.due = now

    # -- checking ---------------------------------------------------------------

    def _check_due(self) -> None:
        now = time.monotonic()
        for document in sorted(self.documents.values(), key=lambda d: d.due or 0.0):
            if document.due is not None and document.due <= now:
                document.due = None
                self._check(document)
                if not self._inbox.empty():
                    return  # newer messages first: they may change what is due

    def _check(self, document: OpenDocument) -> None:
        fmt = document.format
        if fmt is None or fmt is Format.PDF:
            return  # not a format formlint reads as text
        path = document.path
        try:
            runtime = self.settings.runtime_for(path)
        except SETTINGS_ERRORS as error:
            self._tell(ERROR, "formlint: " + " ".join(str(error).split()))
            return
        except Exception as error:  # a bug: say so once, keep serving the other documents
            self._internal_error("loading the settings", error)
            return
        config = runtime.config
        display = display_path(path, config.root) if path is not None else document.uri
        if path is not None and is_excluded(display, config.exclude):
            self._publish(document.uri, document.version, [])
            return
        findings = self._lint(document, runtime, Target(path or Path(display), display, fmt))
        if findings is None:
            return
        document.findings = findings
        document.checked_version = document.version
        document.ruleset = runtime.ruleset
        lines = LineIndex.of(document.text, self.encoding)
        self._publish(document.uri, document.version, [to_diagnostic(f, lines, runtime.ruleset) for f in findings])

    def _lint(self, document: OpenDocument, runtime: Runtime, target: Target) -> list[Finding] | None:
        from formlint.engine import io_finding, lint_bytes

        nlp = runtime.nlp
        nlp.may_share = None  # no forked helpers: the editor's process checks one text at a time
        nlp.store = self.parses
        document.display = target.display
        limit = runtime.config.timeout
        try:
            with time_limit(limit):
                return lint_bytes(_encodable(document.text).encode("utf-8"), target, runtime).findings
        except OutOfTime:
            nlp.end_document()  # drop the half-checked document's state
            finding = io_finding(runtime, target.display, "io/timeout", seconds=f"{limit:g}")
            return [finding] if finding is not None else []
        except NlpUnavailable as error:
            self._tell(ERROR, "formlint: " + " ".join(str(error).split()))
        except Exception as error:
            self._internal_error(f"checking {target.display}", error)
        finally:
            nlp.store = None
        return None

    def _publish(self, uri: str, version: int | None, diagnostics: list[dict[str, Any]]) -> None:
        params: dict[str, Any] = {"uri": uri, "diagnostics": diagnostics}
        if version is not None:
            params["version"] = version
        self.out.notify("textDocument/publishDiagnostics", params)

    def _tell(self, kind: int, message: str) -> None:
        """Show ``message`` to the user once per session (a broken configuration would
        otherwise pop up at every keystroke); it goes to the log every time."""
        self.log(message)
        if message not in self.told:
            self.told.add(message)
            self.out.notify("window/showMessage", {"type": kind, "message": message})

    def _internal_error(self, doing: str, error: Exception) -> None:
        self.log("".join(traceback.format_exception(error)).rstrip())
        self._tell(ERROR, f"formlint: internal error while {doing}: {type(error).__name__}: {error} "
                          f"(a bug: please report it)")

    REQUESTS: dict[str, Callable[[LanguageServer, dict[str, Any]], Any]] = {
        "initialize": initialize,
        "shutdown": shutdown,
        "textDocument/codeAction": code_action,
        "textDocument/hover": hover,
    }
    NOTIFICATIONS: dict[str, Callable[[LanguageServer, dict[str, Any]], Any]] = {
        "initialized": initialized_notification,
        "textDocument/didOpen": did_open,
        "textDocument/didChange": did_change,
        "textDocument/didSave": did_save,
        "textDocument/didClose": did_close,
        "workspace/didChangeWatchedFiles": did_change_watched_files,
    }
