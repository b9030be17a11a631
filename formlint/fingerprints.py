"""Fingerprints: what identifies a finding across line moves and unrelated edits.

A fingerprint is built from the rule, the file's path and what the finding is about
(the rule's ``fingerprint_text``: the matched word and its list entry, a field id, a
sentence's opening words), normalised for case and spacing. It never contains a line or
column, so a finding keeps its fingerprint when text above it is added or removed.
Baselines, SARIF ``partialFingerprints`` and GitLab's ``fingerprint`` all use it.

The same text can be flagged twice in one file ("utilize" in two paragraphs): the
findings share a fingerprint, and ``occurrences`` numbers them in document order so
that each has an identity of its own.
"""

from __future__ import annotations

import hashlib
from collections import Counter
from collections.abc import Iterable

from formlint.model import Finding

VERSION = 1  # bump when the recipe changes: stored baselines then no longer match


def normalise(text: str) -> str:
    """Case- and whitespace-insensitive form of the text a finding is about."""
    return " ".join(text.lower().split())


def subject(finding: Finding) -> str:
    """What the finding is about, independent of where it sits in the file."""
    loc = finding.location
    for candidate in (finding.fingerprint_text, loc.field, loc.pointer, finding.text, finding.message):
        if candidate:
            return normalise(candidate)
    return ""


def fingerprint(finding: Finding, path: str | None = None) -> str:
    """A hex digest of rule + path + subject (``path`` overrides the finding's own)."""
    parts = (str(VERSION), finding.rule, path if path is not None else finding.location.path, subject(finding))
    return hashlib.sha256("\x00".join(parts).encode("utf-8")).hexdigest()[:32]


def occurrences(findings: Iterable[Finding], path: str | None = None) -> list[tuple[str, int]]:
    """(fingerprint, n) for each finding, n counting from 1 among equal fingerprints."""
    seen: Counter[str] = Counter()
    result = []
    for finding in findings:
        print_ = fingerprint(finding, path)
        seen[print_] += 1
        result.append((print_, seen[print_]))
    return result


def unique_fingerprints(findings: Iterable[Finding]) -> list[str]:
    """One distinct string per finding: the fingerprint plus its occurrence number."""
    return [f"{print_}:{n}" for print_, n in occurrences(findings)]
