"""Inputs that the fuzz tests (tests/test_fuzz.py) found crashing a reader, kept as
plain tests so they run fast and say what broke."""

from __future__ import annotations

import pytest

from formlint.model import Format, UnreadableError
from formlint.readers import read_document
from formlint.readers.base import ReadOptions, looks_binary


@pytest.mark.parametrize("data", [b"\xff\xfe", b"\xfe\xff"])
@pytest.mark.parametrize("fmt", [Format.TEXT, Format.MARKDOWN, Format.HTML, Format.XML, Format.JSONSCHEMA])
def test_a_file_that_is_only_a_utf16_byte_order_mark(data: bytes, fmt: Format) -> None:
    # Was ZeroDivisionError in looks_binary: the BOM decodes to nothing.
    assert looks_binary(data) is False
    try:
        doc = read_document(data, "bom", fmt, ReadOptions())
    except UnreadableError as error:
        assert str(error)
    else:
        assert doc.blocks == []


@pytest.mark.parametrize("encoding", ["TTF-8", "rot13", "idna"])
def test_xml_that_declares_an_encoding_python_cannot_use(encoding: str) -> None:
    # Was LookupError (unknown codec) escaping the XML reader.
    data = f'<?xml version="1.0" encoding="{encoding}"?><doc><p>You can apply online today.</p></doc>'.encode()
    with pytest.raises(UnreadableError, match="names an encoding that cannot be read"):
        read_document(data, "rules.xml", Format.XML, ReadOptions())
