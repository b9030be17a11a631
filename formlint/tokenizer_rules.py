"""The tokenizer's special cases, added when a text first contains them.

spaCy's English tokenizer has 1,347 special cases ("can't" -> "ca" + "n't", "Jan.",
"o'clock"), and loading the model adds every one: a fifth of the model's load, 0.06 s,
which a cold run of one small file pays. A special case can only change the tokens of
a text that contains its string (the tokenizer looks them up by the text's own spans),
so a text is tokenized the same with only the special cases it contains. For the
models formlint ships with, the tokenizer is read without them; before each text is
tokenized the ones it contains are added, and all the rest at once when the texts
looked through reach ``LOOK_THROUGH_CHARACTERS`` (looking each string up costs about
0.75 ms a thousand characters, so beyond that adding them all costs less). tests/test_nlp.py checks
that the tokens and parses equal spaCy's own load.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

#: Once this many characters have been looked through, every remaining special case is
#: added (about 15 ms of looking, against 60 ms to add them all).
LOOK_THROUGH_CHARACTERS = 20_000


def read_tokenizer_without_special_cases(pipeline: Any) -> DeferredSpecialCases:
    """Fill ``pipeline``'s (empty) tokenizer from the model's ``tokenizer`` file, all but
    the special cases, which come back to be added when needed."""
    import srsly

    data = (Path(pipeline.path) / "tokenizer").read_bytes()
    pipeline.tokenizer.from_bytes(data, exclude=["vocab", "exceptions"])
    rules = srsly.msgpack_loads(data).get("exceptions") or {}
    return DeferredSpecialCases(dict(rules))


@dataclass
class DeferredSpecialCases:
    rules: dict[str, Any]
    pending: list[str] = field(default_factory=list)
    looked_through: int = 0  # characters of text searched for the pending strings

    def __post_init__(self) -> None:
        self.pending = sorted(self.rules)  # spaCy adds them in this order too

    def add_for(self, tokenizer: Any, texts: Iterable[str]) -> None:
        """Add the special cases ``texts`` contain (and have not been added)."""
        if not self.pending:
            return
        # Joined texts can only make a string appear that is in neither: one added too
        # many, which changes nothing.
        joined = "\n".join(texts)
        self.looked_through += len(joined)
        if self.looked_through >= LOOK_THROUGH_CHARACTERS:
            self.add_all(tokenizer)
            return
        found = [string for string in self.pending if string in joined]
        if found:
            for string in found:
                tokenizer.add_special_case(string, self.rules[string])
            chosen = set(found)
            self.pending = [s for s in self.pending if s not in chosen]

    def add_all(self, tokenizer: Any) -> None:
        for string in self.pending:
            tokenizer.add_special_case(string, self.rules[string])
        self.pending = []
