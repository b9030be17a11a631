"""Reading order for pages whose text columns pdfium interleaves.

pdfium gives a page's text in content order. Most PDFs draw a column of text before the
next, but some (typesetting systems that emit a page row by row, such as the IRS
instructions of 2007) draw the first row of every column, then the second row, and pdfium
joins the rows across the gutter: "did not earlier year. we extended tax benefits
through withhold social security". Every sentence-level check then reads garbage.

The test is cheap and runs on every page: pdfium's lines give away such a page, because
a line that runs across a gutter either holds several rows (pdfium did not break it) or
has a gap much wider than a word space (``crosses_gutter``), and such lines are common
on it (``interleaved_columns_likely``). Only then are the words measured (the first and
last character of each) into *fragments*, runs of text on one row without a wide gap. A
page is rewritten only when the fragments show columns (a vertical strip no fragment
crosses, with prose-length fragments on both sides) and the content order jumps across
that strip on the same row. The new order reads each column
top to bottom, left to right; a fragment that spans the columns (a heading across the
page) starts a new band, and the columns below it are read after it. A fragment that runs
across most of the page (a worksheet row) cuts it into bands that look for gutters of their
own, so the three columns above a worksheet read right though its rows cross a gutter.
"""

from __future__ import annotations

import bisect
import ctypes
import itertools
import re
import statistics
from dataclasses import dataclass

import pypdfium2.raw as pdfium_c

from formlint.model import BBox

#: A gap wider than this many character heights on one row is a gutter, not a word space.
GUTTER_GAP = 1.0
#: A column's fragments must read like prose: at least this many characters at the median.
COLUMN_TEXT = 20
#: A line across a gutter counts as a sign of columns only with this many words.
PROSE_WORDS = 10
#: Content order must jump across a gutter, on one row, at least this often on a page.
MIN_JUMPS = 3
#: A gutter may be crossed by up to this share of the rows a column typically holds: the
#: rows of a worksheet, a table or a sample check drawn across the columns.
BAND_SHARE = 1 / 3
#: A fragment wider than this share of the page's text runs across its columns and cuts
#: the page into bands, each with its own gutters (a column is at most half of it).
WIDE_SHARE = 0.6
#: The longest page side PDF allows, in points.
PAGE_LIMIT = 14_400
#: pdfium marks a hyphen it removed at a line end (a soft hyphen) with U+FFFE.
PDFIUM_HYPHEN = "\ufffe"
_SPACED_WORD = re.compile("([\\s\ufffe]*)([^\\s\ufffe]+)")  # what comes before a word, and the word
_ALNUM = re.compile(r"[^\W_]")


@dataclass(slots=True)
class Fragment:
    """A run of text on one row with no gutter-wide gap, in top-based page space."""

    text: str
    x0: float
    top: float
    x1: float
    bottom: float
    soft_hyphen: bool = False  # pdfium removed a hyphen after it
    measured: bool = False  # top and bottom come from letters or digits

    @property
    def height(self) -> float:
        return max(self.bottom - self.top, 1.0)

    @property
    def middle(self) -> float:
        return (self.top + self.bottom) / 2

    @property
    def bbox(self) -> BBox:
        return (round(self.x0, 2), round(self.top, 2), round(self.x1, 2), round(self.bottom, 2))


@dataclass(frozen=True, slots=True)
class Gutter:
    left: float
    right: float


def crosses_gutter(previous: tuple[float, float, float, float], left: float, top: float, right: float,
                   bottom: float) -> bool:
    """Whether the next of a pdfium line's text rectangles (bottom-up page space, as pdfium
    gives them) is on another row than ``previous`` or past a gap wider than twice
    ``GUTTER_GAP`` heights: the line runs across a column gutter."""
    p_left, p_top, p_right, p_bottom = previous
    height = max(p_top - p_bottom, top - bottom, 1.0)
    return abs((p_top + p_bottom) - (top + bottom)) / 2 > height or left - p_right > 2 * GUTTER_GAP * height


def prose_like(line: str) -> bool:
    """A line long enough to be running text, not a row of form labels."""
    return line.count(" ") >= PROSE_WORDS - 1


def interleaved_columns_likely(crossings: int, lines: int) -> bool:
    """Whether enough of a page's lines run across a gutter to look for columns."""
    return crossings >= MIN_JUMPS and crossings * 10 >= 2 * lines


