"""Safe access to pdfminer's PDF object model.

pdfminer's own ``resolve1`` follows references in an unbounded loop (a reference to
itself never ends) and lets parser errors escape from any dictionary lookup. Every
helper here is total: it returns a default instead of raising, follows at most
``MAX_HOPS`` references, and decodes names and strings the way the PDF spec says.
"""

from __future__ import annotations

import logging
from typing import Any

from pdfminer.psparser import PSKeyword, PSLiteral
from pdfminer.pdftypes import PDFObjRef, PDFStream
from pdfminer.utils import PDFDocEncoding, apply_png_predictor, apply_tiff_predictor

from formlint.model import BBox
from formlint.readers.pdf_decode import StreamTooLarge, decode_step

__all__ = ["StreamTooLarge", "decode_stream", "stream_bytes"]

MAX_HOPS = 32
#: Streams we decode ourselves (XMP, XFA, the /DR fonts) are capped: a Flate "bomb"
#: must not eat the machine. 32 MB is far above any real XMP or XFA packet.
MAX_STREAM_BYTES = 32 * 1024 * 1024

# pdfminer logs every recoverable syntax problem at WARNING; with no logging configured
# Python prints those to stderr. formlint reports problems as findings, never as noise.
for _name in ("pdfminer", "pdfplumber"):
    logging.getLogger(_name).setLevel(logging.CRITICAL + 1)


def resolve(obj: Any, default: Any = None) -> Any:
    """Follow indirect references (at most ``MAX_HOPS``); ``default`` on any failure."""
    for _ in range(MAX_HOPS):
        if not isinstance(obj, PDFObjRef):
            return obj
        try:
            obj = obj.resolve(default=None)
        except (Exception, RecursionError):  # noqa: BLE001 - malformed files raise anything
            return default
        if obj is None:
            return default
    return default


def objid(obj: Any) -> int | None:
    """The object number of an indirect reference or a stream, else None."""
    if isinstance(obj, PDFObjRef):
        return obj.objid if isinstance(obj.objid, int) else None
    if isinstance(obj, PDFStream):
        return obj.objid
    return None


def get(container: Any, key: str, default: Any = None) -> Any:
    """``container[key]`` resolved, for a dict or a stream (whose attrs are a dict)."""
    container = resolve(container)
    if isinstance(container, PDFStream):
        container = container.attrs
    if not isinstance(container, dict):
        return default
    try:
        value = container.get(key)
    except Exception:  # noqa: BLE001
        return default
    value = resolve(value)
    return default if value is None else value


def as_dict(obj: Any) -> dict[str, Any]:
    obj = resolve(obj)
    if isinstance(obj, PDFStream):
        return obj.attrs
    return obj if isinstance(obj, dict) else {}


def as_list(obj: Any) -> list[Any]:
    obj = resolve(obj)
    return obj if isinstance(obj, list) else []


def name(obj: Any) -> str | None:
    """A PDF name as str (``/Tx`` -> ``"Tx"``); bytes names decode with a latin-1 fallback."""
    obj = resolve(obj)
    if isinstance(obj, (PSLiteral, PSKeyword)):
        value = obj.name
    elif isinstance(obj, (str, bytes)):
        value = obj
    else:
        return None
    if isinstance(value, bytes):
        try:
            return value.decode("utf-8")
        except UnicodeDecodeError:
            return value.decode("latin-1")
    return str(value)


def text(obj: Any) -> str | None:
    """A PDF text string decoded (UTF-16 with BOM, UTF-8 with BOM, else PDFDocEncoding)."""
    obj = resolve(obj)
    if isinstance(obj, str):
        return obj
    if isinstance(obj, (PSLiteral, PSKeyword)):
        return name(obj)
    if not isinstance(obj, bytes):
        return None
    return decode_text(obj)


def decode_text(raw: bytes) -> str:
    if raw.startswith(b"\xfe\xff"):
        return raw[2:].decode("utf-16-be", errors="replace").replace("\x00", "")
    if raw.startswith(b"\xff\xfe"):  # not in the spec, but some producers write it
        return raw[2:].decode("utf-16-le", errors="replace").replace("\x00", "")
    if raw.startswith(b"\xef\xbb\xbf"):  # PDF 2.0
        return raw[3:].decode("utf-8", errors="replace")
    return "".join(PDFDocEncoding[b] for b in raw).replace("\x00", "")


