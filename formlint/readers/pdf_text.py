"""The text layer of a PDF through pdfium: lines, paragraphs, labels and image cover.

pdfium (pypdfium2) extracts text about 40x faster than pdfminer's layout engine, so the
fast tier uses it for all text. pdfium gives the page text in content order with a
generated CRLF at each line end; a line's box is the union of pdfium's text rectangles
for that line's characters. A page drawn a row at a time across its columns is put in
column order first (``pdf_columns``). Paragraphs are formed from consecutive lines by
vertical gaps, font-size jumps and horizontal overlap.

Everything here uses pdfium's raw ctypes API on handles that the caller opened and
closes; nothing of pdfium outlives :func:`read_page`.
"""

from __future__ import annotations

import bisect
import ctypes
import re
import statistics
from collections.abc import Iterator, Set as AbstractSet
from dataclasses import dataclass, field
from typing import Any

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c

from formlint.model import BBox
from formlint.readers.pdf_columns import (
    PDFIUM_HYPHEN, Fragment, column_lines, crosses_gutter, fragments, interleaved_columns_likely, prose_like,
)
from formlint.readers.pdf_facts import PdfFont, is_standard_14


_LIGATURES = {
    "\ufb00": "ff", "\ufb01": "fi", "\ufb02": "fl", "\ufb03": "ffi", "\ufb04": "ffl", "\ufb05": "st", "\ufb06": "st",
}
_CLEAN_TABLE = str.maketrans(
    {**_LIGATURES, "\xa0": " ", "\xad": "", "\u2002": " ", "\u2003": " ", "\u2009": " ", "\u200b": "",
     **{chr(c): " " for c in range(32) if chr(c) not in "\r\n"}}
)
_SPACES = re.compile(r"\s+")
_NOT_COUNTED = re.compile("[\\s\ufffe]+")
#: The replacement character: what a ToUnicode CMap gives for a glyph it cannot map.
UNMAPPED = "\ufffd"
_ASTRAL = re.compile("[\U00010000-\U0010FFFF]")
_LINE_BREAK = re.compile("\r\n|\n|\r|\ufffe")
_LEADERS = re.compile(r"(?:\s*[.\u2026_]){3,}")

#: Words that keep their hyphen when split across lines ("self-\nemployed").
COMPOUND_PREFIXES = frozenset(
    """self well non ex co all half cross high low long short full part first second third
    one two three four five six seven eight nine ten twenty thirty forty fifty so
    semi multi mid post pre anti pro inter intra e x""".split()
)
#: Glyphs that start a bulleted line (including Symbol/Wingdings private-use bullets).
BULLETS = frozenset(
    "\u2022\u25e6\u25aa\u25a0\u2666\u25cf\u25cb\u25ab\u25a1\u27a2\u25ba\u2713\uf0b7\uf0a7\uf0d8\uf076\uf0fc"
)
_NUMBERED = re.compile(r"\d{1,2}[.)] +[A-Z]")
_WORD_RUN = re.compile("[^\x00\t\n\r \xa0\ufffe]+")
#: A word's characters advance at most this many heights each on average (wide capitals
#: reach about 0.8); a run that spans more hides a gap, and is read character by character.
_ADVANCE = 0.8
_WORD_HYPHEN = re.compile(r"[A-Za-z]-$")  # "infor-" (a word goes on), not "Income -" (a dash)
_LEFT_WORD = re.compile(r"([A-Za-z]+)$")
# A line that ends like this goes on in the next one, wherever it stops on the page.
_GOES_ON = re.compile(r"[,;\-–—/&(]$")
_GOES_ON_WORDS = frozenset({
    "a", "an", "and", "any", "are", "as", "at", "be", "but", "by", "each", "for", "from", "if", "in", "is", "nor",
    "not", "of", "on", "or", "that", "the", "this", "to", "with", "your",
})
_RIGHT_WORD = re.compile(r"^([a-z]+)")


@dataclass(slots=True)
class TextLine:
    text: str  # normalised, never empty
    bbox: BBox  # top-based
    hyphen_break: bool = False  # the line ended with a hyphen that splits a word
    blank_before: bool = False

    @property
    def height(self) -> float:
        return max(self.bbox[3] - self.bbox[1], 0.0)


