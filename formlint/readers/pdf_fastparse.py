"""A faster object parser for pdfminer, with pdfminer itself as the fallback.

Why: reading a form's object model (fields, widgets, annotations, structure elements)
means parsing thousands of small dictionaries. pdfminer's tokenizer is a character
state machine written in Python and spends ~10 µs per token; on the corpus it was
more than half of the reader's time. This module tokenizes with one compiled regular
expression and builds the same Python objects pdfminer builds (``dict`` with str
keys, ``list``, ``bytes``, ``int``/``float``, ``bool``, ``None``, interned
``PSLiteral`` names, ``PDFObjRef``), about five times faster.

Scope: only the syntax of plain objects, and only when it is unambiguous. Streams,
unknown keywords, stray delimiters, odd-length dictionaries and anything else
unusual raise :class:`_Fallback`, and pdfminer's own parser handles the object
exactly as it always did. Decryption is unaffected: pdfminer deciphers the parsed
object in ``getobj`` after this parser returns it.

``FastPDFDocument`` plugs the parser in by overriding ``PDFDocument._getobj_parse``
(objects at a file offset), ``PDFDocument._getobj_objstm`` (one object of an object
stream, found through the stream's offset table) and ``PDFDocument._get_objects`` (a
whole object stream). If a future pdfminer drops those hooks, the overrides are simply
never called.
"""

from __future__ import annotations

import re
from typing import Any

from pdfminer.pdfdocument import PDFDocument, PDFSyntaxError
from pdfminer.pdfparser import PDFParser
from pdfminer.pdftypes import PDFObjRef, PDFStream
from pdfminer.psparser import KWD, LIT, PSLiteral

from formlint.readers.pdf_objects import StreamTooLarge, decode_stream

# One match per token, leading whitespace and comments included. Group numbers are
# the dispatch keys in _parse (lastindex), ordered roughly by frequency.
_TOKEN = re.compile(
    rb"(?:[\s\x00]|%[^\r\n]*)*"
    rb"(?:"
    rb"/((?:[^#/%\[\]()<>{}\s]|#[0-9a-fA-F]{0,2})*)"  # 1 name
    rb"|([+-]?(?:\d+(?:\.\d*)?|\.\d+))"  # 2 number
    rb"|(<<)"  # 3 dict open
    rb"|(>>)"  # 4 dict close
    rb"|(\[)"  # 5 array open
    rb"|(\])"  # 6 array close
    rb"|([A-Za-z][^#/%\[\]()<>{}\s]*)"  # 7 keyword
    rb"|(\()"  # 8 literal string
    rb"|<([0-9a-fA-F\s]*)>"  # 9 hex string
    rb")"
)
_TRAILING = re.compile(rb"(?:[\s\x00]|%[^\r\n]*)*\Z")
_NAME_ESCAPE = re.compile(rb"#([0-9a-fA-F]{0,2})")
_HEX_PAIR = re.compile(rb"[0-9a-fA-F]{2}|.", re.DOTALL)
_STRING_SPECIAL = re.compile(rb"[()\\]")
_OCTAL = re.compile(rb"[0-7]{1,3}")
_ESCAPES = {
    ord("b"): 8, ord("t"): 9, ord("n"): 10, ord("f"): 12, ord("r"): 13, ord("("): 40, ord(")"): 41, ord("\\"): 92,
}
_OBJ_HEADER = re.compile(rb"[\s\x00]*(\d+)[\s\x00]+(\d+)[\s\x00]+obj(?=[\s\x00/<\[(%]|$)")
#: Object streams hold small dictionaries; one decoding to more is a Flate bomb.
MAX_OBJECT_STREAM_BYTES = 64 * 1024 * 1024
_NULL_KEYWORD = KWD(b"null")
_DICT = object()
_ARRAY = object()


class _Fallback(Exception):
    """The input is outside what this parser reproduces exactly; let pdfminer parse it."""


def _name(raw: bytes, cache: dict[bytes, Any]) -> Any:
    """An interned PSLiteral, as pdfminer makes it (``#xx`` escapes, UTF-8 else bytes).

    ``cache`` belongs to one document: most names repeat (Type, Subtype, Rect...).
    """
    cached = cache.get(raw)
    if cached is not None:
        return cached
    decoded = raw
    if b"#" in decoded:
        decoded = _NAME_ESCAPE.sub(lambda m: bytes((int(m.group(1), 16),)) if m.group(1) else b"", decoded)
    try:
        literal = LIT(str(decoded, "utf-8"))
    except UnicodeDecodeError:
        literal = LIT(decoded)
    cache[raw] = literal
    return literal


