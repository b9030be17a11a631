"""JSON-RPC 2.0 messages framed as the Language Server Protocol frames them.

Each message is a ``Content-Length`` header, a blank line, and that many bytes of UTF-8
JSON. The protocol part formlint needs is this framing and a handful of methods, so it
is written here rather than taken from a framework (see README, "Libraries and why").
"""

from __future__ import annotations

import json
import threading
from typing import Any, BinaryIO

#: A client sends documents of at most the configured size; a header that announces more
#: than this is a broken or hostile stream, not a document.
MAX_MESSAGE_BYTES = 256 * 1_048_576
MAX_HEADER_LINES = 32

PARSE_ERROR = -32700
INVALID_REQUEST = -32600
METHOD_NOT_FOUND = -32601
INVALID_PARAMS = -32602
INTERNAL_ERROR = -32603
SERVER_NOT_INITIALIZED = -32002
REQUEST_FAILED = -32803


class ProtocolError(Exception):
    """The stream broke the framing: the connection cannot go on."""


def read_message(stream: BinaryIO) -> dict[str, Any] | None:
    """The next message, or None at the end of the stream.

    A message whose body is not a JSON object comes back as ``{"_invalid": reason}`` so
    the server can answer it with a parse error and go on; a broken header cannot be
    skipped safely and raises ProtocolError."""
    length: int | None = None
    for count in range(MAX_HEADER_LINES + 1):
        line = stream.readline(4096)
        if not line:
            if count == 0:
                return None
            raise ProtocolError("the stream ended inside a message header")
        if line in (b"\r\n", b"\n"):
            break
        name, sep, value = line.decode("ascii", "replace").partition(":")
        if not sep:
            raise ProtocolError(f"not a message header: {line[:60]!r}")
        if name.strip().lower() == "content-length":
            try:
                length = int(value.strip())
            except ValueError:
                raise ProtocolError(f"Content-Length is not a number: {value.strip()[:20]!r}") from None
    else:
        raise ProtocolError("a message header of more than 32 lines")
    if length is None or length < 0:
        raise ProtocolError("a message without a Content-Length header")
    if length > MAX_MESSAGE_BYTES:
        raise ProtocolError(f"a message of {length} bytes is over the {MAX_MESSAGE_BYTES} byte limit")
    body = stream.read(length)
    if len(body) < length:
        raise ProtocolError("the stream ended inside a message")
    try:
        message = json.loads(body.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as error:
        return {"_invalid": f"the message is not JSON: {error}"}
    if not isinstance(message, dict):
        return {"_invalid": "the message is not a JSON object"}
    return message


class Writer:
    """Writes framed messages; a lock keeps two threads' messages from interleaving.

    An editor that goes away closes the pipe: the writer then marks itself ``broken`` and
    drops what follows, and the server stops at its next turn (no traceback)."""

    def __init__(self, stream: BinaryIO) -> None:
        self.stream = stream
        self.broken = False
        self._lock = threading.Lock()

    def send(self, message: dict[str, Any]) -> None:
        # ASCII with \u escapes: a lone surrogate from the editor's text stays valid JSON on the way back.
        body = json.dumps({"jsonrpc": "2.0", **message}).encode("ascii")
        with self._lock:
            if self.broken:
                return
            try:
                self.stream.write(b"Content-Length: %d\r\n\r\n" % len(body) + body)
                self.stream.flush()
            except (OSError, ValueError):  # a closed pipe (BrokenPipeError) or a closed file
                self.broken = True

    def respond(self, request_id: Any, result: Any) -> None:
        self.send({"id": request_id, "result": result})

    def error(self, request_id: Any, code: int, message: str) -> None:
        self.send({"id": request_id, "error": {"code": code, "message": message}})

    def notify(self, method: str, params: Any) -> None:
        self.send({"method": method, "params": params})