@dataclass(slots=True)
class WidgetProbe:
    """A widget whose visible label we want: its key, bottom-up rect and kind."""

    key: tuple[int, int]  # (field index, widget index)
    rect: tuple[float, float, float, float]
    toggle: bool  # a checkbox or radio button: its label is usually on the right


@dataclass(slots=True)
class PageText:
    number: int
    paragraphs: list[list[TextLine]] = field(default_factory=list)
    char_count: int = 0
    image_count: int = 0
    image_coverage: float = 0.0
    labels: dict[tuple[int, int], str] = field(default_factory=dict)
    fonts: list[PdfFont] | None = None
    text_objects: int | None = None
    untagged_text_objects: int | None = None
    mcid_texts: dict[int, str] = field(default_factory=dict)
    unmapped_chars: int = 0
    unmapped_sample: str | None = None


# --------------------------------------------------------------------------- pages


def read_page(
    document: pdfium.PdfDocument,
    index: int,
    page_box: tuple[float, float, float, float],
    probes: list[WidgetProbe],
    deep: bool,
    wanted_mcids: AbstractSet[int] = frozenset(),
) -> PageText:
    """Text lines, paragraphs, image cover and widget labels of one page.

    ``page_box`` is the bottom-up MediaBox that top-based boxes are measured from;
    ``wanted_mcids``: marked-content ids whose text to collect in ``mcid_texts``.
    """
    result = PageText(number=index + 1)
    page = document[index]
    try:
        textpage = page.get_textpage()
        try:
            lines, text = _lines(textpage, page_box, result)
            result.paragraphs = group_lines(lines)
            if probes:
                result.labels = find_labels(words(textpage, text), probes)
            # The deep tier counts the characters of each text object, which needs the
            # text page; the fast tier only counts images.
            _scan_objects(page, page_box, result, deep, textpage.raw if deep or wanted_mcids else None, text,
                          wanted_mcids)
        finally:
            textpage.close()
    finally:
        page.close()
    return result


def _lines(
    textpage: pdfium.PdfTextPage, page_box: tuple[float, float, float, float], result: PageText
) -> tuple[list[TextLine], str | None]:
    count = textpage.count_chars()
    if count <= 0:
        return [], None
    text = textpage.get_text_range(0, count)
    result.char_count = len(_NOT_COUNTED.sub("", text))
    _count_unmapped(text, result)
    if not result.char_count:
        return [], text
    astral = not text.isascii() and _ASTRAL.search(text) is not None
    boxes = _LineBoxes(textpage.raw, text, count, astral, page_box)
    lines: list[TextLine] = []
    blank = False
    start = 0
    crossings = 0
    for match in _iter_breaks(text):
        end, next_start, hyphen = match
        segment = text[start:end]
        cleaned = clean_text(segment)
        if cleaned:
            box = boxes.box(start, end)
            if box is not None:
                crossings += boxes.crossed and prose_like(cleaned)
                split_word = hyphen or _WORD_HYPHEN.search(cleaned) is not None
                lines.append(TextLine(cleaned, box, hyphen_break=split_word, blank_before=blank))
                blank = False
        elif lines:
            blank = True  # an empty line between two lines of text
        start = next_start
    if interleaved_columns_likely(crossings, len(lines)):
        # Fragments are measured by character index. Where pdfium's text leaves out a
        # character (it drops U+0002, which some IRS fonts map their bullets to), the
        # page is read again a character at a time so that the two line up.
        indexed = text if boxes.identity else char_text(textpage.raw, count)
        reordered = column_lines(fragments(textpage.raw, indexed, page_box))
        if reordered is not None:
            lines = _fragment_lines(reordered)
    return lines, text


def _count_unmapped(text: str, result: PageText) -> None:
    """Characters the file maps to U+FFFD (its ToUnicode says "no Unicode value"), with
    the words around the first one, to show where."""
    first = text.find(UNMAPPED)
    if first < 0:
        return
    result.unmapped_chars = text.count(UNMAPPED)
    # The line it is on, cut to 30 characters either side.
    line_start = max((m.end() for m in _LINE_BREAK.finditer(text, 0, first)), default=0)
    after = _LINE_BREAK.search(text, first)
    line_end = after.start() if after else len(text)
    start, end = max(first - 30, line_start), min(first + 30, line_end)
    words = clean_text(text[start:end]).split(" ")
    # Trim the partial words at the cut edges, but never the U+FFFD itself.
    if start > line_start and len(words) > 2 and UNMAPPED not in words[0]:
        words = words[1:]
    if end < line_end and len(words) > 2 and UNMAPPED not in words[-1]:
        words = words[:-1]
    result.unmapped_sample = " ".join(words)