def _hex(raw: bytes) -> bytes:
    compact = raw.translate(None, b" \t\n\r\x0b\x0c")
    if len(compact) % 2 == 0:
        return bytes.fromhex(compact.decode("ascii"))
    # An odd last digit: pdfminer turns it into a byte of its own value ("A" -> 0x0A).
    return _HEX_PAIR.sub(lambda m: bytes((int(m.group(0), 16),)), compact)


def _string(data: bytes, pos: int) -> tuple[bytes, int]:
    """A literal string starting after its "(", with pdfminer's escape rules."""
    out = bytearray()
    depth = 1
    size = len(data)
    while True:
        match = _STRING_SPECIAL.search(data, pos)
        if match is None:
            raise _Fallback
        j = match.start()
        out += data[pos:j]
        char = data[j]
        if char == 0x5C:  # backslash
            k = j + 1
            if k >= size:
                raise _Fallback
            octal = _OCTAL.match(data, k)
            if octal is not None:
                code = int(octal.group(), 8)
                if code > 255:
                    raise _Fallback
                out.append(code)
                pos = octal.end()
            elif data[k] in _ESCAPES:
                out.append(_ESCAPES[data[k]])
                pos = k + 1
            elif data[k] == 0x0D and data[k + 1 : k + 2] == b"\n":
                pos = k + 2
            else:  # pdfminer drops the escaped character (a line continuation, or junk)
                pos = k + 1
            continue
        if char == 0x28:
            depth += 1
            out.append(char)
        else:
            depth -= 1
            if depth == 0:
                return bytes(out), j + 1
            out.append(char)
        pos = j + 1


def _parse(
    data: bytes, pos: int, doc: PDFDocument, stream_mode: bool, single: bool = False
) -> tuple[list[Any], int, bytes | None]:
    """Parse values from ``pos``.

    Direct-object mode (``stream_mode`` False) stops at the first top-level keyword
    (``endobj`` or ``stream``) and returns (top-level values, position, keyword).
    Object-stream mode reads to the end and returns every top-level value, or with
    ``single`` only the first one.
    """
    stack: list[list[Any]] = [[]]
    kinds: list[object] = [None]
    current = stack[0]
    names: dict[bytes, Any] = getattr(doc, "_fast_names", {})
    size = len(data)
    token = _TOKEN.match
    while pos < size:
        match = token(data, pos)
        if match is None:
            if stream_mode and len(stack) == 1 and _TRAILING.match(data, pos):
                break
            raise _Fallback
        kind = match.lastindex
        pos = match.end()
        if kind == 1:
            current.append(_name(match.group(1), names))
        elif kind == 2:
            if pos < size and data[pos] in b".0123456789":
                raise _Fallback
            text = match.group(2)
            current.append(float(text) if b"." in text else int(text))
        elif kind == 3 or kind == 5:
            current = []
            stack.append(current)
            kinds.append(_DICT if kind == 3 else _ARRAY)
        elif kind == 4:
            if kinds[-1] is not _DICT or len(current) % 2:
                raise _Fallback
            kinds.pop()
            stack.pop()
            values: dict[str, Any] = {}
            for i in range(0, len(current), 2):
                key = current[i]
                if type(key) is not PSLiteral or type(key.name) is not str:
                    raise _Fallback
                if current[i + 1] is not None:
                    values[key.name] = current[i + 1]
            current = stack[-1]
            current.append(values)
        elif kind == 6:
            if kinds[-1] is not _ARRAY:
                raise _Fallback
            kinds.pop()
            done = stack.pop()
            current = stack[-1]
            current.append(done)
        elif kind == 7:
            word = match.group(7)
            if word == b"R":
                if len(stack) == 1 and stream_mode:
                    raise _Fallback  # pdfminer's stream parser reads the two numbers separately
                if len(current) < 2:
                    raise _Fallback
                objid, genno = current[-2], current[-1]
                if type(objid) is not int or type(genno) is not int:
                    raise _Fallback
                del current[-2:]
                current.append(PDFObjRef(doc, objid))
            elif word == b"true" or word == b"false":
                current.append(word == b"true")
            elif word == b"null":
                # pdfminer's object-stream parser keeps null as a keyword; its file
                # parser turns it into None. Reproduce both.
                current.append(_NULL_KEYWORD if stream_mode else None)
            elif len(stack) == 1 and not stream_mode and word in (b"endobj", b"stream"):
                return current, pos, word
            elif len(stack) == 1 and stream_mode and word in (b"obj", b"endobj"):
                continue  # pdfminer's stream parser ignores these
            else:
                raise _Fallback
        elif kind == 8:
            value, pos = _string(data, pos)
            current.append(value)
        elif kind == 9:
            current.append(_hex(match.group(9)))
        else:
            raise _Fallback
        if single and len(stack) == 1 and current:
            return current, pos, None
    if stream_mode and len(stack) == 1:
        return stack[0], pos, None
    raise _Fallback


