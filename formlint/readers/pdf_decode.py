"""Bounded decoding of PDF stream filters: a decompression bomb never inflates.

A PDF stream can compress a gigabyte of zeros into one megabyte, and a chain of two
FlateDecode filters into a few kilobytes. pdfminer and pdfium inflate a stream
whole; the functions here never produce more than a given number of bytes, raising
:class:`StreamTooLarge` instead, and can measure a stream's decoded size without
keeping it.

Supported: FlateDecode, LZWDecode, ASCIIHexDecode, ASCII85Decode and RunLengthDecode
(the filters of text, fonts, forms and metadata). Image-only filters (DCTDecode,
JPXDecode, JBIG2Decode, CCITTFaxDecode) end the chain: their data is left as it is,
since reading a form never decodes an image. Corrupt Flate data decodes as far as it
goes, as pdfium and pdfminer do.
"""

from __future__ import annotations

import zlib
from collections.abc import Sequence

from pdfminer.ascii85 import ascii85decode, asciihexdecode
from pdfminer.lzw import LZWDecoder

FLATE = frozenset({"FlateDecode", "Fl"})
LZW = frozenset({"LZWDecode", "LZW"})
ASCII_HEX = frozenset({"ASCIIHexDecode", "AHx"})
ASCII_85 = frozenset({"ASCII85Decode", "A85"})
RUN_LENGTH = frozenset({"RunLengthDecode", "RL"})
IMAGE_ONLY = frozenset({"DCTDecode", "DCT", "JPXDecode", "JBIG2Decode", "CCITTFaxDecode", "CCF"})
SUPPORTED = FLATE | LZW | ASCII_HEX | ASCII_85 | RUN_LENGTH

_CHUNK = 256 * 1024
_OUT_CHUNK = 4 * 1024 * 1024


class StreamTooLarge(ValueError):
    """A stream that decodes to more than the allowed number of bytes (a decompression bomb)."""


def inflate(data: bytes | memoryview, limit: int, keep: bool = True) -> tuple[bytes, int]:
    """Inflate zlib ``data``: (the bytes if ``keep``, else b"", and their number).

    Stops at the end of the zlib stream or at the first corrupt byte; raises
    :class:`StreamTooLarge` as soon as the output passes ``limit``.
    """
    view = memoryview(data)
    inflater = zlib.decompressobj()
    parts: list[bytes] = []
    size = 0
    pos = 0
    while pos < len(view) and not inflater.eof:
        piece: bytes | memoryview = view[pos : pos + _CHUNK]
        pos += _CHUNK
        try:
            while piece:
                # Output in bounded pieces: counting a gigabyte must not allocate one.
                out = inflater.decompress(piece, min(limit + 1 - size, _OUT_CHUNK))
                size += len(out)
                if size > limit:
                    raise StreamTooLarge(f"decodes to more than {limit:,} bytes")
                if keep and out:
                    parts.append(out)
                piece = inflater.unconsumed_tail
        except zlib.error:
            break
    if keep and not inflater.eof:
        try:
            tail = inflater.flush()
        except zlib.error:
            tail = b""
        size += len(tail)
        if size > limit:
            raise StreamTooLarge(f"decodes to more than {limit:,} bytes")
        parts.append(tail)
    return b"".join(parts), size


def _lzw(data: bytes, limit: int) -> bytes:
    import io

    parts: list[bytes] = []
    size = 0
    for out in LZWDecoder(io.BytesIO(data)).run():
        size += len(out)
        if size > limit:
            raise StreamTooLarge(f"decodes to more than {limit:,} bytes")
        parts.append(out)
    return b"".join(parts)


def _run_length(data: bytes, limit: int) -> bytes:
    out = bytearray()
    i, n = 0, len(data)
    while i < n:
        length = data[i]
        i += 1
        if length == 128:
            break
        if length < 128:
            out += data[i : i + length + 1]
            i += length + 1
        else:
            if i >= n:
                break
            out += bytes((data[i],)) * (257 - length)
            i += 1
        if len(out) > limit:
            raise StreamTooLarge(f"decodes to more than {limit:,} bytes")
    return bytes(out)


def decode_step(data: bytes, name: str, limit: int) -> bytes | None:
    """One filter; None when the chain stops here (image-only or unknown filter)."""
    if name in FLATE:
        return inflate(data, limit)[0]
    if name in LZW:
        return _lzw(data, limit)
    if name in ASCII_HEX:
        return asciihexdecode(data)  # output is half the input
    if name in ASCII_85:
        return ascii85decode(data)  # output is at most 4/5 of the input
    if name in RUN_LENGTH:
        return _run_length(data, limit)
    return None


def decode(data: bytes, filters: Sequence[str], limit: int) -> tuple[bytes, bool]:
    """Apply ``filters`` in order: (the data, whether every filter was applied).

    Raises :class:`StreamTooLarge` when any stage passes ``limit`` bytes.
    """
    for name in filters:
        out = decode_step(data, name, limit)
        if out is None:
            return data, False
        if len(out) > limit:
            raise StreamTooLarge(f"decodes to more than {limit:,} bytes")
        data = out
    return data, True


def decoded_size(data: bytes | memoryview, filters: Sequence[str], limit: int) -> int:
    """The decoded size of a stream, without keeping a final Flate stage in memory.

    Raises :class:`StreamTooLarge` past ``limit``; a stage that stops the chain
    counts as its input's size.
    """
    if not filters:
        return len(data)
    *first, last = filters
    raw: bytes | memoryview = data
    if first:
        raw, complete = decode(bytes(data), first, limit)
        if not complete:
            return len(raw)
    if last in FLATE:
        return inflate(raw, limit, keep=False)[1]
    out = decode_step(bytes(raw), last, limit)
    return len(raw) if out is None else len(out)