def _fragment_lines(frags: list[Fragment]) -> list[TextLine]:
    lines = []
    for fragment in frags:
        cleaned = clean_text(fragment.text)
        if cleaned:
            split_word = fragment.soft_hyphen or _WORD_HYPHEN.search(cleaned) is not None
            lines.append(TextLine(cleaned, fragment.bbox, hyphen_break=split_word))
    return lines


def _iter_breaks(text: str) -> Iterator[tuple[int, int, bool]]:
    """(segment end, next segment start, ended with a pdfium soft hyphen) per line."""
    for match in _LINE_BREAK.finditer(text):
        yield match.start(), match.end(), match.group() == PDFIUM_HYPHEN
    yield len(text), len(text), False


def clean_text(value: str) -> str:
    """Expand ligatures, turn odd spaces and control characters into spaces, collapse runs."""
    return _SPACES.sub(" ", value.translate(_CLEAN_TABLE)).strip()


class _LineBoxes:
    """Top-based boxes of text ranges: the union of pdfium's text rectangles."""

    def __init__(
        self, raw: object, text: str, count: int, astral: bool, page_box: tuple[float, float, float, float]
    ) -> None:
        self.raw = raw
        self.text = text
        self.astral = astral
        # pdfium's text indexes equal its character indexes unless it dropped or
        # inserted characters (rare); then translate through its own API.
        self.identity = not astral and len(text) == count
        self.left, self.top = page_box[0], page_box[3]
        self.crossed = False  # the last line measured ran across a column gutter (pdf_columns)
        self.values = tuple(ctypes.c_double() for _ in range(4))
        self.refs = tuple(ctypes.byref(v) for v in self.values)

    def box(self, start: int, end: int) -> BBox | None:
        raw = self.raw
        if self.identity:
            first, last = start, end - 1
        else:
            text_start, text_end = start, end - 1
            if self.astral:  # Python counts code points, pdfium UTF-16 units
                text_start = len(self.text[:start].encode("utf-16-le")) // 2
                text_end = len(self.text[:end].encode("utf-16-le")) // 2 - 1
            first = pdfium_c.FPDFText_GetCharIndexFromTextIndex(raw, text_start)
            last = pdfium_c.FPDFText_GetCharIndexFromTextIndex(raw, text_end)
        if first < 0 or last < first:
            return None
        n_rects = pdfium_c.FPDFText_CountRects(raw, first, last - first + 1)
        left, top, right, bottom = self.values
        refs = self.refs
        get_rect = pdfium_c.FPDFText_GetRect
        x0 = y0 = float("inf")
        x1 = y1 = float("-inf")
        crossed = False
        previous: tuple[float, float, float, float] | None = None
        for i in range(max(n_rects, 0)):
            if not get_rect(raw, i, *refs):
                continue
            lv, tv, rv, bv = left.value, top.value, right.value, bottom.value
            if lv > rv:  # pdfium normally orders them; rotated text may not
                lv, rv = rv, lv
            if bv > tv:
                bv, tv = tv, bv
            if previous is not None and not crossed:
                crossed = crosses_gutter(previous, lv, tv, rv, bv)
            previous = (lv, tv, rv, bv)
            if lv < x0:
                x0 = lv
            if rv > x1:
                x1 = rv
            if bv < y0:
                y0 = bv
            if tv > y1:
                y1 = tv
        if x0 == float("inf"):
            return None
        self.crossed = crossed
        return (round(x0 - self.left, 2), round(self.top - y1, 2), round(x1 - self.left, 2), round(self.top - y0, 2))


# --------------------------------------------------------------------------- paragraphs


