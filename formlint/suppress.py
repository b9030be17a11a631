"""Inline suppression comments, shared by the HTML and Markdown readers.

    <!-- formlint-disable -->                     every rule, until enabled again
    <!-- formlint-disable plain/shall, a11y -->   these rules or prefixes, until enabled
    <!-- formlint-enable plain/shall -->          ends an earlier disable
    <!-- formlint-disable-next-line plain -->     only the line after the comment
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from formlint.model import Suppression

DIRECTIVE = re.compile(
    r"^\s*formlint-(disable-next-line|disable|enable)\b(?P<rules>[^\n]*?)\s*$", re.IGNORECASE
)


def parse_rules(text: str) -> frozenset[str]:
    return frozenset(part for part in re.split(r"[\s,]+", text.strip()) if part)


@dataclass
class SuppressionCollector:
    """Turns directives met in source order into Suppression ranges."""

    _open: dict[frozenset[str], int] = field(default_factory=dict)
    done: list[Suppression] = field(default_factory=list)

    def comment(self, body: str, line: int, end_line: int | None = None) -> bool:
        """Feed the body of one comment found at ``line`` (ending at ``end_line``).

        Returns True when the comment was a formlint directive.
        """
        match = DIRECTIVE.match(body)
        if not match:
            return False
        verb = match.group(1).lower()
        rules = parse_rules(match.group("rules"))
        last = end_line or line
        if verb == "disable-next-line":
            self.done.append(Suppression(rules, start_line=last + 1, end_line=last + 1))
        elif verb == "disable":
            self._open.setdefault(rules, line)
        else:
            self._close(rules, line)
        return True

    def _close(self, rules: frozenset[str], line: int) -> None:
        if rules in self._open:
            self.done.append(Suppression(rules, self._open.pop(rules), line))
            return
        if not rules:  # a bare enable ends every open disable
            for opened, start in self._open.items():
                self.done.append(Suppression(opened, start, line))
            self._open.clear()
            return
        # "enable X" after "disable X, Y": keep Y disabled, end X.
        for opened, start in list(self._open.items()):
            if rules & opened:
                del self._open[opened]
                self.done.append(Suppression(opened, start, line))
                rest = opened - rules
                if rest:
                    self._open[rest] = line

    def finish(self) -> list[Suppression]:
        for rules, start in self._open.items():
            self.done.append(Suppression(rules, start, None))
        self._open.clear()
        return self.done
