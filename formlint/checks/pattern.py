"""``pattern``: regular expressions with a suggestion each (trigger phrases).

Used where a phrase signals a problem whatever its grammar: "wet signature",
"must be notarized", "in person". Each pattern carries its own suggestion and may
carry its own severity.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from formlint.checks.base import Check, Param, register
from formlint.context import CheckContext
from formlint.model import Document, Finding, Severity
from formlint.text import sentence_at


@dataclass(frozen=True)
class Pattern:
    id: str
    regex: re.Pattern[str]
    suggestion: str
    severity: Severity | None


def _patterns(value: Any) -> list[Pattern]:
    if not isinstance(value, list) or not value:
        raise ValueError("must be a non-empty list of {id, regex, suggestion, severity}")
    result = []
    for index, item in enumerate(value):
        if not isinstance(item, dict) or "regex" not in item:
            raise ValueError(f"item {index} needs a 'regex'")
        unknown = set(item) - {"id", "regex", "suggestion", "severity", "flags"}
        if unknown:
            raise ValueError(f"item {index} has unknown key {sorted(unknown)[0]!r}")
        flags = re.IGNORECASE if "i" in str(item.get("flags", "i")) else 0
        try:
            regex = re.compile(str(item["regex"]), flags)
        except re.error as error:
            raise ValueError(f"item {index}: bad regex: {error}") from None
        severity = Severity.parse(item["severity"]) if item.get("severity") else None
        result.append(Pattern(str(item.get("id", index)), regex, str(item.get("suggestion", "")), severity))
    return result


@register
class PatternCheck(Check):
    kind = "pattern"
    params = {
        "patterns": Param(list, help="list of {id, regex, suggestion, severity, flags}", convert=_patterns),
    }

    def run(self, doc: Document, ctx: CheckContext) -> Iterator[Finding]:
        patterns: list[Pattern] = self.options["patterns"]
        for block in self.blocks(doc):
            text = block.text
            taken: list[tuple[int, int]] = []
            for pattern in patterns:
                for match in pattern.regex.finditer(text):
                    start, end = match.span()
                    if end <= start or any(s < end and start < e for s, e in taken):
                        continue  # one finding per stretch of text, from the first pattern
                    if ctx.accepted(match.group(0)):
                        continue
                    taken.append((start, end))
                    sentence = sentence_at(text, start)
                    yield self.span_finding(
                        block, start, end,
                        sentence=(sentence.start, sentence.end),
                        severity=pattern.severity,
                        suggestions=[pattern.suggestion] if pattern.suggestion else [],
                        fingerprint=f"{pattern.id}:{match.group(0).lower()}",
                    )