def number(obj: Any, default: float | None = None) -> float | None:
    obj = resolve(obj)
    if isinstance(obj, bool):
        return default
    if isinstance(obj, (int, float)):
        return float(obj)
    return default


def integer(obj: Any, default: int | None = None) -> int | None:
    value = number(obj)
    if value is None:
        return default
    try:
        return int(value)
    except (OverflowError, ValueError):
        return default


def boolean(obj: Any) -> bool:
    """True only for the PDF boolean ``true`` (pdfminer gives a Python bool)."""
    return resolve(obj) is True


def rect(obj: Any) -> tuple[float, float, float, float] | None:
    """A normalised rectangle ``(x0, y0, x1, y1)`` in PDF (bottom-up) space."""
    values = [number(v) for v in as_list(obj)]
    if len(values) != 4 or any(v is None for v in values):
        return None
    x0, y0, x1, y1 = values  # type: ignore[misc]
    return (min(x0, x1), min(y0, y1), max(x0, x1), max(y0, y1))


def top_based(box: tuple[float, float, float, float], page_box: tuple[float, float, float, float]) -> BBox:
    """Convert a bottom-up rectangle to pdfplumber's top-based box relative to ``page_box``."""
    x0, y0, x1, y1 = box
    left, _bottom, _right, top = page_box
    return (
        round(x0 - left, 2),
        round(top - y1, 2),
        round(x1 - left, 2),
        round(top - y0, 2),
    )


def stream_bytes(obj: Any, limit: int = MAX_STREAM_BYTES) -> bytes | None:
    """The decoded data of a stream, or None if it is not a stream, cannot be decoded,
    or decodes to more than ``limit`` bytes."""
    try:
        return decode_stream(obj, limit)
    except StreamTooLarge:
        return None


def decode_stream(obj: Any, limit: int = MAX_STREAM_BYTES) -> bytes | None:
    """Like :func:`stream_bytes`, but raise :class:`StreamTooLarge` past ``limit``.

    Every filter stage is bounded (see :mod:`pdf_decode`); pdfminer's own decoder,
    which inflates without a limit, is never used. A stream with an image-only or
    unknown filter gives None: nothing read through here is an image.
    """
    stream = resolve(obj)
    if not isinstance(stream, PDFStream):
        return None
    if stream.data is not None:
        if len(stream.data) > limit:
            raise StreamTooLarge(f"stream {stream.objid} decodes to more than {limit} bytes")
        return stream.data
    if stream.rawdata is None:
        return None
    try:
        filters = stream.get_filters()
    except Exception:  # noqa: BLE001
        return None
    data = stream.rawdata
    if stream.decipher is not None and stream.objid is not None and stream.genno is not None:
        try:
            data = stream.decipher(stream.objid, stream.genno, data, stream.attrs)
        except Exception:  # noqa: BLE001
            return None
    for f, params in filters:
        try:
            out = decode_step(data, name(f) or "", limit)
        except StreamTooLarge:
            raise StreamTooLarge(f"stream {stream.objid} decodes to more than {limit} bytes") from None
        except Exception:  # noqa: BLE001 - a corrupt ASCII85 or LZW stream
            return None
        if out is None:
            return None
        data = _predicted(out, as_dict(params))
        if data is None:
            return None
    stream.data, stream.rawdata = data, None  # cache it the way pdfminer's decode() does
    return data


def _predicted(data: bytes, params: dict[str, Any]) -> bytes | None:
    """Undo a PNG or TIFF predictor (same size as its input), as pdfminer does."""
    predictor = integer(params.get("Predictor"), 1) or 1
    if predictor == 1:
        return data
    colors = integer(params.get("Colors"), 1) or 1
    columns = integer(params.get("Columns"), 1) or 1
    bits = integer(params.get("BitsPerComponent"), 8) or 8
    try:
        if predictor == 2:
            return apply_tiff_predictor(colors, columns, bits, data)
        if predictor >= 10:
            return apply_png_predictor(predictor, colors, columns, bits, data)
    except Exception:  # noqa: BLE001
        return None
    return None