def group_lines(lines: list[TextLine]) -> list[list[TextLine]]:
    """Split consecutive lines into paragraphs.

    A new paragraph starts at a blank line; when the gap above a line is larger than
    about a line height; when the line is above or beside the previous one (a new
    column, or content order jumping around a form); when the lines do not overlap
    horizontally; when the line height jumps (a heading next to body text); or when the
    previous line was ended on purpose (``_hard_break``).
    """
    paragraphs: list[list[TextLine]] = []
    previous: TextLine | None = None
    for line in lines:
        if previous is None or _breaks(previous, line):
            paragraphs.append([line])
        else:
            paragraphs[-1].append(line)
        previous = line
    return paragraphs


def _breaks(previous: TextLine, line: TextLine) -> bool:
    if line.blank_before or is_list_item(line.text):
        return True
    h_prev, h_line = max(previous.height, 1.0), max(line.height, 1.0)
    gap = line.bbox[1] - previous.bbox[3]
    if gap > 0.9 * max(h_prev, h_line) or gap < -0.5 * min(h_prev, h_line):
        return True
    if line.bbox[0] > previous.bbox[2] or line.bbox[2] < previous.bbox[0]:
        return True
    if max(h_prev, h_line) / min(h_prev, h_line) > 1.4:
        return True
    return _hard_break(previous, line)


def _hard_break(previous: TextLine, line: TextLine) -> bool:
    """The previous line stopped short although the next line's first word would have fit.

    Text that wraps fills each line until the next word no longer fits, so a line that
    ends with room for that word was ended on purpose: a heading or a label set in the
    body size ("Tax Reporting" over "We report all TSP distributions ..."), or the short
    last line of a paragraph whose successor starts right below it ("... Form 5329." over
    "Line 56—Transportation tax. ..."). Without this, the heading joins the first
    sentence below it and consecutive paragraphs join into one. The next line's right
    edge stands in for the margin (so a short line followed by another short line never
    breaks), and a line that ends with a comma, a dash or a word such as "the" goes on, as
    does a run of capitals over two lines.
    """
    if previous.hyphen_break or not line.text[0].isupper() or _GOES_ON.search(previous.text):
        return False
    last_word = previous.text.rsplit(" ", 1)[-1]
    if last_word.lower() in _GOES_ON_WORDS:
        return False
    first_word = line.text.split(" ", 1)[0]
    if _capitals(last_word) and _capitals(first_word):
        return False  # a label in capitals that wraps in its box ("MOTHER'S SOCIAL" over "SECURITY NUMBER")
    width = line.bbox[2] - line.bbox[0]
    per_char = width / len(line.text)
    room = line.bbox[2] - previous.bbox[2]
    # The word and the space before it; 1.3 and one more character, as proportional letters
    # are wider or narrower than the average.
    return room > 1.3 * (len(first_word) + 1) * per_char + per_char


def _capitals(word: str) -> bool:
    letters = [ch for ch in word if ch.isalpha()]
    return len(letters) >= 2 and all(ch.isupper() for ch in letters)


def is_list_item(text: str) -> bool:
    """The line starts with a bullet glyph, or with "1." / "2)" and a capital: a list item."""
    return bool(text) and (text[0] in BULLETS or _NUMBERED.match(text) is not None)


def join_lines(lines: list[TextLine]) -> tuple[str, list[int]]:
    """The paragraph text and the offset where each line's text starts.

    Lines join with one space. A line that ends with a hyphen joins the next without a
    space; the hyphen is dropped only when that is safe: both sides are lowercase
    letters and the left part is not a compound prefix such as "self" or "well".
    """
    parts: list[str] = []
    offsets: list[int] = []
    length = 0
    for i, line in enumerate(lines):
        piece = line.text
        if i > 0:
            previous = lines[i - 1]
            if previous.hyphen_break:
                if parts and parts[-1].endswith("-") and not _safe_dehyphen(parts[-1][:-1], piece):
                    pass  # keep "well-" + "known"
                elif parts and parts[-1].endswith("-"):
                    parts[-1] = parts[-1][:-1]
                    length -= 1
                elif parts and not _safe_dehyphen(parts[-1], piece):
                    parts[-1] += "-"  # pdfium removed a hyphen we must keep
                    length += 1
            else:
                parts.append(" ")
                length += 1
        offsets.append(length)
        parts.append(piece)
        length += len(piece)
    return "".join(parts), offsets


