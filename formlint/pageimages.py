"""Small images of PDF pages, and where a PDF box falls on them.

This module knows pages and boxes, nothing else: the report command asks it for the
pages that have findings after linting, and the HTML reporter places outlines on the
images with :meth:`PageImage.place`. It never sees a Document or a Finding.

Pages are drawn by pypdfium2 with the form layer initialised (``init_forms`` before
any page is loaded, ``may_draw_forms``), so field values, check boxes and combo
values show; pdfplumber's ``to_image`` leaves them out. Images are grey PNGs reduced
to a few grey levels: on forms (black text, ruled boxes, light shading) that keeps text
readable at about a third of the bytes of a JPEG or WebP of the same size, so a report
with hundreds of pages still fits in an email.
"""

from __future__ import annotations

import io
import logging
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

Box = tuple[float, float, float, float]

DEFAULT_DPI = 84
DEFAULT_LEVELS = 4  # grey levels in the PNG palette


@dataclass(frozen=True, slots=True)
class PageGeometry:
    """How a page's boxes map onto its rendered image.

    Boxes come in formlint's convention: PDF points, top-based, measured from the
    top-left corner of the MediaBox in unrotated page space. pdfium draws the CropBox,
    turned by /Rotate (clockwise).
    """

    media: Box  # (x0, y0, x1, y1), PDF bottom-based
    crop: Box
    rotation: int = 0

    def place(self, bbox: Box) -> Box | None:
        """``bbox`` as fractions of the image: (left, top, width, height), or None when
        it lies outside the drawn area."""
        cx0, cy0, cx1, cy1 = self.crop
        width, height = cx1 - cx0, cy1 - cy0
        if width <= 0 or height <= 0:
            return None
        # top-based MediaBox space -> top-based CropBox space
        shift_x, shift_y = cx0 - self.media[0], self.media[3] - cy1
        u0, v0 = bbox[0] - shift_x, bbox[1] - shift_y
        u1, v1 = bbox[2] - shift_x, bbox[3] - shift_y
        u0, u1 = max(min(u0, u1), 0.0), min(max(u0, u1), width)
        v0, v1 = max(min(v0, v1), 0.0), min(max(v0, v1), height)
        if u1 <= u0 or v1 <= v0:
            return None
        corners = [self._turn(u, v, width, height) for u, v in ((u0, v0), (u1, v1))]
        xs, ys = [c[0] for c in corners], [c[1] for c in corners]
        shown_w, shown_h = (height, width) if self.rotation in (90, 270) else (width, height)
        left, top = min(xs) / shown_w, min(ys) / shown_h
        return (left, top, (max(xs) - min(xs)) / shown_w, (max(ys) - min(ys)) / shown_h)

    def _turn(self, u: float, v: float, width: float, height: float) -> tuple[float, float]:
        if self.rotation == 90:
            return height - v, u
        if self.rotation == 180:
            return width - u, height - v
        if self.rotation == 270:
            return v, width - u
        return u, v


@dataclass(frozen=True, slots=True)
class PageImage:
    page: int  # 1-based
    width: int  # pixels
    height: int
    media_type: str
    data: bytes
    geometry: PageGeometry

    def place(self, bbox: Box) -> Box | None:
        return self.geometry.place(bbox)


@contextmanager
def _quiet_pdfium() -> Iterator[None]:
    """pdfium logs a warning for every XFA form opened without XFA support; the report
    draws the AcroForm layer those forms also carry, so the warning is noise here."""
    logger = logging.getLogger("pypdfium2")
    old = logger.level
    logger.setLevel(logging.ERROR)
    try:
        yield
    finally:
        logger.setLevel(old)


def render_pages(path: Path, pages: Iterable[int], *, dpi: int = DEFAULT_DPI,
                 levels: int = DEFAULT_LEVELS) -> dict[int, PageImage]:
    """Images of the given 1-based ``pages`` of the PDF at ``path``.

    A page (or file) that pdfium cannot open or draw is left out: the report still
    lists its findings, only without the picture. Never raises for bad input.
    """
    import pypdfium2 as pdfium  # a pdfplumber dependency; imported only for reports

    wanted = sorted({p for p in pages if p >= 1})
    if not wanted:
        return {}
    images: dict[int, PageImage] = {}
    with _quiet_pdfium():
        try:
            doc = pdfium.PdfDocument(str(path))
        except (pdfium.PdfiumError, OSError):
            return {}
        try:
            try:
                doc.init_forms()  # before any page is loaded, or fields are not drawn
            except pdfium.PdfiumError:
                pass
            count = len(doc)
            for number in wanted:
                if number > count:
                    continue
                try:
                    images[number] = _render_page(doc, number, dpi, levels)
                except (pdfium.PdfiumError, OSError, ValueError):
                    continue
        finally:
            doc.close()
    return images


def _render_page(doc: object, number: int, dpi: int, levels: int) -> PageImage:
    from PIL import Image

    page = doc[number - 1]  # type: ignore[index]
    try:
        crop = _normalise(page.get_bbox())
        media = page.get_mediabox(fallback_ok=False)
        geometry = PageGeometry(media=_normalise(media) if media else crop, crop=crop,
                                rotation=page.get_rotation())
        # Without anti-aliasing, text and rules come out in few grey levels: the PNG is a third smaller.
        bitmap = page.render(scale=dpi / 72, may_draw_forms=True, grayscale=True, no_smoothtext=True,
                             no_smoothpath=True)
        image = bitmap.to_pil().convert("L")
    finally:
        page.close()
    colours = max(2, min(levels, 256))
    palette = image.quantize(colours, dither=Image.Dither.NONE)
    bits = next(b for b in (1, 2, 4, 8) if colours <= 1 << b)  # a 4-grey palette packs 4 pixels a byte
    buffer = io.BytesIO()
    palette.save(buffer, "PNG", bits=bits, compress_level=9)
    return PageImage(number, image.width, image.height, "image/png", buffer.getvalue(), geometry)


def _normalise(box: Iterable[float]) -> Box:
    x0, y0, x1, y1 = (float(v) for v in box)
    return (min(x0, x1), min(y0, y1), max(x0, x1), max(y0, y1))
