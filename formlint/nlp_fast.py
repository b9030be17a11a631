"""The attribute ruler and the lemmatizer of a spaCy pipeline, memoised per word.

In ``en_core_web_sm`` the ``attribute_ruler`` (the tag map: fine tag -> part of speech
and morphology, plus about a hundred word exceptions) and the ``lemmatizer`` cost as
much CPU as the tagger and parser together: the ruler runs a ``Matcher`` with 179
patterns over every token and the lemmatizer a Python loop. Yet for almost every
token their output depends only on the token's own text, fine tag and dependency
label. ``FastAttributes`` runs the real components once on each (word, tag, label) it
has not seen, records what they set, and replays that for every sentence from a table
in one array operation.

It is exact, not an approximation: a token's result is replayed only when every
pattern that could set it looks at that token alone. A sentence holding a token that
could start a multi-token pattern ("gon na", "expl + is") goes through the real
components, and a pipeline whose patterns use anything else than the token's own
text, tag, dependency or spacing is left as it is (``FastAttributes.build`` returns
None). tests/test_nlp_fast.py compares both paths token by token.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

# What a single-token pattern may look at for its result to be a function of the key
# (text, tag, dependency): IS_SPACE and LOWER follow from the text.
_TOKEN_ATTRS = frozenset({"ORTH", "LOWER", "TAG", "DEP", "IS_SPACE"})
_LIMIT = 200_000  # keys kept; the table is cleared when it grows past this
# Put between the tokens being learned: an invisible separator, tagged as spacing.
_SEPARATOR = "\u2063"


def _predicate(spec: Any) -> Callable[[Any], bool] | None:
    """A test of one attribute value, or None when the form is not understood."""
    if not isinstance(spec, dict):
        return lambda value: value == spec
    if len(spec) != 1:
        return None
    (op, arg), = spec.items()
    if op == "IN":
        allowed = set(arg)
        return lambda value: value in allowed
    if op == "NOT_IN":
        refused = set(arg)
        return lambda value: value not in refused
    if op == "REGEX":
        pattern = re.compile(arg)
        return lambda value: isinstance(value, str) and pattern.search(value) is not None
    return None


def _token_test(token_spec: dict[str, Any]) -> Callable[[dict[str, Any]], bool] | None:
    tests = []
    for attr, spec in token_spec.items():
        if attr not in _TOKEN_ATTRS:
            return None
        test = _predicate(spec)
        if test is None:
            return None
        tests.append((attr, test))
    return lambda values: all(test(values[attr]) for attr, test in tests)


class FastAttributes:
    """Replaces ``attribute_ruler`` + ``lemmatizer`` (in that order) in a pipeline."""

    def __init__(self, ruler: Any, lemmatizer: Any, starts: list[Callable[[dict[str, Any]], bool]]) -> None:
        from spacy.attrs import DEP, LEMMA, MORPH, ORTH, POS, TAG

        self.ruler = ruler
        self.lemmatizer = lemmatizer
        self.starts = starts  # tests for the first token of every multi-token pattern
        self.vocab = ruler.vocab
        self.key_attrs = [ORTH, TAG, DEP]
        self.out_attrs = [TAG, POS, MORPH, LEMMA, DEP]
        # key (orth, tag, dep) -> (tag, pos, morph, lemma, dep) after both components,
        # or None when the token could start a multi-token pattern.
        self.table: dict[tuple[int, int, int], tuple[int, ...] | None] = {}
        #: When a list, the keys learned since it was set, in order (a forked child sends
        #: them back without walking the whole table, whose pages it would then copy).
        self.recent: list[tuple[int, int, int]] | None = None

    @classmethod
    def build(cls, pipeline: Any) -> FastAttributes | None:
        names = pipeline.pipe_names
        if "attribute_ruler" not in names or "lemmatizer" not in names:
            return None
        if names.index("lemmatizer") != names.index("attribute_ruler") + 1 or names[-1] != "lemmatizer":
            return None  # another component in between or after would see half-set tokens
        ruler = pipeline.get_pipe("attribute_ruler")
        starts = []
        for entry in ruler.patterns:
            for pattern in entry["patterns"]:
                if not isinstance(pattern, list) or not pattern:
                    return None
                tests = [_token_test(token) for token in pattern]
                if any(test is None for test in tests):
                    return None
                if len(pattern) > 1:  # a sentence with a token that passes this goes the slow way
                    starts.append(tests[0])
        return cls(ruler, pipeline.get_pipe("lemmatizer"), starts)  # type: ignore[arg-type]

    def __call__(self, doc: Any) -> Any:
        import numpy

        keys = [tuple(row) for row in doc.to_array(self.key_attrs).tolist()]
        table = self.table
        missing = [key for key in dict.fromkeys(keys) if key not in table]
        if missing:
            self._learn(missing)
        rows = [table[key] for key in keys]
        if any(row is None for row in rows):  # a multi-token pattern may match: the real components
            self.ruler(doc)
            self.lemmatizer(doc)
        else:
            doc.from_array(self.out_attrs, numpy.array(rows, dtype="uint64"))
        return doc

    def _learn(self, keys: list[tuple[int, int, int]]) -> None:
        """Run the real components on the new keys, one token each, in a Doc of their own
        (separated by a token no pattern can match, so no multi-token pattern can form)."""
        import numpy
        from spacy.tokens import Doc

        strings = self.vocab.strings
        learn = []
        for key in keys:
            orth, tag, dep = (strings[value] for value in key)
            values = {"ORTH": orth, "LOWER": orth.lower(), "TAG": tag, "DEP": dep, "IS_SPACE": orth.isspace()}
            if any(test(values) for test in self.starts):
                self.table[key] = None
            else:
                learn.append(key)
            if self.recent is not None:
                self.recent.append(key)
        if not learn:
            return
        if len(self.table) > _LIMIT:
            self.table.clear()
        words: list[str] = []
        rows: list[tuple[int, int, int]] = []
        for key in learn:
            words += [strings[key[0]], _SEPARATOR]
            rows += [key, (strings.add(_SEPARATOR), strings.add("_SP"), 0)]
        mini = Doc(self.vocab, words=words)
        mini.from_array(self.key_attrs, numpy.array(rows, dtype="uint64"))
        self.ruler(mini)
        self.lemmatizer(mini)
        out = mini.to_array(self.out_attrs).tolist()
        for index, key in enumerate(learn):
            self.table[key] = tuple(out[2 * index])
