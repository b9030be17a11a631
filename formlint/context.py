"""What a check may use besides the Document: settings, the NLP pipeline, stats."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from typing import Any, TypeVar

from formlint.config import Config
from formlint.nlp import Nlp


T = TypeVar("T")


@dataclass
class CheckContext:
    config: Config
    nlp: Nlp
    #: Per-document statistics that checks contribute (e.g. the readability grade);
    #: the engine copies them into the file's JSON ``stats``.
    stats: dict[str, Any] = field(default_factory=dict)
    #: Per-document results that several checks share (e.g. the burden pack's field
    #: classification), computed once by ``memo``.
    cache: dict[str, Any] = field(default_factory=dict)
    #: The first day on which the findings may differ although the file has not changed (a
    #: date the form prints has passed): the results cache holds them until then.
    valid_until: date | None = None

    def holds_until(self, day: date) -> None:
        """Say that this document's findings depend on the date, and change on ``day``."""
        if self.valid_until is None or day < self.valid_until:
            self.valid_until = day

    def memo(self, key: str, build: Callable[[], T]) -> T:
        """``build()`` once per document; later calls with the same key reuse the result."""
        if key not in self.cache:
            self.cache[key] = build()
        return self.cache[key]  # type: ignore[no-any-return]

    def accepted(self, phrase: str) -> bool:
        """Whether the user's vocabulary accepts this word or phrase."""
        lowered = phrase.lower().strip()
        return any(lowered == word.lower() for word in self.config.accept)