def _safe_dehyphen(left: str, right: str) -> bool:
    left_match = _LEFT_WORD.search(left)
    right_match = _RIGHT_WORD.match(right)
    if not left_match or not right_match:
        return False
    word = left_match.group(1)
    if not word.islower() or len(word) < 2 or len(right_match.group(1)) < 2:
        return False
    return word not in COMPOUND_PREFIXES


# --------------------------------------------------------------------------- labels


@dataclass(slots=True)
class Word:
    """A run of non-space characters on one line, in bottom-up page space."""

    text: str
    x0: float
    y0: float
    x1: float
    y1: float

    @property
    def cy(self) -> float:
        return (self.y0 + self.y1) / 2

    @property
    def cx(self) -> float:
        return (self.x0 + self.x1) / 2


def words(textpage: pdfium.PdfTextPage, text: str | None = None) -> list[Word]:
    """The page's words from pdfium's (font-based) character boxes.

    Words split at spaces (pdfium inserts one at each visual gap), at line ends, and
    where the next character jumps back or sideways by more than a character height.
    ``text`` is the page text when it maps one-to-one onto pdfium's character indexes
    (it saves a call per character); otherwise characters are read one by one.

    A run of characters between spaces is usually one word, so only its first and last
    characters are measured (two pdfium calls instead of one per character); when those
    two disagree with one word (a jump back, another row, or more width than its letters
    can take) the run is read character by character, as every run once was.
    """
    raw = textpage.raw
    count = pdfium_c.FPDFText_CountChars(raw)
    result: list[Word] = []
    if count <= 0:
        return result
    if text is None or len(text) != count:
        text = char_text(raw, count)
    box = pdfium_c.FS_RECTF()
    box_ref = ctypes.byref(box)
    get_box = pdfium_c.FPDFText_GetLooseCharBox  # font-based boxes: one height per line
    for match in _WORD_RUN.finditer(text):
        start, end = match.span()
        if not get_box(raw, start, box_ref):
            result += _char_words(raw, text, start, end)
            continue
        fl, fr, fb, ft = box.left, box.right, box.bottom, box.top
        if end - start == 1:
            result.append(Word(text[start], fl, fb, fr, ft))
            continue
        if not get_box(raw, end - 1, box_ref):
            result += _char_words(raw, text, start, end)
            continue
        ll, lr, lb, lt = box.left, box.right, box.bottom, box.top
        height = max(ft - fb, lt - lb, 1.0)
        if ll >= fl - 1 and abs(lb + lt - fb - ft) <= height and ll - fl <= _ADVANCE * (end - start - 1) * height:
            result.append(Word(match.group(), fl, min(fb, lb), max(fr, lr), max(ft, lt)))
        else:
            result += _char_words(raw, text, start, end)
    return result


def _char_words(raw: object, text: str, begin: int, stop: int) -> list[Word]:
    """The words of ``text[begin:stop]`` measured character by character."""
    box = pdfium_c.FS_RECTF()
    box_ref = ctypes.byref(box)
    get_box = pdfium_c.FPDFText_GetLooseCharBox
    result: list[Word] = []
    start = -1
    x0 = y0 = x1 = y1 = 0.0
    for i in range(begin, stop):
        if not get_box(raw, i, box_ref):
            if start >= 0:
                result.append(Word(text[start:i], x0, y0, x1, y1))
                start = -1
            continue
        cl, cr, cb, ct = box.left, box.right, box.bottom, box.top
        if start >= 0:
            height = max(y1 - y0, ct - cb, 1.0)
            if cl < x0 - 1 or cl - x1 > height or abs(cb + ct - y0 - y1) > height:
                result.append(Word(text[start:i], x0, y0, x1, y1))
                start = -1
        if start >= 0:
            if cr > x1:
                x1 = cr
            if cb < y0:
                y0 = cb
            if ct > y1:
                y1 = ct
        else:
            start = i
            x0, y0, x1, y1 = cl, cb, cr, ct
    if start >= 0:
        result.append(Word(text[start:stop], x0, y0, x1, y1))
    return result