def parse_indirect(data: bytes, pos: int, objid: int, doc: PDFDocument) -> Any:
    """The object ``objid`` whose ``objid gen obj`` header is at ``pos``."""
    header = _OBJ_HEADER.match(data, pos)
    if header is None or int(header.group(1)) != objid:
        raise _Fallback
    values, _end, keyword = _parse(data, header.end(), doc, stream_mode=False)
    if keyword != b"endobj" or len(values) != 1:
        raise _Fallback
    return values[0]


def parse_object_stream(data: bytes, doc: PDFDocument) -> list[Any]:
    """All top-level values of a decoded object stream (offset table, then objects)."""
    values, _end, _keyword = _parse(data, 0, doc, stream_mode=True)
    return values


_INTEGER = re.compile(rb"\d+")


def object_stream_table(data: bytes, count: int, first: int) -> list[tuple[int, int]]:
    """The (objid, offset) pairs at the head of an object stream."""
    numbers = [int(n) for n in _INTEGER.findall(data, 0, first)]
    if len(numbers) != 2 * count:
        raise _Fallback
    return list(zip(numbers[0::2], numbers[1::2]))


class FastPDFDocument(PDFDocument):
    """A PDFDocument that parses plain objects with :mod:`pdf_fastparse`'s tokenizer.

    Objects inside object streams are parsed one at a time from the stream's offset
    table (pdfminer parses the whole stream for the first object it needs), so a
    reader that wants a few hundred field dictionaries out of a file of thousands of
    objects parses only those.
    """

    def __init__(self, data: bytes, password: str = "") -> None:
        import io

        self._fast_data = data
        self._fast_names: dict[bytes, Any] = {}
        self._object_streams: dict[int, tuple[bytes, int, list[tuple[int, int]]]] = {}
        super().__init__(PDFParser(io.BytesIO(data)), password=password)

    def _getobj_parse(self, pos: int, objid: int) -> object:
        try:
            return parse_indirect(self._fast_data, pos, objid, self)
        except (_Fallback, ValueError, IndexError, OverflowError):
            return super()._getobj_parse(pos, objid)

    def _getobj_objstm(self, stream: PDFStream, index: int, objid: int) -> object:
        try:
            data, first, table = self._object_stream(stream)
            if not 0 <= index < len(table) or table[index][0] != objid:
                raise _Fallback
            values, _end, _keyword = _parse(data, first + table[index][1], self, stream_mode=True, single=True)
            if len(values) != 1:
                raise _Fallback
            return values[0]
        except (_Fallback, ValueError, IndexError, OverflowError, TypeError):
            return super()._getobj_objstm(stream, index, objid)

    def _object_stream(self, stream: PDFStream) -> tuple[bytes, int, list[tuple[int, int]]]:
        key = stream.objid
        if key is not None and key in self._object_streams:
            return self._object_streams[key]
        count, first = stream.get("N"), stream.get("First")
        if type(count) is not int or type(first) is not int:
            raise _Fallback
        data = self._stream_data(stream)
        if data is None:
            raise _Fallback
        entry = (data, first, object_stream_table(data, count, first))
        if key is not None:
            self._object_streams[key] = entry
        return entry

    def _stream_data(self, stream: PDFStream) -> bytes | None:
        try:
            return decode_stream(stream, MAX_OBJECT_STREAM_BYTES)
        except StreamTooLarge as exc:
            # pdfminer would inflate it without a bound; treat its objects as missing.
            raise PDFSyntaxError(str(exc)) from None

    def _get_objects(self, stream: PDFStream) -> tuple[list[object], int]:
        n = stream.get("N")
        data = self._stream_data(stream)
        if data is None or type(n) is not int:
            return super()._get_objects(stream)
        try:
            return parse_object_stream(data, self), n
        except (_Fallback, ValueError, IndexError, OverflowError):
            return super()._get_objects(stream)
