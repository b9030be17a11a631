"""One reader per input format, chosen by file extension.

Readers are imported lazily so that checking a Markdown file never imports the PDF
stack (pdfplumber, pypdfium2) and stays fast.
"""

from __future__ import annotations

import importlib
from pathlib import Path

from formlint.model import Document, Format, UnreadableError
from formlint.readers.base import ReadOptions, Reader

EXTENSIONS: dict[str, Format] = {
    ".pdf": Format.PDF,
    ".html": Format.HTML,
    ".htm": Format.HTML,
    ".xhtml": Format.HTML,
    ".md": Format.MARKDOWN,
    ".markdown": Format.MARKDOWN,
    ".mdown": Format.MARKDOWN,
    ".txt": Format.TEXT,
    ".text": Format.TEXT,
    ".json": Format.JSONSCHEMA,
    ".xml": Format.XML,
}

_READERS: dict[Format, str] = {
    Format.PDF: "formlint.readers.pdf:read_pdf",
    Format.HTML: "formlint.readers.html:read_html",
    Format.MARKDOWN: "formlint.readers.markdown:read_markdown",
    Format.TEXT: "formlint.readers.text:read_text",
    Format.JSONSCHEMA: "formlint.readers.jsonschema:read_jsonschema",
    Format.XML: "formlint.readers.xml:read_xml",
}


def format_for(path: str | Path) -> Format | None:
    return EXTENSIONS.get(Path(path).suffix.lower())


def reader_for(fmt: Format) -> Reader:
    module_name, func_name = _READERS[fmt].split(":")
    return getattr(importlib.import_module(module_name), func_name)  # type: ignore[no-any-return]


def size_limit_error(size: int, fmt: Format, options: ReadOptions) -> str | None:
    """Why a file of ``size`` bytes is refused, or None if it is within the limit."""
    limit = options.max_pdf_bytes if fmt is Format.PDF else options.max_text_bytes
    if size <= limit:
        return None
    key = "max-pdf-size-mb" if fmt is Format.PDF else "max-file-size-mb"
    return (f"file is {size / 1_048_576:.1f} MB, over the {round(limit / 1_048_576, 2):g} MB limit "
            f"for {fmt.value} files (raise '{key}' in the configuration to read it)")


def read_document(data: bytes, path: str, fmt: Format, options: ReadOptions) -> Document:
    """Read one file. Size limits are enforced here so no reader sees a runaway input."""
    refused = size_limit_error(len(data), fmt, options)
    if refused:
        raise UnreadableError(refused)
    return reader_for(fmt)(data, path, options)


__all__ = ["EXTENSIONS", "ReadOptions", "format_for", "read_document", "reader_for", "size_limit_error"]
