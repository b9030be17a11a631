"""What every reader receives and returns."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol

from formlint.model import Document


@dataclass(frozen=True, slots=True)
class ReadOptions:
    """Reader settings that come from the configuration.

    ``deep`` asks the PDF reader for per-character facts (fonts used, untagged content,
    visible labels) that the fast tier skips.
    """

    deep: bool = False
    max_text_bytes: int = 10 * 1024 * 1024
    max_pdf_bytes: int = 200 * 1024 * 1024
    #: What a PDF's non-image streams may decompress to in total (0: no limit); more is
    #: refused as a decompression bomb. Half of ``max-memory-mb`` (see engine.Runtime).
    max_pdf_decoded_bytes: int = 1024 * 1024 * 1024


class Reader(Protocol):
    def __call__(self, data: bytes, path: str, options: ReadOptions) -> Document:
        """Parse ``data`` (the bytes of the file shown to users as ``path``).

        Raise ``UnreadableError`` with a one-line reason for a file that cannot be
        read, or ``NotAFormError`` for a file outside the reader's scope.
        """
        ...


def decode_text(data: bytes) -> str:
    """Decode a text file: UTF-8 (with or without BOM), else UTF-16 with BOM, else cp1252.

    Undecodable bytes never stop a run: the last fallback replaces them.
    """
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8", errors="replace")
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16", errors="replace")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return data.decode("cp1252", errors="replace")


def looks_binary(data: bytes, sample: int = 8192) -> bool:
    """A text file with NUL bytes or mostly control characters is not text."""
    head = data[:sample]
    if not head:
        return False
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        head = head.decode("utf-16", errors="replace").encode("utf-8", errors="replace")
        if not head:  # a byte order mark and nothing else
            return False
    if b"\x00" in head:
        return True
    controls = sum(1 for b in head if b < 9 or 13 < b < 32)
    return controls / len(head) > 0.05