def char_text(raw: object, count: int) -> str:
    """The page's text one character per pdfium character index: what ``get_text_range``
    gives, except that a character it leaves out is a space here.

    pdfium gives U+0002 for two things: a hyphen it found at a line end (its text shows
    U+FFFE, the soft-hyphen mark) and a glyph without Unicode (its text leaves it out)."""
    get_unicode = pdfium_c.FPDFText_GetUnicode
    is_hyphen = pdfium_c.FPDFText_IsHyphen
    chars = []
    for index in range(count):
        code = get_unicode(raw, index)
        if code == 2:
            chars.append(PDFIUM_HYPHEN if is_hyphen(raw, index) else " ")
        else:
            chars.append(_safe_chr(code))
    return "".join(chars)


def _safe_chr(code: int) -> str:
    return chr(code) if 0 < code < 0xD800 or 0xDFFF < code < 0x110000 else "\x00"


def find_labels(page_words: list[Word], probes: list[WidgetProbe]) -> dict[tuple[int, int], str]:
    """The visible text nearest each widget: left on the same line, else just above.

    Checkboxes and radio buttons look right first (their labels usually follow the
    box). A search stops at the neighbouring widget on the same row, so one field's
    label is not taken for the next field's. Only whole words are taken.
    """
    labels: dict[tuple[int, int], str] = {}
    if not page_words:
        return labels
    index = _WordIndex(page_words)
    ordered = sorted(probes, key=lambda p: p.rect[1])
    lows = [p.rect[1] for p in ordered]
    tallest = max((p.rect[3] - p.rect[1] for p in ordered), default=0.0)
    for probe in probes:
        x0, y0, x1, y1 = probe.rect
        height = y1 - y0
        if height <= 0 or x1 <= x0:
            continue
        band_low, band_high = (y0, y1) if height <= 30 else (y1 - 16, y1)
        left_limit, right_limit = float("-inf"), float("inf")
        # Row neighbours: widgets whose vertical span meets the band (found by bisecting
        # on the bottom edge, so a page with many widgets stays cheap).
        start = bisect.bisect_left(lows, band_low - tallest)
        stop = bisect.bisect_right(lows, band_high)
        for other in ordered[start:stop]:
            if other is probe:
                continue
            ox0, oy0, ox1, oy1 = other.rect
            if oy1 < band_low + 1 or oy0 > band_high - 1:
                continue
            if ox1 <= x0 + 0.5:
                left_limit = max(left_limit, ox1)
            elif ox0 >= x1 - 0.5:
                right_limit = min(right_limit, ox0)
        found = None
        if probe.toggle:
            found = _row_text(index, x1 - 0.5, min(right_limit, x1 + 250), band_low, band_high, nearest="left")
        if not found:
            found = _row_text(index, max(left_limit, x0 - 300), x0 + 0.5, band_low, band_high, nearest="right")
        if not found:
            found = _above_text(index, x0, x1, y1)
        if found:
            labels[probe.key] = found
    return labels


class _WordIndex:
    """Words sorted by vertical centre, to find those in a horizontal band quickly."""

    def __init__(self, page_words: list[Word]) -> None:
        self.words = sorted(page_words, key=lambda w: w.cy)
        self.centres = [w.cy for w in self.words]

    def band(self, low: float, high: float) -> list[Word]:
        return self.words[bisect.bisect_left(self.centres, low) : bisect.bisect_right(self.centres, high)]


def _row_text(index: _WordIndex, left: float, right: float, low: float, high: float, nearest: str) -> str | None:
    """Words whose centre lies in the box, as the cluster nearest the widget."""
    if right - left < 1:
        return None
    hits = [w for w in index.band(low, high) if w.x0 >= left - 0.5 and w.x1 <= right + 0.5]
    if not hits:
        return None
    hits.sort(key=lambda w: w.x0)
    clusters: list[list[Word]] = [[hits[0]]]
    for word in hits[1:]:
        previous = clusters[-1][-1]
        if word.x0 - previous.x1 > max(3 * (previous.y1 - previous.y0), 12):
            clusters.append([word])
        else:
            clusters[-1].append(word)
    for cluster in clusters[::-1] if nearest == "right" else clusters:
        text = _label_text(_join_words(cluster))
        if text:
            return text
    return None


