"""The literal text a regular expression cannot match without: a cheap test first.

The word lists' regex rows ("\\bthe\\s+production\\s+of\\b", "\\bno\\s+fewer\\s+than\\b", ...)
are scanned over every block, about 140 scans of every word of a long regulation. Most
rows cannot match without some literal word ("production", "fewer"); a block that does
not contain it (compared case-folded, as the rows are case-insensitive) cannot hold a
match, and a substring test is far cheaper than a scan. :func:`required_any` reads the
pattern's parse tree and returns such a word, or several of which one must occur (a
required alternation), or None when it cannot be sure — then the row is always scanned.

Only what a match certainly consumes counts: literal runs in sequence, groups, repeats of
at least one; never lookarounds, optional parts, or character classes.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

try:  # the parser behind re.compile (Python 3.11+: re._parser; older: sre_parse)
    from re import _constants as _c, _parser as _p  # type: ignore[attr-defined]
except ImportError:  # pragma: no cover
    import sre_constants as _c  # type: ignore[no-redef]
    import sre_parse as _p  # type: ignore[no-redef]

MIN_LENGTH = 3  # shorter words ("of", "no") are in nearly every block: not worth testing
_REPEATS = tuple(getattr(_c, name) for name in ("MAX_REPEAT", "MIN_REPEAT", "POSSESSIVE_REPEAT") if hasattr(_c, name))

Options = frozenset[str]  # one of these must occur


def required_any(pattern: re.Pattern[str]) -> tuple[str, ...] | None:
    """Case-folded strings of which every match contains at least one; None if unsure."""
    try:
        tree = _p.parse(pattern.pattern, pattern.flags)
    except Exception:  # an unexpected parser: scan as before
        return None
    options = [o for o in _required(list(tree)) if min(map(len, o)) >= MIN_LENGTH]
    if not options:
        return None
    best = max(options, key=lambda o: (min(map(len, o)), -len(o)))  # the most selective test
    return tuple(sorted(best))


def _required(items: list[tuple[Any, Any]]) -> list[Options]:
    """Each set holds strings of which a match of ``items`` contains at least one."""
    found: list[Options] = []
    run: list[str] = []
    for op, value in items:
        if op is _c.LITERAL:
            run.append(chr(value))
            continue
        if run:
            found.append(frozenset({"".join(run).casefold()}))
            run = []
        if op is _c.SUBPATTERN:
            found += _required(list(value[-1]))
        elif op in _REPEATS and value[0] >= 1:
            found += _required(list(value[2]))
        elif op is _c.BRANCH:
            branch = _branch(value[1])
            if branch is not None:
                found.append(branch)
        # anything else (classes, anchors, lookarounds, optional parts) requires nothing
    if run:
        found.append(frozenset({"".join(run).casefold()}))
    return found


def _branch(alternatives: list[Any]) -> Options | None:
    """One string from each alternative: a match contains one of them."""
    chosen: set[str] = set()
    for alternative in alternatives:
        options = [o for o in _required(list(alternative)) if len(o) == 1]
        if not options:
            return None  # this alternative requires no single literal: the branch proves nothing
        chosen |= max(options, key=lambda o: len(next(iter(o))))
    return frozenset(chosen)


class RowIndex:
    """Which of a list of patterns can match a text, by the words they require.

    A block is tested once per distinct required word, not once per pattern: a long
    regulation has tens of thousands of blocks and the lists over a hundred patterns.
    """

    def __init__(self, patterns: Sequence[re.Pattern[str]]) -> None:
        self.size = len(patterns)
        self.always: frozenset[int] = frozenset()
        self.needing: dict[str, list[int]] = {}
        always: set[int] = set()
        for index, pattern in enumerate(patterns):
            words = required_any(pattern)
            if words is None:
                always.add(index)
            for word in words or ():
                self.needing.setdefault(word, []).append(index)
        self.always = frozenset(always)

    def candidates(self, text: str) -> list[int]:
        """Indexes, in order, of the patterns that may match ``text``."""
        if not self.size:
            return []
        folded = text.casefold()
        rows = set(self.always)
        for word, indices in self.needing.items():
            if word in folded:
                rows.update(indices)
        return sorted(rows)