def fragments(raw: object, text: str, page_box: tuple[float, float, float, float]) -> list[Fragment]:
    """The page's fragments in content order, from font-based character boxes.

    ``text`` must map one-to-one onto pdfium's character indexes. A gap, a new row or a
    jump back can only come where pdfium put a space or a line end (it inserts one at
    every visual gap), so only each word's first and last characters are measured: two
    pdfium calls per word instead of one per character. (The loop keeps the fragment
    being built in local variables: it runs once per word of every page it reads.)"""
    left, page_top = page_box[0], page_box[3]
    box = pdfium_c.FS_RECTF()
    box_ref = ctypes.byref(box)
    get_box = pdfium_c.FPDFText_GetLooseCharBox
    result: list[Fragment] = []
    words: list[str] = []  # the fragment being built, and its box and flags
    f_x0 = f_x1 = f_top = f_bottom = 0.0
    measured = False
    last_middle = last_height = 0.0  # the previous word's, so one tall glyph cannot widen the test
    for match in _SPACED_WORD.finditer(text):
        between, word = match.group(1, 2)
        if words and between and ("\n" in between or "\r" in between or PDFIUM_HYPHEN in between):
            hyphen = PDFIUM_HYPHEN in between
            result.append(Fragment(" ".join(words), f_x0, f_top, f_x1, f_bottom, hyphen, measured))
            words = []
        first = match.start(2)
        if not get_box(raw, first, box_ref):
            continue
        x0, x1, top, bottom = box.left - left, box.right - left, page_top - box.top, page_top - box.bottom
        if len(word) > 1 and get_box(raw, first + len(word) - 1, box_ref):
            right = box.right - left
            if right > x1:
                x1 = right
            if not word[0].isalnum() and word[-1].isalnum():
                top, bottom = page_top - box.top, page_top - box.bottom
        letter = word[0].isalnum() or _ALNUM.search(word) is not None
        height = bottom - top
        limit = height if height < last_height else last_height
        if limit < 1.0:
            limit = 1.0
        middle = (top + bottom) / 2
        if words and (x0 < f_x0 - 1 or x0 - f_x1 > GUTTER_GAP * limit or abs(middle - last_middle) > limit / 2):
            result.append(Fragment(" ".join(words), f_x0, f_top, f_x1, f_bottom, False, measured))
            words = []
        if not words:
            words = [word]
            f_x0, f_x1, f_top, f_bottom, measured = x0, x1, top, bottom, letter
        else:
            if between:
                words.append(word)
            else:
                words[-1] += word
            if x1 > f_x1:
                f_x1 = x1
            f_top, f_bottom, measured = _grown(f_top, f_bottom, measured, top, bottom, letter)
        last_middle, last_height = middle, height
    if words:
        result.append(Fragment(" ".join(words), f_x0, f_top, f_x1, f_bottom, False, measured))
    return result


def _grown(top: float, bottom: float, measured: bool, new_top: float, new_bottom: float,
           letters: bool) -> tuple[float, float, bool]:
    """A fragment's top and bottom with more text added. The height comes from letters and
    digits: a bullet or a warning sign drawn in a symbol font has a taller box, which would
    read as a heading. So text with letters replaces a height measured on symbols only, and
    symbols never grow a height measured on letters."""
    if letters and not measured:
        return new_top, new_bottom, True
    if letters or not measured:
        return min(top, new_top), max(bottom, new_bottom), measured
    return top, bottom, measured