def _above_text(index: _WordIndex, x0: float, x1: float, top: float) -> str | None:
    """The words of the nearest text line within 14 points above the widget."""
    candidates = index.band(top, top + 30)
    hits = [w for w in candidates if top - 2 <= w.y0 <= top + 14 and x0 - 2 <= w.cx <= x1 + 2 and w.cy > top]
    if not hits:
        return None
    nearest = min(hits, key=lambda w: w.y0)
    line = sorted((w for w in hits if abs(w.cy - nearest.cy) <= (nearest.y1 - nearest.y0) / 2), key=lambda w: w.x0)
    return _label_text(_join_words(line))


def _join_words(line: list[Word]) -> str:
    """Words left to right; a space only where there is a visible gap."""
    parts = [line[0].text]
    for previous, word in zip(line, line[1:]):
        gap = word.x0 - previous.x1
        parts.append(" " + word.text if gap > 0.15 * max(previous.y1 - previous.y0, 1.0) else word.text)
    return "".join(parts)


def _label_text(raw: str) -> str | None:
    value = clean_text(_LEADERS.sub(" ", raw.replace(PDFIUM_HYPHEN, "")))
    if sum(ch.isalpha() for ch in value) < 2:
        return None
    if len(value) > 200:
        value = value[-200:].split(" ", 1)[-1]
    return value


# --------------------------------------------------------------------------- objects


def _scan_objects(
    page: pdfium.PdfPage,
    page_box: tuple[float, float, float, float],
    result: PageText,
    deep: bool,
    textpage: object = None,
    text: str | None = None,
    wanted_mcids: AbstractSet[int] = frozenset(),
) -> None:
    """Count images (and their cover of the page); in the deep tier, fonts and tagging;
    the text of the marked content with a wanted MCID (a heading a check reports)."""
    width = max(page_box[2] - page_box[0], 1.0)
    height = max(page_box[3] - page_box[1], 1.0)
    covered = 0.0
    fonts: dict[str, PdfFont] = {}
    # handle address -> the font of a text object drawn visibly (None: invisible text)
    counts: dict[str, Any] = {"text": 0, "untagged": 0, "objects": {}}
    raw_page = page.raw
    n_objects = pdfium_c.FPDFPage_CountObjects(raw_page)
    for i in range(max(n_objects, 0)):
        handle = pdfium_c.FPDFPage_GetObject(raw_page, i)
        kind = pdfium_c.FPDFPageObj_GetType(handle)
        if kind == pdfium_c.FPDF_PAGEOBJ_IMAGE:
            result.image_count += 1
            covered += _clipped_area(handle, page_box)
        elif kind == pdfium_c.FPDF_PAGEOBJ_FORM:
            images = _form_images(handle, 0, deep, fonts, counts)
            if images:
                result.image_count += images
                covered += _clipped_area(handle, page_box)
        elif kind == pdfium_c.FPDF_PAGEOBJ_TEXT:
            if deep:
                _deep_text_object(handle, fonts, counts)
            if wanted_mcids:
                mcid = pdfium_c.FPDFPageObj_GetMarkedContentID(handle)
                if mcid in wanted_mcids:
                    piece = _object_text(handle, textpage)
                    result.mcid_texts[mcid] = f"{result.mcid_texts.get(mcid, '')}{piece}"
    result.image_coverage = round(min(covered / (width * height), 1.0), 4)
    if deep:
        if textpage is not None:
            _count_visible_chars(textpage, text, counts["objects"])
        result.fonts = sorted(fonts.values(), key=lambda f: f.name)
        result.text_objects = counts["text"]
        result.untagged_text_objects = counts["untagged"]


def _form_images(form: object, depth: int, deep: bool, fonts: dict[str, PdfFont], counts: dict[str, Any]) -> int:
    if depth > 6:
        return 0
    images = 0
    for i in range(max(pdfium_c.FPDFFormObj_CountObjects(form), 0)):
        handle = pdfium_c.FPDFFormObj_GetObject(form, i)
        kind = pdfium_c.FPDFPageObj_GetType(handle)
        if kind == pdfium_c.FPDF_PAGEOBJ_IMAGE:
            images += 1
        elif kind == pdfium_c.FPDF_PAGEOBJ_FORM:
            images += _form_images(handle, depth + 1, deep, fonts, counts)
        elif deep and kind == pdfium_c.FPDF_PAGEOBJ_TEXT:
            _deep_text_object(handle, fonts, counts)
    return images


