"""``formlint check -``: a document read from standard input.

Editors and scripts hand formlint the text they hold, which may not be saved yet. The
bytes go to a file in a temporary folder, so that the run is the one a file on disk
gets (the same readers, worker processes and time limit; the HTML report can draw a
PDF's pages); the output names the document by ``--stdin-filename``, or ``-``. The
results cache is not used: the temporary file is new every time.
"""

from __future__ import annotations

from pathlib import Path
from typing import BinaryIO

from formlint.config import Config
from formlint.discovery import Target, display_path
from formlint.errors import UsageError
from formlint.model import Format
from formlint.readers import EXTENSIONS, format_for

STDIN = "-"
SUFFIXES = {Format.PDF: ".pdf", Format.HTML: ".html", Format.MARKDOWN: ".md", Format.TEXT: ".txt",
            Format.JSONSCHEMA: ".json", Format.XML: ".xml"}


def wants_stdin(paths: tuple[Path, ...], stdin_filename: str | None) -> bool:
    """Whether the run reads standard input: the path ``-``, or ``--stdin-filename``
    with no path. Refuses ``-`` among other paths."""
    named = [p for p in paths if str(p) == STDIN]
    if named and len(paths) > 1:
        raise UsageError("'-' (standard input) cannot be checked together with other paths")
    if stdin_filename is not None and paths and not named:
        raise UsageError("--stdin-filename names standard input; give '-' as the only path, or no path")
    return bool(named) or stdin_filename is not None


def sniff_format(data: bytes) -> Format:
    """The format of unnamed input: a PDF, a JSON document, XML with its declaration,
    other markup as HTML, or else Markdown (which reads plain text as well)."""
    head = data[:1024].lstrip(b"\xef\xbb\xbf \t\r\n")
    if head.startswith(b"%PDF-"):
        return Format.PDF
    if head.startswith((b"{", b"[")):
        return Format.JSONSCHEMA
    lower = head.lower()
    if lower.startswith(b"<?xml") and b"<html" not in lower:
        return Format.XML  # a regulation in USLM or RegML
    if lower.startswith(b"<"):
        return Format.HTML  # a page, or a fragment of one
    return Format.MARKDOWN


def stdin_target(stream: BinaryIO, stdin_filename: str | None, config: Config, folder: Path) -> Target:
    """Read the whole of ``stream`` (refusing more than the size limit) into ``folder``."""
    fmt = format_for(stdin_filename) if stdin_filename else None
    if stdin_filename and fmt is None:
        known = ", ".join(sorted(EXTENSIONS))
        raise UsageError(f"--stdin-filename {stdin_filename}: unsupported file type (formlint reads {known})")
    text_limit = int(config.max_file_size_mb * 1_048_576)
    pdf_limit = int(config.max_pdf_size_mb * 1_048_576)
    # Read no more than the largest limit allows: a runaway pipe must not fill the memory.
    try:
        data = stream.read((pdf_limit if fmt in (None, Format.PDF) else text_limit) + 1)
    except OSError as error:
        raise UsageError(f"cannot read standard input: {error.strerror or error}") from None
    fmt = fmt or sniff_format(data)
    limit, key = (pdf_limit, "max-pdf-size-mb") if fmt is Format.PDF else (text_limit, "max-file-size-mb")
    if len(data) > limit:
        raise UsageError(f"standard input is over the {round(limit / 1_048_576, 2):g} MB limit for {fmt.value} "
                         f"input (raise '{key}' in the configuration to read it)")
    path = folder / f"stdin{SUFFIXES[fmt]}"
    path.write_bytes(data)
    display = display_path(Path(stdin_filename)) if stdin_filename else STDIN
    return Target(path, display, fmt)
