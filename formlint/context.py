"""What a check may use besides the Document: settings, the NLP pipeline, stats."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from formlint.config import Config
from formlint.nlp import Nlp


@dataclass
class CheckContext:
    config: Config
    nlp: Nlp
    #: Per-document statistics that checks contribute (e.g. the readability grade);
    #: the engine copies them into the file's JSON ``stats``.
    stats: dict[str, Any] = field(default_factory=dict)

    def accepted(self, phrase: str) -> bool:
        """Whether the user's vocabulary accepts this word or phrase."""
        lowered = phrase.lower().strip()
        return any(lowered == word.lower() for word in self.config.accept)