def _clipped_area(handle: object, page_box: tuple[float, float, float, float]) -> float:
    left, bottom, right, top = (ctypes.c_float() for _ in range(4))
    if not pdfium_c.FPDFPageObj_GetBounds(handle, left, bottom, right, top):
        return 0.0
    x0, x1 = max(left.value, page_box[0]), min(right.value, page_box[2])
    y0, y1 = max(bottom.value, page_box[1]), min(top.value, page_box[3])
    return max(x1 - x0, 0.0) * max(y1 - y0, 0.0)


def _deep_text_object(handle: object, fonts: dict[str, PdfFont], counts: dict[str, Any]) -> None:
    counts["text"] += 1
    if pdfium_c.FPDFPageObj_GetMarkedContentID(handle) < 0 and not _has_artifact_mark(handle):
        counts["untagged"] += 1
    font = pdfium_c.FPDFTextObj_GetFont(handle)
    if not font:
        return
    size = pdfium_c.FPDFFont_GetBaseFontName(font, None, 0)
    name = ""
    if size > 0:
        buffer = ctypes.create_string_buffer(size)
        pdfium_c.FPDFFont_GetBaseFontName(font, buffer, size)
        name = buffer.value.decode("utf-8", errors="replace")
    if not name:
        return
    entry = fonts.get(name)
    if entry is None:
        entry = fonts[name] = PdfFont(
            name=name,
            embedded=bool(pdfium_c.FPDFFont_GetIsEmbedded(font) == 1),
            standard14=is_standard_14(name),
        )
    visible = pdfium_c.FPDFTextObj_GetTextRenderMode(handle) != pdfium_c.FPDF_TEXTRENDERMODE_INVISIBLE
    counts["objects"][ctypes.cast(handle, ctypes.c_void_p).value] = entry if visible else None


def _count_visible_chars(textpage: object, text: str | None, fonts_by_object: dict[int | None, PdfFont | None]) -> None:
    """Add each visible, non-space character of the text page to its font's count.

    One pass over the characters, asking pdfium which text object drew each one (asking
    a text object for its text instead searches the whole page every time).
    """
    count = pdfium_c.FPDFText_CountChars(textpage)
    if count <= 0 or not fonts_by_object:
        return
    if text is None or len(text) != count:
        get_unicode = pdfium_c.FPDFText_GetUnicode
        text = "".join(_safe_chr(get_unicode(textpage, i)) for i in range(count))
    get_object = pdfium_c.FPDFText_GetTextObject
    address = ctypes.c_void_p
    for i, char in enumerate(text):
        if char.isspace() or char in "\x00\ufffe":
            continue
        entry = fonts_by_object.get(ctypes.cast(get_object(textpage, i), address).value)
        if entry is not None:
            entry.chars += 1


def _object_text(handle: object, textpage: object) -> str:
    """The text one text object draws (pdfium searches the page for it: use sparingly)."""
    size = pdfium_c.FPDFTextObj_GetText(handle, textpage, None, 0)
    if size <= 2:
        return ""
    buffer = ctypes.create_string_buffer(size)
    pdfium_c.FPDFTextObj_GetText(handle, textpage, ctypes.cast(buffer, ctypes.POINTER(ctypes.c_ushort)), size)
    return buffer.raw[: size - 2].decode("utf-16-le", errors="replace")


def _has_artifact_mark(handle: object) -> bool:
    for i in range(max(pdfium_c.FPDFPageObj_CountMarks(handle), 0)):
        mark = pdfium_c.FPDFPageObj_GetMark(handle, i)
        length = ctypes.c_ulong()
        buffer = (ctypes.c_ushort * 64)()
        if pdfium_c.FPDFPageObjMark_GetName(mark, buffer, ctypes.sizeof(buffer), ctypes.byref(length)):
            value = bytes(buffer)[: max(length.value - 2, 0)].decode("utf-16-le", errors="ignore")
            if value == "Artifact":
                return True
    return False


def body_line_height(pages: list[PageText]) -> float | None:
    """Median height of text lines weighted by length: the body text size."""
    heights: list[float] = []
    for page in pages:
        for paragraph in page.paragraphs:
            for line in paragraph:
                heights.extend([line.height] * min(len(line.text) // 10 + 1, 20))
    return statistics.median(heights) if heights else None