def find_gutters(frags: list[Fragment]) -> list[Gutter]:
    """Vertical strips, at least ``GUTTER_GAP`` heights wide, that (almost) no fragment
    crosses, with prose on both sides. A few crossings are allowed: a heading across the
    page, or two rows the characters' boxes could not tell apart."""
    # Text drawn far off the page (or at an absurd coordinate in a hostile file) takes no
    # part: the strip is measured point by point.
    frags = [f for f in frags if -PAGE_LIMIT <= f.x0 <= f.x1 <= PAGE_LIMIT]
    if len(frags) < 2 * MIN_JUMPS:
        return []
    height = statistics.median(f.height for f in frags)
    start = int(min(f.x0 for f in frags))
    steps = [0] * (int(max(f.x1 for f in frags)) - start + 3)
    for f in frags:  # how many fragments cover each point, by a running sum of steps
        steps[int(f.x0) - start] += 1
        steps[int(f.x1) - start + 1] -= 1
    cover = list(itertools.accumulate(steps))
    # A few crossings are always allowed (a heading across the page, or two rows the
    # character boxes could not tell apart); a band of rows across the columns (a worksheet
    # or a sample check on a page of three columns) may cross more, up to a share of the
    # rows of a typical column, measured as the median cover of the points with text.
    typical = statistics.median(count for count in cover if count > 0)
    allowed = max(2, len(frags) // 30, int(BAND_SHARE * typical))
    gutters: list[Gutter] = []
    run = None
    for x, count in enumerate(cover):
        if count <= allowed:
            run = x if run is None else run
            continue
        if run is not None and run > 0 and x - run >= GUTTER_GAP * height:
            gutters.append(Gutter(float(run + start), float(x + start)))
        run = None
    return [g for g in gutters if _prose_beside(frags, g)]


def _prose_beside(frags: list[Fragment], gutter: Gutter) -> bool:
    left = [len(f.text) for f in frags if f.x1 <= gutter.left]
    right = [len(f.text) for f in frags if f.x0 >= gutter.right]
    enough = max(MIN_JUMPS, len(frags) // 10)
    return (len(left) >= enough and len(right) >= enough
            and statistics.median(left) >= COLUMN_TEXT and statistics.median(right) >= COLUMN_TEXT)


def column_lines(frags: list[Fragment]) -> list[Fragment] | None:
    """The page's lines in reading order, or None when the page needs no change.

    The page is cut into horizontal bands at each fragment that runs across most of its
    width (a rule of text, a worksheet row), and each band finds its own gutters: a page of
    three columns can hold a box of two below them. A band too small to show its gutters
    takes the page's."""
    page_gutters = find_gutters(frags)
    if not page_gutters:
        return None  # bands only refine a page that shows columns (not a form's header)
    bands = _bands(frags)
    band_gutters = [find_gutters(band) or page_gutters for band in bands]
    where: dict[int, tuple[int, int | None]] = {}  # id(fragment) -> (band, column)
    for number, (band, gutters) in enumerate(zip(bands, band_gutters)):
        for fragment in band:
            where[id(fragment)] = (number, _column(fragment, gutters))
    jumps = 0
    for a, b in zip(frags, frags[1:]):
        band_a, col_a = where[id(a)]
        band_b, col_b = where[id(b)]
        if (band_a == band_b and col_a is not None and col_b is not None and col_a != col_b
                and abs(a.middle - b.middle) < a.height / 2):
            jumps += 1
    if jumps < MIN_JUMPS:
        return None  # pdfium already reads the columns one after another
    placed: list[tuple[tuple[int, int, int], Fragment]] = []
    for number, band in enumerate(bands):
        columns = [where[id(f)][1] for f in band]
        spanning = sorted(f.top for f, col in zip(band, columns) if col is None)
        for fragment, column in zip(band, columns):
            # Within a band a sub-band starts at each fragment that crosses its gutters and
            # holds the columns below it, down to the next one.
            if column is None:
                place = (number, bisect.bisect_right(spanning, fragment.top + 0.5), -1)
            else:
                place = (number, bisect.bisect_left(spanning, fragment.top - 0.5), column)
            placed.append((place, fragment))
    placed.sort(key=lambda item: (item[0], item[1].middle))
    return _join_rows(_rows_left_to_right(placed))


def _bands(frags: list[Fragment]) -> list[list[Fragment]]:
    """The page's fragments in horizontal bands, top to bottom: a fragment wider than
    ``WIDE_SHARE`` of the text's width is a band of its own and ends the one above it.
    Text at absurd coordinates does not set the width, and is never wide."""
    sane = [f for f in frags if -PAGE_LIMIT <= f.x0 <= f.x1 <= PAGE_LIMIT]
    if not sane:
        return [frags]
    wide = WIDE_SHARE * (max(f.x1 for f in sane) - min(f.x0 for f in sane))
    bands: list[list[Fragment]] = [[]]
    for fragment in sorted(frags, key=lambda f: f.top):
        if -PAGE_LIMIT <= fragment.x0 <= fragment.x1 <= PAGE_LIMIT and fragment.x1 - fragment.x0 > wide:
            bands += [[fragment], []]
        else:
            bands[-1].append(fragment)
    return [band for band in bands if band]


def _rows_left_to_right(placed: list[tuple[tuple[int, int, int], Fragment]]
                        ) -> list[tuple[tuple[int, int, int], Fragment]]:
    """Within a column, fragments whose middles sit within half a height of a row's first
    are one row, read left to right (a superscript or a tab stop must not reorder it)."""
    result: list[tuple[tuple[int, int, int], Fragment]] = []
    row: list[tuple[tuple[int, int, int], Fragment]] = []
    for item in placed:
        if row and (item[0] != row[0][0] or abs(item[1].middle - row[0][1].middle) >= row[0][1].height / 2):
            result += sorted(row, key=lambda entry: entry[1].x0)
            row = []
        row.append(item)
    return result + sorted(row, key=lambda entry: entry[1].x0)


def _join_rows(placed: list[tuple[tuple[int, int, int], Fragment]]) -> list[Fragment]:
    """Neighbours in reading order on one row of one column become one line."""
    lines: list[Fragment] = []
    last_place: tuple[int, int, int] | None = None
    for place, fragment in placed:
        last = lines[-1] if lines else None
        if (last is not None and place == last_place and not last.soft_hyphen
                and abs(fragment.middle - last.middle) < last.height / 2 and fragment.x0 >= last.x1):
            last.text += " " + fragment.text
            last.x1 = fragment.x1
            last.top, last.bottom, last.measured = _grown(last.top, last.bottom, last.measured,
                                                          fragment.top, fragment.bottom, fragment.measured)
            last.soft_hyphen = fragment.soft_hyphen
        else:
            lines.append(Fragment(fragment.text, fragment.x0, fragment.top, fragment.x1, fragment.bottom,
                                  fragment.soft_hyphen, fragment.measured))
        last_place = place
    return lines


def _column(fragment: Fragment, gutters: list[Gutter]) -> int | None:
    """The column a fragment lies in, or None when it crosses a gutter."""
    column = 0
    for gutter in gutters:
        if fragment.x1 <= gutter.right:
            return column  # justified lines may reach into the gutter
        if fragment.x0 < gutter.left:
            return None
        column += 1
    return column
